"""Incremental builds: each article's result is kept in .cache/ (scripts/build/shards.py),
and a build that takes most articles from there publishes the same bytes as a build
without the cache, after an article is edited, removed or renamed, and with a tampered
entry."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from scripts import parallel
from scripts.bench.corpus import generate
from scripts.build import build, resolve, shards
from scripts.build.package import RELEASE_FILES
from tests.conftest import ROOT, snapshot

ARTICLES = 30


@pytest.fixture(scope="module")
def key_home(tmp_path_factory):
    """A key for the cache of this module's builds, outside every repository."""
    with pytest.MonkeyPatch.context() as patch:
        home = tmp_path_factory.mktemp("xdg-cache")
        patch.setenv("XDG_CACHE_HOME", str(home))
        yield home


@pytest.fixture(scope="module")
def cached(tmp_path_factory, key_home) -> Path:
    """A generated corpus built once with an empty cache: every article resolved and kept."""
    repo = generate(ROOT, tmp_path_factory.mktemp("incremental") / "repo", ARTICLES, 0)
    result = build(repo)
    assert result.cache == {"hits": 0, "misses": ARTICLES, "stored": ARTICLES, "pruned": 0}
    assert len(entries(repo)) == ARTICLES
    return repo


@pytest.fixture
def repo(cached, tmp_path, key_home) -> Path:
    """A copy of the built corpus with its cache (entries name no path: a copy reads them)."""
    return Path(shutil.copytree(cached, tmp_path / "repo"))


def entries(repo: Path) -> list[Path]:
    return sorted((repo / ".cache").glob(f"{shards.KIND}-*-{shards.NAME}"))


def uncached_build(repo: Path, tmp_path: Path, monkeypatch) -> dict[str, str]:
    """The package of repo's inputs built in a fresh directory without the cache."""
    clean = tmp_path / "clean"
    for name in ("articles", "reference", "schemas"):
        shutil.copytree(repo / name, clean / name)
    for name in RELEASE_FILES:
        shutil.copyfile(repo / name, clean / name)
    with monkeypatch.context() as patch:
        patch.setattr(resolve.Shards, "open", classmethod(lambda cls, context: None))
        result = build(clean)
    assert result.cache["hits"] == 0 and not list((clean / ".cache").glob(f"{shards.KIND}-*"))
    return snapshot(clean / "datapackage")


def article_ids(repo: Path) -> list[str]:
    return sorted(path.stem for path in (repo / "articles").glob("*.yaml"))


def test_an_unchanged_corpus_is_taken_from_the_cache(repo, tmp_path, monkeypatch):
    before = snapshot(repo / "datapackage")
    result = build(repo)
    assert result.cache == {"hits": ARTICLES, "misses": 0, "stored": 0, "pruned": 0}
    assert result.cpu_seconds["read"] == result.cpu_seconds["mentions"] == 0
    assert snapshot(repo / "datapackage") == before == uncached_build(repo, tmp_path, monkeypatch)


@pytest.mark.parametrize("workers", [False, True], ids=["in-process", "in-workers"])
def test_after_editing_one_article_only_it_is_resolved_again(repo, tmp_path, monkeypatch, workers):
    if workers:  # runs of one article each, on all cores: workers read and write the cache
        monkeypatch.setattr(parallel, "MIN_ITEMS", 1)
    edited = repo / "articles" / f"{article_ids(repo)[3]}.yaml"
    text = edited.read_text(encoding="utf-8")
    assert "summary_en: " in text
    edited.write_text(text.replace("summary_en: ", "summary_en: (Edited) ", 1), encoding="utf-8")
    result = build(repo)
    assert result.cache == {"hits": ARTICLES - 1, "misses": 1, "stored": 1, "pruned": 0}
    assert any(summary.startswith("(Edited) ") for summary in
               result.tables["requests"]["summary_en"].to_pylist() + result.tables["events"]["summary_en"].to_pylist())
    assert snapshot(repo / "datapackage") == uncached_build(repo, tmp_path, monkeypatch)
    assert len(entries(repo)) == ARTICLES + 1  # the edited article's old entry: not yet pruned


