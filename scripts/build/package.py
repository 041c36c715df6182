"""Package stage: datapackage.json, the published schemas and the data dictionary.

The descriptor skeleton (name, title, licence, ...) is kept in schemas/package.json;
resources and sources are added here from the tables. The package is self-contained:
schemas are copied into datapackage/schemas/ (frictionless refuses `../` paths), and
nothing in it depends on the clock or the machine, so a rebuild is byte-identical.
"""
from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from scripts import registry, schemas
from scripts.build import ndjson, recipes, sqlite
from scripts.errors import BuildError, Problem

RESOURCE_PROFILE = "https://datapackage.org/profiles/2.0/dataresource.json"


def dump_json(data, path: Path) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


# The CSV files' dialect, declared because it is not the v2 default (`\r\n` line ends).
CSV_DIALECT = {"delimiter": ",", "lineTerminator": "\n", "quoteChar": "\"", "doubleQuote": True,
               "header": True}
# Files of the release that are not tables, copied from the repository root.
RELEASE_FILES = ("CHANGELOG.md", "CITATION.cff", "LICENSE")


def file_facts(path: Path) -> dict:
    """bytes and sha256 of a written file, as Data Package v2 resources state them."""
    data = path.read_bytes()
    return {"bytes": len(data), "hash": f"sha256:{hashlib.sha256(data).hexdigest()}"}


def created(tables: dict[str, pa.Table]) -> str:
    """When the package was made, from the inputs, not the clock (a rebuild is byte-identical):
    the latest date an input article carries (its publication or archive date)."""
    inputs = tables["sources"].filter(pc.field("is_input"))
    dates = [d for column in ("published_date", "archive_date")
             for d in inputs[column].drop_null().to_pylist()]
    return f"{max(dates).isoformat()}T00:00:00Z" if dates else "1970-01-01T00:00:00Z"


def descriptor(tables: dict[str, pa.Table], schemas_dir: Path, out: Path) -> dict:
    """datapackage.json: the skeleton of schemas/package.json, with created, the input
    articles as sources, and every CSV and Parquet file as a resource with its size and hash
    (so the files have been written into out before this runs)."""
    base = json.loads((schemas_dir / "package.json").read_text(encoding="utf-8"))
    inputs = [row for row in tables["sources"].filter(pc.field("is_input")).to_pylist()]
    sources = [{"title": row["title"] or row["source_id"],
                **({"path": row["url"]} if row["url"] else
                   {"description": f"{row['source_id']}: the address is unknown (the article "
                                   "file came without one); the text is in the repository's "
                                   f"articles/{row['source_id']}.txt"})}
               for row in inputs]
    resources = []
    for table in registry.NAMES:
        schema = schemas.load(schemas_dir, table)
        common = {"$schema": RESOURCE_PROFILE, "description": schema["description"],
                  "schema": f"schemas/{table}.json"}
        resources.append({"name": table, "type": "table", "title": f"{schema['title']} (CSV)",
                          "path": f"csv/{table}.csv", "format": "csv", "mediatype": "text/csv",
                          "encoding": "utf-8", "dialect": CSV_DIALECT,
                          **file_facts(out / "csv" / f"{table}.csv"), **common})
        resources.append({"name": f"{table}-parquet", "type": "table",
                          "title": f"{schema['title']} (Parquet)",
                          "path": f"parquet/{table}.parquet", "format": "parquet",
                          "mediatype": "application/vnd.apache.parquet",
                          # frictionless 5 reads Parquet through pandas and cannot count its
                          # bytes, so it would report standard bytes/hash as mismatched: the
                          # same facts under x- names (tests/test_metadata.py checks them).
                          **{f"x-{k}": v for k, v in file_facts(out / "parquet" / f"{table}.parquet").items()},
                          **common})
    head = {k: v for k, v in base.items() if k != "$schema"}
    return {"$schema": base["$schema"], **head, "created": created(tables), "sources": sources,
            "resources": resources}


