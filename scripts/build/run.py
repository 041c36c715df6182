"""The build: read → resolve → write → validate → publish.

The package is written into a temporary directory beside datapackage/ and swapped in
only after it validates, so a failed build never leaves a half-written or stale-but-
plausible package: the previous one stays exactly as it was. A build interrupted at any
moment, even by SIGKILL, leaves the previous or the new complete package, and the next
build removes what it left behind (scripts/build/publish.py).
"""
from __future__ import annotations

import contextlib
import json
import ctypes
import ctypes.util
import multiprocessing
import os
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from scripts import parallel, registry, schemas
from scripts.build import publish as publishing
from scripts.build.figures import write_cached_figures
from scripts.build.ndjson import write_ndjson
from scripts.build.package import write_metadata
from scripts.build.resolve import resolve
from scripts.build.spreadsheet import write_spreadsheet
from scripts.build.sqlite import write_sqlite
from scripts.build.validate import check_parquet, check_quotes, check_tables
from scripts.build.write import release_metadata, write_csv, write_parquet
from scripts.context import Context


class ValidationFailed(Exception):
    pass


FORMATS = (("csv", write_csv), ("parquet", write_parquet))
# Whole-package files for consumers whose tools mistype CSV: a typed SQLite database and
# nested JSON of the requests (the spreadsheet is written in a second process: see _build).
CONSUMER_FORMATS = (("sqlite", write_sqlite), ("ndjson", write_ndjson))


def write_tables(tables: dict[str, pa.Table], schemas_dir: Path, out: Path,
                 formats=None) -> None:
    """Each table in each format, from the same in-memory rows: out/<format>/<table>.<format>;
    each writer also gets the package's name, version and licence (schemas/package.json)."""
    release = release_metadata(json.loads((schemas_dir / "package.json").read_text(encoding="utf-8")))
    for extension, writer in formats or FORMATS:
        (out / extension).mkdir(parents=True, exist_ok=True)
        for table in registry.NAMES:
            writer(tables[table], schemas.load(schemas_dir, table),
                   out / extension / f"{table}.{extension}", release)


# The fault-injection hook (BUILD_FAULT=<point>[:kill|interrupt|ctrl-c], read once): a
# no-op unless the interrupt tests set it. Points, in order: resolved, staging, written,
# validating (the second process running), validated, between-renames (only without
# renameat2), published, done.
checkpoint = publishing.checkpoint
publish = publishing.publish


@dataclass
class Result:
    tables: dict[str, pa.Table]
    warnings: list[str]
    seconds: dict[str, float] = field(default_factory=dict)  # wall time per stage, in order
    # CPU time of the steps inside "read + resolve", summed over all cores (see tables.resolve)
    cpu_seconds: dict[str, float] = field(default_factory=dict)
    # articles taken from .cache/ and resolved (scripts/build/resolve.py, Resolved.cache)
    cache: dict[str, int] = field(default_factory=dict)


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


def _send_result(connection, parent: int, function, args) -> None:
    parallel.die_with_parent(parent)
    try:
        outcome = (True, function(*args), None)
    except Exception as exc:  # noqa: BLE001 - raised again in the parent
        outcome = (False, exc, traceback.format_exc())
    try:
        connection.send(outcome)
    except Exception:  # noqa: BLE001 - an exception that cannot be pickled
        connection.send((False, RuntimeError(repr(outcome[1])), outcome[2]))


@contextlib.contextmanager
def in_second_process(function, *args):
    """Start function(*args) in a forked process; yield a callable that waits for its result
    (or raises its exception). The process dies with this one (even by SIGKILL), and
    leaving the block by an exception (Ctrl-C included) kills it.
    Without fork (not on Linux) the function runs when its result is asked for."""
    if "fork" not in multiprocessing.get_all_start_methods():
        yield lambda: function(*args)
        return
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_send_result, args=(sender, os.getpid(), function, args),
                              daemon=True)
    process.start()
    sender.close()
    received = False

    def result():
        nonlocal received
        try:
            ok, value, remote_traceback = receiver.recv()
        except EOFError:
            process.join()
            raise RuntimeError(f"the second process of the build ended without a result "
                               f"(exit code {process.exitcode})") from None
        received = True
        if not ok:
            value.add_note(f"In the second process of the build:\n{remote_traceback}")
            raise value
        return value

    try:
        yield result
    finally:
        if not received:  # left early (an exception, Ctrl-C): its work is not wanted
            process.kill()
        process.join()
        receiver.close()