def test_a_removed_article_is_gone_as_in_a_clean_build(repo, tmp_path, monkeypatch):
    removed = article_ids(repo)[5]
    for suffix in (".txt", ".yaml"):
        (repo / "articles" / f"{removed}{suffix}").unlink()
    result = build(repo)
    assert result.cache == {"hits": ARTICLES - 1, "misses": 0, "stored": 0, "pruned": 0}
    assert removed not in result.tables["sources"]["source_id"].to_pylist()
    assert snapshot(repo / "datapackage") == uncached_build(repo, tmp_path, monkeypatch)


def test_a_renamed_article_is_resolved_under_its_new_id(repo, tmp_path, monkeypatch):
    """Renaming moves both files and changes the id in the curation wherever it is named
    (source.id, the citations it makes, the evidence attributed to it)."""
    old = article_ids(repo)[7]
    new = "renamed-synthetic-article"
    articles = repo / "articles"
    (articles / f"{old}.txt").rename(articles / f"{new}.txt")
    curation = (articles / f"{old}.yaml").read_text(encoding="utf-8")
    (articles / f"{old}.yaml").unlink()
    renamed = re.sub(rf"(?<![\w-]){re.escape(old)}(?![\w-])", new, curation)
    assert renamed.count(new) >= 2
    (articles / f"{new}.yaml").write_text(renamed, encoding="utf-8")
    result = build(repo)
    assert result.cache == {"hits": ARTICLES - 1, "misses": 1, "stored": 1, "pruned": 0}
    sources = result.tables["sources"]["source_id"].to_pylist()
    assert new in sources and old not in sources
    assert snapshot(repo / "datapackage") == uncached_build(repo, tmp_path, monkeypatch)


@pytest.mark.parametrize("tamper", ["flipped-byte", "swapped-entries", "truncated"])
def test_a_tampered_entry_is_ignored_and_its_article_resolved_again(repo, cached, tamper):
    first, second = entries(repo)[:2]
    if tamper == "flipped-byte":
        data = bytearray(first.read_bytes())
        data[-10] ^= 0x01
        first.write_bytes(bytes(data))
    elif tamper == "swapped-entries":  # each with a MAC valid for the other's name
        a, b = first.read_bytes(), second.read_bytes()
        first.write_bytes(b)
        second.write_bytes(a)
    else:
        first.write_bytes(first.read_bytes()[:200])
    result = build(repo)
    bad = 2 if tamper == "swapped-entries" else 1
    assert result.cache == {"hits": ARTICLES - bad, "misses": bad, "stored": bad, "pruned": 0}
    assert snapshot(repo / "datapackage") == snapshot(cached / "datapackage")
    assert build(repo).cache["hits"] == ARTICLES  # and the entries were written again


def test_entries_of_articles_no_longer_built_are_pruned(repo, monkeypatch):
    monkeypatch.setattr(shards, "PRUNE_FACTOR", 1)
    monkeypatch.setattr(shards, "PRUNE_SLACK", 0)
    stale = set(entries(repo))
    removed = article_ids(repo)[:2]
    for stem in removed:
        for suffix in (".txt", ".yaml"):
            (repo / "articles" / f"{stem}{suffix}").unlink()
    result = build(repo)
    assert result.cache["pruned"] == 2 and result.cache["hits"] == ARTICLES - 2
    assert len(entries(repo)) == ARTICLES - 2 and set(entries(repo)) < stale


def test_the_key_depends_on_the_shared_inputs_and_the_code(repo):
    """A change to a reference file misses for every article (the entries stay, for a
    switch back)."""
    entities = repo / "reference" / "entities.yaml"
    entities.write_text(entities.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    result = build(repo)
    assert result.cache == {"hits": 0, "misses": ARTICLES, "stored": ARTICLES, "pruned": 0}
    assert len(entries(repo)) == 2 * ARTICLES
    code = {path.relative_to(ROOT).as_posix() for path in shards.code_files()}
    assert {"scripts/build/resolve.py", "scripts/mentions/matcher.py", "scripts/quotes.py"} <= code
    assert not any(name.startswith(("scripts/bench/", "scripts/curator/")) for name in code)
