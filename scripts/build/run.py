"""The build: read → resolve → write → validate → publish.

The package is written into a temporary directory beside datapackage/ and swapped in
only after it validates, so a failed build never leaves a half-written or stale-but-
plausible package: the previous one stays exactly as it was.
"""
from __future__ import annotations

import concurrent.futures
import contextlib
import ctypes
import ctypes.util
import multiprocessing
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from scripts import registry, schemas
from scripts.build.figures import write_figures
from scripts.build.package import write_metadata
from scripts.build.resolve import resolve
from scripts.context import Context
from scripts.build.validate import check_parquet, check_quotes, check_tables
from scripts.build.write import write_csv, write_parquet


class ValidationFailed(Exception):
    pass


FORMATS = (("csv", write_csv), ("parquet", write_parquet))


def write_tables(tables: dict[str, pa.Table], schemas_dir: Path, out: Path,
                 formats=None) -> None:
    """Each table in each format, from the same in-memory rows: out/<format>/<table>.<format>."""
    for extension, writer in formats or FORMATS:
        (out / extension).mkdir(parents=True, exist_ok=True)
        for table in registry.NAMES:
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


@dataclass
class Result:
    tables: dict[str, pa.Table]
    warnings: list[str]
    seconds: dict[str, float] = field(default_factory=dict)  # wall time per stage, in order
    # CPU time of the steps inside "read + resolve", summed over all cores (see tables.resolve)
    cpu_seconds: dict[str, float] = field(default_factory=dict)


def give_back_freed_memory() -> None:
    """Make glibc give freed memory back to the system instead of keeping it.

    A large build allocates and frees much: record batches from the workers, sorted copies,
    hash tables. glibc raises its threshold for giving a large block its own mapping each
    time such a block is freed, after which large blocks come from the heap and stay with
    the process when freed. Fixing the thresholds at their defaults (128 KiB) keeps the
    peak of a large build low (BENCHMARKS.md). Elsewhere than glibc
    nothing changes. (Arrow's allocator is set in scripts/__init__.py.)
    """
    try:
        mallopt = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").mallopt
    except (OSError, AttributeError):
        return
    m_trim_threshold, m_mmap_threshold = -1, -3
    mallopt(m_mmap_threshold, 128 * 1024)
    mallopt(m_trim_threshold, 128 * 1024)


class Stages:
    """Times each stage of one build, in the order they run."""

    def __init__(self):
        self.seconds: dict[str, float] = {}

    def run(self, name: str, function, *args):
        started = time.perf_counter()
        result = function(*args)
        self.seconds[name] = time.perf_counter() - started
        return result


@contextlib.contextmanager
def in_second_process(function, *args):
    """Start function(*args) in a forked process; yield a callable that waits for its result.
    Without fork (not on Linux) the function runs when its result is asked for."""
    if "fork" not in multiprocessing.get_all_start_methods():
        yield lambda: function(*args)
        return
    with concurrent.futures.ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
        yield pool.submit(function, *args).result


def build(root: Path, target: Path | None = None) -> Result:
    """Build and publish the package; raise BuildError / ValidationFailed and publish nothing."""
    target = target or root / "datapackage"
    give_back_freed_memory()
    stages = Stages()
    resolved = stages.run("read + resolve", resolve, Context(root))
    tables, warnings = resolved.tables, resolved.warnings
    staging = Path(tempfile.mkdtemp(prefix=".datapackage-new-", dir=target.parent))
    try:
        for extension, writer in FORMATS:
            stages.run(f"write {extension}", write_tables, tables, root / "schemas", staging,
                       [(extension, writer)])
        stages.run("write metadata", write_metadata, tables, root / "schemas", staging)
        # The Table Schema check reads only the files written so far, and takes about as
        # long as the figures and the other checks together: it runs beside them.
        with in_second_process(check_tables, staging) as table_problems:
            stages.run("draw figures", write_figures, tables, staging / "figures")
            problems = stages.run("validate", lambda: check_parquet(staging) + check_quotes(
                staging, root / "articles") + table_problems())
        if problems:
            raise ValidationFailed("\n".join(problems))
        staging.chmod(0o755)
        publish(staging, target)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return Result(tables, warnings, stages.seconds, resolved.seconds)


def summary(result: Result, target: Path, seconds: float) -> str:
    """What `make` prints on success: where, how long, per stage, per table, warnings."""
    lines = [f"Built and validated {target}/ in {seconds:.1f} s "
             "(Table Schemas incl. foreign keys; Parquet = CSV; quotes = article text)",
             "  stages: " + ", ".join(f"{name} {s:.2f} s" for name, s in result.seconds.items()),
             "  rows:   " + ", ".join(f"{t} {len(result.tables[t])}" for t in registry.NAMES),
             f"  warnings: {len(result.warnings)}"]
    lines += [f"    {warning}" for warning in result.warnings]
    return "\n".join(lines)
