"""The package: valid, consistent, traceable, and exactly what the build makes.

Tests taking the `package` fixture hold for any corpus: they run on the committed package
and on one grown by the test corpus (tests/conftest.py). Tests about the seed articles'
facts name those articles' ids and read the committed package."""
from __future__ import annotations

import csv
import hashlib
import re
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pycountry
import pytest

from scripts import registry, schemas
from scripts.build import build
from scripts.build.arrowcheck import read_csv
from scripts.build.validate import check_frictionless, check_parquet, published_schema
from scripts.build.write import arrow_schema
from tests.conftest import ROOT, snapshot

PACKAGE = ROOT / "datapackage"


SEED = ("charter97-2025-10-31-maduro-putin", "komentarii-2025-10-31-maduro-putin")


def table(name: str, package: Path = PACKAGE) -> list[dict]:
    return read_csv(package / "csv" / f"{name}.csv", arrow_schema(published_schema(package, name))).to_pylist()


def articles(package: Path) -> dict[str, str]:
    """Text of every input article of a package, by source id (its repository's articles/)."""
    return {row["source_id"]: (package.parent / "articles" / f"{row['source_id']}.txt").read_text(encoding="utf-8")
            for row in table("sources", package) if row["is_input"]}


def test_frictionless_says_valid_including_foreign_keys_and_parquet(package):
    assert check_frictionless(package, parquet=True) == []


