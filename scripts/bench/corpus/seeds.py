"""A seed article analysed: its slots (the words that change), units, lines and facts."""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from scripts.mentions.morphology import TOKEN_RE


# --------------------------------------------------------------------------
# Slots: the words of a seed that change from article to article
# --------------------------------------------------------------------------

@dataclass
class Slot:
    start: int
    end: int
    kind: str                  # country | verb | person | number | weekday | day
    country: str | None = None
    form: str | None = None    # the mention kind (alias, adjective, ...) for a country slot
    grammemes: tuple = ()      # adjectives: gender/number, case, animacy
    case: str | None = None    # nouns
    gender: str | None = None  # of the original noun (masc, femn, neut, plur), for agreement
    capitalised: bool = False
    pinned: bool = False       # cannot change (a subdivision; a quote ends inside it)
    link: int | None = None    # verb: the country slot it agrees with
    entity: str | None = None  # person
    part: int = 0              # person: which word of the name
    suffix: str = ""           # person: ending after the name word ("Путин|а")
    key: str | None = None     # number: "km" | "percent"; the date slots: "date"
    value: str = ""            # original text
    cases: tuple = ()          # nouns: the cases their parses allow
    unit: int = -1             # the unit it is in


@dataclass
class Unit:
    """A sentence of a prose line, or a whole other line, as literal pieces and slots."""
    start: int
    end: int
    pieces: list               # str | int (index of a slot)
    line: int                  # index of its line
    quotes: list = field(default_factory=list)   # keys of the quotes inside it
    evidence: list = field(default_factory=list)  # evidence ids inside it
    citations: list = field(default_factory=list)  # citation indexes inside it
    slots: list = field(default_factory=list)     # slot indexes


@dataclass
class Line:
    units: list                # unit indexes
    gaps: list                 # text before each unit after the first
    prose: bool
    separator: str             # text after the line up to the next one


@dataclass
class Seed:
    stem: str
    language: str
    text: str
    document: dict
    body: tuple
    slots: list
    units: list
    lines: list
    head: list                 # line indexes before and including the lede: fixed
    blocks: list               # the other lines, grouped: attached non-prose lines + prose line
    separator: str             # between blocks
    quotes: dict               # key -> (unit, first piece, last piece + 1)
    facts: dict                # table -> {id: record} of every fact its evidence names
    parent: dict               # item id -> (table, id) of its request or event
    evidence_fact: dict        # evidence id -> (table, fact id)
    persons: dict              # seed entity id -> name words in the seed's language
    date: datetime.date | None  # the stated date its date slots spell
    title_key: str | None      # the quote key of the title, if the title is in the text
    fillers: frozenset = frozenset()  # units of prose lines after the head with no quote


def word_tokens(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(m.start() + start, m.end() + start, m.group()) for m in TOKEN_RE.finditer(text[start:end])]
