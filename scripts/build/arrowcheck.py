"""The Table Schema checks frictionless makes, as column operations in pyarrow, for large packages.

frictionless reads a CSV row by row in Python, which dominates the build of a large
package; the same checks on whole columns are far faster (BENCHMARKS.md), so packages
above validate.ARROW_BYTES are checked here instead, and
the committed package and the test suite keep frictionless as the reference (a test
corrupts packages in every way below and asserts both refuse them).

Checked, per CSV resource of datapackage.json: the header is the schema's field names in
order; every row has every field; each cell parses as its field's type (integers,
true/false, ISO dates, numbers); the constraints required, unique, pattern, enum,
minimum, maximum, minLength and maxLength; the primary key is unique; every foreign
key value exists in the resource it references. A schema keyword not listed here stops
the check instead of being skipped, so a new constraint cannot go unchecked.
"""
from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
from pyarrow import csv as pacsv

from scripts.schemas import ARROW_TYPES

# Plain-text forms the package writes (scripts/build/write.py); anything else is a type error.
TYPE_PATTERNS = {"integer": r"-?[0-9]+", "number": r"-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?",
                 "boolean": "true|false", "date": r"[0-9]{4}-[0-9]{2}-[0-9]{2}"}
CONSTRAINTS = {"required", "unique", "pattern", "enum", "minimum", "maximum", "minLength", "maxLength"}
FIELD_KEYS = {"name", "type", "description", "constraints", "categories", "example", "title"}
SCHEMA_KEYS = {"$schema", "fields", "primaryKey", "foreignKeys", "description", "title"}


class UnsupportedSchema(ValueError):
    pass


def _convert(types: pa.Schema, names: list[str] | None = None) -> pacsv.ConvertOptions:
    return pacsv.ConvertOptions(column_types=types, include_columns=names, strings_can_be_null=True,
                                quoted_strings_can_be_null=True, null_values=[""],
                                true_values=["true"], false_values=["false"])


def read_csv(path: Path, types: pa.Schema, names: list[str] | None = None) -> pa.Table:
    """A package CSV file with the given column types, by the package conventions: an empty
    cell is null, booleans are true/false, values may hold line breaks. With names, only
    those columns."""
    return pacsv.read_csv(path, parse_options=pacsv.ParseOptions(newlines_in_values=True),
                          convert_options=_convert(types, names))


BLOCK_BYTES = 1 << 22  # of CSV read at a time by open_csv


def open_csv(path: Path, types: pa.Schema) -> pacsv.CSVStreamingReader:
    """read_csv() a block at a time: an iterator of record batches."""
    return pacsv.open_csv(path, read_options=pacsv.ReadOptions(block_size=BLOCK_BYTES),
                          parse_options=pacsv.ParseOptions(newlines_in_values=True),
                          convert_options=_convert(types))


def read_strings(path: Path, names: list[str]) -> pa.Table:
    """A package CSV file with every column as text, to check each cell's form."""
    return read_csv(path, pa.schema([(name, pa.string()) for name in names]))


def full_match(column: pa.ChunkedArray, pattern: str) -> pa.ChunkedArray:
    return pc.match_substring_regex(column, f"^(?:{pattern})$")


def absent(column: pa.ChunkedArray, allowed: pa.Array) -> pa.ChunkedArray:
    """True where a value is present but not among `allowed` (nulls are not checked here)."""
    return pc.and_(pc.is_valid(column), pc.invert(pc.is_in(column, value_set=allowed)))


