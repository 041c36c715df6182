"""Parallel article processing gives exactly the sequential result."""
from __future__ import annotations

import multiprocessing
import os

import pytest

from scripts import parallel
from scripts.bench.synthetic import generate
from scripts.build import build
from tests.conftest import ROOT, snapshot

# Without fork or a second core the "parallel" run would be sequential too, and the
# comparison below could not fail: skip rather than pass vacuously.
pytestmark = pytest.mark.skipif(
    parallel.workers() < 2 or "fork" not in multiprocessing.get_all_start_methods(),
    reason="needs fork and two cores to run in parallel")


def _power(exponent: int, x: int) -> tuple[int, int]:
    return x ** exponent, os.getpid()


def test_ordered_map_keeps_order_in_parallel_and_passes_shared():
    results = parallel.ordered_map(_power, 2, range(1000), min_items=1)
    assert [value for value, _ in results] == [x * x for x in range(1000)]
    assert os.getpid() not in {pid for _, pid in results}  # really in the workers


def test_a_corpus_builds_byte_identically_in_parallel_and_sequentially(tmp_path, monkeypatch):
    repo = generate(ROOT, tmp_path / "corpus", copies=4)
    monkeypatch.setattr("scripts.parallel.MIN_ITEMS", 10**9)
    build(repo, tmp_path / "sequential")
    for entry in (repo / ".cache").glob("article-*"):  # resolve every article again, in the workers
        entry.unlink()
    monkeypatch.setattr("scripts.parallel.MIN_ITEMS", 1)
    result = build(repo, tmp_path / "parallel")
    committed = (ROOT / "datapackage" / "csv" / "evidence.csv").read_text(encoding="utf-8")
    assert len(result.tables["evidence"]) == 4 * (len(committed.splitlines()) - 1)
    assert snapshot(tmp_path / "parallel") == snapshot(tmp_path / "sequential")
