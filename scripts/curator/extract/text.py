"""Sentences, tokens and their pymorphy3 analyses: the units every other module reads.

Offsets are code points into the text given, so every span the extractor reports can be
checked with `text[start:end]`. A token is a word (letters and digits, with inner hyphens,
slashes and apostrophes kept: "Су-30МК2", "ракет-перехватчиков", "SAMP/T", "п'яти"), a
number ("2000", "1,5") or one punctuation character. Each word carries *keys*: its folded
surface and the folded lemma of every pymorphy3 parse (for a hyphenated word also those
of its first and last part), which is what lexicon forms are matched against.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pymorphy3

_WORD = r"[^\W_]+(?:(?:[-‐‑/]|['’ʼ](?=[^\W\d_]))[^\W_]+)*"
_TOKEN_RE = re.compile(rf"\d+(?:[.,]\d+)+(?![^\W_])|{_WORD}|[^\w\s]")
_CYRILLIC_RE = re.compile(r"[\u0400-\u04FF]")
_LATIN_RE = re.compile(r"[A-Za-z]")
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'", "\u0301": None,
                              "\u0300": None, "‐": "-", "‑": "-"})
# A full stop after these does not end a sentence ("г.", "т.е.", initials are handled apart).
_ABBREVIATIONS = frozenset({"г", "гг", "т", "е", "др", "пр", "им", "ул", "св", "см", "ст", "р",
                            "тыс", "млн", "млрд", "тис", "ін", "напр", "т.д", "т.п"})
_SENTENCE_END_RE = re.compile(r"[.!?…]+[»”\"')\]]*(?=\s+[«„“\"'(\[—–-]*[A-ZА-ЯЁІЇЄҐ0-9])")
_CASES = {"gen2": "gent", "loc2": "loct", "acc2": "accs", "gen1": "gent", "loc1": "loct"}
OPENING_QUOTES = frozenset("«„“\"'")
CLOSING_QUOTES = frozenset("»“”\"'")
_AMBIGUOUS_QUOTES = frozenset("\"'“")


def opens_quote(tokens: list, k: int) -> bool:
    """An opening quotation mark: « „ always; a straight quote with space before and none after."""
    token = tokens[k]
    if token.text not in OPENING_QUOTES:
        return False
    if token.text not in _AMBIGUOUS_QUOTES:
        return True
    spaced_before = k == 0 or tokens[k - 1].end < token.start or tokens[k - 1].text in "([«„"
    joined_after = k + 1 < len(tokens) and tokens[k + 1].start == token.end
    return spaced_before and joined_after


def abbreviation_dot(tokens: list, k: int) -> bool:
    """A full stop inside a sentence that closes an abbreviation: glued to the word before it
    and followed by a lower-case word ("2 тыс. снарядов", "и т. д."). Sentence ends are cut
    before a capital (sentence_spans), so such a stop never ends the sentence or a clause."""
    return (0 < k < len(tokens) - 1 and tokens[k].text == "." and tokens[k - 1].kind == "word"
            and tokens[k - 1].end == tokens[k].start and tokens[k + 1].kind == "word"
            and not tokens[k + 1].capitalised)


def closing_quote(tokens: list, k: int, limit: int = 8) -> int | None:
    """Index of the quotation mark closing the one opened at k, within `limit` tokens."""
    for c in range(k + 1, min(len(tokens), k + limit + 1)):
        if tokens[c].text in CLOSING_QUOTES and not opens_quote(tokens, c):
            return c
    return None


def fold(word: str) -> str:
    """Spelling-insensitive form: lower case, е for ё, one apostrophe, no stress marks."""
    return word.translate(_APOSTROPHES).lower().replace("ё", "е")


@dataclass(frozen=True)
class Analysis:
    """What the rules need to know about one word form (shared by all its tokens)."""
    keys: frozenset[str]           # folded surface and lemmas of all parses (and hyphen parts)
    whole_keys: frozenset[str]     # the same without the hyphen parts
    lemmas: tuple[str, ...]        # folded lemmas, most likely parse first
    pos: frozenset[str]            # parts of speech over all parses
    first_pos: str | None          # part of speech of the most likely parse
    cases: frozenset[str]          # grammatical cases over noun/adjective/pronoun parses
    numbers: frozenset[str]        # grammatical numbers (sing, plur) over those parses
    grammemes: frozenset[str]      # all grammemes of all parses (Name, Surn, Geox, infn, ...)
    first_grammemes: frozenset[str]
    name_cases: frozenset[str] | None   # cases of its parses as a personal name (None: no such parse)
    place_cases: frozenset[str] | None  # cases of its parses as a place (None: it reads as a person's name)


class Morph:
    """One pymorphy3 analyser with a cache per word form."""

    def __init__(self, language: str):
        self.language = language
        self.analyzer = pymorphy3.MorphAnalyzer(lang=language)
        self._cache: dict[str, Analysis] = {}

    def analyse(self, surface: str) -> Analysis:
        cached = self._cache.get(surface)
        if cached is None:
            cached = self._cache[surface] = self._analyse(surface)
        return cached

    def _parses(self, word: str) -> list:
        try:
            return self.analyzer.parse(word) if _CYRILLIC_RE.search(word) else []
        except ValueError:  # pymorphy3 asks unicodedata.name() of every letter; some have none
            return []

    def _analyse(self, surface: str) -> Analysis:
        folded = fold(surface)
        parses = self._parses(folded)
        keys = {folded} | {fold(p.normal_form) for p in parses}
        whole = frozenset(keys)
        if "-" in folded and _CYRILLIC_RE.search(folded):
            parts = folded.split("-")
            for part in {parts[0], parts[-1]}:
                keys |= {fold(p.normal_form) for p in self._parses(part)} | {part}
        lemmas = tuple(dict.fromkeys(fold(p.normal_form) for p in parses)) or (folded,)
        cases, numbers, grammemes, names, places, nouns = set(), set(), set(), set(), set(), set()
        for p in parses:
            grammemes |= set(p.tag.grammemes)
            case = _CASES.get(str(p.tag.case), str(p.tag.case)) if p.tag.case else None
            if case:
                cases.add(case)
                if p.tag.grammemes & {"Name", "Surn", "Patr"}:
                    names.add(case)
                if "Geox" in p.tag.grammemes:
                    places.add(case)
                if p.tag.POS == "NOUN":
                    nouns.add(case)
            if p.tag.number:
                numbers.add(str(p.tag.number))
        first = parses[0] if parses else None
        # A place pymorphy3 does not know as one may be read as a person's name ("Тайбэй"):
        # then its case says nothing (None). Without Geox tags (the Ukrainian dictionary),
        # the cases of its noun readings are used.
        place_cases = frozenset(places) if places else (None if names else frozenset(nouns) or None)
        return Analysis(frozenset(keys), whole, lemmas, frozenset(str(p.tag.POS) for p in parses if p.tag.POS),
                        str(first.tag.POS) if first and first.tag.POS else None, frozenset(cases),
                        frozenset(numbers), frozenset(grammemes),
                        frozenset(first.tag.grammemes) if first else frozenset(),
                        frozenset(names) or None, place_cases)

    def form_keys(self, word: str) -> frozenset[str]:
        """Keys of a lexicon word: its own lemma if it is in dictionary form, else all lemmas."""
        folded = fold(word)
        parses = self._parses(folded)
        own = {fold(p.normal_form) for p in parses if fold(p.normal_form) == folded}
        return frozenset(own or {fold(p.normal_form) for p in parses} or {folded}) | {folded}

    def lexeme(self, word: str, pos: tuple[str, ...]) -> set[str]:
        """Every form of `word` (dictionary form) in its paradigm with one of these POS."""
        forms: set[str] = set()
        for p in self._parses(fold(word)):
            if p.tag.POS in pos and fold(p.normal_form) == fold(word):
                forms |= {fold(f.word) for f in p.lexeme}
        return forms


@dataclass(eq=False)
class Token:
    index: int
    start: int
    end: int
    text: str
    kind: str                      # "word", "number" or "punct"
    analysis: Analysis | None = None
    folded: str = ""
    capitalised: bool = False

    def __post_init__(self):
        self.folded = fold(self.text)
        self.capitalised = self.text[:1].isupper()

    @property
    def keys(self) -> frozenset[str]:
        return self.analysis.keys if self.analysis else frozenset({self.text})

    @property
    def whole_keys(self) -> frozenset[str]:
        return self.analysis.whole_keys if self.analysis else frozenset({self.text})

    @property
    def latin(self) -> bool:
        return self.kind == "word" and bool(_LATIN_RE.search(self.text)) and not _CYRILLIC_RE.search(self.text)

    def has_pos(self, *pos: str) -> bool:
        return self.analysis is not None and bool(self.analysis.pos & set(pos))

    def first_is(self, *pos: str) -> bool:
        return self.analysis is not None and self.analysis.first_pos in pos

    @property
    def infinitive(self) -> bool:
        """An infinitive (Russian tags it INFN, Ukrainian VERB with the grammeme infn)."""
        a = self.analysis
        return a is not None and (a.first_pos == "INFN" or (a.first_pos == "VERB" and "infn" in a.first_grammemes))

    @property
    def finite_verb(self) -> bool:
        """A finite verb in the indicative ("три" reads first as an imperative of "терти" in
        Ukrainian, but is the numeral; imperatives are not what ends a reported clause)."""
        a = self.analysis
        return (a is not None and a.first_pos == "VERB" and not a.first_grammemes & {"infn", "impr"}
                and "NUMR" not in a.pos and self.text.islower())


@dataclass
class Sentence:
    start: int
    end: int
    paragraph: int
    tokens: list[Token]
    index: int = 0

    def span_text(self, text: str) -> str:
        return text[self.start:self.end]


def phrase(tokens: list[Token], first: int, last: int) -> str:
    """The words of tokens[first..last] with single spaces where the text has any space."""
    return "".join(t.text + (" " if k < last and tokens[k + 1].start > t.end else "")
                   for k, t in enumerate(tokens[first:last + 1], start=first))


def tokenise(text: str, start: int, end: int, morph: Morph) -> list[Token]:
    tokens = []
    for match in _TOKEN_RE.finditer(text, start, end):
        surface = match.group()
        if surface[0].isdigit() and (surface.replace(",", "").replace(".", "").isdigit()):
            kind, analysis = "number", None
        elif surface[0].isalnum():
            kind, analysis = "word", morph.analyse(surface)
        else:
            kind, analysis = "punct", None
        tokens.append(Token(len(tokens), match.start(), match.end(), surface, kind, analysis))
    return tokens


def sentence_spans(text: str, spans) -> list[tuple[int, int, int]]:
    """(start, end, paragraph) of every sentence inside the given spans, in order.

    A paragraph is a line. A sentence ends at . ! ? … (with closing quotes) followed by
    space and a capital, an opening quote or a digit, unless the full stop closes an
    abbreviation ("г.", "т.е.") or an initial ("В. Путин").
    """
    result = []
    paragraph = 0
    for span_start, span_end in spans:
        position = span_start
        for line in text[span_start:span_end].splitlines(keepends=True):
            line_start, line_end = position, position + len(line)
            position = line_end
            if not line.strip():
                continue
            paragraph += 1
            cut = line_start
            for match in _SENTENCE_END_RE.finditer(text, line_start, line_end):
                segment = text[cut:match.start() + 1]
                before = re.search(r"([^\W\d_]+)\.?$", segment)
                word = before.group(1) if before else ""
                # An initial stands alone ("В. Путин"); the last letter of a code does not
                # ("батареи FB-10A. Отдельным пунктом ...").
                alone = before is not None and (before.start(1) == 0 or segment[before.start(1) - 1].isspace())
                if match.group().startswith(".") and (word.lower() in _ABBREVIATIONS
                                                       or (len(word) == 1 and word.isupper() and alone)):
                    continue
                result.append(_trim(text, cut, match.end(), paragraph))
                cut = match.end()
            result.append(_trim(text, cut, line_end, paragraph))
    return [s for s in result if s[0] < s[1]]


def _trim(text: str, start: int, end: int, paragraph: int) -> tuple[int, int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end, paragraph


def split(text: str, spans, morph: Morph) -> list[Sentence]:
    sentences = [Sentence(s, e, p, tokenise(text, s, e, morph)) for s, e, p in sentence_spans(text, spans)]
    for i, sentence in enumerate(sentences):
        sentence.index = i
    return sentences