def _example(table: pa.Table, name: str) -> str:
    """The first value of a column that is not null or empty, for the data dictionary."""
    present = pc.drop_null(table[name])
    if pa.types.is_string(present.type):
        present = present.filter(pc.not_equal(present, ""))
    value = present[0].as_py() if len(present) else None
    if value is None:
        return ""
    text = str(value).lower() if isinstance(value, bool) else str(value)
    text = text if len(text) <= 40 else text[:37] + "..."
    return f"`{text}`".replace("|", "\\|")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _formats(package: dict) -> list[str]:
    """The section on the package's files: one per format, and what each is for."""
    files = recipes.consumer_files(package["name"])
    return ["", "## Files and formats", "",
            "Every format holds the same rows and values; pick the one your tool reads best.", "",
            "| file | format |", "|---|---|",
            "| `datapackage.json`, `schemas/<table>.json` | Frictionless Data Package descriptor "
            "and the Table Schema of each table (types, constraints, keys, descriptions) |",
            "| `csv/<table>.csv` | UTF-8 without BOM, comma, header row, `\\n` line ends, minimal "
            "quoting, empty cell = null. A CSV has no types: each table below has the pandas, "
            "polars and DuckDB calls that read it with the right ones (codes such as `0232` "
            "stay text). Excel users: open the `.xlsx`, or import the CSV as UTF-8 text |",
            "| `parquet/<table>.parquet` | typed columns (dates, nullable integers, booleans), "
            "field descriptions in the file's metadata |",
            f"| `{files['sqlite']}` | SQLite database: one table per table, with declared "
            "types (dates as ISO 8601 text, booleans as 0/1), NOT NULL, CHECK constraints "
            "(allowed values, minimums, simple patterns, valid dates), primary and foreign keys "
            "(`PRAGMA foreign_keys = ON` to enforce them on changes) and indexes on foreign "
            "keys; the views below; tables `_tables`, `_columns` and `_values` hold every "
            "description and allowed value |",
            f"| `{files['xlsx']}` | spreadsheet: one sheet per table (codes as text, dates as "
            "date cells, empty cell = null, header row frozen) and a `dictionary` sheet with "
            "every field's type, description and allowed values |",
            f"| `{files['ndjson']}` | one JSON document per line for each request, with what "
            "belongs to it nested (below) |",
            "", f"Views in `{files['sqlite']}`:", "",
            *[f"- `{view}`: {description}" for view, (description, _) in sqlite.VIEWS.items()],
            "", f"Each line of `{files['ndjson']}` holds the columns of `requests`, dates as "
            "ISO 8601 text, and:", "",
            *[f"- `{key}`: {description}." for key, description in ndjson.NESTED.items()]]


def _provenance(tables: dict[str, pa.Table]) -> list[str]:
    """How to read the counts, with the package's own best-reported fact as the example
    (chosen and described from the tables, so it stays true when articles are added)."""
    out = ["", "## Reading the counts: articles, origins, credits", "",
           "`article_count` is how many input articles give evidence for a fact. `origin_count` "
           "is how many independent origins that evidence rests on: `credited_origin_count` roots "
           "reached by following the credits (`citations`) from the sources the quotes are "
           "attributed to, plus `own_authority_article_count` input articles that state the fact "
           "crediting no one (each is its own origin: not a confirmation of a credited report). "
           "`fact_origins` lists each origin with the chain of credits to it."]
    if not tables["requests"].num_rows:
        return out
    example = tables["requests"].sort_by([("article_count", "descending"),
                                          ("request_id", "descending")]).slice(0, 1).to_pylist()[0]
    origins = tables["fact_origins"].filter((pc.field("fact_table") == "requests")
                                            & (pc.field("fact_id") == example["request_id"])).to_pylist()
    out += ["", f"In this package, request `{example['request_id']}` has article_count "
            f"{example['article_count']}, origin_count {example['origin_count']} "
            f"(credited_origin_count {example['credited_origin_count']}, "
            f"own_authority_article_count {example['own_authority_article_count']}): "
            + "; ".join(f"`{o['root_source_id']}` via `{o['path']}` "
                        f"({o['article_count']} article{'s' if o['article_count'] != 1 else ''})"
                        for o in origins) + "."]
    if example["article_count"] > example["origin_count"]:
        out.append("Several articles, fewer origins: they echo the same report, so they are "
                   "not independent confirmations.")
    return out


