"""Table Schemas: the single source of truth for columns, types, constraints, descriptions.

The schemas in schemas/ use the Table Schema v2 `categories` keyword to list and explain
every controlled value. frictionless 5.21 ignores `categories`, so the published copy
adds the equivalent `enum` constraint, derived here, which frictionless does enforce.
"""
from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path

import pyarrow as pa

# Resource order in the package: referenced tables before the tables that refer to them.
TABLES = ("countries", "entities", "sources", "citations", "requests", "events",
          "equipment", "evidence", "mentions")

TABLE_SCHEMA_PROFILE = "https://datapackage.org/profiles/2.0/tableschema.json"


@cache
def load(schemas_dir: Path, table: str) -> dict:
    return json.loads((schemas_dir / f"{table}.json").read_text(encoding="utf-8"))


def field_names(schema: dict) -> list[str]:
    return [f["name"] for f in schema["fields"]]


ARROW_TYPES = {"string": pa.string(), "integer": pa.int64(), "number": pa.float64(),
               "boolean": pa.bool_(), "date": pa.date32()}


@cache
def arrow_columns(schemas_dir: Path, table: str, leave_out: tuple[str, ...] = ()) -> pa.Schema:
    """The Arrow types of a table's columns while the build holds it: nullable, without the
    descriptions (which the written Parquet files carry), leaving out computed columns."""
    return pa.schema([(f["name"], ARROW_TYPES[f["type"]]) for f in load(schemas_dir, table)["fields"]
                      if f["name"] not in leave_out])


def allowed_values(field: dict) -> list[str] | None:
    categories = field.get("categories")
    return [c["value"] for c in categories] if categories else None


def published(schema: dict) -> dict:
    """The schema as written into datapackage/: categories kept, enum added for frictionless."""
    result = copy.deepcopy(schema)
    result = {"$schema": TABLE_SCHEMA_PROFILE, **result}
    for field in result["fields"]:
        values = allowed_values(field)
        if values:
            field.setdefault("constraints", {})["enum"] = values
    return result
