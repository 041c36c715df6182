"""The consumer formats: SQLite, spreadsheet, NDJSON, and the typed CSV read calls.

The writers are called directly on the tables read back from a package's Parquet files
(the committed package, and one grown by the test corpus where the check holds for any
corpus), and what they write is compared with those tables and with the article texts.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import sqlite3
import time
import zipfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from scripts import registry
from scripts.build import recipes
from scripts.build.ndjson import write_ndjson
from scripts.build.package import data_dictionary, descriptor
from scripts.build.spreadsheet import WIDTH, write_spreadsheet
from scripts.build.sqlite import STRICT, glob_patterns, write_sqlite
from scripts.build.write import write_csv
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


# -- SQLite --------------------------------------------------------------------------------

def sqlite_value(value):
    return value.isoformat() if isinstance(value, dt.date) else int(value) if isinstance(value, bool) else value


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


# -- spreadsheet ---------------------------------------------------------------------------

def xlsx_value(kind: str, value):
    if value is None:
        return None
    return dt.datetime.combine(value, dt.time()) if kind == "date" else value


def test_spreadsheet_is_byte_reproducible(tables, context, tmp_path):
    a, b = write_twice(write_spreadsheet, tables, context, tmp_path, pause=1.1)
    assert a.name == FILES["xlsx"]
    assert sha256(a) == sha256(b)
    with zipfile.ZipFile(a) as archive:
        assert {info.date_time[0] for info in archive.infolist()} == {1980}
        core = archive.read("docProps/core.xml").decode()
        from scripts.build.package import created

        assert "<dcterms:created" in core and created(tables) in core  # from the data, as datapackage.json


def test_spreadsheet_has_every_table_typed(any_package, tmp_path):
    from openpyxl import load_workbook

    package, tables, context = any_package
    workbook = load_workbook(write_spreadsheet(tables, context, tmp_path)[0])
    assert workbook.sheetnames == [*registry.NAMES, "dictionary"]
    cell_types = {"string": "s", "date": "d", "boolean": "b", "integer": "n", "number": "n"}
    for name in registry.NAMES:
        schema, sheet = context.schema(name), workbook[name]
        fields = schema["fields"]
        header, *rows = sheet.iter_rows()
        assert [c.value for c in header] == [f["name"] for f in fields]
        assert all(c.font.b for c in header) and sheet.freeze_panes == "A2"
        widths = [sheet.column_dimensions[c.column_letter].width for c in header]
        assert all(WIDTH[0] <= w <= WIDTH[1] + 1 for w in widths), (name, widths)
        expected = [[xlsx_value(f["type"], row[f["name"]]) for f in fields]
                    for row in pk_sorted(tables[name].to_pylist(), schema)]
        assert [[c.value for c in row][:len(fields)] for row in rows] == expected, name
        for row in rows:
            for field, cell in zip(fields, row):
                if cell.value is not None:
                    assert cell.data_type == cell_types[field["type"]], (name, field["name"])
                    if field["type"] == "date":
                        assert cell.number_format == "yyyy-mm-dd"
    requests = {r[0].value: r for r in workbook["requests"].iter_rows(min_row=2)}
    assert requests["request-maduro-putin-letter"][6].value == "0232"


def test_spreadsheet_dictionary_sheet_describes_every_field(written, context):
    from openpyxl import load_workbook

    sheet = load_workbook(written / FILES["xlsx"])["dictionary"]
    header, *rows = sheet.iter_rows(values_only=True)
    assert header == ("table", "field", "type", "required", "description", "allowed values")
    expected = [(name, f["name"], f["type"], "yes" if f.get("constraints", {}).get("required") else None,
                 f["description"], "; ".join(f"{c['value']}: {c['label']}" for c in f.get("categories", []))
                 or None)
                for name in registry.NAMES for f in context.schema(name)["fields"]]
    assert rows == expected


FORMULA_LIKE = ["=1+1", "+SUM(A1:A2)", "-2+3", "@SUM(A1)", "=HYPERLINK(\"http://x\",\"y\")", "0232"]


def test_spreadsheet_never_turns_text_into_a_formula_or_a_number(tables, context, tmp_path):
    from openpyxl import load_workbook

    entities = tables["entities"]
    notes = [FORMULA_LIKE[i] if i < len(FORMULA_LIKE) else v
             for i, v in enumerate(entities["note"].to_pylist())]
    changed = {**tables, "entities": entities.set_column(
        entities.schema.get_field_index("note"), "note", pa.array(notes, pa.string()))}
    path = write_spreadsheet(changed, context, tmp_path)[0]
    sheet = load_workbook(path)["entities"]
    column = [c.value for c in sheet[1]].index("note")
    cells = [row[column] for row in sheet.iter_rows(min_row=2)]
    ordered = pk_sorted(changed["entities"].to_pylist(), context.schema("entities"))
    by_value = {row["note"]: cell for row, cell in zip(ordered, cells)}
    for text in FORMULA_LIKE:
        assert by_value[text].value == text and by_value[text].data_type == "s", text
    with zipfile.ZipFile(path) as archive:
        assert not any(b"<f>" in archive.read(n) or b"<f " in archive.read(n)
                       for n in archive.namelist() if n.startswith("xl/worksheets/"))


def test_spreadsheet_refuses_text_longer_than_a_cell(tables, context, tmp_path):
    entities = tables["entities"]
    notes = ["x" * 40_000] + entities["note"].to_pylist()[1:]
    changed = {**tables, "entities": entities.set_column(
        entities.schema.get_field_index("note"), "note", pa.array(notes, pa.string()))}
    with pytest.raises(ValueError, match="more than a cell holds"):
        write_spreadsheet(changed, context, tmp_path)


def test_spreadsheet_continues_a_table_beyond_the_row_limit_on_more_sheets(tables, context, tmp_path,
                                                                          monkeypatch):
    from openpyxl import load_workbook

    from scripts.build import spreadsheet

    monkeypatch.setattr(spreadsheet, "EXCEL_ROWS", 31)  # 30 rows and the header per sheet
    workbook = load_workbook(write_spreadsheet(tables, context, tmp_path)[0])
    rows = len(tables["mentions"])
    parts = ["mentions"] + [f"mentions ({n})" for n in range(2, (rows + 29) // 30 + 1)]
    assert [name for name in workbook.sheetnames if name.startswith("mentions")] == parts
    values = [row for name in parts for row in list(workbook[name].iter_rows(values_only=True))[1:]]
    assert [row[:2] for row in values] == [(m["source_id"], m["start"]) for m in pk_sorted(
        tables["mentions"].to_pylist(), context.schema("mentions"))]


# -- NDJSON --------------------------------------------------------------------------------

def ndjson_lines(path: Path) -> list[dict]:
    data = path.read_bytes()
    assert b"\r" not in data and data.endswith(b"\n")
    lines = data.decode("utf-8").split("\n")[:-1]
    documents = [json.loads(line) for line in lines]
    for line, document in zip(lines, documents):  # keys sorted, compact, UTF-8 as is
        assert line == json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return documents


def test_ndjson_is_byte_reproducible(tables, context, tmp_path):
    a, b = write_twice(write_ndjson, tables, context, tmp_path)
    assert a.name == "requests.ndjson" and sha256(a) == sha256(b)


def test_ndjson_has_one_line_per_request_with_its_rows_nested(any_package, tmp_path):
    package, tables, context = any_package
    documents = ndjson_lines(write_ndjson(tables, context, tmp_path)[0])
    requests = sorted(tables["requests"].to_pylist(), key=lambda r: r["request_id"])
    assert [d["request_id"] for d in documents] == [r["request_id"] for r in requests]
    countries = {c["alpha_2"]: c for c in tables["countries"].to_pylist()}
    entities = {e["entity_id"]: e for e in tables["entities"].to_pylist()}
    equipment = tables["equipment"].to_pylist()
    texts = articles(package, tables)
    for document, request in zip(documents, requests):
        assert {k: document[k] for k in request} == {k: sqlite_value(v) if isinstance(v, dt.date) else v
                                                     for k, v in request.items()}
        assert document["countries"] == {"requester": countries.get(request["requester_country"]),
                                         "addressee": countries.get(request["addressee_country"])}
        assert document["requester"] == entities[request["requester_id"]]
        items = sorted((i for i in equipment if i["request_id"] == request["request_id"]),
                       key=lambda i: i["item_id"])
        assert [{k: v for k, v in i.items() if k not in ("evidence", "citation_chains")}
                for i in document["items"]] == items
        for fact in [document, *document["items"]]:
            assert fact["evidence"], fact.get("item_id", fact["request_id"])
            for quote in fact["evidence"]:
                assert texts[quote["source_id"]][quote["start"]:quote["end"]] == quote["quote"]


def test_ndjson_citation_chains_follow_citations_to_the_origins(any_package, tmp_path):
    package, tables, context = any_package
    documents = ndjson_lines(write_ndjson(tables, context, tmp_path)[0])
    credits = {(c["citing_source_id"], c["cited_source_id"]) for c in tables["citations"].to_pylist()}
    inputs = {s["source_id"] for s in tables["sources"].to_pylist() if s["is_input"]}
    origins = {}
    for origin in tables["fact_origins"].to_pylist():
        origins.setdefault((origin["fact_table"], origin["fact_id"]), {})[origin["root_source_id"]] = origin["path"]
    for document in documents:
        facts = [("requests", document["request_id"], document)]
        facts += [("equipment", item["item_id"], item) for item in document["items"]]
        for table_name, fact_id, fact in facts:
            chains = fact["citation_chains"]
            assert {c["attributed_to_id"] for c in chains} == {q["attributed_to_id"] for q in fact["evidence"]}
            for chain in chains:
                path = chain["path"]
                assert path[0] == chain["attributed_to_id"] and path[-1] == chain["root_source_id"]
                assert all(step in credits for step in zip(path, path[1:])), chain
                assert chain["root_is_input"] == (chain["root_source_id"] in inputs)
            roots = {c["root_source_id"] for c in chains}
            assert len(roots) == fact["origin_count"], fact_id
            shortest = {root: " > ".join(min((c["path"] for c in chains if c["root_source_id"] == root),
                                             key=lambda p: (len(p), p))) for root in roots}
            assert shortest == origins[(table_name, fact_id)]


def test_ndjson_keeps_unicode_line_separators_inside_one_line(tables, context, tmp_path):
    requests = tables["requests"]
    notes = ["one\u2028two\u2029three\u0085four"] + requests["note"].to_pylist()[1:]
    changed = {**tables, "requests": requests.set_column(
        requests.schema.get_field_index("note"), "note", pa.array(notes, pa.string()))}
    path = write_ndjson(changed, context, tmp_path)[0]
    assert len(path.read_text(encoding="utf-8").splitlines()) == len(requests)
    first = min(changed["requests"].to_pylist(), key=lambda r: r["request_id"])
    assert json.loads(path.read_text(encoding="utf-8").splitlines()[0])["note"] == first["note"]


# -- typed CSV read calls -------------------------------------------------------------------

def run_call(code: str, table: str, directory: Path, monkeypatch):
    monkeypatch.chdir(directory)
    namespace: dict = {}
    exec(compile(code, f"recipe {table}", "exec"), namespace)  # noqa: S102 - our own generated code
    return namespace[table]


def assert_pandas_like_parquet(frame, parquet_path: Path, schema: dict) -> None:
    import pandas as pd

    expected = pd.read_parquet(parquet_path)
    assert list(frame.columns) == list(expected.columns)
    for field in schema["fields"]:
        name = field["name"]
        if field["type"] == "date":  # pandas' own date type; Parquet gives datetime.date objects
            assert frame[name].dtype.kind == "M", name
            assert [None if pd.isna(v) else v.date() for v in frame[name]] == \
                [None if pd.isna(v) else v for v in expected[name]], name
        else:
            pd.testing.assert_series_equal(frame[name], expected[name], obj=name)


@pytest.mark.parametrize("table", registry.NAMES)
def test_each_tool_reads_the_csv_with_the_parquet_types(package, table, monkeypatch):
    import duckdb
    import polars as pl

    schema = Context(package.parent).schema(table)
    calls = recipes.calls(table, schema)
    parquet = package / "parquet" / f"{table}.parquet"
    assert_pandas_like_parquet(run_call(calls["pandas"], table, package, monkeypatch), parquet, schema)
    frame, expected = run_call(calls["polars"], table, package, monkeypatch), pl.read_parquet(parquet)
    assert frame.schema == expected.schema and frame.equals(expected), table
    relation = run_call(calls["DuckDB"], table, package, monkeypatch)
    expected = duckdb.sql(f"SELECT * FROM '{parquet.as_posix()}'")
    assert relation.columns == expected.columns and relation.types == expected.types
    assert relation.fetchall() == expected.fetchall()


def test_the_read_calls_keep_codes_that_look_like_numbers_or_nulls(context, tmp_path, monkeypatch):
    """Namibia is "NA", Afghanistan "004": text, never a missing value or the number 4."""
    import polars as pl

    schema = context.schema("countries")
    rows = {"alpha_2": ["AF", "NA"], "alpha_3": ["AFG", "NAM"], "numeric": ["004", "516"],
            "name_en": ["Afghanistan", "Namibia"], "name_ru": ["null", "None"], "name_uk": ["NaN", "N/A"]}
    rows.update({f["name"]: ["x", "y"] for f in schema["fields"] if f["name"] not in rows})
    (tmp_path / "csv").mkdir()
    write_csv(pa.table(rows), schema, tmp_path / "csv" / "countries.csv")
    calls = recipes.calls("countries", schema)
    frame = run_call(calls["pandas"], "countries", tmp_path, monkeypatch)
    assert frame["alpha_2"].tolist() == ["AF", "NA"] and frame["numeric"].tolist() == ["004", "516"]
    assert frame["name_ru"].tolist() == ["null", "None"] and frame["name_uk"].tolist() == ["NaN", "N/A"]
    frame = run_call(calls["polars"], "countries", tmp_path, monkeypatch)
    assert frame["alpha_2"].to_list() == ["AF", "NA"] and frame["numeric"].dtype == pl.String
    relation = run_call(calls["DuckDB"], "countries", tmp_path, monkeypatch)
    assert relation.select("alpha_2, numeric").fetchall() == [("AF", "004"), ("NA", "516")]


def test_the_data_dictionary_gives_each_tables_read_calls_and_the_formats(tables, context):
    text = data_dictionary(tables, context.schemas_dir,
                           descriptor(tables, context.schemas_dir, ROOT / "datapackage"))
    for table in registry.NAMES:
        for code in recipes.calls(table, context.schema(table)).values():
            assert f"```python\n{code}```" in text, table
    for file_name in FILES.values():
        assert f"`{file_name}`" in text
    assert "without BOM" in text
