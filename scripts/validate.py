"""Validate stage: check a written package before it replaces the published one.

Three independent checks, each reading the files as a consumer would:
1. frictionless validates the CSV resources (types, constraints, enums, primary and
   foreign keys) from datapackage.json;
2. every Parquet file has the typed columns the schema asks for (with descriptions) and
   exactly the rows and values of its CSV twin;
3. every quote and every mention equals its article text at its offsets, and every
   input article's sha256 matches sources.text_sha256.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import sys
from pathlib import Path

import frictionless
import pyarrow.parquet as pq

from . import schemas
from .parallel import ordered_map
from .write import arrow_schema

PARSERS = {
    "string": str,
    "integer": int,
    "number": float,
    "boolean": {"true": True, "false": False}.__getitem__,
    "date": dt.date.fromisoformat,
}


def read_csv(path: Path, schema: dict) -> list[dict]:
    """A CSV file as typed rows, by the package conventions (empty cell = null)."""
    types = {f["name"]: PARSERS[f["type"]] for f in schema["fields"]}
    with path.open(encoding="utf-8", newline="") as handle:
        return [{k: (types[k](v) if v != "" else None) for k, v in row.items()}
                for row in csv.DictReader(handle)]


PARALLEL_BYTES = 5_000_000  # below this much CSV, starting workers costs more than it saves


def published_schema(out: Path, table: str) -> dict:
    """The Table Schema as published in the package (what a consumer reads)."""
    return json.loads((out / "schemas" / f"{table}.json").read_text(encoding="utf-8"))


def check_frictionless(out: Path, parquet: bool = False) -> list[str]:
    """frictionless' verdict on the package: types, constraints, primary and foreign keys.

    Each resource is validated as part of the package, so its foreign keys are checked
    against the resources they reference; large packages validate resources on all cores,
    largest first. By default only the CSV resources are read: frictionless reads Parquet
    through pandas, row by row, about ten times slower than the CSV, and check_parquet()
    already proves each Parquet file has the schema's types and exactly its CSV twin's
    values, so validating the same rows twice buys nothing in the build. The test suite
    runs the full check, as `frictionless validate datapackage/datapackage.json` does.
    """
    descriptor = out / "datapackage.json"
    resources = [r for r in json.loads(descriptor.read_text(encoding="utf-8"))["resources"]
                 if parquet or r["format"] != "parquet"]
    sizes = {r["name"]: (out / r["path"]).stat().st_size for r in resources}
    jobs = sorted(((descriptor, r["name"]) for r in resources), key=lambda job: -sizes[job[1]])
    parallel = sum(sizes.values()) >= PARALLEL_BYTES
    found = dict(zip((name for _, name in jobs),
                     ordered_map(_validate_resource, jobs, min_items=1 if parallel else len(jobs) + 1),
                     strict=True))
    return [problem for r in resources for problem in found[r["name"]]]


def _validate_resource(job: tuple[Path, str]) -> list[str]:
    descriptor, name = job
    report = frictionless.Package(str(descriptor)).get_resource(name).validate()
    if report.valid:
        return []
    problems = [f"frictionless: {name}: {e.title}: {e.message}" for e in report.errors]
    for task in report.tasks:
        problems += [f"frictionless: {task.name}: {e.message}" for e in task.errors]
    return problems or [f"frictionless: {name} is not valid"]


def check_parquet(out: Path) -> list[str]:
    problems = []
    for table in schemas.TABLES:
        schema = published_schema(out, table)
        parquet = pq.read_table(out / "parquet" / f"{table}.parquet")
        expected, found = arrow_schema(schema), parquet.schema
        if not (list(found) == list(expected)  # field names, types, nullability
                and all(a.metadata == b.metadata for a, b in zip(found, expected))
                and found.metadata.get(b"description") == expected.metadata[b"description"]):
            problems.append(f"parquet/{table}.parquet: column types or descriptions differ from "
                            f"the schema:\n{parquet.schema}")
            continue
        csv_rows = read_csv(out / "csv" / f"{table}.csv", schema)
        parquet_rows = parquet.to_pylist()
        if csv_rows != parquet_rows:
            diff = next((i for i, (a, b) in enumerate(zip(csv_rows, parquet_rows)) if a != b),
                        min(len(csv_rows), len(parquet_rows)))
            problems.append(f"{table}: CSV and Parquet differ ({len(csv_rows)} vs {len(parquet_rows)} "
                            f"rows; first difference at row {diff + 1})")
    return problems


def check_quotes(out: Path, articles_dir: Path) -> list[str]:
    problems, texts = [], {}
    for source in read_csv(out / "csv" / "sources.csv", published_schema(out, "sources")):
        if not source["is_input"]:
            continue
        data = (articles_dir / f"{source['source_id']}.txt").read_bytes()
        texts[source["source_id"]] = data.decode("utf-8")
        if hashlib.sha256(data).hexdigest() != source["text_sha256"]:
            problems.append(f"sources: {source['source_id']}: text_sha256 does not match the article")
    for table, id_column, source_column, text_column in (
            ("evidence", "evidence_id", "source_id", "quote"),
            ("citations", "cited_source_id", "stated_in_id", "quote"),
            ("mentions", "start", "source_id", "text")):
        for row in read_csv(out / "csv" / f"{table}.csv", published_schema(out, table)):
            if texts[row[source_column]][row["start"]:row["end"]] != row[text_column]:
                problems.append(f"{table}: {row[id_column]}: quote differs from the article text "
                                f"at {row['start']}:{row['end']}")
    return problems


def validate_package(out: Path, root: Path) -> list[str]:
    """Every problem found in the package at `out`; empty when it is valid."""
    return check_frictionless(out) + check_parquet(out) + check_quotes(out, root / "articles")


def main() -> int:
    root = Path.cwd()
    problems = validate_package(root / "datapackage", root)
    for problem in problems:
        print(problem, file=sys.stderr)
    print("datapackage/: " + ("valid" if not problems else f"INVALID ({len(problems)} problems)"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
