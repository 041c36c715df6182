"""Every schema field is filled by its row builder, and every value a builder makes has a field.

Rows become Arrow record batches with the schema's columns: a column no builder fills
would be published empty in every row, and a key the schema lacks would be dropped, both
without a word. So once per build, before any input is read, each row builder
(scripts/build/rows/<table>.py) is run on a probe record, an empty record in an empty
article, and the keys of the row it returns are compared with the schema's fields (less
the counts scripts/build/across.py adds to counted tables).
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from scripts import registry, schemas
from scripts.context import Context
from scripts.yamlio import LineDict

PROBE_ID = "probe"
PROBE_TEXT = " date 2030-01-02 Заголовок\nТекст.\n"


class ProbeRecord(LineDict):
    """A curation record with no values: a missing key reads as "" or None."""

    def __missing__(self, key):
        return ""


def probe_arguments(table: str, scope) -> tuple:
    """What the row builder of `table` is called with on a probe."""
    if table == "countries":
        return ("VE",)
    if table == "mentions":
        from scripts.mentions import Mention

        return Mention(0, 4, "date", "VE", "name", None), scope, PROBE_ID
    record = ProbeRecord(id=PROBE_ID)
    record.line, record.file, record.key_lines = 1, Path("articles") / f"{PROBE_ID}.yaml", {}
    return (record, scope)


def probe(context: Context, table: str) -> tuple[set[str] | None, set[tuple[str, str]]]:
    """The keys of the row that the builder of `table` returns for a probe record (None if
    the builder cannot be probed: tests/test_reliability.py checks every table can be), and
    the (table, column) pairs whose values it checks against the schema's categories."""
    from scripts.build.read import Article, Curation
    from scripts.build.rows import builder
    from scripts.build.scope import Scope

    categorical: set[tuple[str, str]] = set()

    class ProbeScope(Scope):
        def category(self, record, key, table, column):
            """Note the column whose values are checked against its categories (no value)."""
            categorical.add((table, column))

    article = Article(PROBE_ID, context.root / "articles" / f"{PROBE_ID}.txt",
                      context.root / "articles" / f"{PROBE_ID}.yaml", PROBE_TEXT,
                      hashlib.sha256(PROBE_TEXT.encode()).hexdigest())
    scope = ProbeScope(context, Curation(articles={PROBE_ID: article}))
    scope.known["sources"][PROBE_ID] = ProbeRecord(id=PROBE_ID, language="ru")
    try:
        row = builder(table)(*probe_arguments(table, scope))
    except Exception:  # noqa: BLE001 - a builder the probe cannot drive is not checked
        return None, categorical
    return (set(row) if isinstance(row, dict) else None), categorical


def produced_columns(context: Context, table: str) -> set[str] | None:
    return probe(context, table)[0]


def check(context: Context) -> list[tuple[Path, int | None, str, str, str]]:
    """[(file, line, record, what, fix)] for every column a builder and its schema disagree on."""
    found = []
    for table in registry.TABLES:
        produced, categorical = probe(context, table.name)
        for name, column in sorted(categorical):
            field = next((f for f in context.schema(name)["fields"] if f["name"] == column), None)
            if field is None or not field.get("categories"):
                found.append((context.schemas_dir / f"{name}.json", None, f"{name}.{column}",
                              f"table {name}: column {column!r} has no categories, but its row "
                              f"builder scripts/build/rows/{table.name}.py checks values against them",
                              "list the allowed values and their meaning in the field's categories"))
        if produced is None:
            continue
        schema_path = context.schemas_dir / f"{table.name}.json"
        text = schema_path.read_text(encoding="utf-8")
        computed = set(registry.COUNT_COLUMNS) if table.counted else set()
        fields = schemas.field_names(context.schema(table.name))
        builder_file = f"scripts/build/rows/{table.name}.py"
        for name in fields:
            if name not in produced and name not in computed:
                found.append((schema_path, schemas.field_line(text, name), f"{table.name}.{name}",
                              f"table {table.name}: column {name!r} is not produced by its row "
                              f"builder {builder_file}, so it would be empty in every row",
                              f"add {name!r} to the dict that row() in {builder_file} returns, "
                              "or remove the field from the schema"))
        for name in sorted(produced - set(fields)):
            found.append((schema_path, None, f"{table.name}.{name}",
                          f"table {table.name}: its row builder {builder_file} produces "
                          f"{name!r}, which the schema has no field for, so it would be dropped",
                          f"add a field {name!r} to schemas/{table.name}.json, or remove the key "
                          f"from {builder_file}"))
    return found
