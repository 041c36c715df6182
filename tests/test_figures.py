"""The figures: byte-identical from run to run, and showing what the tables hold.

Drawn from the committed Parquet files into temporary directories (so these tests hold
before the committed package is rebuilt), and read from the package grown by the test
corpus (tests/conftest.py), whose build drew them."""
from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
import warnings
from pathlib import Path
from xml.etree import ElementTree

import pyarrow.parquet as pq
import pytest

from scripts import registry
from scripts.build.figures import FIGURES, write_figures
from scripts.build.figures.common import format_bounds, short_name
from tests.conftest import ROOT, snapshot

SVG = "{http://www.w3.org/2000/svg}"


def read_tables(package: Path) -> dict:
    return {name: pq.read_table(package / "parquet" / f"{name}.parquet") for name in registry.NAMES}


@pytest.fixture(scope="module")
def committed(tmp_path_factory) -> tuple[dict, Path]:
    tables = read_tables(ROOT / "datapackage")
    out = tmp_path_factory.mktemp("figures")
    with warnings.catch_warnings():  # a glyph missing from DejaVu Sans would be drawn as a box
        warnings.filterwarnings("error", message=".*missing from font")
        write_figures(tables, out)
    return tables, out


@pytest.fixture(params=["committed", "grown"])
def drawn(request, committed) -> tuple[dict, Path]:
    """(tables, directory of the figures drawn from them), for each package."""
    if request.param == "committed":
        return committed
    package = request.getfixturevalue("grown_repo") / "datapackage"
    return read_tables(package), package / "figures"


def svg_text(path: Path) -> str:
    """The SVG's text, line by line in drawing order, joined by spaces: a name wrapped over
    two lines of a box reads as one."""
    root = ElementTree.parse(path).getroot()
    return " ".join(" ".join(element.itertext()) for element in root.iter(f"{SVG}text"))


def svg_ids(path: Path, prefix: str) -> list[str]:
    return [e.get("id") for e in ElementTree.parse(path).getroot().iter()
            if (e.get("id") or "").startswith(prefix)]


def test_figures_are_byte_identical_from_run_to_run(tmp_path):
    tables = read_tables(ROOT / "datapackage")
    first = write_figures(tables, tmp_path / "first")
    second = write_figures(tables, tmp_path / "second")
    assert [p.name for p in first] == [f"{n}.{e}" for n in FIGURES for e in ("svg", "png")]
    assert [p.name for p in second] == [p.name for p in first]
    assert snapshot(tmp_path / "first") == snapshot(tmp_path / "second")
    for path in first:
        data = path.read_bytes()
        assert data.startswith(b"\x89PNG" if path.suffix == ".png" else b"<?xml")
        assert b"Matplotlib" not in data and b"<dc:date>" not in data  # no version, no date


def test_short_names_are_the_names_people_use():
    assert [short_name(c) for c in ("VE", "RU", "CN", "IR", "US", "KR", "KP", "BO", "SY", "VA", "CD")] == [
        "Venezuela", "Russia", "China", "Iran", "United States", "South Korea", "North Korea",
        "Bolivia", "Syria", "Vatican City", "Congo - Kinshasa"]  # CLDR (Babel)


def test_requests_figure_has_one_box_per_requester_and_an_arrow_label_per_request(drawn):
    tables, figures = drawn
    svg = figures / "requests.svg"
    text = svg_text(svg)
    countries = {c["alpha_2"]: c["name_en"] for c in tables["countries"].to_pylist()}
    entities = {e["entity_id"]: e["name_en"] for e in tables["entities"].to_pylist()}
    requests = tables["requests"].to_pylist()
    for request in requests:
        for code in (request["requester_country"], request["addressee_country"]):
            if code is not None:   # an alliance or organisation asked has no country
                assert f"{short_name(code, countries[code])} ({code})" in text
        assert f"{entities[request['requester_id']]} → {entities[request['addressee_id']]}" in text
    for item in tables["equipment"].to_pylist():
        if item["request_id"]:
            assert " ".join(item["description_en"].split()) in text
    requesters = sorted({r["requester_country"] for r in requests})
    assert sorted(svg_ids(svg, "requester-")) == [f"requester-{code}" for code in requesters]
    assert "Bolivarian" not in text  # short names, not ISO's formal ones


