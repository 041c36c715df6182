"""The README is checked like code: its snippets run as written, its numbers are current."""
from __future__ import annotations

import re

import pytest

from scripts import schemas
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
    assert sorted(ns["asked_of_iran"]) == sorted([
        "Passive detection equipment", "GPS jammers", "Drones with a range of up to 1,000 km",
        "Iranian military equipment (unspecified)", "Iranian drones"])
    assert str(ns["equipment"]["quantity"].dtype) == "Int64"
    assert str(ns["requests"]["date_latest"].iloc[0]) == "2025-10-31"


def test_polars_snippet(monkeypatch):
    ns = run(snippet_defining("quotes_per_article"), monkeypatch)
    counts = {}
    for row in table("evidence"):
        counts[row["source_id"]] = counts.get(row["source_id"], 0) + 1
    assert ns["quotes_per_article"] == sorted(counts.items())


def test_duckdb_join_lists_what_venezuela_asked_each_country_for(monkeypatch):
    ns = run(snippet_defining("asked"), monkeypatch)
    asked_of_russia = [item for request, requester, addressee, item, action in ns["asked"]
                       if addressee == "Russian Federation"]
    assert {requester for _, requester, *_ in ns["asked"]} == {"Venezuela, Bolivarian Republic of"}
    assert asked_of_russia == ["Help repairing Venezuela's military equipment", "Supply of missiles",
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


def test_every_snippet_is_exercised():
    assert len(SNIPPETS) == 7


@pytest.mark.parametrize("name", schemas.TABLES)
def test_readme_row_counts_are_current(name):
    match = re.search(rf"^\| `{name}` \| (\d+) \|", README, flags=re.M)
    assert match, f"README table lacks {name}"
    assert int(match.group(1)) == len(table(name))


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
