"""Counts in front of items: digits and number words in any case and gender.

"восьми двигателей" -> 8, "п'яти радарів" -> 5, "2 тысячи" -> 2000, "2 тыс." -> 2000,
"мільйон" -> 1000000, "двадцять чотири" -> 24, "трёх десятков" -> 30, "пяти сотен" -> 500,
"полтора десятка" -> 15, "10 000" -> 10000 (digits grouped by thousands), "2-х" / "20-ти"
-> 2 / 20 (digits with a case ending); "несколько сотен", "кількох десятків", "десятки"
-> a count without a number (null). Number words come from reference/extraction/numerals.yaml in dictionary
form; every form of their paradigm is generated once with pymorphy3 (so a form that
pymorphy3 does not parse as a numeral, like Ukrainian "семи", is still read). A number
followed by a unit ("155 мм", "1000 км", "три года", "26 октября") is not a count.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from scripts.curator.extract.lexicon import Lexicon
from scripts.curator.extract.text import Token, abbreviation_dot, fold

_NUMERAL_POS = ("NUMR", "ADJF")
_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)?")  # "один" is an adjective (Anum) in the Russian dictionary
# Digits with the case ending of a cardinal: "2-х", "20-ти", "7-ми", "3-мя", "5-ю", uk "4-ох".
# Ordinal endings ("2-й", "3-го") and units ("155-мм") are not counts.
_SUFFIXED_RE = re.compile(r"(\d+)-(?:х|ти|ми|мя|ю|ью|ух|ох|ёх|ех|ьох)", re.IGNORECASE)
CALIBRE_RE = re.compile(r"^\d+-\w+$")   # "155-мм": a calibre in front of an item


@dataclass(frozen=True)
class Count:
    first: int            # index of the first token of the number
    end: int              # index after its last token
    value: int | None     # None: a count without a number ("несколько")
    unit: bool            # followed by a unit: a measure, not a count of items


class Numerals:
    def __init__(self, lexicon: Lexicon, language: str):
        morph = lexicon.morphs[language]
        self._words: dict[str, int | float] = {}
        self._multipliers: dict[str, int] = {}
        self._approximate: set[str] = set()   # multipliers that alone give no count ("десяток")
        for section, target in (("numbers", self._words), ("multipliers", self._multipliers)):
            for entry in lexicon.section("numerals.yaml", section):
                for form in entry.forms.get(language, ()):
                    forms = morph.lexeme(form, _NUMERAL_POS + ("NOUN",)) | {fold(form)}
                    for surface in forms:
                        target.setdefault(surface, entry.data["value"])
                        if entry.data.get("approximate"):
                            self._approximate.add(surface)
        self._vague = lexicon.index("numerals.yaml", "vague", language)
        self._units = lexicon.index("numerals.yaml", "units", language)
        self._fillers = lexicon.index("numerals.yaml", "fillers", language)
        self._counters = lexicon.index("numerals.yaml", "counters", language)
        self._count_cues = lexicon.index("numerals.yaml", "count_cues", language)

    def counter(self, tokens: list[Token], i: int) -> bool:
        """A noun that only counts the item after it ("единиц", "штук")."""
        return 0 <= i < len(tokens) and tokens[i].kind == "word" and self._counters.first(tokens, i) is not None

    def count_after(self, tokens: list[Token], i: int) -> Count | None:
        """"в количестве 30 единиц" at i: the count it states (its `end` past a counter), else None."""
        found = self._count_cues.first(tokens, i)
        if found is None:
            return None
        k = i + found[0]
        k += self.filler(tokens, k)
        count = self.read(tokens, k)
        if count is None or count.value is None or count.unit:
            return None
        return Count(i, count.end + self.counter(tokens, count.end), count.value, False)

    def filler(self, tokens: list[Token], i: int) -> int:
        """Number of tokens of a filler ("ещё", "как минимум") at i, else 0."""
        found = self._fillers.first(tokens, i)
        return found[0] if found else 0

    def read(self, tokens: list[Token], i: int) -> Count | None:
        """The number starting at token i, or None if there is none."""
        j, value, vague, group = i, None, False, False
        while j < len(tokens):
            token = tokens[j]
            if token.kind == "number" and group and _thousands(tokens, j):
                value = value * 1000 + int(token.text)   # "10 000", "1 500 000"
                j += 1
            elif token.kind == "number":
                if value is not None or vague or (digits := _digits(token.text)) is None:
                    break
                value, group = digits, isinstance(digits, int) and digits < 1000
                j += 1
            elif token.kind == "word" and value is None and not vague and (
                    suffixed := _SUFFIXED_RE.fullmatch(token.text)):
                value = int(suffixed.group(1))
                j += 1
            elif token.kind == "word" and token.folded in self._words and not vague:
                word = self._words[token.folded]
                if value is None:
                    value = word
                elif _adds(value, word):
                    value += word
                else:
                    break
                j += 1
            elif token.kind == "word" and token.folded in self._multipliers:
                factor = self._multipliers[token.folded]
                if value is not None:
                    value = value * factor
                elif not vague and token.folded not in self._approximate \
                        and "plur" not in (token.analysis.numbers if token.analysis else ()):
                    value = factor
                else:
                    vague = True
                j += 1 + abbreviation_dot(tokens, j + 1)   # "2 тыс. снарядов"
            elif token.kind == "word" and (found := self._vague.first(tokens, j)):
                vague, value = True, None
                j += found[0]
            else:
                break
        if j == i:
            return None
        if vague:
            value = None
        elif isinstance(value, float) and not value.is_integer():
            value = None
        return Count(i, j, None if value is None else int(value), self._is_unit(tokens, j))

    def _is_unit(self, tokens: list[Token], j: int) -> bool:
        if j >= len(tokens):
            return False
        if tokens[j].text == "%":
            return True
        if CALIBRE_RE.match(tokens[j].text):
            return False   # "10 тысяч 155-мм снарядов": the calibre carries its own number
        return self._units.first(tokens, j) is not None

    def is_unit(self, tokens: list[Token], j: int) -> bool:
        return self._is_unit(tokens, j)


def _digits(text: str) -> float | None:
    """"2000" -> 2000, "1,5" -> 1.5 (a decimal comma or point before a multiplier); a date or a
    grouped number ("31.10.2025", "5,318,000") is not a count: None."""
    if not _NUMBER_RE.fullmatch(text):
        return None
    return float(text.replace(",", ".")) if ("," in text or "." in text) else int(text)


def _thousands(tokens: list[Token], j: int) -> bool:
    """Token j is a group of three digits after a space that continues the number before it."""
    before, token = tokens[j - 1], tokens[j]
    return (before.kind == "number" and len(token.text) == 3 and token.text.isdigit()
            and token.start - before.end == 1)


def _adds(total: int | float, word: int) -> bool:
    """Whether a number word continues the number so far: "двадцать" + "четыре", "сто" + "двадцать",
    "тысячу" + "двести", "две тысячи" + "пятьсот"."""
    if total >= 1000 and total % 1000 == 0 and word < 1000:
        return True
    if total >= 100 and total % 100 == 0 and word < 100:
        return True
    return total >= 20 and total % 10 == 0 and total < 100 and word < 10