def build(root: Path, target: Path | None = None) -> Result:
    """Build and publish the package; raise BuildError / ValidationFailed and publish nothing."""
    target = target or root / "datapackage"
    give_back_freed_memory()
    # One build at a time beside target: what an interrupted build left is put back or
    # removed first, and no other build's staging directory is ever taken for a leftover.
    with publishing.locked(target.parent) as exclusive:
        if exclusive:
            for message in publishing.recover(target):
                print(message, file=sys.stderr)
        result = _build(root, target)
    checkpoint("done")
    return result


def _build(root: Path, target: Path) -> Result:
    stages = Stages()
    context = Context(root)
    resolved = stages.run("read + resolve", resolve, context)
    checkpoint("resolved")
    tables, warnings = resolved.tables, resolved.warnings
    staging = Path(tempfile.mkdtemp(prefix=publishing.STAGING_PREFIX, dir=target.parent))
    try:
        checkpoint("staging")
        for extension, writer in FORMATS:
            stages.run(f"write {extension}", write_tables, tables, root / "schemas", staging,
                       [(extension, writer)])
        stages.run("write metadata", write_metadata, tables, root / "schemas", staging)
        # The spreadsheet is the slowest file of a large package (a Python call per cell)
        # and nothing reads it before publishing: it is written beside everything else.
        with in_second_process(write_spreadsheet, tables, context, staging) as spreadsheet:
            for label, writer in CONSUMER_FORMATS:
                stages.run(f"write {label}", writer, tables, context, staging)
            checkpoint("written")
            # The Table Schema check reads only the CSV and the descriptor, and takes about as
            # long as the figures and the other checks together: it runs beside them, its
            # resources shared between two processes where there are two cores.
            shares = 2 if parallel.workers() >= 2 else 1
            with in_second_process(check_tables, staging, (0, shares)) as first_share, \
                    in_second_process(check_tables, staging, (1, shares)) if shares == 2 \
                    else contextlib.nullcontext(list) as second_share:
                checkpoint("validating")
                stages.run("draw figures", write_cached_figures, tables, staging / "figures",
                           root / ".cache")
                problems = stages.run("validate", lambda: check_parquet(staging) + check_quotes(
                    staging, root / "articles") + first_share() + second_share())
            stages.run("write xlsx (beside the rest; waiting)", spreadsheet)
        if problems:
            raise ValidationFailed("\n".join(problems))
        checkpoint("validated")
        staging.chmod(0o755)
        publish(staging, target)
    finally:
        if staging.exists():
            publishing.discard(staging)
    return Result(tables, warnings, stages.seconds, resolved.seconds, resolved.cache)


def summary(result: Result, target: Path, seconds: float) -> str:
    """What `make` prints on success: where, how long, per stage, per table, warnings."""
    lines = [f"Built and validated {target}/ in {seconds:.1f} s "
             "(Table Schemas incl. foreign keys; Parquet = CSV; quotes = article text)",
             "  stages: " + ", ".join(f"{name} {s:.2f} s" for name, s in result.seconds.items()),
             "  rows:   " + ", ".join(f"{t} {len(result.tables[t])}" for t in registry.NAMES),
             f"  articles: {result.cache.get('misses', 0)} resolved, "
             f"{result.cache.get('hits', 0)} taken from .cache/ unchanged",
             f"  warnings: {len(result.warnings)}"]
    lines += [f"    {warning}" for warning in result.warnings]
    return "\n".join(lines)
