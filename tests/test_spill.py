"""Large corpora keep their tables on disk (scripts/build/spill.py): the package is byte for
byte the one built with the tables in memory, and the files go when the tables do."""
from __future__ import annotations

import gc
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from scripts import parallel
from scripts.bench.corpus import generate
from scripts.build import build, spill, write
from tests.conftest import ROOT, snapshot

ARTICLES = 40


def spills() -> set[Path]:
    return set(Path(tempfile.gettempdir()).glob("datapackage-spill-*"))


def test_only_large_corpora_spill_unless_told():
    assert not spill.wanted(spill.SPILL_ARTICLES - 1, {})
    assert spill.wanted(spill.SPILL_ARTICLES, {})
    assert spill.wanted(1, {"SPILL": "1"}) and not spill.wanted(10**6, {"SPILL": "0"})


@pytest.mark.parametrize("workers", [1, 2], ids=["one process", "workers"])
def test_a_spilled_build_publishes_the_same_bytes(tmp_path, monkeypatch, workers):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr(parallel, "workers", lambda: workers)
    monkeypatch.setattr(parallel, "MIN_ITEMS", 2)  # runs of articles go to the workers
    # Tables in many pieces, cut elsewhere than where the Parquet writer's chunks end
    monkeypatch.setattr(spill, "CHUNK_ROWS", 7)
    monkeypatch.setattr(write, "PARQUET_CHUNK_ROWS", 10)
    repo = generate(ROOT, tmp_path / "repo", ARTICLES, 0)
    copy = Path(shutil.copytree(repo, tmp_path / "copy"))
    monkeypatch.setenv("SPILL", "0")
    in_memory = build(repo)
    assert isinstance(in_memory.tables, dict)
    before = spills()
    monkeypatch.setenv("SPILL", "1")
    spilled = build(copy)
    assert isinstance(spilled.tables, spill.SpilledTables)
    assert snapshot(copy / "datapackage") == snapshot(repo / "datapackage")
    assert sorted(spilled.tables) == sorted(in_memory.tables)
    for name, table in in_memory.tables.items():
        assert spilled.tables[name].equals(table), name
    assert len(spills() - before) == 1  # the tables' files, while they may be read
    del spilled
    gc.collect()
    assert spills() - before == set()


def test_a_killed_build_s_files_are_removed_by_the_next(tmp_path, monkeypatch):
    """A build killed before it cleaned up leaves its directory; the next spilled build
    removes it, and leaves alone those of builds still running."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    abandoned = tmp_path / f"{spill.PREFIX}999999999-abc"  # no such process
    running = tmp_path / f"{spill.PREFIX}{os.getppid()}-abc"
    for directory in (abandoned, running):
        (directory / "tables").mkdir(parents=True)
    current = spill.Spill()
    assert not abandoned.exists() and running.exists() and current.directory.exists()


def test_a_process_can_remove_its_own_files_before_it_exits(tmp_path, monkeypatch):
    """make serve's build ends by os._exit, which runs no finalizers: it removes its own."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    other = tmp_path / f"{spill.PREFIX}{os.getppid()}-abc"
    (other / "tables").mkdir(parents=True)
    current = spill.Spill()
    spill.remove_own()
    assert not current.directory.exists() and other.exists()


def test_a_spilled_build_reports_the_same_problems(tmp_path, monkeypatch):
    """A reference into no article, found once articles are merged: the same problem either
    way, nothing published, and the spill directory gone with the failed build."""
    from scripts.errors import BuildError

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    repo = generate(ROOT, tmp_path / "repo", 6, 0)
    curation = sorted((repo / "articles").glob("*.yaml"))[3]
    text = curation.read_text(encoding="utf-8")
    assert "  addressee: " in text
    lines = text.splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("  addressee: "))
    lines[at] = "  addressee: nobody-anywhere\n"
    curation.write_text("".join(lines), encoding="utf-8")
    found = {}
    for decided in ("0", "1"):
        monkeypatch.setenv("SPILL", decided)
        before = spills()
        with pytest.raises(BuildError) as failure:
            build(repo)
        found[decided] = str(failure.value)
        del failure
        gc.collect()
        assert spills() - before == set()
    assert "nobody-anywhere" in found["1"] and found["1"] == found["0"]
    assert not (repo / "datapackage").exists()
