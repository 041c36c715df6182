"""The README is checked like code: its snippets run as written, its numbers are current."""
from __future__ import annotations

import re

import pytest

from scripts import registry
from tests.conftest import ROOT
from tests.test_package import table

README = (ROOT / "README.md").read_text(encoding="utf-8")
SNIPPETS = re.findall(r"```python\n(.*?)```", README, flags=re.S)


def run(snippet: str, monkeypatch) -> dict:
    monkeypatch.chdir(ROOT)
    namespace: dict = {}
    exec(compile(snippet, "README.md", "exec"), namespace)  # noqa: S102 - our own README
    return namespace


def snippet_defining(name: str) -> str:
    return next(s for s in SNIPPETS if re.search(rf"^{name} = ", s, flags=re.M))


def test_pandas_snippet(monkeypatch):
    ns = run(snippet_defining("asked_of_iran"), monkeypatch)
    items = table("equipment")
    assert sorted(ns["asked_of_iran"]) == sorted(i["description_en"] for i in items
                                                 if i["supplier_country"] == "IR")
    seed = {i["item_id"]: i["description_en"] for i in items}
    assert {seed["iran-gps-jammers"], seed["iran-long-range-drones"]} <= set(ns["asked_of_iran"])
    assert str(ns["equipment"]["quantity"].dtype) == "Int64"
    latest = ns["requests"].set_index("request_id").loc["request-maduro-putin-letter", "date_latest"]
    assert str(latest) == "2025-10-31"


def test_polars_snippet(monkeypatch):
    ns = run(snippet_defining("quotes_per_article"), monkeypatch)
    counts = {}
    for row in table("evidence"):
        counts[row["source_id"]] = counts.get(row["source_id"], 0) + 1
    assert ns["quotes_per_article"] == sorted(counts.items())


def test_duckdb_join_lists_what_venezuela_asked_each_country_for(monkeypatch):
    ns = run(snippet_defining("asked"), monkeypatch)
    requests = {r["request_id"]: r for r in table("requests")}
    names = {c["alpha_2"]: c["name_en"] for c in table("countries")}
    items = sorted((i for i in table("equipment") if i["request_id"]),
                   key=lambda i: (i["request_id"], i["item_id"]))
    assert ns["asked"] == [(i["request_id"], names[requests[i["request_id"]]["requester_country"]],
                            names[requests[i["request_id"]]["addressee_country"]],
                            i["description_en"], i["action"]) for i in items]
    putin = [item for request, _, _, item, _ in ns["asked"] if request == "request-maduro-putin-letter"]
    assert putin == ["Help repairing Venezuela's military equipment", "Supply of missiles",
                     "Help modernising Venezuela's defence radars"]


def test_frictionless_snippet(monkeypatch):
    ns = run(snippet_defining("package"), monkeypatch)
    assert ns["report"].valid
    assert {row["alpha_2"] for row in ns["countries"]} == {r["alpha_2"] for r in table("countries")}


def test_csv_snippet(monkeypatch):
    ns = run(next(s for s in SNIPPETS if "evidence_rows = " in s), monkeypatch)
    assert len(ns["evidence_rows"]) == len(table("evidence"))
    assert ns["evidence_rows"][0]["request_id"] in ("", *{r["request_id"] for r in table("requests")})


def test_check_a_row_snippet(monkeypatch):
    # The snippet asserts the quote itself; running it without error is the test.
    ns = run(next(s for s in SNIPPETS if "assert article[" in s), monkeypatch)
    assert ns["first"]["quote"]


# What identifies each snippet, and the test that runs it.
EXERCISED = {"asked_of_iran = ": "test_pandas_snippet", "quotes_per_article = ": "test_polars_snippet",
             "asked = ": "test_duckdb_join_lists_what_venezuela_asked_each_country_for",
             "package = ": "test_frictionless_snippet", "evidence_rows = ": "test_csv_snippet",
             "assert article[": "test_check_a_row_snippet",
             "events_from_csv = ": "test_pandas_csv_snippet_keeps_types",
             "asked_in_sqlite = ": "test_sqlite_snippet_keeps_codes_and_dates",
             "requests_from_xlsx = ": "test_spreadsheet_snippet_keeps_types",
             "request_documents = ": "test_ndjson_snippet_nests_items"}


