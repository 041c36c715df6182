"""Measure the country-mention detector: speed on the real articles, quality on the labelled sample.

Run from the repository root:  python -m scripts.bench.mentions
Prints one JSON object:
  startup_s          seconds to build MentionDetector (pymorphy3 dictionaries + lexicon)
  articles           per article: characters, mentions, first_run_ms (cold token cache)
                     and median_ms over 20 further runs
  sample             precision, recall and the sentences that are wrong, on
                     tests/data/mention_sample.yaml

score_sample() is also what tests/test_mentions.py uses, so the test and this
report can never disagree about how precision and recall are counted.
"""
from __future__ import annotations

import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LEXICON_DIR = ROOT / "reference" / "lexicon"
SAMPLE = ROOT / "tests" / "data" / "mention_sample.yaml"
RUNS = 20


def real_articles(root: Path = ROOT) -> dict[str, tuple[str, str]]:
    """source_id -> (text, language) for every input article, from the curation files."""
    from scripts.build.read import article_pairs, read_article
    from scripts.context import Context
    from scripts.errors import Problems

    context, found = Context(root), {}
    for pair in article_pairs(context, Problems(root)):
        curation, problems = read_article(context, *pair)
        problems.raise_if_any()
        found[pair[0]] = (curation.articles[pair[0]].text, curation.records("sources")[0]["language"])
    return found


def mention_label(mention) -> tuple:
    """A mention as the sample labels it: (text, country, kind[, subdivision])."""
    label = (mention.text, mention.country, mention.kind)
    return label + (mention.subdivision,) if mention.subdivision else label


def load_sample(path: Path = SAMPLE) -> list[dict]:
    from scripts.yamlio import load_yaml
    return load_yaml(path)


def score_sample(detector, items: list[dict]) -> dict:
    """Micro-averaged precision and recall of exact labels, sentence by sentence.

    A found mention is a true positive when the same (text, country, kind
    [, subdivision]) is expected in that sentence (as a multiset, so repeated
    mentions count separately).
    """
    true_pos = false_pos = false_neg = 0
    wrong = []
    for item in items:
        found = Counter(mention_label(m) for m in detector.find(item["text"], item["lang"]))
        expected = Counter(tuple(label) for label in item["expected"])
        hits = sum((found & expected).values())
        true_pos += hits
        false_pos += sum(found.values()) - hits
        false_neg += sum(expected.values()) - hits
        if found != expected:
            wrong.append({"text": item["text"],
                          "unexpected": sorted(found - expected), "missed": sorted(expected - found)})
    return {
        "sentences": len(items),
        "expected": true_pos + false_neg,
        "precision": true_pos / (true_pos + false_pos) if true_pos + false_pos else 1.0,
        "recall": true_pos / (true_pos + false_neg) if true_pos + false_neg else 1.0,
        "wrong": wrong,
    }


def time_article(detector, text: str, language: str) -> dict:
    started = time.perf_counter()
    mentions = detector.find(text, language)
    first = time.perf_counter() - started
    runs = []
    for _ in range(RUNS):
        started = time.perf_counter()
        detector.find(text, language)
        runs.append(time.perf_counter() - started)
    return {"characters": len(text), "mentions": len(mentions),
            "first_run_ms": round(first * 1000, 2),
            "median_ms": round(statistics.median(runs) * 1000, 2)}


def measure() -> dict:
    from scripts.mentions import MentionDetector

    started = time.perf_counter()
    detector = MentionDetector(LEXICON_DIR)
    startup = time.perf_counter() - started
    articles = {sid: time_article(detector, text, language)
                for sid, (text, language) in real_articles().items()}
    return {"startup_s": round(startup, 3), "runs": RUNS, "articles": articles,
            "sample": score_sample(detector, load_sample())}


def main() -> int:
    json.dump(measure(), sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