def _loading(table: str, schema: dict) -> list[str]:
    """Per table: the read calls that type every column of its CSV as the schema says."""
    out = ["", "<details><summary>Loading the CSV with its types (pandas, polars, DuckDB)</summary>",
           "", f"From the package directory; each call gives the values and types of "
           f"`parquet/{table}.parquet` (pandas: dates as datetime64).", ""]
    for tool, code in recipes.calls(table, schema).items():
        out += [f"{tool}:", "", "```python", code.rstrip("\n"), "```", ""]
    return out + ["</details>"]


def data_dictionary(tables: dict[str, pa.Table], schemas_dir: Path, package: dict) -> str:
    """datapackage/README.md, generated from the schemas and the data."""
    out = [f"# {package['title']}", "", package["description"], "",
           f"Version {package['version']}. Licence: {package['licenses'][0]['name']} "
           f"({package['licenses'][0]['title']})", "",
           "Generated by `make` from `schemas/` and the data; do not edit by hand.", "",
           "![Who asked whom for what](figures/requests.svg)", "",
           "| table | rows | one row per |", "|---|---:|---|"]
    for table in registry.NAMES:
        out.append(f"| [`{table}`](#{table}) | {len(tables[table])} | "
                   f"{_cell(schemas.load(schemas_dir, table)['description'])} |")
    out += _formats(package)
    out += _provenance(tables)
    files = recipes.consumer_files(package["name"])
    for table in registry.NAMES:
        schema, rows = schemas.load(schemas_dir, table), tables[table]
        out += ["", f"## {table}", "", schema["description"], "",
                f"Files: `csv/{table}.csv`, `parquet/{table}.parquet`; table `{table}` in "
                f"`{files['sqlite']}`, sheet `{table}` in `{files['xlsx']}`. Rows: {len(rows)}. "
                f"Primary key: `{', '.join(schema['primaryKey'])}`."]
        for fk in schema.get("foreignKeys", []):
            ref = fk["reference"]
            out.append(f"Foreign key: `{', '.join(fk['fields'])}` → "
                       f"`{ref['resource']}.{', '.join(ref['fields'])}`.")
        out += ["", "| field | type | required | constraints | description | example |",
                "|---|---|---|---|---|---|"]
        for field in schema["fields"]:
            constraints = {k: v for k, v in field.get("constraints", {}).items() if k != "required"}
            description = field["description"]
            if field.get("categories"):
                description += " Values: " + "; ".join(f"`{c['value']}`: {c['label']}"
                                                       for c in field["categories"])
            out.append("| " + " | ".join([
                f"`{field['name']}`", field["type"],
                "yes" if field.get("constraints", {}).get("required") else "",
                _cell(", ".join(f"{k}: `{json.dumps(v, ensure_ascii=False)}`" if not isinstance(v, str)
                                else f"{k}: `{v}`" for k, v in constraints.items())),
                _cell(description), _example(rows, field["name"]),
            ]) + " |")
        out += _loading(table, schema)
    return "\n".join(out) + "\n"


def write_metadata(tables: dict[str, pa.Table], schemas_dir: Path, out: Path) -> dict:
    """The published schemas, datapackage.json, the data dictionary, and the release files
    (CHANGELOG, CITATION, LICENSE) copied from the repository root beside schemas/."""
    (out / "schemas").mkdir(parents=True, exist_ok=True)
    for table in registry.NAMES:
        dump_json(schemas.published(schemas.load(schemas_dir, table)), out / "schemas" / f"{table}.json")
    missing = [name for name in RELEASE_FILES if not (schemas_dir.parent / name).is_file()]
    if missing:
        raise BuildError([Problem(name, None, "release file is missing (it is copied into "
                                  "datapackage/)", "restore it: git checkout -- " + name)
                          for name in missing])
    for name in RELEASE_FILES:
        shutil.copyfile(schemas_dir.parent / name, out / name)
    package = descriptor(tables, schemas_dir, out)
    dump_json(package, out / "datapackage.json")
    (out / "README.md").write_text(data_dictionary(tables, schemas_dir, package), encoding="utf-8")
    return package