def test_every_snippet_is_exercised():
    """Each snippet is run by exactly one test: a new snippet needs a test here."""
    for snippet in SNIPPETS:
        owners = [test for marker, test in EXERCISED.items() if marker in snippet]
        assert len(owners) == 1, snippet[:200]
        assert owners[0] in globals()


@pytest.mark.parametrize("name", registry.NAMES)
def test_readme_lists_every_table(name):
    assert re.search(rf"^\| `{name}` \| ", README, flags=re.M), f"README table lacks {name}"


def test_pandas_csv_snippet_keeps_types(monkeypatch):
    ns = run(snippet_defining("events_from_csv"), monkeypatch)
    events = ns["events_from_csv"].set_index("event_id")
    assert events.loc["story-statement-putin-victory", "cameo_code"] == "010"
    assert str(events["article_count"].dtype) == "Int64"
    assert str(events["date_latest"].dtype).startswith("datetime64")


def test_types_survive_in_polars_and_duckdb():
    import duckdb
    import polars as pl

    events = pl.read_parquet(ROOT / "datapackage" / "parquet" / "events.parquet")
    assert events.schema["date_earliest"] == pl.Date
    assert events.schema["article_count"] == pl.Int64
    assert "057" in events["cameo_code"].to_list()
    equipment = pl.read_parquet(ROOT / "datapackage" / "parquet" / "equipment.parquet")
    assert equipment.schema["quantity"] == pl.Int64 and equipment["quantity"].null_count() > 0
    path = (ROOT / "datapackage" / "parquet" / "events.parquet").as_posix()
    types = duckdb.sql(f"SELECT typeof(date_earliest), typeof(article_count), typeof(cameo_code) "
                       f"FROM '{path}' LIMIT 1").fetchall()
    assert types == [("DATE", "BIGINT", "VARCHAR")]


def test_types_survive_in_frictionless():
    import datetime as dt

    from frictionless import Package

    package = Package(str(ROOT / "datapackage" / "datapackage.json"))
    rows = {r["event_id"]: r for r in package.get_resource("events").read_rows()}
    treaty = rows["russia-venezuela-strategic-treaty"]
    assert treaty["cameo_code"] == "057" and treaty["date_earliest"] == dt.date(2025, 10, 25)
    items = {r["item_id"]: r for r in package.get_resource("equipment").read_rows()}
    assert items["iran-gps-jammers"]["quantity"] is None and items["il-76-caracas"]["quantity"] == 1


def test_sqlite_snippet_keeps_codes_and_dates(monkeypatch):
    ns = run(snippet_defining("asked_in_sqlite"), monkeypatch)
    items = sorted((i for i in table("equipment") if i["request_id"] == "request-maduro-putin-letter"),
                   key=lambda i: i["item_id"])
    assert ns["asked_in_sqlite"] == [("0232", "2025-10-31", "2025-11-07", "Russian Federation",
                                      i["description_en"]) for i in items]


def test_spreadsheet_snippet_keeps_types(monkeypatch):
    import datetime as dt

    ns = run(snippet_defining("requests_from_xlsx"), monkeypatch)
    rows = {r["request_id"]: r for r in ns["requests_from_xlsx"]}
    assert set(rows) == {r["request_id"] for r in table("requests")}
    putin = rows["request-maduro-putin-letter"]
    assert putin["cameo_code"] == "0232" and putin["date_latest"] == dt.datetime(2025, 10, 31)
    assert putin["date_earliest"] is None and isinstance(putin["article_count"], int)


def test_ndjson_snippet_nests_items(monkeypatch):
    ns = run(next(s for s in SNIPPETS if "request_documents = " in s), monkeypatch)
    assert len(ns["request_documents"]) == len(table("requests"))
    items = {i["item_id"]: i["description_en"] for i in table("equipment")}
    assert {items["iran-gps-jammers"], items["iran-long-range-drones"]} <= set(ns["iran_items"])
    assert ns["iran"]["countries"]["addressee"]["alpha_3"] == "IRN"