def test_a_request_to_an_alliance_gets_a_box_with_the_alliances_name(tmp_path):
    """An alliance or organisation asked has no addressee country (schemas/requests.json)."""
    import pyarrow as pa

    tables = read_tables(ROOT / "datapackage")
    entities = tables["entities"].to_pylist()
    entities.append({**entities[0], "entity_id": "test-alliance", "entity_type": "organisation",
                     "name_en": "Test Alliance", "country": None})
    tables["entities"] = pa.Table.from_pylist(entities, tables["entities"].schema)
    requests = tables["requests"].to_pylist()
    requests[0] = {**requests[0], "addressee_id": "test-alliance", "addressee_country": None}
    tables["requests"] = pa.Table.from_pylist(requests, tables["requests"].schema)
    write_figures(tables, tmp_path)
    text = svg_text(tmp_path / "requests.svg")
    assert "Test Alliance" in text and "→ Test Alliance" in text
    assert svg_ids(tmp_path / "requests.svg", "addressee-").count(
        f"addressee-{requests[0]['requester_country']}-org-test-alliance") == 1


def test_citation_figure_shows_every_origin_with_what_rests_on_it(drawn):
    tables, figures = drawn
    svg = figures / "citations.svg"
    text = svg_text(svg)
    sources = {s["source_id"]: s for s in tables["sources"].to_pylist()}
    names = {e["entity_id"]: e["name_en"] for e in tables["entities"].to_pylist()}
    rests: dict[str, dict[str, set]] = {}
    for origin in tables["fact_origins"].to_pylist():
        rests.setdefault(origin["root_source_id"], {}).setdefault(origin["fact_table"], set()).add(origin["fact_id"])
    for root, facts in rests.items():
        assert names.get(sources[root]["publisher_id"], sources[root]["title"]) in text
        counts = [f"{len(facts[t])} {word if len(facts[t]) == 1 else word + 's'}"
                  for t, word in (("requests", "request"), ("equipment", "item"), ("events", "event"))
                  if t in facts]
        assert f"origin of {', '.join(counts)}" in text
    cited = {c["citing_source_id"] for c in tables["citations"].to_pylist()} | {
        c["cited_source_id"] for c in tables["citations"].to_pylist()}
    assert set(svg_ids(svg, "source-")) == {f"source-{s}" for s in cited | set(rests)
                                           | {i for i, s in sources.items() if s["is_input"]}}
    assert "Испуганный Мадуро" in svg.read_text(encoding="utf-8")  # Cyrillic titles stay text


def test_timeline_has_one_row_per_dated_fact_in_date_order(drawn):
    tables, figures = drawn
    dated = [(f["date_latest"], f[key], table)
             for table, key in (("requests", "request_id"), ("events", "event_id"))
             for f in tables[table].to_pylist() if f["date_earliest"] or f["date_latest"]]
    ids = svg_ids(figures / "timeline.svg", "fact-")
    assert sorted(ids) == sorted(f"fact-{table}-{i}" for _, i, table in dated)
    from scripts.build.figures.timeline import dated_facts

    order = [f["id"] for f in dated_facts(tables)]
    assert order == [i for _, i, _ in sorted(dated, key=lambda d: (d[0] is None, d[0] or dt.date.min, d[1]))]


