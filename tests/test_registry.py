"""The table registry agrees with the schemas, and every table has its files under its name."""
from __future__ import annotations

import json

import pytest

from scripts import registry, schemas
from scripts.build.rows import builder
from tests.conftest import ROOT

SCHEMAS = ROOT / "schemas"
CURATION = json.loads((SCHEMAS / "curation.schema.json").read_text(encoding="utf-8"))


def test_every_table_schema_is_registered_and_every_entry_has_a_schema():
    files = {p.stem for p in SCHEMAS.glob("*.json")} - {"curation.schema", "package"}
    assert set(registry.NAMES) == files


@pytest.mark.parametrize("table", registry.TABLES, ids=registry.NAMES)
def test_entry_agrees_with_its_schema(table):
    schema = schemas.load(SCHEMAS, table.name)
    columns = schemas.field_names(schema)
    if table.id_column:
        assert schema["primaryKey"] == [table.id_column]
    if table.counted:
        assert set(registry.COUNT_COLUMNS) <= set(columns)
    elif table.curated:
        assert not set(registry.COUNT_COLUMNS) & set(columns)
    for column in table.involved_countries:
        assert any(fk["fields"] == [column] and fk["reference"]["resource"] == "countries"
                   for fk in schema.get("foreignKeys", [])), column
    # A table is listed after every table it refers to (the package's resource order).
    for fk in schema.get("foreignKeys", []):
        target = fk["reference"]["resource"]
        assert registry.NAMES.index(target) <= registry.NAMES.index(table.name)


@pytest.mark.parametrize("table", [t for t in registry.TABLES if t.curated], ids=lambda t: t.name)
def test_curated_tables_have_a_definition_and_a_section(table):
    definitions = CURATION["$defs"]
    assert table.definition in definitions
    if table.origin == "article":
        article = definitions["article"]["properties"]
        assert article[table.name]["items"]["$ref"] == f"#/$defs/{table.definition}"
    else:
        document = definitions[table.name]
        assert document["properties"][table.name]["items"]["$ref"] == f"#/$defs/{table.definition}"
    has_id = "id" in definitions[table.definition].get("required", [])
    assert has_id == bool(table.id_column)


def test_reference_keys_are_keys_of_the_records_that_use_them():
    evidence = CURATION["$defs"]["evidence"]
    for table in registry.counted():
        assert table.ref_key in evidence["properties"], table.name
        assert {"required": [table.ref_key]} in evidence["oneOf"]


@pytest.mark.parametrize("name", registry.NAMES)
def test_every_table_has_a_row_builder_and_a_test_under_its_name(name):
    assert callable(builder(name))
    assert (ROOT / "tests" / "tables" / f"test_{name}.py").is_file()