class TableChecker:
    def __init__(self, name: str, table: pa.Table, schema: dict):
        self.name, self.table, self.schema = name, table, schema
        self.problems: list[str] = []

    def fail(self, column: str | None, bad: pa.ChunkedArray, what: str) -> None:
        """Report the rows where `bad` is true: how many, and the first one's position (as
        frictionless counts rows: the header is row 1) and value."""
        count = pc.sum(bad).as_py() or 0
        if count:
            row = pc.index(bad, True).as_py()
            value = f" {column}={self.table[column][row].as_py()!r}:" if column else ""
            self.problems.append(f"{self.name}: row {row + 2}:{value} {what}"
                                 + (f" (and {count - 1} more rows)" if count > 1 else ""))

    def check_field(self, field: dict) -> None:
        name, kind = field["name"], field["type"]
        unknown = set(field) - FIELD_KEYS | set(field.get("constraints", {})) - CONSTRAINTS
        if unknown or kind not in TYPE_PATTERNS and kind != "string":
            raise UnsupportedSchema(f"{self.name}.{name}: cannot check {sorted(unknown) or kind}")
        column = self.table[name]
        present = pc.is_valid(column)
        typed = column
        if kind != "string":
            well_formed = pc.fill_null(full_match(column, TYPE_PATTERNS[kind]), True)
            self.fail(name, pc.invert(well_formed), f"not of type {kind}")
            kept = pc.if_else(well_formed, column, pa.scalar(None, pa.string()))
            if kind == "date":
                # strptime rolls 2025-02-30 over to 2025-03-02: a real date prints back the same
                typed = pc.strptime(kept, format="%Y-%m-%d", unit="s", error_is_null=True)
                printed = pc.strftime(typed, format="%Y-%m-%d")
                self.fail(name, pc.and_(pc.is_valid(kept), pc.fill_null(pc.not_equal(printed, kept), True)),
                          "not a calendar date")
            elif kind == "boolean":
                typed = pc.equal(kept, "true")
            else:
                try:
                    typed = kept.cast(ARROW_TYPES[kind])
                except pa.ArrowInvalid as exc:
                    self.problems.append(f"{self.name}: {name}: {exc}")
                    return
        constraints = field.get("constraints", {})
        if constraints.get("required"):
            self.fail(None, pc.invert(present), f"{name} is required but empty")
        if constraints.get("unique"):
            self.check_unique([name])
        if "pattern" in constraints:
            self.fail(name, pc.invert(pc.fill_null(full_match(column, constraints["pattern"]), True)),
                      f"does not match the pattern {constraints['pattern']}")
        if "enum" in constraints:
            allowed = pa.array(constraints["enum"], typed.type)
            self.fail(name, absent(typed, allowed), f"not one of the allowed values {constraints['enum']}")
        for key, compare, words in (("minimum", pc.less, "below the minimum"),
                                    ("maximum", pc.greater, "above the maximum")):
            if key in constraints:
                self.fail(name, pc.fill_null(compare(typed, constraints[key]), False),
                          f"{words} {constraints[key]}")
        for key, compare in (("minLength", pc.less), ("maxLength", pc.greater)):
            if key in constraints:
                self.fail(name, pc.fill_null(compare(pc.utf8_length(column), constraints[key]), False),
                          f"breaks {key} {constraints[key]}")

    def check_unique(self, names: list[str]) -> None:
        """No two rows share a value (of a column or of a key), nulls aside."""
        rows = self.table.select(names).append_column("row", pa.array(range(self.table.num_rows)))
        complete = pc.is_valid(rows[names[0]])
        for name in names[1:]:
            complete = pc.and_(complete, pc.is_valid(rows[name]))
        rows = rows.filter(complete)
        counts = rows.group_by(names).aggregate([("row", "count"), ("row", "min")])
        repeated = counts.filter(pc.greater(counts["row_count"], 1))
        if repeated.num_rows:
            values = ", ".join(f"{n}={repeated[n][0].as_py()!r}" for n in names)
            rule = f"{'+'.join(names)} is the primary key" if len(names) > 1 else f"{names[0]} is unique"
            self.problems.append(f"{self.name}: row {repeated['row_min'][0].as_py() + 2}: {values}: "
                                 f"in {repeated['row_count'][0].as_py()} rows, but {rule}"
                                 + (f" (and {repeated.num_rows - 1} more values)"
                                    if repeated.num_rows > 1 else ""))

    def check(self) -> None:
        if set(self.schema) - SCHEMA_KEYS:
            raise UnsupportedSchema(f"{self.name}: cannot check {sorted(set(self.schema) - SCHEMA_KEYS)}")
        names = [f["name"] for f in self.schema["fields"]]
        if self.table.column_names != names:
            self.problems.append(f"{self.name}: header {self.table.column_names} is not the "
                                 f"schema's fields {names}")
            return
        for field in self.schema["fields"]:
            self.check_field(field)
        key = self.schema["primaryKey"]
        unique = {f["name"] for f in self.schema["fields"] if f.get("constraints", {}).get("unique")}
        if not (len(key) == 1 and key[0] in unique):  # else already checked as a unique field
            self.check_unique(key)


def check_package(out: Path) -> list[str]:
    """Every problem found in the CSV resources of the package at `out`."""
    descriptor = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    resources = [r for r in descriptor["resources"] if r["format"] == "csv"]
    for resource in resources:
        if isinstance(resource["schema"], str):
            resource["schema"] = json.loads((out / resource["schema"]).read_text(encoding="utf-8"))
    # Columns the foreign keys need, on either side; the rest is let go after each table's
    # own checks, so that only one whole table is held at a time.
    kept = {r["name"]: set() for r in resources}
    for resource in resources:
        for fk in resource["schema"].get("foreignKeys", []):
            kept[resource["name"]].update(fk["fields"])
            kept.setdefault(fk["reference"]["resource"], set()).update(fk["reference"]["fields"])
    checkers: dict[str, TableChecker] = {}
    unreadable: list[str] = []
    for resource in resources:
        schema = resource["schema"]
        try:
            table = read_strings(out / resource["path"], [f["name"] for f in schema["fields"]])
        except (pa.ArrowInvalid, OSError) as exc:
            unreadable.append(f"{resource['name']}: cannot be read as CSV: {exc}")
            continue
        checker = checkers[resource["name"]] = TableChecker(resource["name"], table, schema)
        checker.check()
        checker.table = table.select([n for n in table.column_names if n in kept[resource["name"]]])
    for name, checker in checkers.items():
        for fk in checker.schema.get("foreignKeys", []):
            if len(fk["fields"]) != 1 or len(fk["reference"]["fields"]) != 1:
                raise UnsupportedSchema(f"{name}: cannot check a foreign key of several fields")
            (column,), reference = fk["fields"], fk["reference"]
            parent = checkers.get(reference["resource"])
            key = reference["fields"][0]
            if parent is None or key not in parent.table.column_names:
                checker.problems.append(f"{name}: foreign key {column} refers to "
                                        f"{reference['resource']}.{key}, which cannot be read")
                continue
            checker.fail(column, absent(checker.table[column], parent.table[key].combine_chunks()),
                         f"not found in {reference['resource']}.{key} (foreign key)")
    return unreadable + [problem for checker in checkers.values() for problem in checker.problems]
