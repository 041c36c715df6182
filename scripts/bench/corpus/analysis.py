"""The Analyser: morphology, lexicon and caches the generator needs, per process."""
from __future__ import annotations

from pathlib import Path

import pymorphy3

from scripts.bench.corpus.inflection import Inflection
from scripts.bench.corpus.reading import SeedReading
from scripts.mentions import load_detector


class Analyser(Inflection, SeedReading):
    """The morphology and lexicon the generator needs, and its caches (per process)."""

    def __init__(self, root: Path):
        self.root = root
        self.detector = load_detector(root / "reference" / "lexicon", root / ".cache")
        self.morph = {lang: pymorphy3.MorphAnalyzer(lang=lang) for lang in ("ru", "uk")}
        self.lexicon = {lang: self.detector.lexicon_forms(lang) for lang in ("ru", "uk")}
        self.forms: dict = {}      # (lang, form, signature, country) -> (text, gender) | None
        self.verbs: dict = {}      # (lang, verb, gender) -> text | None
        self.checked: dict = {}    # (seed, slot, country) -> detected?
