"""`python -m scripts.build` (what `make` runs): build, validate and publish datapackage/."""
import os
import sys
import time
from pathlib import Path

# Arrow's own allocator (mimalloc) keeps freed memory for reuse, which raised a large
# build's peak memory by about a third (BENCHMARKS.md). Arrow reads this
# setting once, when it is first imported, so it is set here, before the build imports
# pyarrow; a value set by the caller wins.
os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")

from scripts.build.run import ValidationFailed, build, summary  # noqa: E402
from scripts.errors import BuildError  # noqa: E402


def main() -> int:
    root = Path.cwd()
    started = time.perf_counter()
    try:
        result = build(root)
    except BuildError as exc:
        print(f"Build failed: {len(exc.problems)} problem(s) in the inputs; datapackage/ was not "
              "changed.", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    except ValidationFailed as exc:
        print("Build failed: the new package did not validate; datapackage/ was not changed.",
              file=sys.stderr)
        print(exc, file=sys.stderr)
        return 1
    print(summary(result, Path("datapackage"), time.perf_counter() - started))
    return 0


if __name__ == "__main__":
    sys.exit(main())
