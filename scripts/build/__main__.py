"""`python -m scripts.build` (what `make` runs): build, validate and publish datapackage/.

The command line never shows a traceback. Bad input is a list of problems (file, line,
record, fix); a package that does not validate is a list of findings; a file system that
refuses to be written (a full disk, a file-size limit, a read-only directory) is one line
naming the path and the system's reason. Anything else is a bug in the build: one line
naming the stage and, when it can be told, the input file being worked on, and the
traceback only with BUILD_DEBUG=1. Tests call scripts.build.build() directly and see the
real exceptions.
"""
import errno
import os
import sys
import time
import traceback
from pathlib import Path

# Arrow's own allocator (mimalloc) keeps freed memory for reuse, which raised a large
# build's peak memory by about a third (BENCHMARKS.md). Arrow reads this
# setting once, when it is first imported, so it is set here, before the build imports
# pyarrow; a value set by the caller wins.
os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")

BUG = "this is a bug in the build — please report it with the file named"
# What to do about the file system errors a build can meet while writing.
OS_FIXES = {
    errno.ENOSPC: "free some disk space",
    errno.EDQUOT: "free some space within your disk quota",
    errno.EFBIG: "raise the file-size limit (ulimit -f) or free space",
    errno.EROFS: "build in a writable checkout (the file system is read-only)",
    errno.EACCES: "make the repository directory and datapackage/ writable for you",
    errno.EPERM: "make the repository directory and datapackage/ writable for you",
    errno.EMFILE: "raise the limit of open files (ulimit -n)",
}
# Where a failure happened, by the module of the innermost frame of the build's code (when
# the stage's own name, as scripts/build/run.py times it, is not on the stack).
MODULE_STAGES = {
    "read": "read", "columns": "read", "yamlio": "read", "inputs": "read", "characters": "read",
    "resolve": "read + resolve", "scope": "read + resolve", "across": "read + resolve",
    "quotes": "read + resolve", "body": "read + resolve", "dates": "read + resolve",
    "countries": "read + resolve", "mentions": "read + resolve", "write": "write",
    "package": "write metadata", "figures": "draw figures", "validate": "validate",
    "arrowcheck": "validate", "publish": "publish",
}


CODE = Path(__file__).resolve().parents[1]  # scripts/


def _frames(exc: BaseException):
    """(frame, file) of the build's own code (scripts/) in the traceback, innermost first."""
    found = []
    for frame, _ in traceback.walk_tb(exc.__traceback__):
        file = Path(frame.f_code.co_filename)
        if file.is_relative_to(CODE):
            found.append((frame, file))
    return found[::-1]


def failed_stage(exc: BaseException) -> str:
    """The build stage that raised exc: the name scripts/build/run.py times it under, else
    a name from the module of the innermost frame of the build's code."""
    frames = _frames(exc)
    for frame, file in frames:
        name = frame.f_locals.get("name")
        if file.name == "run.py" and frame.f_code.co_name == "run" and isinstance(name, str):
            return name
    for frame, file in frames:
        if file.name == "run.py" and frame.f_code.co_name == "publish":
            return "publish"
        for part in (file.parent.name, file.stem):
            if part in MODULE_STAGES:
                return MODULE_STAGES[part]
    return "start-up" if not frames else "build"


def input_file(exc: BaseException, root: Path) -> str | None:
    """The input file (and line, record) being worked on when exc was raised, if a frame of
    the build's code holds one: a curation record, an article, or a path in the repository."""
    def relative(path) -> str | None:
        try:
            return Path(path).resolve().relative_to(root.resolve()).as_posix()
        except (ValueError, OSError, TypeError):
            return None

    for frame, _ in _frames(exc):
        names = frame.f_locals
        record = names.get("record")
        if hasattr(record, "file") and hasattr(record, "line") and record.file:
            where = relative(record.file)
            if where:
                record_id = record.get("id") if isinstance(record, dict) else None
                return f"{where}:{record.line}" + (f" [{record_id}]" if isinstance(record_id, str) else "")
        for name in ("article", "text_path", "yaml_path", "path"):
            value = names.get(name)
            value = getattr(value, "text_path", value)
            if isinstance(value, (str, Path)) and (where := relative(value)):
                return where
    filename = getattr(exc, "filename", None)
    return relative(filename) if filename else None


def written_path(exc: OSError, root: Path) -> str:
    """The path an OSError is about: its own, else the file a frame of the build was writing."""
    for candidate in (exc.filename, exc.filename2):
        if candidate:
            try:
                return Path(candidate).resolve().relative_to(root.resolve()).as_posix()
            except ValueError:
                return str(candidate)
    return input_file(exc, root) or "(a file of the new package)"


def report_os_error(exc: OSError, root: Path) -> None:
    code = errno.errorcode.get(exc.errno, "?") if exc.errno else "?"
    reason = exc.strerror or str(exc)
    kept = (root / "datapackage" / "datapackage.json").exists()
    print(f"Build failed: {written_path(exc, root)}: {reason} ({code}). "
          f"Fix: {OS_FIXES.get(exc.errno, 'check the disk and the permissions of the repository')}; "
          + ("datapackage/ was not changed." if kept else "then run make again."), file=sys.stderr)


def mistyped_table(exc: BaseException) -> str | None:
    """The table whose rows did not fit the Arrow types of its schema when they were batched
    (scripts/build/resolve.py, batch()): a field's type in the schema edited to one its
    values do not have. "" when it is a computed table of resolve(); None for anything else."""
    if not type(exc).__module__.startswith("pyarrow") or not isinstance(exc, (TypeError, ValueError)):
        return None
    frames = _frames(exc)
    for frame, _ in frames:
        if frame.f_code.co_name == "batch" and isinstance(frame.f_locals.get("table"), str):
            return frame.f_locals["table"]
    if frames and frames[0][1].name == "resolve.py":  # a computed table made in resolve()
        return ""
    return None


def report_bug(exc: BaseException, root: Path) -> None:
    where = input_file(exc, root)
    message = " ".join(str(exc).split())
    message = message if len(message) <= 300 else message[:297] + "..."
    table = mistyped_table(exc)
    if table is not None:
        where = f"schemas/{table}.json: a value of table {table}" if table else "a value of a table"
        print(f"Build failed: {where} does not have the type the schema gives its column "
              f"({type(exc).__name__}: {message}). Fix: give each field in schemas/ the type of "
              "its values (string, integer, number, boolean, date); datapackage/ was not changed.",
              file=sys.stderr)
        return
    print(f"Build failed in stage {failed_stage(exc)}" + (f" ({where})" if where else "")
          + f": {type(exc).__name__}: {message}; {BUG}", file=sys.stderr)
    if os.environ.get("BUILD_DEBUG") == "1":
        traceback.print_exception(exc, file=sys.stderr)
    else:
        print("  (run with BUILD_DEBUG=1 to see the traceback)", file=sys.stderr)


def main() -> int:
    root = Path.cwd()
    started = time.perf_counter()
    try:
        from scripts.build.run import ValidationFailed, build, summary
        from scripts.errors import BuildError
    except Exception as exc:  # noqa: BLE001 - a broken installation, said in one line
        report_bug(exc, root)
        return 1
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
    except OSError as exc:  # the file system refused: full, size limit, read-only, ...
        report_os_error(exc, root)
        if os.environ.get("BUILD_DEBUG") == "1":
            traceback.print_exception(exc, file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - the last resort: one line, not a traceback
        report_bug(exc, root)
        return 1
    print(summary(result, Path("datapackage"), time.perf_counter() - started))
    return 0


if __name__ == "__main__":
    sys.exit(main())
