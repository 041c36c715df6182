"""The build: read → resolve → write → validate → publish. `python -m scripts.build`.

The package is written into a temporary directory beside datapackage/ and swapped in
only after it validates, so a failed build never leaves a half-written or stale-but-
plausible package: the previous one stays exactly as it was.
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from . import schemas
from .curation import read_curation
from .errors import BuildError
from .package import write_metadata
from .tables import resolve
from .validate import validate_package
from .write import write_csv, write_parquet


class ValidationFailed(Exception):
    pass


FORMATS = (("csv", write_csv), ("parquet", write_parquet))


def write_tables(tables: dict[str, list[dict]], schemas_dir: Path, out: Path,
                 formats=None) -> None:
    """Each table in each format, from the same in-memory rows: out/<format>/<table>.<format>."""
    for extension, writer in formats or FORMATS:
        (out / extension).mkdir(parents=True, exist_ok=True)
        for table in schemas.TABLES:
            writer(tables[table], schemas.load(schemas_dir, table), out / extension / f"{table}.{extension}")


def publish(staging: Path, target: Path) -> None:
    """Replace target by staging with two renames on one file system."""
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=".datapackage-old-", dir=target.parent))
        os.rename(target, old / "datapackage")
    os.rename(staging, target)
    if old:
        shutil.rmtree(old)


def build(root: Path, target: Path | None = None) -> tuple[dict[str, list[dict]], list[str]]:
    """Build and publish the package; raise BuildError / ValidationFailed and publish nothing.

    Returns the tables and the warnings for the curator."""
    target = target or root / "datapackage"
    tables, warnings = resolve(read_curation(root), root)
    staging = Path(tempfile.mkdtemp(prefix=".datapackage-new-", dir=target.parent))
    try:
        write_tables(tables, root / "schemas", staging)
        write_metadata(tables, root / "schemas", staging)
        problems = validate_package(staging, root)
        if problems:
            raise ValidationFailed("\n".join(problems))
        staging.chmod(0o755)
        publish(staging, target)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return tables, warnings


def main() -> int:
    root = Path.cwd()
    started = time.perf_counter()
    try:
        tables, warnings = build(root)
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
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    rows = ", ".join(f"{table} {len(tables[table])}" for table in schemas.TABLES)
    print(f"datapackage/ built and valid in {time.perf_counter() - started:.1f} s: {rows} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
