"""NDJSON consumer file: one JSON document per request, with everything about it nested.

For document stores, jq and JavaScript, where joins are a chore: each line is a request
(every column of the requests table) with its requester and addressee entities and
countries, its equipment items, its evidence quotes (and each item's), and the chain of
credits from every source its evidence is attributed to down to the chain's roots.

Keys sorted, UTF-8 as is, dates as ISO 8601 text, "\n" line ends, requests in id order:
same input, same bytes.
"""
from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from scripts.build.across import origin_paths
from scripts.build.recipes import consumer_files, package_name
from scripts.context import Context

# What each line holds beyond the requests table's own columns (the data dictionary lists it).
NESTED = {
    "requester": "the requester's entities row (id, type, names, country, role)",
    "addressee": "the addressee's entities row",
    "countries": "the requester's and the addressee's country as their countries rows (ISO "
                 "codes, names in en/ru/uk), under requester and addressee; null for a party "
                 "without a country (an alliance or international organisation)",
    "items": "the request's equipment rows, by item_id, each with its own evidence and "
             "citation_chains",
    "evidence": "the evidence rows for the request itself (quote, source_id, start, end, "
                "attributed_to_id, ...), by source_id and start",
    "citation_chains": "for each source the request's evidence is attributed to, and each "
                       "root its chain of credits reaches: "
                       "attributed_to_id, root_source_id, root_is_input, and path (source ids "
                       "from the attributed source to the root, as in fact_origins)",
}

# Characters Python's str.splitlines() and some JSON-lines readers take for line breaks,
# which ensure_ascii=False would leave raw inside a string: escaped, one document stays one line.
LINE_BREAKS = {"\u0085": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def records(table: pa.Table) -> list[dict]:
    """The rows as dicts, dates as ISO 8601 text (JSON has no date type)."""
    columns = {name: (column.cast(pa.string()) if pa.types.is_date(column.type) else column)
               for name, column in zip(table.column_names, table.columns)}
    return pa.table(columns).to_pylist() if columns else []


def by(rows: list[dict], key: str) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        if row[key] is not None:
            grouped[row[key]].append(row)
    return grouped


def quote_order(row: dict) -> tuple:
    return row["source_id"], row["start"], row["evidence_id"]


def chains(quotes: list[dict], graph: dict[str, set[str]], inputs: set[str]) -> list[dict]:
    """For each source the quotes are attributed to, its chain of credits to each root it
    reaches, as the build counts origins (scripts/build/across.py): an input article
    speaking on its own authority is its own root; otherwise the shortest chain, ties
    broken alphabetically. The distinct roots are the fact's origin_count."""
    found = []
    for source in sorted({q["attributed_to_id"] for q in quotes}):
        for root, path in sorted(origin_paths(source, graph, inputs).items()):
            found.append({"attributed_to_id": source, "root_source_id": root,
                          "root_is_input": root in inputs, "path": list(path)})
    return found


REQUESTS_AT_ONCE = 5_000  # requests whose rows are turned into Python values together


def documents(tables: dict[str, pa.Table]):
    """One dict per request, in request_id order; the requests a run at a time, each run
    with only its own items and evidence as Python values, to bound memory."""
    entities = {row["entity_id"]: row for row in records(tables["entities"])}
    countries = {row["alpha_2"]: row for row in records(tables["countries"])}
    graph: dict[str, set[str]] = defaultdict(set)
    for row in records(tables["citations"].select(["citing_source_id", "cited_source_id"])):
        graph[row["citing_source_id"]].add(row["cited_source_id"])
    sources = tables["sources"]
    inputs = {s for s, is_input in zip(sources["source_id"].to_pylist(),
                                       sources["is_input"].to_pylist()) if is_input}
    requests = tables["requests"].sort_by("request_id")
    for first in range(0, requests.num_rows, REQUESTS_AT_ONCE):
        run = requests.slice(first, REQUESTS_AT_ONCE)
        # Each run looks the tables up once (a spilled table is mapped from its file anew).
        equipment, evidence = tables["equipment"], tables["evidence"]
        equipment = equipment.filter(pc.is_in(equipment["request_id"], value_set=run["request_id"]))
        evidence = evidence.filter(pc.or_kleene(
            pc.is_in(evidence["request_id"], value_set=run["request_id"]),
            pc.is_in(evidence["item_id"], value_set=equipment["item_id"])))
        items = by(records(equipment), "request_id")
        rows = records(evidence)
        for_request, for_item = by(rows, "request_id"), by(rows, "item_id")
        for request in records(run):
            own = sorted(for_request.get(request["request_id"], []), key=quote_order)
            nested_items = []
            for item in sorted(items.get(request["request_id"], []), key=lambda i: i["item_id"]):
                quotes = sorted(for_item.get(item["item_id"], []), key=quote_order)
                nested_items.append({**item, "evidence": quotes,
                                     "citation_chains": chains(quotes, graph, inputs)})
            yield {
                **request,
                "requester": entities.get(request["requester_id"]),
                "addressee": entities.get(request["addressee_id"]),
                "countries": {"requester": countries.get(request["requester_country"]),
                              "addressee": countries.get(request["addressee_country"])},
                "items": nested_items,
                "evidence": own,
                "citation_chains": chains(own, graph, inputs),
            }


def line(document: dict) -> str:
    text = json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for character, escaped in LINE_BREAKS.items():
        text = text.replace(character, escaped)
    return text + "\n"


def write_ndjson(tables: dict[str, pa.Table], context: Context, out: Path) -> list[Path]:
    """out/requests.ndjson, from the final tables."""
    path = out / consumer_files(package_name(context.schemas_dir))["ndjson"]
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        for document in documents(tables):
            handle.write(line(document))
    return [path]
