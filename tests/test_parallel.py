"""Parallel article processing gives exactly the sequential result."""
from __future__ import annotations

from scripts.build import build
from scripts.parallel import ordered_map
from scripts.synthetic import generate
from tests.conftest import ROOT, snapshot


def _square(x: int) -> int:
    return x * x


def test_ordered_map_keeps_order_in_parallel():
    items = list(range(1000))
    assert ordered_map(_square, items, min_items=1) == [x * x for x in items]


def test_a_corpus_builds_byte_identically_in_parallel_and_sequentially(tmp_path, monkeypatch):
    repo = generate(ROOT, tmp_path / "corpus", copies=4)
    monkeypatch.setattr("scripts.parallel.MIN_ITEMS", 10**9)
    build(repo, tmp_path / "sequential")
    monkeypatch.setattr("scripts.parallel.MIN_ITEMS", 1)
    result = build(repo, tmp_path / "parallel")
    committed = (ROOT / "datapackage" / "csv" / "evidence.csv").read_text(encoding="utf-8")
    assert len(result.tables["evidence"]) == 4 * (len(committed.splitlines()) - 1)
    assert snapshot(tmp_path / "parallel") == snapshot(tmp_path / "sequential")
