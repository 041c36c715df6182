"""How well the rule-based extractor (scripts/curator/extract) proposes requests.

`python -m scripts.bench.extraction [--natasha]` prints a table and one JSON line;
`evaluate(root)` returns the same numbers as a dict.

Gold data, read from files (never typed here):
* tests/data/extraction/{ru,uk}.yaml: the development set, labelled sentences the rules
  are tuned on (their header explains the format; it includes the first held-out set,
  retired into development once its scores were recorded in BENCHMARKS.md);
* tests/data/extraction/holdout2_{ru,uk}.yaml: the held-out set, written after the rules
  and never tuned on; the targets are checked on it;
* the seed articles articles/*.txt with their curation articles/*.yaml: the requests an
  article gives evidence for (requester and addressee countries from the entities in
  reference/entities.yaml), the requested items it gives evidence for (equipment linked
  to a request), and the citations it states itself (citing is the article; the cited
  source's publisher gives the names a prediction may match).

Scoring:
* requests: a prediction matches a gold request with the same requester country and
  the same addressee country or organisation (one to one); precision and recall;
* items: per request key, the categories of predicted and gold items are matched as
  multisets; items of unmatched requests count as false positives or misses;
* quantities: of gold items with a quantity, the share whose matched prediction (same
  request key and category) has exactly that quantity;
* citations: recall of gold cited names; a prediction matches when the names are equal
  ignoring case or one contains the other;
* time: median milliseconds per text, warm (the extractor built once).

Groups: eval, holdout2, seed (also per language), and "all" (eval and seed: tuned on).
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from scripts.yamlio import load_yaml

ROOT = Path(__file__).resolve().parents[2]
TARGETS = {"requests_precision": 0.85, "requests_recall": 0.9, "items_f1": 0.8,
           "quantity_accuracy": 0.9, "citations_recall": 0.8, "ms_per_article": 50.0}
_RUNS = 5
TUNED = ("eval", "seed")   # the groups the rules were written against: together, "all"
HELD_OUT = "holdout2"      # the held-out group the targets are measured on


# --------------------------------------------------------------------------
# Gold
# --------------------------------------------------------------------------

def eval_cases(root: Path, prefix: str = "") -> list[dict]:
    """The labelled sentences: the development set (ru.yaml, uk.yaml) or, with prefix
    "holdout2_", the held-out set written after the rules and never tuned on."""
    cases = []
    for language in ("ru", "uk"):
        path = root / "tests" / "data" / "extraction" / f"{prefix}{language}.yaml"
        if not path.is_file():
            continue
        for case in load_yaml(path):
            cases.append({"id": case["id"], "language": language, "text": case["text"],
                          "requests": [_gold_request(r) for r in case["requests"]],
                          # a cited name as a mapping ({cited_name: ...}) or written plainly
                          "citations": [[c["cited_name"] if isinstance(c, dict) else c] for c in case["citations"]]})
    return cases


def _gold_request(record: dict) -> dict:
    return {"key": (record["requester_country"], record["addressee_country"], record["addressee_organisation"]),
            "channel": record["channel"],
            "items": [{"category": i["category"], "action": i["action"], "quantity": i["quantity"],
                       "max_range_km": i["max_range_km"], "text": i["text"]} for i in record["items"]]}


def seed_cases(root: Path) -> list[dict]:
    """The seed articles with their gold, from the curation files and the reference files."""
    entities = {e["id"]: e for e in load_yaml(root / "reference" / "entities.yaml")["entities"]}
    sources = {s["id"]: s for s in load_yaml(root / "reference" / "sources.yaml")["sources"]}
    files = {path: load_yaml(path) for path in sorted((root / "articles").glob("*.yaml"))}
    requests = {r["id"]: r for data in files.values() for r in data.get("requests") or []}
    equipment = {e["id"]: e for data in files.values() for e in data.get("equipment") or []}
    for data in files.values():
        sources[data["source"]["id"]] = data["source"]
    cases = []
    for path, data in files.items():
        evidence = data.get("evidence") or []
        request_ids = list(dict.fromkeys(e["request"] for e in evidence if e.get("request")))
        items_by_request: dict[str, list[dict]] = {}
        for record in evidence:
            item = equipment.get(record.get("item"))
            if item is not None and item.get("request"):
                items_by_request.setdefault(item["request"], {})[item["id"]] = item
                if item["request"] not in request_ids:
                    request_ids.append(item["request"])
        gold = []
        for request_id in request_ids:
            request = requests[request_id]
            requester, addressee = entities[request["requester"]], entities[request["addressee"]]
            gold.append({"key": (requester.get("country"), addressee.get("country"), None),
                         "channel": request["channel"],
                         "items": [{"category": i["category"], "action": i["action"], "quantity": i.get("quantity"),
                                    "max_range_km": i.get("max_range_km"), "text": i["description_en"]}
                                   for i in items_by_request.get(request_id, {}).values()]})
        own = data["source"]["id"]
        citations = []
        for citation in data.get("citations") or []:
            if citation["citing"] == own:
                publisher = entities.get(sources[citation["cited"]].get("publisher"), {})
                citations.append([publisher[k] for k in ("name_en", "name_ru", "name_uk") if publisher.get(k)])
        text = path.with_suffix(".txt").read_text(encoding="utf-8")
        cases.append({"id": own, "language": data["source"]["language"], "text": text, "requests": gold,
                      "citations": citations})
    return cases


# --------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------

def _key(request: dict) -> tuple:
    return (request["requester_country"], request["addressee_country"], request["addressee_organisation"])


def score_case(case: dict, result: dict) -> Counter:
    counts: Counter = Counter()
    predicted = [(_key(r), r) for r in result["requests"]]
    gold = [(g["key"], g) for g in case["requests"]]
    counts["pred_requests"] += len(predicted)
    counts["gold_requests"] += len(gold)
    unmatched = list(predicted)
    for key, g in gold:
        match = next((p for p in unmatched if p[0] == key), None)
        if match is None:
            counts["item_fn"] += len(g["items"])
            counts["quantity_total"] += sum(1 for i in g["items"] if i["quantity"] is not None)
            continue
        unmatched.remove(match)
        p = match[1]
        counts["tp_requests"] += 1
        counts["channel_correct"] += p["channel"] == g["channel"]
        _score_items(counts, p["items"], g["items"])
    for _, p in unmatched:
        counts["item_fp"] += len(p["items"])
    for names in case["citations"]:
        counts["gold_citations"] += 1
        counts["found_citations"] += any(_name_match(name, c["cited_name"]) for name in names
                                         for c in result["citations"])
    return counts


def _score_items(counts: Counter, predicted: list[dict], gold: list[dict]) -> None:
    remaining = list(predicted)
    for g in gold:
        candidates = [p for p in remaining if p["category"] == g["category"]]
        if g["quantity"] is not None:
            counts["quantity_total"] += 1
        if not candidates:
            counts["item_fn"] += 1
            continue
        best = next((p for p in candidates if p["quantity"] == g["quantity"]), candidates[0])
        remaining.remove(best)
        counts["item_tp"] += 1
        counts["action_correct"] += best["action"] == g["action"]
        counts["range_correct"] += best["max_range_km"] == g["max_range_km"]
        if g["quantity"] is not None:
            counts["quantity_correct"] += best["quantity"] == g["quantity"]
        elif best["quantity"] is not None:
            counts["quantity_spurious"] += 1
    counts["item_fp"] += len(remaining)


def _name_match(gold: str, predicted: str) -> bool:
    a, b = gold.casefold().strip(), predicted.casefold().strip()
    return bool(a and b) and (a == b or a in b or b in a)


def _ratio(a: float, b: float) -> float | None:
    return round(a / b, 3) if b else None


def metrics(counts: Counter) -> dict:
    precision = _ratio(counts["tp_requests"], counts["pred_requests"])
    recall = _ratio(counts["tp_requests"], counts["gold_requests"])
    item_p = _ratio(counts["item_tp"], counts["item_tp"] + counts["item_fp"])
    item_r = _ratio(counts["item_tp"], counts["item_tp"] + counts["item_fn"])
    f1 = round(2 * item_p * item_r / (item_p + item_r), 3) if item_p and item_r else (0.0 if item_p is not None
                                                                                      and item_r is not None else None)
    return {"requests_precision": precision, "requests_recall": recall,
            "items_precision": item_p, "items_recall": item_r, "items_f1": f1,
            "quantity_accuracy": _ratio(counts["quantity_correct"], counts["quantity_total"]),
            "citations_recall": _ratio(counts["found_citations"], counts["gold_citations"]),
            "channel_accuracy": _ratio(counts["channel_correct"], counts["tp_requests"]),
            "action_accuracy": _ratio(counts["action_correct"], counts["item_tp"]),
            "range_accuracy": _ratio(counts["range_correct"], counts["item_tp"]),
            "spurious_quantities": counts["quantity_spurious"],
            "counts": {k: counts[k] for k in ("gold_requests", "pred_requests", "tp_requests", "item_tp", "item_fp",
                                              "item_fn", "quantity_total", "gold_citations")}}


def _timed(extractor, case: dict, runs: int) -> tuple[dict, float]:
    result = extractor.extract(case["text"], case["language"])
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        extractor.extract(case["text"], case["language"])
        times.append(time.perf_counter() - started)
    return result, statistics.median(times) * 1000


def evaluate(root: Path = ROOT, runs: int = _RUNS) -> dict:
    """Metrics per language and on the seed articles, with warm timings (see the docstring)."""
    from scripts.curator.extract import Extractor
    started = time.perf_counter()
    extractor = Extractor(root)
    build_s = time.perf_counter() - started
    groups: dict[str, Counter] = {}
    times: dict[str, list[float]] = {group: [] for group in (*TUNED, HELD_OUT)}
    failures = []
    for group, cases in (("eval", eval_cases(root)), (HELD_OUT, eval_cases(root, f"{HELD_OUT}_")),
                         ("seed", seed_cases(root))):
        for case in cases:
            result, ms = _timed(extractor, case, runs)
            counts = score_case(case, result)
            times[group].append(ms)
            # The held-out set is reported on its own, never mixed into "all" (what is tuned on).
            names = [f"{group}_{case['language']}", group] + (["all"] if group in TUNED else []) \
                + ([case["id"]] if group == "seed" else [])
            for name in names:
                groups.setdefault(name, Counter()).update(counts)
            if counts["tp_requests"] != counts["gold_requests"] or counts["pred_requests"] != counts["gold_requests"]:
                failures.append(case["id"])
    report = {name: metrics(counts) for name, counts in groups.items()}
    report["timing"] = {"extractor_build_s": round(build_s, 3),
                        "ms_per_case_median": round(statistics.median(times["eval"]), 2),
                        "ms_per_article_median": round(statistics.median(times["seed"]), 2)}
    report["request_mismatches"] = failures
    overall = report.get(HELD_OUT, {})
    report["targets"] = {name: {"target": target,
                                "value": report["timing"]["ms_per_article_median"] if name == "ms_per_article"
                                else overall.get(name)} for name, target in TARGETS.items()}
    for name, entry in report["targets"].items():
        value = entry["value"]
        entry["met"] = value is not None and (value <= entry["target"] if name == "ms_per_article"
                                              else value >= entry["target"])
    return report


# --------------------------------------------------------------------------
# Baselines (requirements-bench.txt): natasha's Russian syntax model and a yargy grammar
# --------------------------------------------------------------------------

def compare_baselines(root: Path = ROOT) -> dict:
    """Requester/addressee pairs found by natasha's dependency parse and by a plain yargy
    grammar, scored like the extractor's requests on the labelled set (no blockers, no
    military check: structure only). Both map phrases to countries the extractor's way
    (its parties), so what is compared is the structure rules alone."""
    from natasha import Doc, MorphVocab, NewsEmbedding, NewsMorphTagger, NewsSyntaxParser, Segmenter
    from scripts.curator.extract import Extractor
    from scripts.curator.extract.text import fold, split
    extractor = Extractor(root)
    started = time.perf_counter()
    embedding, segmenter, vocab = NewsEmbedding(), Segmenter(), MorphVocab()
    tagger, parser = NewsMorphTagger(embedding), NewsSyntaxParser(embedding)
    report = {"natasha_load_s": round(time.perf_counter() - started, 2)}
    lemmas = {fold(f) for section in ("verbs", "nouns") for e in extractor.lexicon.section("requests.yaml", section)
              for forms in e.forms.values() for f in forms}
    yargy_parse, report["yargy_build_s"] = _yargy_parser(lemmas)

    def natasha(text, country_at):
        doc = Doc(text)
        doc.segment(segmenter), doc.tag_morph(tagger), doc.parse_syntax(parser)
        return _natasha_pairs(doc, vocab, lemmas, country_at)

    def rules(text, language):
        return {_key(r) for r in extractor.extract(text, language)["requests"]}
    counts = {name: {lang: Counter() for lang in ("ru", "uk")} for name in ("natasha", "yargy", "extractor")}
    times: dict[str, list[float]] = {name: [] for name in counts}
    for case in eval_cases(root):
        text, language = case["text"], case["language"]
        parts = extractor.rules(language)
        mentions = extractor.detector.find(text, language)
        parties = [(p, s) for s in split(text, [(0, len(text))], parts.morph) for p in parts.parties.find(
            s, [m for m in mentions if s.start <= m.start and m.end <= s.end], set())]

        def country_at(start: int, end: int):
            return next(((p.country, p.organisation) for p, s in parties
                         if start <= s.tokens[p.head].start < end and p.known), None)
        gold = {g["key"] for g in case["requests"]}
        for name, run in (("natasha", lambda: natasha(text, country_at)),
                          ("yargy", lambda: yargy_parse(text, country_at)),
                          ("extractor", lambda: rules(text, language))):
            started = time.perf_counter()
            found = {k for k in run() if k[0] and (k[1] or k[2]) and k[0] != k[1]}
            times[name].append(time.perf_counter() - started)
            counts[name][language].update({"tp": len(found & gold), "pred": len(found), "gold": len(gold)})
    for name, by_language in counts.items():
        report[name] = {lang: {"pairs_precision": _ratio(c["tp"], c["pred"]),
                               "pairs_recall": _ratio(c["tp"], c["gold"])} for lang, c in by_language.items()}
        report[name]["ms_per_case_median"] = round(statistics.median(times[name]) * 1000, 2)
    return report


def _natasha_pairs(doc, vocab, lemmas: set[str], country_at) -> set[tuple]:
    """(requester, addressee country, addressee organisation) from the dependency tree: the
    nsubj of the request verb (or of the verb governing a request noun) and its obj/iobj/obl."""
    pairs = set()
    tokens = {t.id: t for t in doc.tokens}
    children: dict[str, list] = {}
    for t in doc.tokens:
        t.lemmatize(vocab)
        children.setdefault(t.head_id, []).append(t)
    def subtree(t):   # iterative, with a guard: the parser's head links can form cycles
        found, stack, seen = [], [t], set()
        while stack:
            node = stack.pop()
            if node.id not in seen:
                seen.add(node.id)
                found.append(node)
                stack += children.get(node.id, [])
        return found
    for t in doc.tokens:
        if (t.lemma or "").replace("ё", "е") not in lemmas:
            continue
        verb, climbed = t, set()
        while verb.pos != "VERB" and verb.head_id in tokens and verb.id not in climbed:
            climbed.add(verb.id)
            verb = tokens[verb.head_id]
        subjects = [c for c in children.get(verb.id, ()) if c.rel.startswith("nsubj")]
        objects = [c for head in (verb, t) for c in children.get(head.id, ())
                   if c.rel in ("obj", "iobj", "obl") and c is not t]
        requester = next((country_at(x.start, x.stop) for s in subjects for x in subtree(s)
                          if country_at(x.start, x.stop)), None)
        for o in objects:
            for x in subtree(o):
                if requester and (addressee := country_at(x.start, x.stop)):
                    pairs.add((requester[0], addressee[0], addressee[1]))
    return pairs


def _yargy_parser(lemmas: set[str]):
    """A yargy grammar: a place in the nominative, a request word, then a place in the dative
    or accusative or after у/к/от/в/до (pymorphy2's Geox names; Russian morphology only)."""
    from yargy import Parser, and_, or_, rule
    from yargy.predicates import dictionary, gram, in_
    started = time.perf_counter()
    place = gram("Geox")
    request = rule(dictionary(lemmas))
    addressee = or_(rule(in_({"у", "к", "от", "в", "до"}), place),
                    rule(and_(place, or_(gram("datv"), gram("accs")))))
    parser = Parser(rule(and_(place, gram("nomn")), request, rule(gram("ADJF").optional()), addressee))
    built = round(time.perf_counter() - started, 2)

    def parse(text: str, country_at) -> set[tuple]:
        pairs = set()
        for match in parser.findall(text):
            first, last = match.tokens[0], match.tokens[-1]
            requester, addressee = country_at(*first.span), country_at(*last.span)
            if requester and addressee:
                pairs.add((requester[0], addressee[0], addressee[1]))
        return pairs
    return parse, built


def print_table(report: dict, out=sys.stdout) -> None:
    columns = ("requests_precision", "requests_recall", "items_precision", "items_recall", "items_f1",
               "quantity_accuracy", "citations_recall", "channel_accuracy", "action_accuracy")
    order = [f"{group}{suffix}" for group in ("eval", HELD_OUT, "seed") for suffix in ("_ru", "_uk", "")] + ["all"]
    rows = [name for name in order if name in report] + sorted(
        name for name in report if isinstance(report[name], dict) and "counts" in report[name] and name not in order)
    print(f"{'':42}" + "".join(f"{c.replace('_', ' ')[:11]:>12}" for c in columns), file=out)
    for name in rows:
        cells = "".join(f"{'-' if report[name][c] is None else report[name][c]:>12}" for c in columns)
        print(f"{name:42}{cells}", file=out)
    print(f"timing: {report['timing']}", file=out)
    for name, entry in report["targets"].items():
        where = "seed articles" if name == "ms_per_article" else HELD_OUT
        print(f"target {name} ({where}): {entry['value']} vs {entry['target']} -> "
              f"{'met' if entry['met'] else 'NOT MET'}", file=out)
    for name, entry in report.get("baselines", {}).items():
        print(f"baseline {name}: {entry}", file=out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT)
    parser.add_argument("--natasha", action="store_true", help="also measure natasha/yargy (requirements-bench.txt)")
    args = parser.parse_args(argv)
    report = evaluate(args.root)
    if args.natasha:
        report["baselines"] = compare_baselines(args.root)
    print_table(report)
    print(json.dumps(report, ensure_ascii=False, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
