"""Shared fixtures: the real repository, and a tiny invented one for testing the build."""
from __future__ import annotations

import hashlib
import re
import shutil
import textwrap
from pathlib import Path

import pytest

from scripts.build.package import RELEASE_FILES

ROOT = Path(__file__).resolve().parents[1]
LEXICON = ROOT / "reference" / "lexicon"

# An invented article (not from the real inputs) small enough to read in a test failure.
MINI_TEXT = (" date 2030-01-02 Министр обороны Венесуэлы попросил Россию о поставках ракет, "
             "сообщает газета «Вестник» со ссылкой на документы. В понедельник в Каракас "
             "прибыл российский самолет.\n")

MINI_FILES = {
    "reference/entities.yaml": """\
        entities:
          - id: venezuela-defence-minister
            type: person
            name_en: Defence minister of Venezuela
            country: VE
          - id: government-of-russia
            type: government_body
            name_en: Government of Russia
            country: RU
          - id: vestnik
            type: media_outlet
            name_en: Vestnik
            country: RU
          - id: caracas
            type: place
            name_en: Caracas
            country: VE
            subdivision: VE-A
        """,
    "reference/sources.yaml": """\
        sources:
          - id: vestnik-report
            type: news_article
            publisher: vestnik
            language: ru
        """,
    "articles/mini-article.yaml": """\
        source:
          id: mini-article
          type: news_article
          publisher: vestnik
          title: null
          language: ru
          published_date: "2030-01-02"
        citations:
          - citing: mini-article
            cited: vestnik-report
            quote: сообщает газета «Вестник»
        requests:
          - id: request-missiles
            requester: venezuela-defence-minister
            addressee: government-of-russia
            channel: unspecified
            cameo_code: "0232"
            summary_en: Venezuela's defence minister asked Russia for missiles.
            date: ../2030-01-02
            date_basis: publication_bound
        equipment:
          - id: item-missiles
            request: request-missiles
            description_en: Missiles
            action: supply
            category: missile
            sipri_category: missiles
            supplier_country: RU
            recipient_country: VE
        events:
          - id: event-plane-arrival
            event_type: arrival
            summary_en: A Russian aircraft arrived in Caracas on Monday.
            actor: government-of-russia
            place: caracas
            date: "2029-12-31"
            date_basis: inferred
            claim_status: reported
        evidence:
          - id: mini-request
            request: request-missiles
            attributed_to: vestnik-report
            quote: Министр обороны Венесуэлы попросил Россию о поставках ракет
          - id: mini-item
            item: item-missiles
            attributed_to: vestnik-report
            quote: поставках ракет
          - id: mini-arrival
            event: event-plane-arrival
            attributed_to: mini-article
            quote: В понедельник в Каракас прибыл российский самолет
        """,
}


def snapshot(directory: Path) -> dict[str, str]:
    """sha256 of every file below directory, by relative path: compares trees byte for byte."""
    return {p.relative_to(directory).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(directory.rglob("*")) if p.is_file()}


def make_mini_repo(base: Path) -> Path:
    """A complete, valid repository with one invented article, in base."""
    shutil.copytree(ROOT / "schemas", base / "schemas")
    shutil.copytree(ROOT / "reference" / "lexicon", base / "reference" / "lexicon")
    shutil.copytree(ROOT / "reference" / "extraction", base / "reference" / "extraction")
    for name in RELEASE_FILES:
        shutil.copyfile(ROOT / name, base / name)
    for name, content in MINI_FILES.items():
        path = base / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(content), encoding="utf-8")
    (base / "articles" / "mini-article.txt").write_text(MINI_TEXT, encoding="utf-8")
    return base


@pytest.fixture(scope="session")
def built_mini_repo(tmp_path_factory) -> Path:
    """The mini repository with its package built, once per test session (a build takes
    about a second; the bad-input tests each need a fresh copy, not a fresh build)."""
    from scripts.build import build

    repo = make_mini_repo(tmp_path_factory.mktemp("template") / "repo")
    build(repo)
    return repo


@pytest.fixture
def mini_repo(tmp_path: Path, built_mini_repo: Path) -> Path:
    """A private copy of the built mini repository (a "previous package" to protect),
    without the articles' results kept in .cache/ (scripts/build/shards.py): a test that
    patches the build's code sees that code run, as it would after editing it."""
    return Path(shutil.copytree(built_mini_repo, tmp_path / "repo", symlinks=True,
                                ignore=shutil.ignore_patterns("article-*-resolved")))


# -- a grown corpus: the real inputs plus articles a curator might add ---------------------

CORPUS = ROOT / "tests" / "data" / "corpus"


def copy_inputs(target: Path) -> Path:
    """The repository's build inputs (not its package, caches or virtualenv), in target."""
    for name in ("articles", "reference", "schemas"):
        shutil.copytree(ROOT / name, target / name)
    for name in RELEASE_FILES:
        shutil.copyfile(ROOT / name, target / name)
    return target


RECORD_ID_RE = re.compile(r"^[ \t]*- id:[ \t]*[\"']?([^\"'\s#]+)", re.MULTILINE)


def add_corpus(repo: Path, corpus: Path = CORPUS) -> Path:
    """Add the articles of a test corpus to repo as a curator would: their .txt and .yaml
    files into articles/, and the records they need appended to the reference lists, but
    those whose id the list already has (a curator may have added them: "reuters")."""
    for path in sorted((corpus / "articles").iterdir()):
        shutil.copyfile(path, repo / "articles" / path.name)
    additions = (corpus / "reference-additions.yaml").read_text(encoding="utf-8")
    entities, sources = additions.split("\nsources:\n")
    for name, block in (("entities", entities.split("\nentities:\n", 1)[1]), ("sources", sources)):
        reference = repo / "reference" / f"{name}.yaml"
        # ids as written, quoted or not ("- id: yonhap", "- id: \"yonhap\"", as `make draft` proposes them)
        present = set(RECORD_ID_RE.findall(reference.read_text(encoding="utf-8")))
        # One record each: from its "- id:" line to the next (comments before a record go with it).
        records = re.split(r"\n(?=(?:[ \t]*#[^\n]*\n)*  - id:)", block)
        kept = [record for record in records if next(iter(RECORD_ID_RE.findall(record)), None) not in present]
        if kept:
            with reference.open("a", encoding="utf-8") as handle:
                handle.write("\n" + "\n".join(kept))
    return repo


@pytest.fixture(scope="session")
def grown_repo(tmp_path_factory) -> Path:
    """The real inputs plus tests/data/corpus, built once per session."""
    from scripts.build import build

    repo = add_corpus(copy_inputs(tmp_path_factory.mktemp("grown") / "repo"))
    build(repo)
    return repo


@pytest.fixture(params=["committed", "grown"])
def package(request) -> Path:
    """Each check that holds for any corpus runs on the committed package and on a package
    grown by articles a curator added (so no check depends on today's row counts)."""
    if request.param == "committed":
        return ROOT / "datapackage"
    return request.getfixturevalue("grown_repo") / "datapackage"


@pytest.fixture(scope="session")
def det():
    """The country-mention detector compiled from the repository's lexicon, once per session."""
    from scripts.mentions import MentionDetector

    return MentionDetector(LEXICON)


@pytest.fixture(scope="module")
def extractor():
    """The extractor of the repository's lexicons, loaded once per test module."""
    from scripts.curator.extract import Extractor

    return Extractor(ROOT)
