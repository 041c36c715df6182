"""Every hand-curated test article (tests/data/corpus, drafting*, blind) drafted by `make
draft`, reviewed as a curator would, and built."""
from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pytest

from scripts.bench.drafting import CORPORA, repository_without
from scripts.build import build
from scripts.curator.draft.command import prepare, write


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def drafted_articles() -> list[tuple[Path, tuple[Path, ...], Path]]:
    return [(corpus, before, text_path) for corpus, _, before in CORPORA if (corpus / "articles").is_dir()
            for text_path in sorted((corpus / "articles").glob("*.txt"))]


@pytest.mark.parametrize("corpus, before, text_path", drafted_articles(), ids=lambda value: getattr(value, "stem", ""))
def test_a_drafted_article_builds_once_reviewed(tmp_path, corpus, before, text_path):
    """`make draft` of a hand-curated test article into the repository with the other test
    articles, then what a curator does: rewrite the DRAFT texts, add the proposed reference
    records, name the publisher, delete the draft line. The build takes it."""
    repo = repository_without(text_path.stem, corpus, tmp_path / "repo", before)
    shutil.rmtree(repo / "datapackage")
    incoming = tmp_path / "incoming.txt"
    shutil.copyfile(text_path, incoming)
    draft = prepare(incoming, repo, text_path.stem, None)
    _, yml = write(draft, repo)
    for kind, records in draft.proposals.to_add.items():
        with open(repo / "reference" / f"{kind}.yaml", "a", encoding="utf-8") as handle:
            for record in records:
                filled = {k: (f"Filled by the curator {record['id']}" if k == "name_en" and v is None else v)
                          for k, v in record.items()}
                handle.write(f"\n  - id: {filled.pop('id')}\n"
                             + "".join(f"    {k}: {v if v is not None else 'null'}\n" for k, v in filled.items()))
    text = re.sub(r'"DRAFT: [^"]*"', '"Written by the curator."', yml.read_text(encoding="utf-8"))
    text = text.replace("publisher: unknown-publisher", "publisher: testwire")
    yml.write_text(text.replace("draft: true", "# reviewed", 1), encoding="utf-8")
    build(repo)
    published = {row["source_id"] for row in read_csv(repo / "datapackage" / "csv" / "evidence.csv")}
    assert text_path.stem in published


def test_a_test_corpus_added_after_records_pasted_from_a_draft_does_not_repeat_them(tmp_path):
    """`make draft` proposes reference records with quoted ids ("- id: \"testwire\""); a curator
    who pastes one the test corpus also adds, then runs the tests that add the test corpora,
    gets no id twice."""
    from tests.conftest import CORPUS, RECORD_ID_RE, add_corpus, copy_inputs

    repo = copy_inputs(tmp_path / "repo")
    entities = repo / "reference" / "entities.yaml"
    present = set(RECORD_ID_RE.findall(entities.read_text(encoding="utf-8")))
    added = (CORPUS / "reference-additions.yaml").read_text(encoding="utf-8").split("\nsources:\n")[0]
    pasted = next((i for i in RECORD_ID_RE.findall(added) if i not in present), None)
    if pasted is not None:   # none when the curator already has every record the corpus adds
        entities.write_text(entities.read_text(encoding="utf-8") + f'\n  - id: "{pasted}"\n    type: "media_outlet"\n'
                            f'    name_en: "{pasted}"\n    country: null\n', encoding="utf-8")
    add_corpus(repo)
    ids = RECORD_ID_RE.findall(entities.read_text(encoding="utf-8"))
    assert len(ids) == len(set(ids))
