"""SQLite consumer file: every table typed, keyed and checked as its Table Schema says.

One file that any SQL tool opens, with the constraints frictionless checks on the CSV
declared in the database itself (types, NOT NULL, allowed values, minimums, simple patterns,
primary and foreign keys), views for the joins most readers need first, and the schema
descriptions in tables of their own (SQLite has no column comments).

Same input, same bytes: a fixed page size, rows inserted in primary-key order, nothing
from the clock, and a VACUUM at the end that lays the pages out afresh. The file header
records the SQLite library's version, so the bytes are those of one SQLite version.
"""
from __future__ import annotations

import os
import re
import sqlite3
from pathlib import Path

import pyarrow as pa

from scripts import registry
from scripts.build.across import in_key_order
from scripts.build.recipes import consumer_files, package_name
from scripts.context import Context

SQL_TYPES = {"string": "TEXT", "date": "TEXT", "integer": "INTEGER", "number": "REAL",
             "boolean": "INTEGER"}
PAGE_SIZE = 4096
STRICT = sqlite3.sqlite_version_info >= (3, 37, 0)  # STRICT tables refuse a value of the wrong type
BATCH_ROWS = 50_000  # rows converted to Python values at a time, to bound memory

# The joins most readers need first. Column names are the tables' own; a column a schema
# drops makes CREATE VIEW fail, so the build stops rather than publish a broken view.
# Left joins: a request to an alliance has no addressee country, and must still appear.
VIEWS = {
    "request_items": (
        "One row per request and equipment item asked for in it (a request without items "
        "appears once, with null item columns): who asked whom, their countries' English "
        "names, and each item.",
        """SELECT r.request_id, r.requester_id, requester.name_en AS requester_name_en,
       r.requester_country, rc.name_en AS requester_country_name_en,
       r.addressee_id, addressee.name_en AS addressee_name_en,
       r.addressee_country, ac.name_en AS addressee_country_name_en,
       r.channel, r.cameo_code, r.date_edtf, r.date_earliest, r.date_latest, r.summary_en,
       e.item_id, e.description_en AS item_description_en, e.action, e.category,
       e.sipri_category, e.supplier_country, e.recipient_country, e.quantity, e.max_range_km
FROM requests AS r
LEFT JOIN countries AS rc ON rc.alpha_2 = r.requester_country
LEFT JOIN countries AS ac ON ac.alpha_2 = r.addressee_country
LEFT JOIN entities AS requester ON requester.entity_id = r.requester_id
LEFT JOIN entities AS addressee ON addressee.entity_id = r.addressee_id
LEFT JOIN equipment AS e ON e.request_id = r.request_id
ORDER BY r.request_id, e.item_id"""),
    "request_evidence": (
        "One row per evidence quote for a request: quotes supporting the request itself "
        "(item_id null) and quotes supporting one of its equipment items (item_id set), "
        "with the article, the source it is attributed to and the offsets "
        "(article text[start:end] == quote).",
        """SELECT r.request_id, NULL AS item_id, r.summary_en AS fact_en, ev.evidence_id,
       ev.source_id, ev.attributed_to_id, ev.quote, ev."start", ev."end", ev.language
FROM requests AS r JOIN evidence AS ev ON ev.request_id = r.request_id
UNION ALL
SELECT e.request_id, e.item_id, e.description_en, ev.evidence_id,
       ev.source_id, ev.attributed_to_id, ev.quote, ev."start", ev."end", ev.language
FROM equipment AS e JOIN evidence AS ev ON ev.item_id = e.item_id
WHERE e.request_id IS NOT NULL
ORDER BY 1, 2, 5, 8, 4"""),
}

# The descriptions, so that the file explains itself without the package beside it.
META = {
    "_tables": ("One row per table and view of this database, with its description.",
                [("name", "TEXT NOT NULL PRIMARY KEY"), ("kind", "TEXT NOT NULL"),
                 ("description", "TEXT NOT NULL")]),
    "_columns": ("One row per column of each data table: its Table Schema type, whether it "
                 "is required, and its description.",
                 [("table_name", "TEXT NOT NULL"), ("column_name", "TEXT NOT NULL"),
                  ("position", "INTEGER NOT NULL"), ("type", "TEXT NOT NULL"),
                  ("required", "INTEGER NOT NULL"), ("description", "TEXT NOT NULL"),
                  ("PRIMARY KEY", "(table_name, column_name)")]),
    "_values": ("One row per allowed value of a controlled column, with its meaning.",
                [("table_name", "TEXT NOT NULL"), ("column_name", "TEXT NOT NULL"),
                 ("value", "TEXT NOT NULL"), ("label", "TEXT NOT NULL"),
                 ("PRIMARY KEY", "(table_name, column_name, value)")]),
}


