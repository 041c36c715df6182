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

import csv
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


def open_csv(path: Path, types: pa.Schema, names: list[str] | None = None) -> pacsv.CSVStreamingReader:
    """read_csv() a block at a time: an iterator of record batches."""
    return pacsv.open_csv(path, read_options=pacsv.ReadOptions(block_size=BLOCK_BYTES),
                          parse_options=pacsv.ParseOptions(newlines_in_values=True),
                          convert_options=_convert(types, names))


def as_text(names: list[str]) -> pa.Schema:
    """Every column as text: how the checks read a CSV file, to check each cell's form."""
    return pa.schema([(name, pa.string()) for name in names])


def row_problem(table: str, row: int, column: str | None, value, what: str, count: int) -> str:
    """A problem of `count` rows, named by the first (as frictionless counts rows: the
    header is row 1) and, with a column, its value."""
    shown = f" {column}={value!r}:" if column is not None else ""
    return (f"{table}: row {row + 2}:{shown} {what}"
            + (f" (and {count - 1} more rows)" if count > 1 else ""))


def full_match(column: pa.ChunkedArray, pattern: str) -> pa.ChunkedArray:
    return pc.match_substring_regex(column, f"^(?:{pattern})$")


def absent(column: pa.ChunkedArray, allowed: pa.Array) -> pa.ChunkedArray:
    """True where a value is present but not among `allowed` (nulls are not checked here)."""
    return pc.and_(pc.is_valid(column), pc.invert(pc.is_in(column, value_set=allowed)))


