"""Validate stage: check a written package before it replaces the published one.

Three independent checks, each reading the files as a consumer would:
1. the CSV resources against their Table Schemas (types, constraints, enums, primary and
   foreign keys): by frictionless, or for packages of more than ARROW_BYTES of CSV by the
   same checks on whole columns in pyarrow (scripts/build/arrowcheck.py), with frictionless
   still checking the descriptor;
2. every Parquet file has the typed columns the schema asks for (with descriptions) and
   exactly the rows and values of its CSV twin;
3. every quote and every mention equals its article text at its offsets, and every
   input article's sha256 matches sources.text_sha256.
"""
from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import frictionless
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from scripts import registry
from scripts.build import arrowcheck
from scripts.build.write import arrow_schema

# Above this much CSV, frictionless' row-by-row reading is the largest cost of the build,
# and arrowcheck's column checks are far faster (BENCHMARKS.md).
ARROW_BYTES = 5_000_000


def published_schema(out: Path, table: str) -> dict:
    """The Table Schema as published in the package (what a consumer reads)."""
    return json.loads((out / "schemas" / f"{table}.json").read_text(encoding="utf-8"))


def csv_bytes(out: Path) -> int:
    return sum(path.stat().st_size for path in (out / "csv").glob("*.csv"))


def check_tables(out: Path, share: tuple[int, int] | None = None) -> list[str]:
    """The CSV resources against their Table Schemas: frictionless, or arrowcheck if large.
    share (k, n): only the k-th of n shares of the resources, for n processes side by side
    (arrowcheck, which is quick, runs whole in share 0)."""
    if csv_bytes(out) <= ARROW_BYTES:
        return check_frictionless(out, share=share)
    if share is not None and share[0] != 0:
        return []
    report = frictionless.Package.validate_descriptor(str(out / "datapackage.json"))
    errors = report.errors + [e for task in report.tasks for e in task.errors]
    if errors:  # the tables cannot be checked against a descriptor that is not valid
        return [f"frictionless: datapackage.json: {e.message}" for e in errors]
    return arrowcheck.check_package(out)


def check_frictionless(out: Path, parquet: bool = False, share: tuple[int, int] | None = None) -> list[str]:
    """frictionless' verdict on the package: types, constraints, primary and foreign keys.

    Each resource is validated as part of the package, so its foreign keys are checked
    against the resources they reference. By default only the CSV resources are read:
    frictionless reads Parquet through pandas, row by row, about ten times slower than the
    CSV, and check_parquet() already proves each Parquet file has the schema's types and
    exactly its CSV twin's values. The test suite runs the full check, as
    `frictionless validate datapackage/datapackage.json` does. share: as check_tables.
    """
    descriptor = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    if not parquet:  # not even loaded: frictionless' metadata handling is most of its time here
        descriptor["resources"] = [r for r in descriptor["resources"] if r["format"] != "parquet"]
    package = frictionless.Package(descriptor, basepath=str(out))
    problems = []
    for number, resource in enumerate(package.resources):
        if share is not None and number % share[1] != share[0]:
            continue
        report = resource.validate()
        if report.valid:
            continue
        found = [f"frictionless: {resource.name}: {e.title}: {e.message}" for e in report.errors]
        for task in report.tasks:
            found += [f"frictionless: {task.name}: {e.message}" for e in task.errors]
        problems += found or [f"frictionless: {resource.name} is not valid"]
    return problems


class Rows:
    """The record batches of a file, taken a given number of rows at a time."""

    def __init__(self, batches):
        self.batches, self.held = iter(batches), []

    def take(self, rows: int) -> pa.Table | None:
        """The next `rows` rows, or None when fewer are left."""
        while sum(len(b) for b in self.held) < rows:
            following = next(self.batches, None)
            if following is None:
                return None
            self.held.append(following)
        held = pa.Table.from_batches(self.held)
        self.held = held.slice(rows).to_batches()
        return held.slice(0, rows)


def check_parquet(out: Path) -> list[str]:
    """Each Parquet file has the schema's types and descriptions and exactly the rows of its
    CSV twin: both read a batch at a time, so a large table is never whole in memory."""
    problems = []
    for table in registry.NAMES:
        schema = published_schema(out, table)
        parquet = pq.ParquetFile(out / "parquet" / f"{table}.parquet")
        expected, found = arrow_schema(schema), parquet.schema_arrow
        if not (list(found) == list(expected)  # field names, types, nullability
                and all(a.metadata == b.metadata for a, b in zip(found, expected))
                and found.metadata.get(b"description") == expected.metadata[b"description"]):
            problems.append(f"parquet/{table}.parquet: column types or descriptions differ from "
                            f"the schema:\n{found}")
            continue
        parquet_rows, csv_rows = Rows(parquet.iter_batches()), 0
        first_difference: dict[str, int] = {}
        try:
            for batch in arrowcheck.open_csv(out / "csv" / f"{table}.csv", expected):
                twin = parquet_rows.take(batch.num_rows) if csv_rows <= parquet.metadata.num_rows else None
                if twin is not None:
                    for name in expected.names:
                        a, b = pa.chunked_array([batch.column(name)]), twin[name]
                        if name not in first_difference and not a.equals(b):
                            same = pc.fill_null(pc.equal(a, b), False)
                            both_null = pc.and_(pc.is_null(a), pc.is_null(b))
                            first_difference[name] = csv_rows + pc.index(pc.invert(pc.or_(same, both_null)), True).as_py()
                csv_rows += batch.num_rows
        except pa.ArrowInvalid as exc:
            problems.append(f"csv/{table}.csv cannot be read with the schema's types: {exc}")
            continue
        if csv_rows != parquet.metadata.num_rows:
            problems.append(f"{table}: CSV and Parquet differ ({csv_rows} vs "
                            f"{parquet.metadata.num_rows} rows)")
            continue
        problems += [f"{table}: CSV and Parquet differ in {name} at row {row + 1}"
                     for name, row in sorted(first_difference.items(), key=lambda item: expected.names.index(item[0]))]
    return problems


