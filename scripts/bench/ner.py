"""The country-mention detector beside a generic named-entity recogniser (natasha), for `make bench`.

natasha (slovnet's Russian news NER, models shipped in the package) tags spans as PER,
LOC or ORG; it does not say which country a LOC is, nor tag adjectives ("российский"),
which the detector codes. The comparison is on the real articles: speed per article, and
which spans each finds, matched by overlapping offsets in the same text. natasha is a
Russian model; the Ukrainian article goes through it as it is.
"""
from __future__ import annotations

import statistics
import time
from collections import Counter

from scripts.bench.mentions import LEXICON_DIR, RUNS, real_articles


def natasha_tagger():
    from natasha import Doc, NewsEmbedding, NewsNERTagger, Segmenter

    segmenter, tagger = Segmenter(), NewsNERTagger(NewsEmbedding())

    def locations(text: str) -> list[tuple[int, int, str]]:
        doc = Doc(text)
        doc.segment(segmenter)
        doc.tag_ner(tagger)
        return [(span.start, span.stop, span.text) for span in doc.spans if span.type == "LOC"]
    return locations


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def compare(ours: list[tuple[int, int, str]], theirs: list[tuple[int, int, str]]) -> dict:
    """Spans found by both (overlapping), only by the detector, only by natasha."""
    only_ours = [m for m in ours if not any(overlaps(m, t) for t in theirs)]
    only_theirs = [t for t in theirs if not any(overlaps(t, m) for m in ours)]
    return {"detector": len(ours), "natasha_loc": len(theirs),
            "detector_found_by_natasha": len(ours) - len(only_ours),
            "only_detector": dict(Counter(text for _, _, text in only_ours).most_common()),
            "only_natasha": dict(Counter(text for _, _, text in only_theirs).most_common())}


def timed(function, text: str, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function(text)
        times.append(time.perf_counter() - started)
    return round(statistics.median(times) * 1000, 2)


def measure() -> dict:
    try:
        started = time.perf_counter()
        locations = natasha_tagger()
        startup = time.perf_counter() - started
    except ImportError as exc:
        return {"error": f"natasha is not installed ({exc}); `make bench` installs requirements-bench.txt"}
    from scripts.mentions import load_detector

    detector = load_detector(LEXICON_DIR)
    articles = {}
    for source_id, (text, language) in real_articles().items():
        ours = [(m.start, m.end, m.text) for m in detector.find(text, language)]
        articles[source_id] = {
            "language": language,
            "natasha_ms": timed(locations, text),
            "detector_ms": timed(lambda t: detector.find(t, language), text),
            **compare(ours, locations(text)),
        }
    return {"natasha_startup_s": round(startup, 3), "articles": articles}


def lines(result: dict) -> list[str]:
    """The comparison as Markdown for BENCHMARKS.md."""
    out = ["", "## Country mentions beside a generic NER baseline", ""]
    if "error" in result:
        return out + [result["error"]]
    out += ["natasha 1.6 (Russian news NER; LOC spans) against the detector on the real articles, "
            f"same text, spans matched by overlap; natasha start-up {result['natasha_startup_s']} s, "
            f"median of {RUNS} warm runs per article:", "",
            "| article | lang | natasha ms | detector ms | detector mentions | natasha LOC | "
            "detector mentions natasha also finds |", "|---|---|---:|---:|---:|---:|---:|"]
    for source_id, a in result["articles"].items():
        out.append(f"| {source_id} | {a['language']} | {a['natasha_ms']} | {a['detector_ms']} | "
                   f"{a['detector']} | {a['natasha_loc']} | {a['detector_found_by_natasha']} |")
    for source_id, a in result["articles"].items():
        out += ["", f"{source_id}:",
                "- only the detector: " + (", ".join(f"{t} ×{n}" for t, n in a["only_detector"].items()) or "none"),
                "- only natasha: " + (", ".join(f"{t} ×{n}" for t, n in a["only_natasha"].items()) or "none")]
    return out


if __name__ == "__main__":
    print("\n".join(lines(measure())))
