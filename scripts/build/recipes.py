"""How to load the package with common tools: typed CSV read calls, and the consumer files' names.

A CSV file carries no types, and every tool guesses: pandas reads the CAMEO code "0232" as
the number 232 and Namibia's code "NA" as a missing value, an integer column with an empty
cell becomes float, dates stay text. The read calls generated here from the Table Schemas
spell out every column's type, so the CSV gives the same values and types as the Parquet
twin (tests/test_formats.py runs each call on every CSV and compares). They go into the
data dictionary (scripts/build/package.py), one set per table.
"""
from __future__ import annotations

import json
from pathlib import Path

# Table Schema type -> each tool's type. Integers are nullable in every tool (pandas: Int64),
# and date columns go to pandas' parse_dates rather than to dtype, which takes no dates.
PANDAS = {"string": "string", "integer": "Int64", "number": "Float64", "boolean": "boolean"}
POLARS = {"string": "pl.String", "integer": "pl.Int64", "number": "pl.Float64",
          "boolean": "pl.Boolean", "date": "pl.Date"}
DUCKDB = {"string": "VARCHAR", "integer": "BIGINT", "number": "DOUBLE", "boolean": "BOOLEAN",
          "date": "DATE"}

WIDTH = 92  # of a generated line, so the calls read well in the data dictionary


def package_name(schemas_dir: Path) -> str:
    """The package's name (schemas/package.json), which names its SQLite and xlsx files."""
    return json.loads((schemas_dir / "package.json").read_text(encoding="utf-8"))["name"]


def consumer_files(name: str) -> dict[str, str]:
    """The files written beside csv/ and parquet/ for tools that want one file, by format."""
    return {"sqlite": f"{name}.sqlite", "xlsx": f"{name}.xlsx", "ndjson": "requests.ndjson"}


def _packed(items: list[str], indent: int, width: int = WIDTH) -> list[str]:
    """items joined by ", " into lines no longer than width (an item longer stays whole)."""
    lines, line = [], ""
    for item in items:
        candidate = f"{line}, {item}" if line else item
        if line and indent + len(candidate) + 1 > width:
            lines.append(line + ",")
            candidate = item
        line = candidate
    return [" " * indent + text for text in [*lines, line] if text]


def _dict_lines(pairs: list[tuple[str, str]], quote_values: bool, indent: int) -> list[str]:
    value = (lambda v: json.dumps(v)) if quote_values else (lambda v: v)
    return _packed([f"{json.dumps(k)}: {value(v)}" for k, v in pairs], indent)


def csv_path(table: str) -> str:
    """The CSV file as the data dictionary (datapackage/README.md) names it: from the package."""
    return f"csv/{table}.csv"


def pandas_call(table: str, schema: dict) -> str:
    fields = schema["fields"]
    dtype = [(f["name"], PANDAS[f["type"]]) for f in fields if f["type"] != "date"]
    dates = [json.dumps(f["name"]) for f in fields if f["type"] == "date"]
    lines = ["import pandas as pd", "", f"{table} = pd.read_csv(", f'    "{csv_path(table)}",',
             "    dtype={", *_dict_lines(dtype, True, 8), "    },"]
    if dates:
        inline = f"    parse_dates=[{', '.join(dates)}],"
        lines += [inline] if len(inline) <= WIDTH else ["    parse_dates=[", *_packed(dates, 8), "    ],"]
    # Only an empty cell is null: "NA" (Namibia), "null" or "None" stay text.
    lines += ['    keep_default_na=False, na_values=[""],', ")"]
    return "\n".join(lines) + "\n"


def polars_call(table: str, schema: dict) -> str:
    types = [(f["name"], POLARS[f["type"]]) for f in schema["fields"]]
    return "\n".join(["import polars as pl", "", f"{table} = pl.read_csv(",
                      f'    "{csv_path(table)}",', "    schema_overrides={",
                      *_dict_lines(types, False, 8), "    },", ")"]) + "\n"


def duckdb_call(table: str, schema: dict) -> str:
    types = [(f["name"], DUCKDB[f["type"]]) for f in schema["fields"]]
    # SQL string literals take single quotes; the dialect is given so nothing is sniffed.
    pairs = [f"'{k}': '{v}'" for k, v in types]
    return "\n".join(["import duckdb", "", f'{table} = duckdb.sql("""',
                      "    SELECT * FROM read_csv(",
                      f"        '{csv_path(table)}',",
                      "        header = true, delim = ',', quote = '\"', escape = '\"',",
                      "        types = {", *_packed(pairs, 12), "        })",
                      '""")']) + "\n"


def calls(table: str, schema: dict) -> dict[str, str]:
    """Each tool's read call for a table's CSV, as Python code run from the package directory."""
    return {"pandas": pandas_call(table, schema), "polars": polars_call(table, schema),
            "DuckDB": duckdb_call(table, schema)}
