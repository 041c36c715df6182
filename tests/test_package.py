"""The committed package: valid, consistent, traceable, and exactly what the build makes."""
from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pycountry
import pytest

from scripts import schemas
from scripts.build import build
from scripts.build.arrowcheck import read_csv
from scripts.build.validate import check_frictionless, check_parquet, published_schema
from scripts.build.write import arrow_schema
from tests.conftest import ROOT, snapshot

PACKAGE = ROOT / "datapackage"


def table(name: str) -> list[dict]:
    return read_csv(PACKAGE / "csv" / f"{name}.csv", arrow_schema(published_schema(PACKAGE, name))).to_pylist()


def test_frictionless_says_valid_including_foreign_keys_and_parquet():
    assert check_frictionless(PACKAGE, parquet=True) == []


def test_frictionless_cli_says_valid():
    import subprocess
    import sys

    cli = Path(sys.executable).with_name("frictionless")
    result = subprocess.run([str(cli), "validate", "datapackage/datapackage.json"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-2000:]


def test_parquet_has_the_csv_rows_with_typed_columns():
    assert check_parquet(PACKAGE) == []
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


def test_every_quote_is_the_article_text_at_its_offsets():
    texts = {row["source_id"]: (ROOT / "articles" / f"{row['source_id']}.txt").read_bytes()
             for row in table("sources") if row["is_input"]}
    for row in table("sources"):
        if row["is_input"]:
            assert hashlib.sha256(texts[row["source_id"]]).hexdigest() == row["text_sha256"]
    for row in table("evidence"):
        assert texts[row["source_id"]].decode("utf-8")[row["start"]:row["end"]] == row["quote"]
    for row in table("citations"):
        assert texts[row["stated_in_id"]].decode("utf-8")[row["start"]:row["end"]] == row["quote"]


def test_country_codes_are_iso_and_listed_in_countries():
    countries = {row["alpha_2"]: row for row in table("countries")}
    for alpha_2, row in countries.items():
        iso = pycountry.countries.get(alpha_2=alpha_2)
        assert (row["alpha_3"], row["numeric"], row["name_en"]) == (iso.alpha_3, iso.numeric, iso.name)
        assert "\u0301" not in row["name_ru"] + row["name_uk"]
    used = set()
    for name in schemas.TABLES:
        for fk in schemas.load(ROOT / "schemas", name).get("foreignKeys", []):
            if fk["reference"]["resource"] == "countries":
                used |= {row[fk["fields"][0]] for row in table(name) if row[fk["fields"][0]]}
    assert used == set(countries)


def test_every_request_names_both_countries():
    pairs = {(r["requester_country"], r["addressee_country"]) for r in table("requests")}
    assert pairs == {("VE", "RU"), ("VE", "CN"), ("VE", "IR")}


def test_every_fact_has_evidence_and_each_evidence_one_fact():
    evidence = table("evidence")
    for row in evidence:
        assert sum(row[k] is not None for k in ("request_id", "item_id", "event_id")) == 1
    for name, key in (("requests", "request_id"), ("events", "event_id"), ("equipment", "item_id")):
        supported = {row[key] for row in evidence}
        assert {row[key] for row in table(name)} <= supported, name


def test_each_item_belongs_to_a_request_or_an_event():
    for row in table("equipment"):
        assert (row["request_id"] is None) != (row["event_id"] is None), row["item_id"]


def test_two_articles_echoing_one_report_are_one_origin():
    requests = {row["request_id"]: row for row in table("requests")}
    putin = requests["request-maduro-putin-letter"]
    assert (putin["article_count"], putin["origin_count"]) == (2, 1)


def test_every_field_has_a_description_and_every_value_an_explanation():
    for name in schemas.TABLES:
        schema = published_schema(PACKAGE, name)
        assert schema["description"]
        for field in schema["fields"]:
            assert field.get("description"), f"{name}.{field['name']}"
            for category in field.get("categories", []):
                assert category.get("label"), f"{name}.{field['name']}={category['value']}"
            if field.get("categories"):
                assert field["constraints"]["enum"] == [c["value"] for c in field["categories"]]


def test_csv_follows_the_package_conventions():
    for path in sorted((PACKAGE / "csv").glob("*.csv")):
        data = path.read_bytes()
        assert b"\r" not in data and data.endswith(b"\n"), path.name
        header = next(csv.reader(data.decode("utf-8").splitlines()))
        assert header == schemas.field_names(schemas.load(ROOT / "schemas", path.stem))


def test_data_dictionary_lists_every_table_and_field():
    readme = (PACKAGE / "README.md").read_text(encoding="utf-8")
    for name in schemas.TABLES:
        assert f"\n## {name}\n" in readme
        for field in schemas.load(ROOT / "schemas", name)["fields"]:
            assert f"| `{field['name']}` |" in readme


@pytest.mark.parametrize("name", schemas.TABLES)
def test_ids_are_slugs_and_unique(name):
    schema = schemas.load(ROOT / "schemas", name)
    keys = [tuple(row[k] for k in schema["primaryKey"]) for row in table(name)]
    assert len(keys) == len(set(keys))


def test_every_mention_is_the_article_text_at_its_offsets():
    texts = {row["source_id"]: (ROOT / "articles" / f"{row['source_id']}.txt").read_text(encoding="utf-8")
             for row in table("sources") if row["is_input"]}
    for row in table("mentions"):
        assert texts[row["source_id"]][row["start"]:row["end"]] == row["text"]
        assert (row["mention_kind"] == "subdivision") == (row["subdivision"] is not None)


def test_mentions_in_page_chrome_are_outside_the_body():
    sources = {row["source_id"]: row for row in table("sources")}
    for row in table("mentions"):
        source = sources[row["source_id"]]
        inside = source["body_start"] <= row["start"] and row["end"] <= source["body_end"]
        assert row["in_body"] == inside, row
    chrome = {(m["text"], m["country"]) for m in table("mentions") if not m["in_body"]}
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


def test_every_fact_country_is_mentioned_in_its_articles():
    from scripts.build.across import unmentioned_countries

    tables = {name: pq.read_table(PACKAGE / "parquet" / f"{name}.parquet") for name in schemas.TABLES}
    assert unmentioned_countries(tables) == []


def test_the_picture_shows_every_request_with_countries_codes_and_items():
    svg = (PACKAGE / "figures" / "requests.svg").read_text(encoding="utf-8")
    countries = {row["alpha_2"]: row["name_en"] for row in table("countries")}
    for request in table("requests"):
        for code in (request["requester_country"], request["addressee_country"]):
            assert f"({code})" in svg and countries[code].split(",")[0] in svg
    for item in table("equipment"):
        if item["request_id"]:
            assert item["description_en"].split()[0] in svg
    assert (PACKAGE / "figures" / "requests.png").read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize("name", schemas.TABLES)
def test_every_table_has_at_least_two_columns(name):
    # A one-column CSV would make a whitespace-only value indistinguishable from a blank
    # line for pandas (see test_csv_writer_round_trips_any_text).
    assert len(schemas.load(ROOT / "schemas", name)["fields"]) >= 2
