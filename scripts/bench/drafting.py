"""How much of a new article's curation `make draft` gets right: values accepted vs typed.

For each article of a curated test corpus (the article and the curation a person wrote
for it by hand, without the draft; see CORPORA), the draft is made in a copy of the repository that does
not contain the article, then compared with the hand curation, record by record:
* every value of the hand curation counts, except ids (the curator keeps the draft's, any
  slug will do) and notes (the curator's reasoning is typed by definition);
* hand and draft records of a section are paired, each once, pairs sharing most values
  first (references compared through the pairing of requests and items), among equals
  the ones whose quotes are most alike;
* a value equal in the pair is accepted, any other is typed, and every value of a hand
  record without a pair is typed; draft records the curator deletes cost nothing to type.
`python -m scripts.bench.drafting` prints the table; scripts/bench/__main__.py adds it to
BENCHMARKS.md.
"""
from __future__ import annotations

import difflib
import json
import shutil
import sys
import tempfile
from pathlib import Path

from scripts.yamlio import load_yaml

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "data" / "corpus"
# Every article of these corpora was curated by hand without the draft. The development
# ones were then looked at while the draft was developed: tests/data/corpus from the
# start, drafting to drafting15 each after it was first measured blind with the draft of
# that day (the first measures: 54% and 47%, 48% and 42%, 49% and 43%, 43% and 41%, 26%
# and 43%, 43% and 31%, 31% and 60%, 45% and 32%, 52% and 28%, 50% and 57%, 59% and 72%,
# 68% and 64%, 55% and 50%, 52% and 60%, 52% and 49% of values typed; the last six pairs were written
# away from the earlier articles' template). tests/data/blind was written and curated by someone who never saw
# the draft's output, and nothing was changed after looking at it.
DEVELOPMENT = (CORPUS, *(ROOT / "tests" / "data" / name
                         for name in ("drafting", *(f"drafting{n}" for n in range(2, 16)))))
BLIND = ROOT / "tests" / "data" / "blind"
# Each corpus, what it is, and the corpora a repository needs before it (their reference
# additions).
CORPORA = tuple((corpus, "development", DEVELOPMENT[:n]) for n, corpus in enumerate(DEVELOPMENT)) \
    + ((BLIND, "blind", DEVELOPMENT),)
SECTIONS = ("citations", "requests", "equipment", "events", "evidence")
SOURCE_KEYS = ("type", "publisher", "title", "language", "published_date", "url")
IGNORED = ("id", "note")
PROSE = ("summary_en", "description_en", "purpose_en")
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
    # its facts instead of defining them again, and knows which reports are cited).
    from scripts.build import build
    build(repo)
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


def similarity(hand: dict, draft: dict) -> float:
    """How alike the two records' quotes are (0 without quotes)."""
    if not isinstance(hand.get("quote"), str) or not isinstance(draft.get("quote"), str):
        return 0.0
    return difflib.SequenceMatcher(None, hand["quote"], draft["quote"], autojunk=False).ratio()


def compare(hand_document: dict, draft_document: dict) -> dict[str, int]:
    """Values of the hand curation the draft had right (accepted) and the rest (typed), and
    how many of the typed are the curator's own English (summaries, descriptions, purposes:
    a draft can only mark them to rewrite), and how many typed quotes only needed shortening
    (the curator's words are inside the draft's: deleting words, not typing them)."""
    accepted = typed = prose = trimmed = 0
    hand_source, draft_source = hand_document["source"], draft_document["source"]
    for key in SOURCE_KEYS:
        if key in hand_source:
            ok = hand_source[key] == draft_source.get(key)
            accepted, typed = accepted + ok, typed + (not ok)
    pairs: dict[str, str] = {}  # hand id -> draft id, for references
    for section in ("requests", "equipment", "events", "citations", "evidence"):
        hands, drafts = list(hand_document.get(section) or []), list(draft_document.get(section) or [])
        # Pairs with most values right first, among equals the one quoting the most similar
        # words (what a curator comparing the two files would pair), each record once.
        candidates = sorted(((len(same(record, draft, pairs)), similarity(record, draft), -h, -d, h, d)
                             for h, record in enumerate(hands) for d, draft in enumerate(drafts)), reverse=True)
        matched: dict[int, int] = {}
        for score, _, _, _, h, d in candidates:
            if score and h not in matched and d not in matched.values():
                matched[h] = d
        for h, record in enumerate(hands):
            match = drafts[matched[h]] if h in matched else None
            right: list[str] = []
            if match is not None:
                if "id" in record and "id" in match:
                    pairs[record["id"]] = match["id"]
                right = same(record, match, pairs)
            accepted += len(right)
            typed += len(values(record)) - len(right)
            prose += sum(1 for key, value in values(record).items()
                         if key in PROSE and value is not None and key not in right)
            # A quote the curator only shortens (the hand's words inside the draft's).
            if match is not None and "quote" in record and "quote" not in right \
                    and isinstance(match.get("quote"), str) and record["quote"] in match["quote"]:
                trimmed += 1
    return {"accepted": accepted, "typed": typed, "typed_prose": prose, "quotes_trimmed": trimmed}


def measure(corpus: Path = CORPUS, before: tuple[Path, ...] = (), label: str = "development") -> list[dict]:
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
        results.append({"article": article, "set": label,
                        **counts, "total": total,
                        "typed_share": round(counts["typed"] / total, 3) if total else None})
    return results


def measure_all() -> list[dict]:
    """Every corpus of CORPORA that is there, in order."""
    return [row for corpus, label, before in CORPORA if (corpus / "articles").is_dir()
            for row in measure(corpus, before, label)]


def main() -> int:
    results = measure_all()
    print(f"{'article':50} {'set':12} {'accepted':>8} {'typed':>6} {'English':>8} {'quotes to shorten':>17} "
          f"{'typed share':>11}")
    for row in results:
        print(f"{row['article']:50} {row['set']:12} {row['accepted']:8} {row['typed']:6} "
              f"{row['typed_prose']:8} {row['quotes_trimmed']:17} {row['typed_share']:11.0%}")
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
