"""Table Schemas: the single source of truth for columns, types, constraints, descriptions.

The schemas in schemas/ use the Table Schema v2 `categories` keyword to list and explain
every controlled value. frictionless 5.21 ignores `categories`, so the published copy
adds the equivalent `enum` constraint, derived here, which frictionless does enforce.

Before a build uses them, check_curation, check_package, check_table and check_references
make sure the schema files are what the code relies on (valid JSON without repeated keys, a
primary key, known field types, usable constraints and foreign keys), so that a broken
schema is a message naming the file and line, never a traceback from deep in a stage.
"""
from __future__ import annotations

import copy
import json
import re
from functools import cache
from pathlib import Path

import pyarrow as pa

from scripts import inputs

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


SCHEMA_FIX = "restore it from git (git checkout -- {file}) or correct it"


class DuplicateKey(ValueError):
    pass


def _no_duplicate_keys(pairs: list[tuple[str, object]]) -> dict:
    result = {}
    for key, value in pairs:
        if key in result:
            raise DuplicateKey(key)
        result[key] = value
    return result


def read_json(path: Path) -> tuple[object, list[tuple[int | None, str, str]]]:
    """(the JSON document or None, [(line, what, fix)]) of one schema file."""
    try:
        data = inputs.read_bytes(path, "the schema's", limit=10 * 1024 * 1024)
    except inputs.InputError as exc:
        return None, [(None, f"schema file {exc.what}", exc.fix if "missing" not in exc.what
                       else SCHEMA_FIX.format(file=f"schemas/{path.name}"))]
    try:
        return json.loads(data.decode("utf-8"), object_pairs_hook=_no_duplicate_keys), []
    except DuplicateKey as exc:
        return None, [(None, f"key {exc.args[0]!r} appears twice in one JSON object, and only the "
                       "last would count", "keep one of the two")]
    except UnicodeDecodeError as exc:
        return None, [(None, f"schema file is not UTF-8 (invalid byte at offset {exc.start})",
                       "save it as UTF-8")]
    except json.JSONDecodeError as exc:
        return None, [(exc.lineno, f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})",
                       "correct the JSON syntax there (python -m json.tool FILE points at it)")]
    except RecursionError:
        return None, [(None, "not valid JSON: nested too deeply", "correct the file")]


def field_line(text: str, name: str) -> int | None:
    """The line of a field's `"name": "<name>"` in a schema file."""
    match = re.search(r'"name"\s*:\s*' + re.escape(json.dumps(name)), text)
    return text.count("\n", 0, match.start()) + 1 if match else None


CONSTRAINTS = {  # the Table Schema constraints the build and its checks understand
    "required": "true or false", "unique": "true or false", "pattern": "a regular expression",
    "enum": "a list of values", "minimum": "a number", "maximum": "a number",
    "minLength": "a whole number >= 0", "maxLength": "a whole number >= 0"}


def _constraint_ok(key: str, value, field_type: str) -> bool:
    if key in ("required", "unique"):
        return isinstance(value, bool)
    if key == "pattern":
        try:
            return isinstance(value, str) and field_type == "string" and re.compile(value) is not None
        except re.error:
            return False
    if key == "enum":
        return isinstance(value, list) and bool(value)
    if key in ("minimum", "maximum"):
        if field_type == "date":
            return isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) is not None
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def check_table(schemas_dir: Path, table: str, tables: tuple[str, ...]) -> list[tuple]:
    """[(line, record, what, fix)] for schemas/<table>.json: what the build relies on in a
    Table Schema. An empty list means load() and the stages can use it."""
    path = schemas_dir / f"{table}.json"
    if not path.exists() and not path.is_symlink():
        return [(None, table, f"Table Schema of table {table!r} is missing",
                 f"restore it (git checkout -- schemas/{table}.json), or remove the table "
                 "from scripts/registry.py")]
    schema, errors = read_json(path)
    if errors:
        return [(line, table, what, fix) for line, what, fix in errors]
    text = path.read_text(encoding="utf-8")
    found: list[tuple] = []

    def add(what: str, fix: str, name: str | None = None) -> None:
        found.append((field_line(text, name) if name else None, f"{table}.{name}" if name else table,
                      what, fix))

    if not isinstance(schema, dict):
        return [(1, table, "a Table Schema is a JSON object", "write {\"fields\": [...], ...}")]
    if not isinstance(schema.get("description"), str):
        add("the schema has no description", "add a \"description\" of one row of the table")
    fields = schema.get("fields")
    if not isinstance(fields, list) or not fields:
        add("the schema has no fields", "list the table's columns in \"fields\"")
        return found
    names: list[str] = []
    for number, field in enumerate(fields, 1):
        if not isinstance(field, dict) or not isinstance(field.get("name"), str):
            add(f"field {number} has no name", "give every field a \"name\"")
            continue
        name = field["name"]
        if name in names:
            add(f"field {name!r} is listed twice", "remove one of them", name)
        names.append(name)
        if not (isinstance(field.get("type"), str) and field["type"] in ARROW_TYPES):
            add(f"field {name!r} has type {field.get('type')!r}, which the build does not know",
                f"use one of {', '.join(ARROW_TYPES)}", name)
        if not isinstance(field.get("description"), str) or not field["description"].strip():
            add(f"field {name!r} has no description", "describe the field for data users", name)
        constraints = field.get("constraints", {})
        if not isinstance(constraints, dict):
            add(f"field {name!r}: constraints must be an object", "write {\"required\": true, ...}", name)
            constraints = {}
        for key, value in constraints.items():
            if key not in CONSTRAINTS:
                add(f"field {name!r}: constraint {key!r} is not one the build checks",
                    f"use {', '.join(CONSTRAINTS)}", name)
            elif not _constraint_ok(key, value, field.get("type")):
                add(f"field {name!r}: constraint {key} is {json.dumps(value)}, not {CONSTRAINTS[key]}"
                    + (" (on a string field)" if key == "pattern" else ""),
                    f"write {key} as {CONSTRAINTS[key]}", name)
        categories = field.get("categories")
        if "categories" in field and not (isinstance(categories, list) and categories and all(
                isinstance(c, dict) and isinstance(c.get("value"), str) and isinstance(c.get("label"), str)
                for c in categories)):
            add(f"field {name!r}: categories must be a list of {{\"value\", \"label\"}} objects",
                "give every allowed value and its meaning", name)
    key = schema.get("primaryKey")
    if key is None:
        add("the schema has no primaryKey", "add \"primaryKey\": [the columns that identify a row]")
    elif not (isinstance(key, list) and key and all(k in names for k in key)):
        add(f"primaryKey {json.dumps(key)} does not name fields of the table",
            "list field names of this schema")
    foreign_keys = schema.get("foreignKeys", [])
    if not isinstance(foreign_keys, list):
        add("foreignKeys must be a list", "write \"foreignKeys\": [{...}, ...]")
        foreign_keys = []
    for fk in foreign_keys:
        reference = fk.get("reference") if isinstance(fk, dict) else None
        columns = fk.get("fields") if isinstance(fk, dict) else None
        if not (isinstance(reference, dict) and _names(columns) and all(f in names for f in columns)
                and reference.get("resource") in tables and _names(reference.get("fields"))
                and len(reference["fields"]) == len(columns)):
            add(f"foreign key {json.dumps(fk, ensure_ascii=False)} is not one the build understands",
                "write {\"fields\": [column], \"reference\": {\"resource\": table, "
                "\"fields\": [column]}} with columns and tables that exist")
    return found