class TableChecker:
    """The checks of one CSV resource, made a block of rows at a time (a large table is never
    whole in memory): each row-local check keeps how many rows broke it and the first one;
    the columns a whole-column check needs (unique fields, the primary key, foreign keys)
    are kept whole, and checked at the end. Problems come in the order the checks are
    listed: by field, then the primary key."""

    def __init__(self, name: str, schema: dict, kept: set[str], parents: dict | None = None):
        self.name, self.schema = name, schema
        # foreign key number -> (column, resource, key, the key's values): checked block by
        # block, as the resource referenced was read before this one
        self.parents = parents or {}
        self.referenced: dict[int, list[pa.Array]] = {}  # foreign key number -> distinct values per block
        self.names = [f["name"] for f in schema["fields"]]
        key = schema["primaryKey"]
        self.unique_fields = [f["name"] for f in schema["fields"] if f.get("constraints", {}).get("unique")]
        self.key_is_unique_field = len(key) == 1 and key[0] in self.unique_fields
        self.kept_names = [n for n in self.names if n in kept or n in self.unique_fields or n in key]
        self.kept: list[pa.RecordBatch] = []
        self.table: pa.Table | None = None  # the kept columns, once every block is checked
        self.rows = 0  # rows checked so far
        # (field number, check number) -> [rows broken, first row, column shown or None, its value, what]
        self.broken: dict[tuple[int, int], list] = {}
        self.problems: list[str] = []  # found at the end, and those of the foreign keys
        self.untyped: set[int] = set()  # fields whose column cannot be typed: not checked further

    def fail(self, at: tuple[int, int], column: pa.Array | None, bad, what: str) -> None:
        """Count the rows of this block where `bad` is true; keep the first one's position
        (as frictionless counts rows: the header is row 1) and value."""
        count = pc.sum(bad).as_py() or 0
        if not count:
            return
        if at in self.broken:
            self.broken[at][0] += count
            return
        row = pc.index(bad, True).as_py()
        value = column[row].as_py() if column is not None else None
        self.broken[at] = [count, self.rows + row, self.names[at[0]] if column is not None else None, value, what]

    def check_field(self, number: int, field: dict, column: pa.Array) -> None:
        name, kind = field["name"], field["type"]
        unknown = set(field) - FIELD_KEYS | set(field.get("constraints", {})) - CONSTRAINTS
        if unknown or kind not in TYPE_PATTERNS and kind != "string":
            raise UnsupportedSchema(f"{self.name}.{name}: cannot check {sorted(unknown) or kind}")
        if number in self.untyped:
            return
        present = pc.is_valid(column)
        typed = column
        if kind != "string":
            well_formed = pc.fill_null(full_match(column, TYPE_PATTERNS[kind]), True)
            self.fail((number, 0), column, pc.invert(well_formed), f"not of type {kind}")
            kept = pc.if_else(well_formed, column, pa.scalar(None, pa.string()))
            if kind == "date":
                # strptime rolls 2025-02-30 over to 2025-03-02: a real date prints back the same
                typed = pc.strptime(kept, format="%Y-%m-%d", unit="s", error_is_null=True)
                printed = pc.strftime(typed, format="%Y-%m-%d")
                self.fail((number, 1), column, pc.and_(pc.is_valid(kept), pc.fill_null(pc.not_equal(printed, kept), True)),
                          "not a calendar date")
            elif kind == "boolean":
                typed = pc.equal(kept, "true")
            else:
                try:
                    typed = kept.cast(ARROW_TYPES[kind])
                except pa.ArrowInvalid as exc:
                    # What this column broke in earlier blocks, beyond its form, is not reported.
                    self.broken = {at: found for at, found in self.broken.items() if at[0] != number or at[1] < 1}
                    self.broken[(number, 1)] = [1, None, None, None, f"{self.name}: {name}: {exc}"]
                    self.untyped.add(number)
                    return
        constraints = field.get("constraints", {})
        if constraints.get("required"):
            self.fail((number, 2), None, pc.invert(present), f"{name} is required but empty")
        if "pattern" in constraints:
            self.fail((number, 4), column, pc.invert(pc.fill_null(full_match(column, constraints["pattern"]), True)),
                      f"does not match the pattern {constraints['pattern']}")
        if "enum" in constraints:
            allowed = pa.array(constraints["enum"], typed.type)
            self.fail((number, 5), column, absent(typed, allowed), f"not one of the allowed values {constraints['enum']}")
        for check, (key, compare, words) in enumerate((("minimum", pc.less, "below the minimum"),
                                                        ("maximum", pc.greater, "above the maximum")), 6):
            if key in constraints:
                self.fail((number, check), column, pc.fill_null(compare(typed, constraints[key]), False),
                          f"{words} {constraints[key]}")
        for check, (key, compare) in enumerate((("minLength", pc.less), ("maxLength", pc.greater)), 8):
            if key in constraints:
                self.fail((number, check), column, pc.fill_null(compare(pc.utf8_length(column), constraints[key]), False),
                          f"breaks {key} {constraints[key]}")

    def check_block(self, block: pa.RecordBatch) -> None:
        for number, field in enumerate(self.schema["fields"]):
            self.check_field(number, field, block.column(field["name"]))
        for number, (column, _, _, _) in self.parents.items():  # the values it takes, each once
            self.referenced.setdefault(number, []).append(pc.unique(block.column(column)))
        # Copied: a column of a CSV block shares its buffers with the whole block.
        self.kept.append(block.select(self.kept_names).take(pa.array(range(block.num_rows), pa.int64())))
        self.rows += block.num_rows

    def check_unique(self, names: list[str]) -> str | None:
        """No two rows share a value (of a column or of a key), nulls aside."""
        rows = self.table.select(names).append_column("row", pa.array(range(self.table.num_rows)))
        complete = pc.is_valid(rows[names[0]])
        for name in names[1:]:
            complete = pc.and_(complete, pc.is_valid(rows[name]))
        rows = rows.filter(complete)
        # Sorted, a value repeated is next to itself: only the rows of repeated values are
        # counted below (hashing every key of a large table at once takes far more memory).
        order = pc.sort_indices(rows, [(name, "ascending") for name in names])
        repeats = None
        for name in names:
            column = rows[name].take(order)
            same = pc.equal(column.slice(1), column.slice(0, len(column) - 1))
            repeats = same if repeats is None else pc.and_(repeats, same)
        if repeats is None or not pc.any(repeats).as_py():
            return None
        following = pc.indices_nonzero(repeats)
        involved = pc.unique(pa.chunked_array([order.take(following), order.take(pc.add(following, 1))]))
        rows = rows.take(involved.take(pc.sort_indices(involved)))  # in their order in the file
        counts = rows.group_by(names).aggregate([("row", "count"), ("row", "min")])
        repeated = counts.filter(pc.greater(counts["row_count"], 1))
        if not repeated.num_rows:
            return None
        values = ", ".join(f"{n}={repeated[n][0].as_py()!r}" for n in names)
        rule = f"{'+'.join(names)} is the primary key" if len(names) > 1 else f"{names[0]} is unique"
        return (f"{self.name}: row {repeated['row_min'][0].as_py() + 2}: {values}: "
                f"in {repeated['row_count'][0].as_py()} rows, but {rule}"
                + (f" (and {repeated.num_rows - 1} more values)" if repeated.num_rows > 1 else ""))

    def finish(self) -> None:
        """The whole-column checks, and every problem in the order of the checks."""
        self.table = pa.Table.from_batches(self.kept, as_text(self.kept_names))
        self.kept = []
        for number, field in enumerate(self.schema["fields"]):
            if field["name"] in self.unique_fields and number not in self.untyped:
                problem = self.check_unique([field["name"]])
                if problem:
                    self.broken[(number, 3)] = [0, None, None, None, problem]
        if not self.key_is_unique_field:
            problem = self.check_unique(self.schema["primaryKey"])
            if problem:
                self.broken[(len(self.names), 0)] = [0, None, None, None, problem]
        for at in sorted(self.broken):
            count, row, column, value, what = self.broken[at]
            if row is None:  # a whole message (a unique or key check, a column that cannot be typed)
                self.problems.append(what)
                continue
            self.problems.append(row_problem(self.name, row, column, value, what, count))

    def check_references(self, path: Path) -> None:
        """The foreign keys checked by the distinct values the blocks took; only when one is
        missing is its column read whole again, to find its first row and count them."""
        for number, (column, resource, key, values) in self.parents.items():
            taken = pc.unique(pa.chunked_array(self.referenced.get(number, []), pa.string()))
            if not pc.any(absent(taken, values)).as_py():
                continue
            whole = read_csv(path, as_text(self.names), [column])[column]
            bad = absent(whole, values)
            row = pc.index(bad, True).as_py()
            self.problems.append(row_problem(self.name, row, column, whole[row].as_py(),
                                             f"not found in {resource}.{key} (foreign key)", pc.sum(bad).as_py()))

    def check_header(self, header: list[str]) -> bool:
        if set(self.schema) - SCHEMA_KEYS:
            raise UnsupportedSchema(f"{self.name}: cannot check {sorted(set(self.schema) - SCHEMA_KEYS)}")
        if header != self.names:
            self.problems.append(f"{self.name}: header {header} is not the schema's fields {self.names}")
            return False
        return True


