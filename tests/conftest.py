"""Shared fixtures: the real repository, and a tiny invented one for testing the build."""
from __future__ import annotations

import hashlib
import shutil
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

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
    for name, content in MINI_FILES.items():
        path = base / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(content), encoding="utf-8")
    (base / "articles" / "mini-article.txt").write_text(MINI_TEXT, encoding="utf-8")
    return base


@pytest.fixture
def mini_repo(tmp_path: Path) -> Path:
    """The mini repository with its package already built (a "previous package" to protect)."""
    from scripts.build import build

    repo = make_mini_repo(tmp_path / "repo")
    build(repo)
    return repo