def read_columns(out: Path, table: str, names: list[str]) -> pa.Table:
    """Some columns of a package CSV file, typed (the others are not even parsed)."""
    schema = arrow_schema(published_schema(out, table))
    return arrowcheck.read_csv(out / "csv" / f"{table}.csv", schema, names)


# Tables with text copied from an article: (table, record id column, article column, text column)
QUOTED = (("evidence", "evidence_id", "source_id", "quote"),
          ("citations", "cited_source_id", "stated_in_id", "quote"),
          ("mentions", "start", "source_id", "text"))
QUOTE_BATCH = 50_000  # rows turned into Python values at a time, to bound memory


def check_quotes(out: Path, articles_dir: Path) -> list[str]:
    """Every input article's sha256 is its sources.text_sha256, and every quote its
    article's text at its offsets. The quotes of all tables are taken in article order, a
    batch at a time, so each article is read once and only one article's text and one
    batch are held at once (the articles as integer codes, the records' ids read only for
    the problems); problems are reported in the tables' row order."""
    sources = read_columns(out, "sources", ["source_id", "is_input", "text_sha256"])
    source_ids = sources["source_id"].to_pylist()
    expected = {number: sha256 for number, (is_input, sha256) in
                enumerate(zip(sources["is_input"].to_pylist(), sources["text_sha256"].to_pylist())) if is_input}
    found: list[tuple[int, int, int, int]] = []  # (table number, row, start, end) of each quote that differs
    differs: list[int] = []  # articles whose sha256 differs

    def text_of(number: int) -> str:
        data = (articles_dir / f"{source_ids[number]}.txt").read_bytes()
        sha256 = expected.pop(number, None)
        if sha256 is not None and hashlib.sha256(data).hexdigest() != sha256:
            differs.append(number)
        return data.decode("utf-8")

    numbers = {source: number for number, source in enumerate(source_ids)}

    def article_numbers(column: pa.Array) -> pa.Array:
        """Each row's article as its number in sources, null where it is none of them: the
        block's few distinct values are looked up, not every source for every block (which
        grew with the square of the corpus)."""
        distinct = pc.unique(column)
        codes = pa.array([numbers.get(value) for value in distinct.to_pylist()], pa.int32())
        return pc.take(codes, pc.index_in(column, value_set=distinct))

    parts = []
    for number, (table, _, source_column, text_column) in enumerate(QUOTED):
        types = arrow_schema(published_schema(out, table))
        counted = 0
        for block in arrowcheck.open_csv(out / "csv" / f"{table}.csv", types,
                                         [source_column, text_column, "start", "end"]):
            parts.append(pa.record_batch({
                "table": pa.array([number] * block.num_rows, pa.int8()),
                "row": pa.array(range(counted, counted + block.num_rows), pa.int64()),
                "source": article_numbers(block.column(source_column)),
                "quote": block.column(text_column), "start": block.column("start"), "end": block.column("end")}))
            counted += block.num_rows
    rows = pa.Table.from_batches(parts)
    del parts
    order = pc.sort_indices(rows, [("source", "ascending")])
    article, text = None, ""
    for first in range(0, len(order), QUOTE_BATCH):
        batch = rows.take(order[first:first + QUOTE_BATCH])
        for number, row, source, quote, start, end in zip(*(c.to_pylist() for c in batch.columns)):
            if source is None:  # not a source of the package (the Table Schema check says so)
                continue
            if source != article:
                article, text = source, text_of(source)
            if text[start:end] != quote:
                found.append((number, row, start, end))
    for number in list(expected):  # input articles no quote is taken from
        text_of(number)
    problems = [f"sources: {source_ids[number]}: text_sha256 does not match the article" for number in sorted(differs)]
    for number, (table, id_column, _, _) in enumerate(QUOTED):
        rows_found = sorted((row, start, end) for n, row, start, end in found if n == number)
        if rows_found:
            records = read_columns(out, table, [id_column])[id_column]
            problems += [f"{table}: {records[row].as_py()}: quote differs from the article text at {start}:{end}"
                         for row, start, end in rows_found]
    return problems


def validate_package(out: Path, root: Path) -> list[str]:
    """Every problem found in the package at `out`; empty when it is valid."""
    return check_tables(out) + check_parquet(out) + check_quotes(out, root / "articles")


def main() -> int:
    root = Path.cwd()
    problems = validate_package(root / "datapackage", root)
    for problem in problems:
        print(problem, file=sys.stderr)
    print("datapackage/: " + ("valid" if not problems else f"INVALID ({len(problems)} problems)"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