def _names(value) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, str) for v in value)


def check_references(schemas_dir: Path, tables: tuple[str, ...]) -> list[tuple[str, str, str, str]]:
    """[(table, record, what, fix)]: every foreign key names columns of the table it refers
    to. Run once every schema passes check_table."""
    found = []
    for table in tables:
        for fk in load(schemas_dir, table).get("foreignKeys", []):
            reference = fk["reference"]
            missing = [f for f in reference["fields"]
                       if f not in field_names(load(schemas_dir, reference["resource"]))]
            if missing:
                found.append((table, f"{table}.{','.join(fk['fields'])}",
                              f"foreign key to {reference['resource']}: no column {', '.join(missing)} "
                              f"in schemas/{reference['resource']}.json",
                              "name the referenced table's key column"))
    return found


def check_curation(schemas_dir: Path, definitions: list[str]) -> list[tuple]:
    """[(line, record, what, fix)] for schemas/curation.schema.json."""
    import jsonschema

    path = schemas_dir / "curation.schema.json"
    if not path.exists() and not path.is_symlink():
        return [(None, None, "the JSON Schema of the curation files is missing",
                 "restore it: git checkout -- schemas/curation.schema.json")]
    schema, errors = read_json(path)
    if errors:
        return [(line, None, what, fix) for line, what, fix in errors]
    try:
        jsonschema.Draft202012Validator.check_schema(schema)
    except jsonschema.SchemaError as exc:
        where = "/".join(str(p) for p in exc.absolute_path) or "(top level)"
        return [(None, where, f"not a valid JSON Schema (2020-12): {exc.message}",
                 "correct the schema at that place")]
    defs = schema.get("$defs") if isinstance(schema, dict) else None
    missing = [d for d in definitions if not isinstance(defs, dict) or d not in defs]
    if missing:
        return [(None, "$defs", f"no definition of {', '.join(missing)} in $defs",
                 "every curation file and record needs its definition; restore them")]
    return []


def check_package(schemas_dir: Path) -> list[tuple]:
    """[(line, record, what, fix)] for schemas/package.json (the package's metadata)."""
    schema, errors = read_json(schemas_dir / "package.json")
    if errors:
        return [(line, None, what, fix) for line, what, fix in errors]
    licences = schema.get("licenses") if isinstance(schema, dict) else None
    if not isinstance(schema, dict) or not all(isinstance(schema.get(k), str) for k in
                                               ("$schema", "name", "title", "description", "version")):
        return [(None, None, "package metadata needs $schema, name, title, description and version",
                 "restore it: git checkout -- schemas/package.json")]
    if not (isinstance(licences, list) and licences and isinstance(licences[0], dict)
            and all(isinstance(licences[0].get(k), str) for k in ("name", "title"))):
        return [(None, "licenses", "package metadata needs a licence with name and title",
                 "restore it: git checkout -- schemas/package.json")]
    import frictionless

    report = frictionless.Package.validate_descriptor(
        {**schema, "resources": [{"name": "probe", "path": "probe.csv"}]})
    return [(None, None, f"not valid package metadata: {error.note}",
             "correct it (see https://datapackage.org/standard/data-package/)")
            for error in report.errors + [e for task in report.tasks for e in task.errors]]


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
