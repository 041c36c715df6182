"""Large corpora keep their tables on disk, as Arrow IPC files read through memory maps.

Held in memory, the tables of 100,000 articles take several gigabytes at once, and every
process forked from the build starts with all of them (BENCHMARKS.md). Spilled, each
worker writes its run of articles' rows to a file instead of sending them back; the merge
maps those files, orders each table and writes it to a file of its own a chunk at a time;
and every later stage maps a table when it asks for it and lets it go when done, so what a
stage holds is what it reads, not the whole package. The values are the same either way,
so the package is byte for byte the same (a test builds a corpus both ways).

A table read from a Spill is mapped anew at each `spill.tables()[name]`: keep it only as
long as it is needed. The files live in a temporary directory that is removed when the
Spill is no longer referenced (or when the build's process ends).
"""
from __future__ import annotations

import os
import tempfile
import weakref
from collections.abc import Iterator, Mapping
from pathlib import Path

import pyarrow as pa

from scripts import schemas
from scripts.build.across import in_key_order

# Corpora of at least this many articles spill (SPILL=1 or 0 in the environment decides for
# any size; the tests set it): below, the tables are small and memory is the quicker place.
SPILL_ARTICLES = 2_000
PREFIX = "datapackage-spill-"  # then the building process's id
CHUNK_ROWS = 65_536  # rows taken, in order, at a time when a table is ordered and written


def wanted(articles: int, environment: dict) -> bool:
    decided = environment.get("SPILL")
    return decided == "1" if decided in ("0", "1") else articles >= SPILL_ARTICLES


def write(path: Path, table: pa.Table | pa.RecordBatch) -> Path:
    with pa.OSFile(str(path), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
        writer.write(table)
    return path


def read(path: Path) -> pa.Table:
    """The table in an IPC file, its buffers in a memory map of the file (no copy)."""
    with pa.memory_map(str(path)) as source:
        return pa.ipc.open_file(source).read_all()


class Spill:
    """A temporary directory of IPC files: runs/ from the workers, tables/ once ordered."""

    def __init__(self):
        remove_abandoned()
        self.directory = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-"))
        (self.directory / "runs").mkdir()
        (self.directory / "tables").mkdir()
        self._remove = weakref.finalize(self, _remove, self.directory)

    def write_run(self, rows: dict[str, pa.RecordBatch]) -> dict[str, Path]:
        """A worker's rows of a run of articles, one file per table; where they are."""
        handle, name = tempfile.mkstemp(dir=self.directory / "runs")  # a name no other worker takes
        os.close(handle)
        return {table: write(Path(f"{name}-{table}.arrow"), batch) for table, batch in rows.items()}

    def write_ordered(self, name: str, table: pa.Table, schema: dict) -> None:
        """The table with the schema's columns (those it has: the counts come later), sorted
        by its primary key (as Table.sort_by sorts), written a chunk at a time so the sorted
        copy is never whole in memory. A table written again replaces the file by renaming,
        so what still maps the old one reads it unchanged."""
        table = table.select([field for field in schemas.field_names(schema) if field in table.column_names])
        path = self.directory / "tables" / f"{name}.arrow"
        partial = path.with_suffix(".partial")
        with pa.OSFile(str(partial), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
            for chunk in in_key_order(table, schema, CHUNK_ROWS):
                writer.write_table(chunk)
            if not table.num_rows:
                writer.write_table(table)
        os.replace(partial, path)

    def tables(self) -> SpilledTables:
        """The ordered tables; the workers' files are removed (what still maps them keeps
        their pages until it lets go)."""
        _remove(self.directory / "runs")
        return SpilledTables(self)


def remove_abandoned() -> None:
    """Remove what builds killed before they could clean up left behind: the spill
    directories of processes that no longer run (a process id in use is left alone)."""
    for directory in Path(tempfile.gettempdir()).glob(f"{PREFIX}*-*"):
        pid = directory.name[len(PREFIX):].split("-", 1)[0]
        if pid.isdigit() and not _running(int(pid)):
            _remove(directory)


def remove_own() -> None:
    """Remove this process's spill directories (for a process about to leave by os._exit,
    which runs no finalizers)."""
    for directory in Path(tempfile.gettempdir()).glob(f"{PREFIX}{os.getpid()}-*"):
        _remove(directory)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process
        return True
    return True


def _remove(directory: Path) -> None:
    import shutil

    shutil.rmtree(directory, ignore_errors=True)


class SpilledTables(Mapping):
    """The ordered tables of a Spill by name, each mapped from its file when asked for."""

    def __init__(self, spill: Spill):
        self.spill = spill  # keeps the directory while the tables may be read

    def __getitem__(self, name: str) -> pa.Table:
        path = self.spill.directory / "tables" / f"{name}.arrow"
        if "/" in name or not path.exists():
            raise KeyError(name)
        return read(path)

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(path.stem for path in (self.spill.directory / "tables").glob("*.arrow")))

    def __len__(self) -> int:
        return len(list(iter(self)))


__all__ = ["Spill", "SpilledTables", "read", "wanted"]