def name(identifier: str) -> str:
    """An identifier, quoted: start, end, numeric and text are SQL words."""
    return '"' + identifier.replace('"', '""') + '"'


def literal(value) -> str:
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    return repr(value)


ATOM = re.compile(r"(\[[A-Za-z0-9-]+\]|[A-Za-z0-9-])(?:\{(\d+)(?:,(\d+))?\})?")


def glob_patterns(pattern: str) -> list[str] | None:
    """A regular expression of fixed characters and classes with counts ({n} or {m,n}),
    as the GLOB patterns that together match what it matches; None when it is not so simple
    (the check is then left to the Table Schema and frictionless)."""
    if not (pattern.startswith("^") and pattern.endswith("$")):
        return None
    body, globs, position = pattern[1:-1], [""], 0
    while position < len(body):
        match = ATOM.match(body, position)
        if not match:
            return None
        atom, least, most = match.group(1), match.group(2), match.group(3)
        counts = range(int(least or 1), int(most or least or 1) + 1)
        globs = [g + atom * n for g in globs for n in counts]
        if len(globs) > 8:
            return None
        position = match.end()
    return globs


def checks(field: dict) -> list[str]:
    column, constraints = name(field["name"]), field.get("constraints", {})
    found = []
    if field["type"] == "date":
        # ISO 8601 text that is a real day. date(x) alone gives '2025-02-30' back unchanged;
        # with a modifier SQLite normalises it (to '2025-03-02'), so only a real day is equal.
        # IS, not =: date('2025-13-01') is NULL, and a CHECK that is NULL passes.
        found.append(f"{column} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' "
                     f"AND date({column}, '+0 days') IS {column}")
    if field["type"] == "boolean":
        found.append(f"{column} IN (0, 1)")
    values = [c["value"] for c in field.get("categories", [])] or constraints.get("enum")
    if values:
        found.append(f"{column} IN ({', '.join(literal(v) for v in values)})")
    for key, operator in (("minimum", ">="), ("maximum", "<=")):
        if key in constraints:
            found.append(f"{column} {operator} {literal(constraints[key])}")
    for key, operator in (("minLength", ">="), ("maxLength", "<=")):
        if key in constraints:
            found.append(f"length({column}) {operator} {constraints[key]}")
    globs = glob_patterns(constraints["pattern"]) if "pattern" in constraints else None
    if globs:
        found.append("(" + " OR ".join(f"{column} GLOB {literal(g)}" for g in globs) + ")")
    # A null passes: absence is NOT NULL's business.
    return [f"CHECK ({column} IS NULL OR ({' AND '.join(found)}))"] if found else []


def create_table(table: str, schema: dict) -> str:
    primary = schema["primaryKey"]
    lines = []
    for field in schema["fields"]:
        constraints = field.get("constraints", {})
        parts = [name(field["name"]), SQL_TYPES[field["type"]]]
        if constraints.get("required") or field["name"] in primary:
            parts.append("NOT NULL")
        if constraints.get("unique") and [field["name"]] != primary:
            parts.append("UNIQUE")
        lines.append(" ".join(parts + checks(field)))
    lines.append(f"PRIMARY KEY ({', '.join(map(name, primary))})")
    for fk in schema.get("foreignKeys", []):
        ref = fk["reference"]
        lines.append(f"FOREIGN KEY ({', '.join(map(name, fk['fields']))}) REFERENCES "
                     f"{name(ref['resource'])} ({', '.join(map(name, ref['fields']))})")
    body = ",\n  ".join(lines)
    return f"CREATE TABLE {name(table)} (\n  {body}\n){' STRICT' if STRICT else ''}"


