"""Lexicon forms that are also common words: "Того" (Togo) is the pronoun "того".

A lexicon form is matched in every inflection wherever it occurs, so a one-word alias,
adjective or capital whose most likely reading is a common word gives false mentions
unless one of the detector's guards keeps it apart (capitalisation, sentence starts).
scripts/mentions/lexicon.py refuses such a form unless countries.yaml marks it in
`common_words`, with a comment saying why it is safe.
"""
from __future__ import annotations

from collections import Counter
from functools import cache

import pymorphy3

from scripts.mentions.morphology import fold

# Grammemes of a parse that is a name, not a common word (OpenCorpora's; the Ukrainian
# dictionary has no Geox, so there a noun in its dictionary form passes).
_PROPER = frozenset({"Geox", "Name", "Surn", "Patr", "Orgn", "Trad"})
# Adjectives that are pronouns ("который", "этот"), ordinals or qualities ("новый").
_COMMON_ADJECTIVE = frozenset({"Apro", "Anum", "Qual"})
_PLACE_PROBE = {"ru": "москва", "uk": "київ"}


@cache
def _analyzer(language: str) -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer(lang=language)


@cache
def _marks_places(language: str) -> bool:
    """Whether the dictionary tags place names (Geox), so a noun without it is common."""
    return any("Geox" in p.tag.grammemes for p in _analyzer(language).parse(_PLACE_PROBE[language]))


def common_reading(language: str, form: str, kind: str) -> str | None:
    """How pymorphy3 reads a one-word alias, adjective or capital (`kind`) if its most
    likely reading is a common word, else None.

    Common: a dictionary word (not one pymorphy3 only guesses at) that is not a name or a
    place and, for an adjective, is a pronoun, ordinal or quality ("который", "этот",
    "новый"), another part of speech or an inflected form of another word; for a name,
    another part of speech, an inflected form of another word ("Того" → "тот"), or, where
    the dictionary tags places (Russian), a noun with no name or place reading ("Мир").
    """
    word = fold(form)
    parses = _analyzer(language).parse(word)
    scores: Counter = Counter()
    for parse in parses:  # as the detector ranks readings (scripts/mentions/morphology.py)
        scores[(parse.normal_form, str(parse.tag.POS))] += parse.score
    best_key = max(scores, key=scores.__getitem__)
    best = next(p for p in parses if (p.normal_form, str(p.tag.POS)) == best_key)
    grammemes = best.tag.grammemes
    if not best.is_known or grammemes & _PROPER:
        return None
    own = fold(best.normal_form) == word
    if kind == "adjective":
        common = best.tag.POS != "ADJF" or bool(grammemes & _COMMON_ADJECTIVE) or not own
    else:
        common = best.tag.POS != "NOUN" or not own or (
            _marks_places(language) and not any(p.tag.grammemes & _PROPER for p in parses))
    return f"{best.normal_form!r} ({best.tag})" if common else None