def test_dates_are_written_as_people_write_them():
    day = dt.date
    assert format_bounds(day(2025, 10, 26), day(2025, 10, 26)) == "26 Oct 2025"
    assert format_bounds(None, day(2025, 10, 31)) == "by 31 Oct 2025"
    assert format_bounds(day(2025, 2, 1), None) == "from 1 Feb 2025"
    assert format_bounds(day(2025, 2, 1), day(2025, 8, 31)) == "Feb–Aug 2025"
    assert format_bounds(day(2025, 10, 21), day(2025, 10, 31)) == "21–31 Oct 2025"
    assert format_bounds(day(2025, 10, 27), day(2025, 11, 2)) == "27 Oct – 2 Nov 2025"
    assert format_bounds(day(2024, 12, 1), day(2025, 1, 31)) == "Dec 2024–Jan 2025"


def test_a_build_that_never_draws_never_imports_matplotlib():
    code = "import sys, scripts.build; assert 'matplotlib' not in sys.modules, 'imported'"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stderr[-2000:]


def test_a_dollar_sign_is_text_not_mathematics(tmp_path):
    tables = read_tables(ROOT / "datapackage")
    requests = tables["requests"]
    summary = requests.column("summary_en").to_pylist()
    summary[0] = "Asked for $5 million and $2 million in parts"
    tables["requests"] = requests.set_column(requests.schema.get_field_index("summary_en"),
                                             "summary_en", [summary])
    write_figures(tables, tmp_path)
    assert re.search(r"\$5 million", (tmp_path / "timeline.svg").read_text(encoding="utf-8"))


def test_figures_are_drawn_again_only_when_their_input_tables_change(tmp_path, monkeypatch):
    import pyarrow as pa
    import pyarrow.parquet as pq

    from scripts import registry
    from scripts.build import figures

    tables = {n: pq.read_table(ROOT / "datapackage" / "parquet" / f"{n}.parquet") for n in registry.NAMES}
    drawn = []
    real = figures.write_figures
    monkeypatch.setattr(figures, "write_figures", lambda t, out: drawn.append(1) or real(t, out))
    cache_dir = tmp_path / "cache"
    first = figures.write_cached_figures(tables, tmp_path / "a", cache_dir)
    again = figures.write_cached_figures(tables, tmp_path / "b", cache_dir)
    assert len(drawn) == 1 and [p.read_bytes() for p in first] == [p.read_bytes() for p in again]
    mentions = tables["mentions"]
    tables["mentions"] = mentions.slice(0, len(mentions) - 1)  # not an input of the figures
    figures.write_cached_figures(tables, tmp_path / "c", cache_dir)
    assert len(drawn) == 1
    requests = tables["requests"]
    tables["requests"] = requests.set_column(requests.schema.get_field_index("summary_en"), "summary_en",
                                             pa.array(["Changed."] * len(requests)))
    figures.write_cached_figures(tables, tmp_path / "d", cache_dir)
    assert len(drawn) == 2


def test_a_large_corpus_is_drawn_from_its_most_recent_articles(tmp_path):
    from scripts import registry
    from scripts.bench.synthetic import generate
    from scripts.build import build, figures

    repo = generate(ROOT, tmp_path / "repo", copies=5)  # 5 copies of every real article
    result = build(repo)
    articles = len(list((repo / "articles").glob("*.txt")))
    focused = figures.focus(result.tables, limit=3)
    inputs = focused["sources"].filter(focused["sources"]["is_input"])["source_id"].to_pylist()
    assert 0 < len(inputs) and set(focused["evidence"]["source_id"].to_pylist()) <= set(inputs)
    assert len(focused["requests"]) < len(result.tables["requests"])
    for name in ("requests", "events", "equipment"):
        key = registry.get(name).id_column
        reported = set(focused["evidence"][key].drop_null().to_pylist())
        assert set(focused[name][key].to_pylist()) == reported
    assert figures.focus(result.tables, limit=articles) is result.tables  # all fit: unchanged
    svg = (repo / "datapackage" / "figures" / "timeline.svg").read_text(encoding="utf-8")
    assert f"Drawn from the facts of the 6 most recent of the {articles} input articles" in svg
