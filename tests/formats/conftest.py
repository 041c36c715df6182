"""Shared by the tests of the consumer formats (SQLite, spreadsheet, NDJSON, typed CSV read calls).

The writers are called directly on the tables read back from a package's Parquet files
(the committed package, and one grown by the test corpus where the check holds for any
corpus), and what they write is compared with those tables and with the article texts.
"""

import datetime as dt
import hashlib
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from scripts import registry
from scripts.build import recipes
from scripts.build.ndjson import write_ndjson
from scripts.build.spreadsheet import write_spreadsheet
from scripts.build.sqlite import write_sqlite
from scripts.context import Context
from tests.conftest import ROOT

NAME = recipes.package_name(ROOT / "schemas")
FILES = recipes.consumer_files(NAME)


def read_tables(package: Path) -> dict[str, pa.Table]:
    return {name: pq.read_table(package / "parquet" / f"{name}.parquet") for name in registry.NAMES}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def pk_sorted(rows: list[dict], schema: dict) -> list[dict]:
    return sorted(rows, key=lambda row: tuple(row[k] for k in schema["primaryKey"]))


def articles(package: Path, tables) -> dict[str, str]:
    sources = tables["sources"].filter(tables["sources"]["is_input"]).column("source_id").to_pylist()
    return {s: (package.parent / "articles" / f"{s}.txt").read_text(encoding="utf-8") for s in sources}


@pytest.fixture(scope="module")
def context() -> Context:
    return Context(ROOT)


@pytest.fixture(scope="module")
def tables() -> dict[str, pa.Table]:
    return read_tables(ROOT / "datapackage")


@pytest.fixture(scope="module")
def written(tmp_path_factory, tables, context) -> Path:
    """The three files written once from the committed package's tables."""
    out = tmp_path_factory.mktemp("formats")
    for writer in (write_sqlite, write_spreadsheet, write_ndjson):
        assert all(path.parent == out for path in writer(tables, context, out))
    return out


@pytest.fixture
def any_package(package) -> tuple[Path, dict[str, pa.Table], Context]:
    """A package (committed or grown), its tables and the context of its repository."""
    return package, read_tables(package), Context(package.parent)


def write_twice(writer, tables, context, tmp_path: Path, pause: float = 0.0) -> tuple[Path, Path]:
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir(), second.mkdir()
    a = writer(tables, context, first)[0]
    time.sleep(pause)  # past a clock second, so a timestamp written anywhere would show
    b = writer(tables, context, second)[0]
    assert sorted(p.name for p in first.iterdir()) == [a.name]  # no temporary or journal file left
    return a, b


def sqlite_value(value):
    return value.isoformat() if isinstance(value, dt.date) else int(value) if isinstance(value, bool) else value