def foreign_key_indexes(table: str, schema: dict) -> list[str]:
    """An index per foreign key, so joins and deletes in the referenced table are fast;
    none where the primary key's index already starts with the key's columns."""
    statements = []
    for fk in schema.get("foreignKeys", []):
        columns = fk["fields"]
        if schema["primaryKey"][:len(columns)] == columns:
            continue
        statements.append(f"CREATE INDEX {name(table + '_' + '_'.join(columns))} "
                          f"ON {name(table)} ({', '.join(map(name, columns))})")
    return statements


def rows(table: pa.Table, schema: dict):
    """The table's rows as tuples in primary-key order, dates as ISO 8601 text."""
    fields = schema["fields"]
    for batch in in_key_order(table.select([f["name"] for f in fields]), schema, BATCH_ROWS):
        columns = [(column.cast(pa.string()) if f["type"] == "date" else column).to_pylist()
                   for f, column in zip(fields, batch.columns)]
        yield from zip(*columns)


def meta_rows(context: Context):
    """The rows of _tables, _columns and _values."""
    tables, columns, values = [], [], []
    for table in registry.NAMES:
        schema = context.schema(table)
        tables.append((table, "table", schema["description"]))
        for position, field in enumerate(schema["fields"], 1):
            columns.append((table, field["name"], position, field["type"],
                            int(bool(field.get("constraints", {}).get("required"))),
                            field["description"]))
            values += [(table, field["name"], c["value"], c["label"])
                       for c in field.get("categories", [])]
    tables += [(view, "view", description) for view, (description, _) in VIEWS.items()]
    tables += [(meta, "table", description) for meta, (description, _) in META.items()]
    return {"_tables": tables, "_columns": columns, "_values": values}


def write_sqlite(tables: dict[str, pa.Table], context: Context, out: Path) -> list[Path]:
    """out/<package name>.sqlite, from the final tables."""
    path = out / consumer_files(package_name(context.schemas_dir))["sqlite"]
    # Built beside its final name and renamed when complete, so no half-written database is
    # ever at that name. SQLite creates the file, with the usual permissions.
    temporary = out / f".{path.name}.tmp"
    temporary.unlink(missing_ok=True)
    try:
        fill(temporary, tables, context)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    return [path]


def fill(path: Path, tables: dict[str, pa.Table], context: Context) -> None:
    connection = sqlite3.connect(path, isolation_level=None)  # transactions spelled out below
    try:
        # Before the first table: the page size is fixed when the file gets its first page.
        # The journal stays in memory: no -journal file appears beside the package.
        for pragma in (f"page_size = {PAGE_SIZE}", "journal_mode = MEMORY", "encoding = 'UTF-8'"):
            connection.execute(f"PRAGMA {pragma}")
        connection.execute("BEGIN")
        for table in registry.NAMES:
            schema = context.schema(table)
            connection.execute(create_table(table, schema))
            marks = ", ".join("?" * len(schema["fields"]))
            connection.executemany(f"INSERT INTO {name(table)} VALUES ({marks})",
                                   rows(tables[table], schema))
            for statement in foreign_key_indexes(table, schema):
                connection.execute(statement)
        for view, (_, select) in VIEWS.items():
            connection.execute(f"CREATE VIEW {name(view)} AS\n{select}")
        for meta, content in meta_rows(context).items():
            columns = META[meta][1]
            connection.execute(f"CREATE TABLE {name(meta)} (\n  " + ",\n  ".join(
                f"{column} {declaration}" for column, declaration in columns) + "\n)"
                + (" STRICT" if STRICT else ""))
            marks = ", ".join("?" * sum(column != "PRIMARY KEY" for column, _ in columns))
            connection.executemany(f"INSERT INTO {name(meta)} VALUES ({marks})", sorted(content))
        broken = connection.execute("PRAGMA foreign_key_check").fetchall()
        if broken:  # validation checks the CSV too; this keeps a broken file from being written
            raise ValueError(f"foreign keys broken in the SQLite database: {broken[:5]}")
        connection.execute("COMMIT")
        # VACUUM rewrites every page; journalled (even in memory) it would first copy them
        # all, as large as the file. The file is renamed into place only once complete, so a
        # VACUUM cut short needs no journal to undo it.
        connection.execute("PRAGMA journal_mode = OFF")
        connection.execute("VACUUM")
    finally:
        connection.close()
