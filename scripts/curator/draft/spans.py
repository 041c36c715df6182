"""Which words of the article a drafted record quotes.

The extractor gives the item's own words ("двигателей для Су-30МК2"); as evidence, the
curator quotes what the article says of it: the count and the action word right in front
("ремонт восьми двигателей для Су-30МК2", "три мобільні радіолокаційні станції",
"модернізацію радарів", "ще шість гаубиць"), so that the quote supports the quantity and action drafted. A
word in between that is neither ("поставить ему беспилотники") ends the lead. Action
words are those of reference/extraction/actions.yaml, compared by pymorphy3 lemma.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from scripts.curator.extract.lexicon import Lexicon

_CALIBRE_RE = re.compile(r"^\d+(?:[.,]\d+)?-?мм$")   # "23-мм снарядов"
_WORD_BEFORE_RE = re.compile(r"([^\W_]+(?:[-'’ʼ][^\W_]+)*|\d[\d\s\u00a0]*)\s+$")
# A purpose or a relative clause right after an item's words, to its clause's end.
_DESCRIBED_RE = re.compile(r"( для\b[^,;.:!?\n—–«»]*?(?=\s+(?:и|і|та|а)\s|[,;.:!?\n—–«»]|$)"
                           r"|,\s+(?:котор|які|який|яка|яке|котр)\w*\b[^,;.:!?\n—–«»]*)")
_LEAD_WORD_RE = re.compile(r"([^\W_]+(?:[-'’ʼ][^\W_]+)*\.?|\d[\d\s\u00a0]*)\s+$")   # also "тыс."
_WORD_RE = re.compile(r"[^\W\d_]+")
_TOKEN_RE = re.compile(r"\d+|[^\W\d_]+(?:[-'’ʼ][^\W\d_]+)*")
_SENTENCE_END_RE = re.compile(r"[.!?…]+(?=\s)|\n")
LEAD_WORDS = 4   # at most this many words are added in front of an item
# "партии 23-мм снарядов", "партію дронів": a batch is part of what is asked.
BATCH_WORDS = frozenset({"партия", "партія"})
# "ещё две такие станции", "ще шість гаубиць": words of the count's phrase.
MORE_WORDS = frozenset({"ещё", "еще", "ще", "такие", "таких", "такі", "подобные", "подібні",
                        "аналогичные", "аналогічні", "тыс", "тис", "млн", "млрд"})   # and "5 млн"


class Words:
    """Lemmas, numerals and the lexicon's words of one language, read with the extractor's
    pymorphy3 analyser and its checked lexicons (reference/extraction/)."""

    def __init__(self, language: str, lexicon: Lexicon, analyzer):
        self.language, self.lexicon, self.analyzer = language, lexicon, analyzer
        self.actions = self._words("actions.yaml", "cues")
        self.range_cues = self._words("equipment.yaml", "range_cues")
        self.range_units = self._words("equipment.yaml", "range_units")
        self.multipliers = self._words("numerals.yaml", "multipliers")   # "два миллиона"
        self.how_many = self._words("numerals.yaml", "how_many")   # "сколько", "кількість"
        # Nouns that name a request or a letter: "письмо Мадуро Путину", "прохання Каракаса".
        self.letters = self._words("channels.yaml", "cues", lambda data: data.get("channel") == "letter")
        self.requests = self._words("requests.yaml", "nouns") | self.letters
        # Handing over a list of what is asked ("передал ... список того, что нужно"): the list
        # nouns of requests.yaml `lists` (not the letters), the verbs of events.yaml `handovers`.
        self.handovers = self._words("events.yaml", "handovers")
        self.list_nouns = {lemma for lemma in self._words("requests.yaml", "lists") - self.letters
                           if any(p.tag.POS == "NOUN" and p.normal_form == lemma for p in analyzer.parse(lemma))}
        # How a request was conveyed (channels.yaml, its strong cues only): lemma -> channel,
        # and which channel wins when several are named.
        self.precedence = list(lexicon.section("channels.yaml", "precedence"))
        self.channels: dict[str, str] = {}
        for channel in self.precedence:
            for lemma in self._words("channels.yaml", "cues",
                                     lambda data, c=channel: data.get("channel") == c and not data.get("weak")):
                self.channels.setdefault(lemma, channel)

    @classmethod
    def of(cls, language: str, root: Path) -> Words:
        """The words of a repository's lexicons, in language (ru unless uk)."""
        from scripts.curator.extract import extractor

        language = language if language in ("ru", "uk") else "ru"
        reader = extractor(root)
        return cls(language, reader.lexicon, reader.rules(language).morph.analyzer)

    def range_in(self, text: str, names: set[str]) -> int | None:
        """The range in km a sentence gives for an item it names again ("Гаубиці, які
        вражають цілі на відстані до 40 кілометрів"): one of the item's nouns (`names`), a
        range word of equipment.yaml, a number and a kilometre word within a few words."""
        words = _TOKEN_RE.findall(text)
        if not names & set().union(*(self.lemmas(w) for w in words if not w.isdigit())):
            return None
        for i, word in enumerate(words):
            if not word.isdigit() and self.lemmas(word) & self.range_cues:
                for k in range(i + 1, min(i + 6, len(words) - 1)):
                    if words[k].isdigit() and self.lemmas(words[k + 1]) & self.range_units:
                        return int(words[k])
        return None

    def nouns(self, text: str) -> set[str]:
        """Lemmas of the nouns of a phrase, and its Latin words (model names)."""
        found = set()
        for word in _TOKEN_RE.findall(text):
            if word.isascii() and word.isalpha():
                found.add(word.casefold())
            elif not word.isdigit() and any(p.tag.POS == "NOUN" for p in self.analyzer.parse(word.casefold())[:1]):
                found |= {p.normal_form for p in self.analyzer.parse(word.casefold()) if p.tag.POS == "NOUN"}
        return found

    def letter_nouns(self, text: str) -> list[int]:
        """Where each word naming a letter ("письмо", "лист", "нота") starts in text."""
        return [m.start() for m in _WORD_RE.finditer(text) if self.lemmas(m.group()) & self.letters]

    def channel_in(self, text: str) -> set[str]:
        """The channels the strong cues of channels.yaml in a text name."""
        return {self.channels[lemma] for word in re.findall(r"[^\W\d_]+", text)
                for lemma in self.lemmas(word) if lemma in self.channels}

    def _words(self, file: str, section: str, keep=lambda data: True) -> set[str]:
        """Lemmas of the one-word forms of a section of reference/extraction/<file>."""
        return {lemma for entry in self.lexicon.section(file, section) if keep(entry.data)
                for form in entry.forms.get(self.language, ()) if " " not in form
                for lemma in self.lemmas(form)}

    @lru_cache(maxsize=4096)  # noqa: B019 - one Words per draft
    def lemmas(self, word: str) -> frozenset[str]:
        folded = word.casefold()
        try:
            return frozenset({folded} | {p.normal_form for p in self.analyzer.parse(folded)})
        except ValueError:
            return frozenset({folded})

    def is_numeral(self, word: str) -> bool:
        if word.strip().replace("\u00a0", "").replace(" ", "").isdigit():
            return True
        return any("NUMR" in p.tag or p.normal_form in self.multipliers
                   for p in self.analyzer.parse(word.casefold()))

    def lead(self, text: str, start: int, floor: int = 0) -> int:
        """Where the evidence for the item at `start` begins: over the count and the action
        word right in front of it, not before `floor` (the start of its sentence)."""
        begin = start
        for _ in range(LEAD_WORDS):
            match = _LEAD_WORD_RE.search(text, floor, begin)
            if not match or "\n" in match.group(0):
                break
            word = match.group(1).strip()
            if word.endswith(".") and word[:-1].casefold() not in MORE_WORDS:
                break   # a full stop only after an abbreviation of a number ("20 тыс. снарядов")
            word = word.rstrip(".")
            if self.lemmas(word) & self.actions:
                return match.start(1)
            if not self.is_numeral(word) and word.casefold() not in MORE_WORDS \
                    and not self.lemmas(word) & BATCH_WORDS and not _CALIBRE_RE.match(word):
                break
            begin = match.start(1)
        return begin


    @staticmethod
    def described(text: str, end: int) -> int:
        """Where what is said of an item ends: over a purpose right after it ("радари для
        виявлення низьколітних цілей") or a relative clause ("инструкторов, которые
        подготовили бы пилотов"), to the next comma, semicolon, stop or "и / і / та"."""
        match = _DESCRIBED_RE.match(text, end)
        return match.end(1) if match else end

    def word_before(self, text: str, start: int, floor: int = 0) -> tuple[int, str] | None:
        """(start, word) of the word right before `start` (after `floor`), or None."""
        match = _WORD_BEFORE_RE.search(text, floor, start)
        if not match or "\n" in match.group(0):
            return None
        return match.start(1), match.group(1).strip()


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or headline line) holding text[start:end]."""
    left = max((m.end() for m in _SENTENCE_END_RE.finditer(text, 0, start)), default=0)
    right = _SENTENCE_END_RE.search(text, max(start, end - 1))   # a span may end on its full stop
    right_end = right.end() if right and right.group(0) != "\n" else (right.start() if right else len(text))
    while left < start and text[left].isspace():
        left += 1
    return left, right_end


def with_full_stop(text: str, start: int, end: int) -> int:
    """Where a quote of a whole sentence ends with its full stop: curators quote a sentence
    whole with it ("В Анкаре получение письма подтвердили."); `end` for any other quote."""
    first, last = sentence_around(text, start, end)
    whole = text[first:last].rstrip()
    if start == first and end < len(text) and text[end] in ".!?…" and first + len(whole) == end + 1:
        return end + 1
    return end


def next_sentence(text: str, end: int) -> tuple[int, int] | None:
    """The sentence after the one ending at `end` (across a paragraph break), or None."""
    start = end
    while start < len(text) and text[start].isspace():
        start += 1
    return sentence_around(text, start, start) if start < len(text) else None


_LIST_LINE_RE = re.compile(r"^[ \t]*[-•—–*][ \t]+(.*?)[ \t]*[;.,]?[ \t]*$", re.MULTILINE)


def list_line(text: str, at: int) -> tuple[int, int] | None:
    """The words of the list line (a line opening with a dash or bullet) holding offset `at`,
    without the bullet and the line's closing ";" or ".", or None if `at` is on no list line."""
    first = text.rfind("\n", 0, at) + 1
    last = text.find("\n", at)
    match = _LIST_LINE_RE.match(text[first:len(text) if last < 0 else last])
    return (first + match.start(1), first + match.end(1)) if match and match.group(1) else None
