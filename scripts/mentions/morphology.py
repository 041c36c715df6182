"""Morphology for the country-mention detector: tokens and their pymorphy3 analyses."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import NamedTuple

import pymorphy3

_STRESS = "\u0301\u0300"
_APOSTROPHES = "’ʼ‘`"
_LETTER = r"[^\W\d_]"
TOKEN_RE = re.compile(rf"{_LETTER}[\u0300\u0301]?(?:{_LETTER}|[\u0300\u0301]|['’ʼ](?={_LETTER}))*|\d+")
CYRILLIC_RE = re.compile(r"[\u0400-\u04FF]")
_HYPHENS = frozenset("-‐‑–")
_OPENING_QUOTES = "«„“\"'‘"
# What may stand between a line start and its first word: bullets, dashes, quotes.
_LINE_LEAD_RE = re.compile(r"[\s•·*\-‐–—«„“\"'‘(\[]*")
_SENTENCE_END_RE = re.compile(r"[.!?…][»”\"')\]]*\s+[«„“\"'‘(\[—–\-\s]*\Z")


# --------------------------------------------------------------------------
# Morphology
# --------------------------------------------------------------------------

class _Word(NamedTuple):
    """What the matcher needs to know about one token string."""
    keys: frozenset[str]         # lemma keys + "=surface" + "~folded surface"
    lemma_keys: frozenset[str]   # lemma/POS keys of all parses
    best: str | None             # lemma/POS key with the highest total parse score
    non_noun: bool               # some parse is not a noun (pronoun, adjective, verb...)
    personal: bool               # some parse is a first name, surname or patronymic
    name_cases: frozenset[str]   # grammatical cases of its first-name parses
    cases: frozenset[str]        # grammatical cases of all its parses
    verb: bool                   # the most likely parse is a verb form


def _pos_class(tag) -> str:
    """Coarse part of speech: enough to tell a noun from an adjective from a verb."""
    pos = str(tag.POS) if tag.POS else None  # tag.POS is a grammeme object, not a str
    if pos == "NOUN":
        return "N"
    if pos in ("ADJF", "ADJS", "PRTF", "PRTS", "COMP"):
        return "A"
    if pos in ("VERB", "INFN", "GRND"):
        return "V"
    return pos or "X"


def fold(text: str) -> str:
    """Spelling-insensitive form: no stress marks, one apostrophe, е for ё, lower case.

    pymorphy3's Ukrainian dictionary spells the apostrophe as ASCII "'", and
    Russian texts write ё or е at will, so both sides are folded the same way.
    """
    for mark in _STRESS:
        text = text.replace(mark, "")
    for apostrophe in _APOSTROPHES:
        text = text.replace(apostrophe, "'")
    return text.lower().replace("ё", "е")


def _key(parse) -> str:
    return f"{fold(parse.normal_form)}/{_pos_class(parse.tag)}"


class Morph:
    """A pymorphy3 analyser for one language with a per-token-string cache."""

    def __init__(self, language: str):
        self.language = language
        self._analyzer = pymorphy3.MorphAnalyzer(lang=language)
        self._cache: dict[str, _Word] = {}

    def __getstate__(self) -> dict:
        """Pickled as its language only: the analyser loads its dictionary again."""
        return {"language": self.language}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["language"])

    def word(self, surface: str) -> _Word:
        cached = self._cache.get(surface)
        if cached is None:
            cached = self._cache[surface] = self._analyse(surface)
        return cached

    def _analyse(self, surface: str) -> _Word:
        folded = fold(surface)
        surface_keys = frozenset({"=" + surface, "~" + folded})
        unknown = _Word(surface_keys, frozenset(), None, False, False, frozenset(), frozenset(), False)
        if not CYRILLIC_RE.search(surface):   # Latin words and numbers: surface only
            return unknown
        try:
            parses = self._analyzer.parse(folded)
        except ValueError:  # pymorphy3 asks unicodedata.name() of every letter; some have none
            return unknown
        scores: Counter[str] = Counter()
        for parse in parses:  # Ukrainian scores are all 1.0: then the most frequent lemma wins
            scores[_key(parse)] += parse.score
        return _Word(
            keys=frozenset(scores) | surface_keys,
            lemma_keys=frozenset(scores),
            best=max(scores, key=scores.__getitem__),
            non_noun=any(_pos_class(p.tag) not in ("N", "X") for p in parses),
            personal=any(g in p.tag for p in parses for g in ("Name", "Surn", "Patr")),
            name_cases=frozenset(str(p.tag.case) for p in parses if "Name" in p.tag and p.tag.case),
            cases=frozenset(str(p.tag.case) for p in parses if p.tag.case),
            verb=_pos_class(parses[0].tag) == "V",
        )

    def lexicon_keys(self, word: str) -> frozenset[str]:
        """Keys of a lexicon word written in its dictionary form.

        Only nominative parses are kept (preferably those whose lemma is the word
        itself): "Вена" is the city, not the plural of "вено"; "Мали" is the
        country, not a form of the verb "мати". Words in other cases (the
        genitive "Америки" in "Соединённые Штаты Америки") fall back to all parses.
        """
        folded = fold(word)
        parses = self._analyzer.parse(folded)
        nominative = [p for p in parses if "nomn" in p.tag]
        own = [p for p in nominative if fold(p.normal_form) == folded]
        return frozenset(_key(p) for p in (own or nominative or parses))


# --------------------------------------------------------------------------
# Tokens
# --------------------------------------------------------------------------

@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str
    word: _Word
    hyphen_prev: bool        # joined to the previous token by a bare hyphen
    sentence_initial: bool   # first word of a line or of a sentence
    quote_initial: bool      # right after an opening quotation mark

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


def tokenise(text: str, morph: Morph) -> list[Token]:
    tokens: list[Token] = []
    previous_end = 0
    for match in TOKEN_RE.finditer(text):
        start, end = match.span()
        gap = text[previous_end:start]
        line_lead = gap.rsplit("\n", 1)[-1] if ("\n" in gap or not tokens) else None
        line_initial = line_lead is not None and _LINE_LEAD_RE.fullmatch(line_lead) is not None
        tokens.append(Token(
            start=start, end=end, text=match.group(), word=morph.word(match.group()),
            hyphen_prev=bool(tokens) and gap in _HYPHENS,
            sentence_initial=line_initial or _SENTENCE_END_RE.search(gap) is not None,
            quote_initial=gap[-1:] in _OPENING_QUOTES if gap else False,
        ))
        previous_end = end
    return tokens


def gap(text: str, left: Token, right: Token) -> str:
    return text[left.end:right.start]

