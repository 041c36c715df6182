"""The typed CSV read calls of the data dictionary (scripts/build/recipes.py)."""
from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest

from scripts import registry
from scripts.build import recipes
from scripts.build.package import data_dictionary, descriptor
from scripts.build.write import write_csv
from scripts.context import Context
from tests.formats.conftest import FILES, ROOT


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
