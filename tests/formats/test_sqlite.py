"""The typed SQLite database (scripts/build/sqlite.py)."""
from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from scripts import registry
from scripts.build.sqlite import STRICT, glob_patterns, write_sqlite
from tests.formats.conftest import FILES, NAME, articles, pk_sorted, sha256, sqlite_value, write_twice


# -- SQLite --------------------------------------------------------------------------------


def test_sqlite_is_byte_reproducible(tables, context, tmp_path):
    a, b = write_twice(write_sqlite, tables, context, tmp_path, pause=1.1)
    assert a.name == FILES["sqlite"] == f"{NAME}.sqlite"
    assert sha256(a) == sha256(b)
    assert a.read_bytes()[16:18] == (4096).to_bytes(2, "big")  # the fixed page size


def test_sqlite_holds_every_row_of_every_table(any_package, tmp_path):
    package, tables, context = any_package
    path = write_sqlite(tables, context, tmp_path)[0]
    connection = sqlite3.connect(path)
    connection.row_factory = sqlite3.Row
    for name in registry.NAMES:
        schema = context.schema(name)
        expected = [{k: sqlite_value(v) for k, v in row.items()}
                    for row in pk_sorted(tables[name].to_pylist(), schema)]
        found = [dict(row) for row in connection.execute(f'SELECT * FROM "{name}"')]
        assert found == expected, name  # in primary-key order, as inserted
    assert [tuple(r) for r in connection.execute("PRAGMA integrity_check")] == [("ok",)]
    assert connection.execute("PRAGMA foreign_key_check").fetchall() == []


SQL_TYPES = {"string": "TEXT", "date": "TEXT", "integer": "INTEGER", "number": "REAL", "boolean": "INTEGER"}


def test_sqlite_declares_types_keys_and_indexes(written, context):
    connection = sqlite3.connect(written / FILES["sqlite"])
    strict = dict(connection.execute("SELECT name, strict FROM pragma_table_list WHERE type = 'table'"))
    for name in registry.NAMES:
        schema = context.schema(name)
        assert strict[name] == int(STRICT)
        info = {row[1]: row for row in connection.execute(f'PRAGMA table_info("{name}")')}
        assert list(info) == [f["name"] for f in schema["fields"]]
        for field in schema["fields"]:
            _, _, declared, notnull, _, pk = info[field["name"]]
            assert declared == SQL_TYPES[field["type"]]
            assert bool(notnull) == bool(field.get("constraints", {}).get("required")
                                         or field["name"] in schema["primaryKey"])
            assert pk == (schema["primaryKey"].index(field["name"]) + 1 if field["name"] in schema["primaryKey"] else 0)
        keys = {}
        for row in connection.execute(f'PRAGMA foreign_key_list("{name}")'):
            keys.setdefault(row[0], (row[2], []))[1].append((row[3], row[4]))
        assert sorted((table, pairs) for table, pairs in keys.values()) == sorted(
            (fk["reference"]["resource"], list(zip(fk["fields"], fk["reference"]["fields"])))
            for fk in schema.get("foreignKeys", []))
        indexed = [[c[2] for c in connection.execute(f'PRAGMA index_info("{index[1]}")')]
                   for index in connection.execute(f'PRAGMA index_list("{name}")')]
        for fk in schema.get("foreignKeys", []):
            assert any(columns[:len(fk["fields"])] == fk["fields"] for columns in indexed), (name, fk)


def test_sqlite_keeps_codes_dates_and_booleans_typed(written):
    connection = sqlite3.connect(written / FILES["sqlite"])
    row = connection.execute("SELECT cameo_code, typeof(cameo_code), date_latest, typeof(date_latest), "
                             "date(date_latest, '+1 day') FROM requests "
                             "WHERE request_id = 'request-maduro-putin-letter'").fetchone()
    assert row == ("0232", "text", "2025-10-31", "text", "2025-11-01")
    assert set(connection.execute("SELECT typeof(is_input), is_input FROM sources")) == {("integer", 0), ("integer", 1)}
    assert connection.execute("SELECT typeof(quantity) FROM equipment WHERE quantity IS NULL").fetchone() == ("null",)


