"""The nested JSON of the requests (scripts/build/ndjson.py)."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pyarrow as pa

from scripts.build.ndjson import write_ndjson
from tests.formats.conftest import articles, sha256, sqlite_value, write_twice


# -- NDJSON --------------------------------------------------------------------------------

def ndjson_lines(path: Path) -> list[dict]:
    data = path.read_bytes()
    assert b"\r" not in data and data.endswith(b"\n")
    lines = data.decode("utf-8").split("\n")[:-1]
    documents = [json.loads(line) for line in lines]
    for line, document in zip(lines, documents):  # keys sorted, compact, UTF-8 as is
        assert line == json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return documents


def test_ndjson_is_byte_reproducible(tables, context, tmp_path):
    a, b = write_twice(write_ndjson, tables, context, tmp_path)
    assert a.name == "requests.ndjson" and sha256(a) == sha256(b)


def test_ndjson_is_the_same_written_a_request_at_a_time(any_package, tmp_path, monkeypatch):
    """Requests are turned into documents a run at a time: runs of one give the same bytes."""
    _, tables, context = any_package
    whole = write_ndjson(tables, context, tmp_path)[0].read_bytes()
    monkeypatch.setattr("scripts.build.ndjson.REQUESTS_AT_ONCE", 1)
    (tmp_path / "runs").mkdir()
    assert write_ndjson(tables, context, tmp_path / "runs")[0].read_bytes() == whole


def test_ndjson_has_one_line_per_request_with_its_rows_nested(any_package, tmp_path):
    package, tables, context = any_package
    documents = ndjson_lines(write_ndjson(tables, context, tmp_path)[0])
    requests = sorted(tables["requests"].to_pylist(), key=lambda r: r["request_id"])
    assert [d["request_id"] for d in documents] == [r["request_id"] for r in requests]
    countries = {c["alpha_2"]: c for c in tables["countries"].to_pylist()}
    entities = {e["entity_id"]: e for e in tables["entities"].to_pylist()}
    equipment = tables["equipment"].to_pylist()
    texts = articles(package, tables)
    for document, request in zip(documents, requests):
        assert {k: document[k] for k in request} == {k: sqlite_value(v) if isinstance(v, dt.date) else v
                                                     for k, v in request.items()}
        assert document["countries"] == {"requester": countries.get(request["requester_country"]),
                                         "addressee": countries.get(request["addressee_country"])}
        assert document["requester"] == entities[request["requester_id"]]
        items = sorted((i for i in equipment if i["request_id"] == request["request_id"]),
                       key=lambda i: i["item_id"])
        assert [{k: v for k, v in i.items() if k not in ("evidence", "citation_chains")}
                for i in document["items"]] == items
        for fact in [document, *document["items"]]:
            assert fact["evidence"], fact.get("item_id", fact["request_id"])
            for quote in fact["evidence"]:
                assert texts[quote["source_id"]][quote["start"]:quote["end"]] == quote["quote"]


def test_ndjson_citation_chains_follow_citations_to_the_origins(any_package, tmp_path):
    package, tables, context = any_package
    documents = ndjson_lines(write_ndjson(tables, context, tmp_path)[0])
    credits = {(c["citing_source_id"], c["cited_source_id"]) for c in tables["citations"].to_pylist()}
    inputs = {s["source_id"] for s in tables["sources"].to_pylist() if s["is_input"]}
    origins = {}
    for origin in tables["fact_origins"].to_pylist():
        origins.setdefault((origin["fact_table"], origin["fact_id"]), {})[origin["root_source_id"]] = origin["path"]
    for document in documents:
        facts = [("requests", document["request_id"], document)]
        facts += [("equipment", item["item_id"], item) for item in document["items"]]
        for table_name, fact_id, fact in facts:
            chains = fact["citation_chains"]
            assert {c["attributed_to_id"] for c in chains} == {q["attributed_to_id"] for q in fact["evidence"]}
            for chain in chains:
                path = chain["path"]
                assert path[0] == chain["attributed_to_id"] and path[-1] == chain["root_source_id"]
                assert all(step in credits for step in zip(path, path[1:])), chain
                assert chain["root_is_input"] == (chain["root_source_id"] in inputs)
            roots = {c["root_source_id"] for c in chains}
            assert len(roots) == fact["origin_count"], fact_id
            shortest = {root: " > ".join(min((c["path"] for c in chains if c["root_source_id"] == root),
                                             key=lambda p: (len(p), p))) for root in roots}
            assert shortest == origins[(table_name, fact_id)]


def test_ndjson_keeps_unicode_line_separators_inside_one_line(tables, context, tmp_path):
    requests = tables["requests"]
    notes = ["one\u2028two\u2029three\u0085four"] + requests["note"].to_pylist()[1:]
    changed = {**tables, "requests": requests.set_column(
        requests.schema.get_field_index("note"), "note", pa.array(notes, pa.string()))}
    path = write_ndjson(changed, context, tmp_path)[0]
    assert len(path.read_text(encoding="utf-8").splitlines()) == len(requests)
    first = min(changed["requests"].to_pylist(), key=lambda r: r["request_id"])
    assert json.loads(path.read_text(encoding="utf-8").splitlines()[0])["note"] == first["note"]
