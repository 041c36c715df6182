"""scripts/bench/corpus/: a synthetic corpus whose texts differ, each article curated
consistently with its own text, that the build takes with no warning and no problem."""
from __future__ import annotations

import itertools
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, snapshot
from scripts.bench.corpus import MARKER, OutError, generate, prepare
from scripts.body import Layout
from scripts.mentions.morphology import TOKEN_RE
from scripts.quotes import locate, occurrences
from scripts.yamlio import load_yaml

ARTICLES = 12


@pytest.fixture(scope="module")
def shared():
    """The seeds analysed once for the module (what generate() does first)."""
    return prepare(ROOT, "0")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, shared) -> Path:
    return generate(ROOT, tmp_path_factory.mktemp("corpus") / "repo", ARTICLES, 0, shared=shared)


def articles(repo: Path) -> dict[str, tuple[str, dict]]:
    """source id -> (text, curation) of every generated article."""
    return {path.stem: (path.with_suffix(".txt").read_text(encoding="utf-8"), load_yaml(path))
            for path in sorted((repo / "articles").glob("*.yaml"))}


MIN_SEED_WORDS = 150  # distinct body words of a seed long enough to vary by a third


def body_words(text: str) -> set[str]:
    start, end = Layout.of(text).body
    return {match.group().lower() for match in TOKEN_RE.finditer(text[start:end])}


def test_a_generated_corpus_builds_with_no_warning_and_no_problem(corpus, tmp_path):
    from scripts.build import build

    repo = Path(shutil.copytree(corpus, tmp_path / "repo"))
    result = build(repo)  # raises BuildError / ValidationFailed on any problem
    assert result.warnings == []
    generated = [s for s in result.tables["sources"]["source_id"].to_pylist() if "-syn-" in s]
    assert len(generated) == ARTICLES
    assert len(result.tables["requests"]) >= ARTICLES // 2
    # The facts moved to many countries, not the seeds' six.
    assert len(set(result.tables["requests"]["requester_country"].to_pylist())) > 4
    assert len(result.tables["countries"]) > 20


def test_texts_differ_in_bytes_and_in_a_third_of_their_words(corpus):
    found = articles(corpus)
    assert len(found) == ARTICLES
    texts = [text for text, _ in found.values()]
    assert len(set(texts)) == ARTICLES
    by_seed: dict[str, list[set[str]]] = {}
    for source_id, (text, _) in found.items():
        by_seed.setdefault(source_id.split("-syn-")[0], []).append(body_words(text))
    seeds = len(list((ROOT / "articles").glob("*.yaml")))  # every curated article is a seed
    assert len(by_seed) == min(ARTICLES, seeds)
    for seed, words in by_seed.items():
        # A third of the words differ between two articles of a seed of a real article's
        # length; a seed of a few sentences has too few to drop or reorder for that (its
        # articles still differ in bytes, above).
        seed_text = (ROOT / "articles" / f"{seed}.txt").read_text(encoding="utf-8")
        if len(body_words(seed_text)) < MIN_SEED_WORDS:
            continue
        for a, b in itertools.combinations(words, 2):
            assert 1 - len(a & b) / len(a | b) >= 0.3, seed


def test_every_quote_is_in_its_article_at_its_occurrence(corpus):
    for source_id, (text, curation) in articles(corpus).items():
        layout = Layout.of(text)
        for record in curation.get("evidence", []) + curation.get("citations", []):
            start, end = locate(text, record["quote"], record.get("occurrence"))
            assert layout.contains(start, end), (source_id, record["quote"])
            if record.get("occurrence") is None:
                assert len(occurrences(text, record["quote"])) == 1


def test_facts_name_the_people_and_countries_of_their_own_text(corpus):
    entities = {e["id"]: e for e in load_yaml(corpus / "reference" / "entities.yaml")["entities"]}
    seen_requests = 0
    for source_id, (text, curation) in articles(corpus).items():
        language = curation["source"]["language"]
        for request in curation.get("requests", []):
            seen_requests += 1
            for key in ("requester", "addressee"):
                entity = entities[request[key]]
                assert entity["country"]
                if entity["id"].startswith("synthetic-") and entity["type"] == "person":
                    surname = entity[f"name_{language}"].split()[-1]
                    # A request's people are invented for this article, and named in it.
                    if not entity["id"].endswith("official"):
                        assert surname in text, (source_id, key, surname)
        items = curation.get("equipment", [])
        requests = {r["id"]: r for r in curation.get("requests", [])}
        for item in items:
            if item.get("request") in requests:
                addressee = entities[requests[item["request"]]["addressee"]]
                assert item["supplier_country"] == addressee["country"], (source_id, item["id"])
    assert seen_requests


def test_the_same_seed_gives_the_same_bytes_and_another_seed_others(corpus, shared, tmp_path):
    again = generate(ROOT, tmp_path / "again", ARTICLES, 0, shared=prepare(ROOT, "0"))
    assert snapshot(again) == snapshot(corpus)
    other = generate(ROOT, tmp_path / "other", ARTICLES, 1)
    texts = {p.name: p.read_bytes() for p in (other / "articles").glob("*.txt")}
    assert all(texts[p.name] != p.read_bytes() for p in (corpus / "articles").glob("*.txt"))


def test_it_replaces_only_what_it_made(shared, tmp_path):
    kept = tmp_path / "notes"
    kept.mkdir()
    (kept / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(OutError):
        generate(ROOT, kept, 2, shared=shared)
    assert (kept / "keep.txt").read_text(encoding="utf-8") == "mine"
    with pytest.raises(OutError):
        generate(ROOT, ROOT / "corpus", 2, shared=shared)
    assert not (ROOT / "corpus").exists()
    made = generate(ROOT, tmp_path / "made", 2, shared=shared)
    assert (made / MARKER).is_file()
    generate(ROOT, made, 3, shared=shared)  # a corpus it made is replaced
    assert len(list((made / "articles").glob("*.txt"))) == 3


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_corpus_takes_n_and_out_from_the_environment_only(tmp_path):
    """OUT with a backtick and a make function in it is a directory name, nothing runs;
    -o keeps make from (re)installing the virtualenv first."""
    out = tmp_path / "a`touch ran-by-shell`$(shell touch ran-by-make)"
    result = subprocess.run(["make", "-s", "-o", ".venv/.runtime-installed", "corpus", "N=2",
                             f"OUT={out}", f"PY={sys.executable}"],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert len(list((out / "articles").glob("*.txt"))) == 2
    assert not (ROOT / "ran-by-shell").exists() and not (ROOT / "ran-by-make").exists()
    usage = subprocess.run(["make", "-s", "-o", ".venv/.runtime-installed", "corpus"],
                           cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert usage.returncode != 0 and "usage: make corpus N=1000 OUT=dir" in usage.stderr