def test_frictionless_cli_says_valid():
    import subprocess
    import sys

    cli = Path(sys.executable).with_name("frictionless")
    result = subprocess.run([str(cli), "validate", "datapackage/datapackage.json"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-2000:]


def test_parquet_has_the_csv_rows_with_typed_columns(package):
    assert check_parquet(package) == []
    types = {f.name: f.type for f in pq.read_schema(PACKAGE / "parquet" / "requests.parquet")}
    assert types["date_latest"] == pa.date32()
    assert types["article_count"] == pa.int64()
    assert pq.read_schema(PACKAGE / "parquet" / "sources.parquet").field("is_input").type == pa.bool_()


def test_pandas_reads_nullable_integers_and_codes_with_leading_zeros():
    import pandas as pd

    equipment = pd.read_parquet(PACKAGE / "parquet" / "equipment.parquet")
    assert str(equipment["quantity"].dtype) == "Int64"
    assert equipment.set_index("item_id").loc["iran-long-range-drones", "max_range_km"] == 1000
    requests = pd.read_parquet(PACKAGE / "parquet" / "requests.parquet")
    assert set(requests["cameo_code"]) == {"0232"}


def test_rebuild_reproduces_the_committed_package_byte_for_byte(tmp_path):
    build(ROOT, target=tmp_path / "datapackage")
    assert snapshot(tmp_path / "datapackage") == snapshot(PACKAGE)


def test_every_quote_is_the_article_text_at_its_offsets(package):
    texts = articles(package)
    for row in table("sources", package):
        if row["is_input"]:
            assert hashlib.sha256(texts[row["source_id"]].encode("utf-8")).hexdigest() == row["text_sha256"]
    for row in table("evidence", package):
        assert texts[row["source_id"]][row["start"]:row["end"]] == row["quote"]
    for row in table("citations", package):
        assert texts[row["stated_in_id"]][row["start"]:row["end"]] == row["quote"]


def test_country_codes_are_iso_and_listed_in_countries(package):
    countries = {row["alpha_2"]: row for row in table("countries", package)}
    for alpha_2, row in countries.items():
        iso = pycountry.countries.get(alpha_2=alpha_2)
        assert (row["alpha_3"], row["numeric"], row["name_en"]) == (iso.alpha_3, iso.numeric, iso.name)
        assert "\u0301" not in row["name_ru"] + row["name_uk"]
    used = set()
    for name in registry.NAMES:
        for fk in schemas.load(ROOT / "schemas", name).get("foreignKeys", []):
            if fk["reference"]["resource"] == "countries":
                used |= {row[fk["fields"][0]] for row in table(name, package) if row[fk["fields"][0]]}
    assert used == set(countries)


def test_every_request_names_both_countries_or_an_alliance(package):
    kinds = {e["entity_id"]: e["entity_type"] for e in table("entities", package)}
    for request in table("requests", package):
        assert request["requester_country"], request["request_id"]
        assert request["addressee_country"] or kinds[request["addressee_id"]] == "organisation"


def test_the_seed_requests_are_venezuelas_to_russia_china_and_iran():
    pairs = {r["request_id"]: (r["requester_country"], r["addressee_country"]) for r in table("requests")}
    assert {pairs[k] for k in ("request-maduro-putin-letter", "request-maduro-xi-letter",
                               "request-velasquez-iran")} == {("VE", "RU"), ("VE", "CN"), ("VE", "IR")}


def test_every_fact_has_evidence_and_each_evidence_one_fact(package):
    evidence = table("evidence", package)
    facts = [t.id_column for t in registry.counted()]
    for row in evidence:
        assert sum(row[k] is not None for k in facts) == 1
    for fact in registry.counted():
        supported = {row[fact.id_column] for row in evidence}
        assert {row[fact.id_column] for row in table(fact.name, package)} <= supported, fact.name


def test_each_item_belongs_to_a_request_or_an_event(package):
    for row in table("equipment", package):
        assert (row["request_id"] is None) != (row["event_id"] is None), row["item_id"]


def origins_by_walking_citations(package: Path, attributed: set[str]) -> set[str]:
    """The roots reached from sources by following citations, recomputed here from the
    published tables (an input article that evidence is attributed to is its own root)."""
    cited = {}
    for row in table("citations", package):
        cited.setdefault(row["citing_source_id"], set()).add(row["cited_source_id"])
    inputs = {row["source_id"] for row in table("sources", package) if row["is_input"]}
    found, stack = set(), [s for s in attributed if s not in inputs]
    found |= attributed & inputs
    seen = set(stack)
    while stack:
        node = stack.pop()
        if not cited.get(node):
            found.add(node)
        for nxt in cited.get(node, ()):
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return found


def test_article_and_origin_counts_are_what_the_evidence_and_citations_say(package):
    evidence = table("evidence", package)
    for fact in registry.counted():
        for row in table(fact.name, package):
            quotes = [e for e in evidence if e[fact.id_column] == row[fact.id_column]]
            assert row["article_count"] == len({e["source_id"] for e in quotes})
            roots = origins_by_walking_citations(package, {e["attributed_to_id"] for e in quotes})
            assert row["origin_count"] == len(roots), row[fact.id_column]
            inputs = {r["source_id"] for r in table("sources", package) if r["is_input"]}
            assert row["own_authority_article_count"] == len(roots & inputs)
            assert row["credited_origin_count"] == len(roots - inputs)
            listed = {o["root_source_id"] for o in table("fact_origins", package)
                      if (o["fact_table"], o["fact_id"]) == (fact.name, row[fact.id_column])}
            assert listed == roots


def test_every_origin_path_follows_stated_citations_to_a_root(package):
    credits = {(c["citing_source_id"], c["cited_source_id"]) for c in table("citations", package)}
    citing = {a for a, _ in credits}
    for origin in table("fact_origins", package):
        path = origin["path"].split(" > ")
        assert path[-1] == origin["root_source_id"]
        assert all(step in credits for step in zip(path, path[1:])), origin
        assert origin["root_is_input"] or origin["root_source_id"] not in citing


def test_two_seed_articles_echoing_one_report_are_one_origin():
    putin = "request-maduro-putin-letter"
    quotes = [e for e in table("evidence") if e["request_id"] == putin]
    assert {e["source_id"] for e in quotes} >= set(SEED)
    assert origins_by_walking_citations(PACKAGE, {e["attributed_to_id"] for e in quotes}) == \
        {"us-government-internal-documents"}


def test_every_field_has_a_description_and_every_value_an_explanation():
    for name in registry.NAMES:
        schema = published_schema(PACKAGE, name)
        assert schema["description"]
        for field in schema["fields"]:
            assert field.get("description"), f"{name}.{field['name']}"
            for category in field.get("categories", []):
                assert category.get("label"), f"{name}.{field['name']}={category['value']}"
            if field.get("categories"):
                assert field["constraints"]["enum"] == [c["value"] for c in field["categories"]]


def test_csv_follows_the_package_conventions(package):
    for path in sorted((package / "csv").glob("*.csv")):
        data = path.read_bytes()
        assert b"\r" not in data and data.endswith(b"\n"), path.name
        header = next(csv.reader(data.decode("utf-8").splitlines()))
        assert header == schemas.field_names(schemas.load(ROOT / "schemas", path.stem))


def test_data_dictionary_lists_every_table_field_and_row_count(package):
    readme = (package / "README.md").read_text(encoding="utf-8")
    for name in registry.NAMES:
        assert f"\n## {name}\n" in readme
        assert f"Rows: {len(table(name, package))}." in readme
        for field in schemas.load(ROOT / "schemas", name)["fields"]:
            assert f"| `{field['name']}` |" in readme


SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


@pytest.mark.parametrize("name", registry.NAMES)
def test_ids_are_slugs_and_unique(package, name):
    entry, schema = registry.get(name), schemas.load(ROOT / "schemas", name)
    rows = table(name, package)
    keys = [tuple(row[k] for k in schema["primaryKey"]) for row in rows]
    assert len(keys) == len(set(keys))
    if entry.id_column:
        bad = [row[entry.id_column] for row in rows if not SLUG.fullmatch(row[entry.id_column])]
        assert bad == []


def test_every_mention_is_the_article_text_at_its_offsets(package):
    texts = articles(package)
    for row in table("mentions", package):
        assert texts[row["source_id"]][row["start"]:row["end"]] == row["text"]
        assert (row["mention_kind"] == "subdivision") == (row["subdivision"] is not None)


def test_mentions_in_page_chrome_are_outside_the_body(package):
    sources = {row["source_id"]: row for row in table("sources", package)}
    for row in table("mentions", package):
        source = sources[row["source_id"]]
        inside = source["body_start"] <= row["start"] and row["end"] <= source["body_end"]
        if row["in_body"]:
            assert inside, row


def test_the_charter97_page_chrome_mentions_are_the_opinion_teasers():
    chrome = {(m["text"], m["country"]) for m in table("mentions")
              if not m["in_body"] and m["source_id"] == SEED[0]}
    assert chrome == {("Беларусь", "BY"), ("Литву", "LT")}  # the "Мнение" teasers


def test_organisation_names_are_not_country_mentions():
    texts = {(m["source_id"], m["start"]) for m in table("mentions")}
    charter = (ROOT / "articles" / "charter97-2025-10-31-maduro-putin.txt").read_text(encoding="utf-8")
    rbc = charter.index("РБК-Украина")
    assert not any(source == "charter97-2025-10-31-maduro-putin" and rbc <= start < rbc + 11
                   for source, start in texts)


def test_aragua_is_coded_as_a_venezuelan_subdivision_in_both_articles():
    aragua = [m for m in table("mentions") if m["text"] == "Арагуа"]
    assert [(m["country"], m["mention_kind"], m["subdivision"]) for m in aragua] == \
        [("VE", "subdivision", "VE-D")] * 2


def test_every_fact_country_is_mentioned_in_its_articles(package):
    from scripts.build.across import unmentioned_countries

    tables = {name: pq.read_table(package / "parquet" / f"{name}.parquet") for name in registry.NAMES}
    assert unmentioned_countries(tables) == []


def test_the_picture_shows_every_request_with_countries_codes_and_items(package):
    svg = (package / "figures" / "requests.svg").read_text(encoding="utf-8")
    countries = {row["alpha_2"]: row["name_en"] for row in table("countries", package)}
    for request in table("requests", package):
        for code in (request["requester_country"], request["addressee_country"]):
            assert f"({code})" in svg and countries[code].split(",")[0] in svg
    for item in table("equipment", package):
        if item["request_id"]:
            assert item["description_en"].split()[0] in svg
    assert (package / "figures" / "requests.png").read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize("name", registry.NAMES)
def test_every_table_has_at_least_two_columns(name):
    # A one-column CSV would make a whitespace-only value indistinguishable from a blank
    # line for pandas (see test_csv_writer_round_trips_any_text).
    assert len(schemas.load(ROOT / "schemas", name)["fields"]) >= 2