BAD_CHANGES = [
    "UPDATE requests SET date_latest = '2025-02-30'",  # not a day (SQLite's date() alone passes it)
    "UPDATE requests SET date_latest = '2025-13-01'",
    "UPDATE requests SET date_latest = '31.10.2025'",  # not ISO 8601
    "UPDATE requests SET date_latest = '2025-10-31T12:00'",
    "UPDATE sources SET is_input = 2",
    "UPDATE requests SET channel = 'fax'",  # not an allowed value
    "UPDATE requests SET article_count = 0",  # below the minimum
    "UPDATE requests SET requester_country = 've'",  # pattern ^[A-Z]{2}$
    "UPDATE requests SET cameo_code = '02a2'",
    "UPDATE requests SET summary_en = NULL",  # required
    "INSERT INTO countries SELECT * FROM countries LIMIT 1",  # primary key
    "UPDATE countries SET alpha_3 = 'RUS'",  # unique
    "UPDATE requests SET requester_country = 'ZZ'",  # foreign key
]
if STRICT:
    BAD_CHANGES.append("UPDATE requests SET article_count = 'two'")


@pytest.mark.parametrize("change", BAD_CHANGES)
def test_sqlite_refuses_values_the_schema_forbids(written, tmp_path, change):
    path = Path(shutil.copy(written / FILES["sqlite"], tmp_path / "copy.sqlite"))
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("UPDATE requests SET date_latest = '2024-02-29'")  # a valid change passes
    with pytest.raises(sqlite3.IntegrityError):
        connection.execute(change)


def test_glob_patterns_translate_only_simple_patterns():
    assert glob_patterns("^[A-Z]{2}$") == ["[A-Z][A-Z]"]
    assert glob_patterns("^[0-9]{2,3}$") == ["[0-9][0-9]", "[0-9][0-9][0-9]"]
    assert glob_patterns("^Q[1-9][0-9]*$") is None
    assert glob_patterns("^[a-z0-9]+(-[a-z0-9]+)*$") is None


def test_sqlite_views_join_requests_with_countries_items_and_quotes(any_package, tmp_path):
    package, tables, context = any_package
    connection = sqlite3.connect(write_sqlite(tables, context, tmp_path)[0])
    connection.row_factory = sqlite3.Row
    names = {c["alpha_2"]: c["name_en"] for c in tables["countries"].to_pylist()}
    items = tables["equipment"].to_pylist()
    expected = []
    for request in sorted(tables["requests"].to_pylist(), key=lambda r: r["request_id"]):
        own = sorted((i for i in items if i["request_id"] == request["request_id"]), key=lambda i: i["item_id"])
        for item in own or [None]:
            expected.append((request["request_id"], names[request["requester_country"]],
                             names.get(request["addressee_country"]), item and item["item_id"],
                             item and item["description_en"]))
    found = [(r["request_id"], r["requester_country_name_en"], r["addressee_country_name_en"],
              r["item_id"], r["item_description_en"]) for r in connection.execute("SELECT * FROM request_items")]
    assert found == expected
    texts = articles(package, tables)
    item_request = {i["item_id"]: i["request_id"] for i in items}
    quotes = [(e["request_id"] or item_request[e["item_id"]], e["evidence_id"])
              for e in tables["evidence"].to_pylist()
              if e["request_id"] or (e["item_id"] and item_request[e["item_id"]])]
    rows = list(connection.execute("SELECT * FROM request_evidence"))
    assert sorted((r["request_id"], r["evidence_id"]) for r in rows) == sorted(quotes)
    for row in rows:
        assert texts[row["source_id"]][row["start"]:row["end"]] == row["quote"]


def test_sqlite_describes_itself(written, context):
    connection = sqlite3.connect(written / FILES["sqlite"])
    columns = {(t, c): (kind, description) for t, c, kind, description in
               connection.execute("SELECT table_name, column_name, type, description FROM _columns")}
    values = set(connection.execute("SELECT table_name, column_name, value, label FROM _values"))
    described = dict(connection.execute("SELECT name, description FROM _tables"))
    objects = {row[0] for row in connection.execute(
        "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    assert set(described) == objects
    for name in registry.NAMES:
        schema = context.schema(name)
        assert described[name] == schema["description"]
        for field in schema["fields"]:
            assert columns[(name, field["name"])] == (field["type"], field["description"])
            for category in field.get("categories", []):
                assert (name, field["name"], category["value"], category["label"]) in values
    assert len(columns) == sum(len(context.schema(n)["fields"]) for n in registry.NAMES)