def check_package(out: Path) -> list[str]:
    """Every problem found in the CSV resources of the package at `out`."""
    descriptor = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    resources = [r for r in descriptor["resources"] if r["format"] == "csv"]
    for resource in resources:
        if isinstance(resource["schema"], str):
            resource["schema"] = json.loads((out / resource["schema"]).read_text(encoding="utf-8"))
    # Columns the foreign keys need, on either side; the rest is let go after each block's
    # own checks, so that only one block of a table is held whole at a time.
    # A foreign key to a resource read before is checked a block at a time; the others at the end.
    kept = {r["name"]: set() for r in resources}
    for position, resource in enumerate(resources):
        earlier = {r["name"] for r in resources[:position]}
        for fk in resource["schema"].get("foreignKeys", []):
            if fk["reference"]["resource"] not in earlier:
                kept[resource["name"]].update(fk["fields"])
            kept.setdefault(fk["reference"]["resource"], set()).update(fk["reference"]["fields"])
    checkers: dict[str, TableChecker] = {}
    unreadable: list[str] = []
    for resource in resources:
        schema = resource["schema"]
        parents = {}
        for number, fk in enumerate(schema.get("foreignKeys", [])):
            parent, key = checkers.get(fk["reference"]["resource"]), fk["reference"]["fields"]
            if len(fk["fields"]) == len(key) == 1 and parent is not None and key[0] in parent.table.column_names:
                parents[number] = (fk["fields"][0], fk["reference"]["resource"], key[0],
                                   parent.table[key[0]].combine_chunks())
        checker = TableChecker(resource["name"], schema, kept[resource["name"]], parents)
        try:
            with (out / resource["path"]).open("rb") as handle:
                header = next(csv.reader([handle.readline().decode("utf-8")]), [])
            if not checker.check_header(header):
                checkers[resource["name"]] = checker
                checker.table = pa.table({})
                continue
            for block in open_csv(out / resource["path"], as_text(checker.names)):
                checker.check_block(block)
        except (pa.ArrowInvalid, OSError, UnicodeDecodeError) as exc:
            unreadable.append(f"{resource['name']}: cannot be read as CSV: {exc}")
            continue
        checker.finish()
        checker.check_references(out / resource["path"])
        checkers[resource["name"]] = checker
    for name, checker in checkers.items():
        for number, fk in enumerate(checker.schema.get("foreignKeys", [])):
            if number in checker.parents:
                continue
            if len(fk["fields"]) != 1 or len(fk["reference"]["fields"]) != 1:
                raise UnsupportedSchema(f"{name}: cannot check a foreign key of several fields")
            (column,), reference = fk["fields"], fk["reference"]
            parent = checkers.get(reference["resource"])
            key = reference["fields"][0]
            if column not in checker.table.column_names:  # a header already reported
                continue
            if parent is None or key not in parent.table.column_names:
                checker.problems.append(f"{name}: foreign key {column} refers to "
                                        f"{reference['resource']}.{key}, which cannot be read")
                continue
            bad = absent(checker.table[column], parent.table[key].combine_chunks())
            count = pc.sum(bad).as_py() or 0
            if count:
                row = pc.index(bad, True).as_py()
                checker.problems.append(row_problem(name, row, column, checker.table[column][row].as_py(),
                                                    f"not found in {reference['resource']}.{key} (foreign key)",
                                                    count))
    return unreadable + [problem for checker in checkers.values() for problem in checker.problems]
