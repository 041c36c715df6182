"""How much of a new article's curation `make draft` gets right: values accepted vs typed.

For each article of a curated test corpus (the article and the curation a person wrote
for it by hand: tests/data/corpus, looked at while the draft was developed, and
tests/data/drafting, curated blind by someone who never saw the draft's output), the draft is made in a copy of the repository that does
not contain the article, then compared with the hand curation, record by record:
* every value of the hand curation counts, except ids (the curator keeps the draft's, any
  slug will do) and notes (the curator's reasoning is typed by definition);
* a hand record is paired with the draft record of the same section that shares most of
  its values (references compared through the pairing of requests and items);
* a value equal in the pair is accepted, any other is typed, and every value of a hand
  record without a pair is typed; draft records the curator deletes cost nothing to type.
`python -m scripts.bench.drafting` prints the table; scripts/bench/__main__.py adds it to
BENCHMARKS.md.
"""
from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path

from scripts.yamlio import load_yaml

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "data" / "corpus"
# Articles curated by hand by someone who never saw the draft's output, never used to
# develop the draft: the honest measure. tests/data/corpus was looked at while the draft
# was written.
BLIND = ROOT / "tests" / "data" / "drafting"
SECTIONS = ("citations", "requests", "equipment", "events", "evidence")
SOURCE_KEYS = ("type", "publisher", "title", "language", "published_date", "url")
IGNORED = ("id", "note")
REFERENCES = {"request": "requests", "item": "equipment", "event": "events"}


def repository_without(article: str, corpus: Path, target: Path, before: tuple[Path, ...] = ()) -> Path:
    """The repository's inputs plus the corpora `before` and the corpus's other articles and
    reference additions."""
    from tests.conftest import add_corpus, copy_inputs

    repo = copy_inputs(target)
    for other in (*before, corpus):
        repo = add_corpus(repo, other)
    for path in (repo / "articles").glob(f"{article}.*"):
        path.unlink()
    # The curator has the package built from everything else (the draft gives evidence to
    # its facts instead of defining them again).
    shutil.copytree(ROOT / "datapackage", repo / "datapackage")
    return repo


def values(record: dict) -> dict:
    return {key: value for key, value in record.items() if key not in IGNORED}


def same(hand: dict, draft: dict, pairs: dict[str, str]) -> list[str]:
    """The keys whose values the draft record has right (references through `pairs`)."""
    right = []
    for key, value in values(hand).items():
        theirs = draft.get(key)
        if key in REFERENCES and value is not None:
            value = pairs.get(value, value)
        if theirs == value or (theirs is None and value is None and key in draft):
            right.append(key)
    return right


def compare(hand_document: dict, draft_document: dict) -> dict[str, int]:
    """Values of the hand curation the draft had right (accepted) and the rest (typed)."""
    accepted = typed = 0
    hand_source, draft_source = hand_document["source"], draft_document["source"]
    for key in SOURCE_KEYS:
        if key in hand_source:
            ok = hand_source[key] == draft_source.get(key)
            accepted, typed = accepted + ok, typed + (not ok)
    pairs: dict[str, str] = {}  # hand id -> draft id, for references
    for section in ("requests", "equipment", "events", "citations", "evidence"):
        drafts = list(draft_document.get(section) or [])
        for record in hand_document.get(section) or []:
            scored = [(len(same(record, candidate, pairs)), n) for n, candidate in enumerate(drafts)]
            best = max(scored, default=(0, None))
            if best[0] and best[1] is not None:
                match = drafts.pop(best[1])
                if "id" in record and "id" in match:
                    pairs[record["id"]] = match["id"]
                accepted += best[0]
                typed += len(values(record)) - best[0]
            else:
                typed += len(values(record))
    return {"accepted": accepted, "typed": typed}


def measure(corpus: Path = CORPUS, before: tuple[Path, ...] = ()) -> list[dict]:
    from scripts.curator.draft.command import prepare, write

    results = []
    for text_path in sorted((corpus / "articles").glob("*.txt")):
        article = text_path.stem
        hand = load_yaml(corpus / "articles" / f"{article}.yaml")
        with tempfile.TemporaryDirectory() as tmp:
            repo = repository_without(article, corpus, Path(tmp) / "repo", before)
            shutil.copyfile(text_path, Path(tmp) / "incoming.txt")
            draft = prepare(Path(tmp) / "incoming.txt", repo, article, None)
            _, yml = write(draft, repo)
            document = load_yaml(yml)
        counts = compare(hand, document)
        total = counts["accepted"] + counts["typed"]
        results.append({"article": article, "set": "blind" if corpus == BLIND else "development",
                        **counts, "total": total,
                        "typed_share": round(counts["typed"] / total, 3) if total else None})
    return results


def measure_all() -> list[dict]:
    """The development corpus, then the blind one (built on top of it) when it is there."""
    return measure() + (measure(BLIND, (CORPUS,)) if (BLIND / "articles").is_dir() else [])


def main() -> int:
    results = measure_all()
    print(f"{'article':45} {'set':12} {'accepted':>8} {'typed':>6} {'typed share':>11}")
    for row in results:
        print(f"{row['article']:45} {row['set']:12} {row['accepted']:8} {row['typed']:6} "
              f"{row['typed_share']:11.0%}")
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
