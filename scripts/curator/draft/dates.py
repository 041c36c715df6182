"""When a drafted fact happened, from the words of the sentences that report it.

The curation conventions (README "Dates"): a date the text gives is `stated`; one the
curator works out from words relative to the publication ("на прошлой неделе", "наприкінці
жовтня") is `inferred`; with no clue, the fact happened on or before publication, the open
interval "../YYYY-MM-DD" (`publication_bound`). The periods used for relative words:

    вчера / учора                              the day before publication
    на прошлой неделе / минулого тижня         Monday to Sunday of the week before
    на этой неделе / цього тижня               Monday of the week to publication
    в прошлом месяце / минулого місяця         the month before, YYYY-MM
    в начале / в середине / в конце <month>    days 1-10 / 11-20 / 21-last of that month
    на початку / в середині / наприкінці ...   (the same, Ukrainian)
    <day> <month>, "26 октября"                that day (stated)
    в <month>, "в октябре" / "у жовтні"         that month, YYYY-MM (stated)
    в <weekday>, "во вторник" / "в середу"      the last such day up to publication

A month later in the year than the publication is taken as last year's. Month and weekday
names come from CLDR (Babel) as lemmas, so every case form matches through pymorphy3.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

import babel.dates

from scripts.curator.extract.text import fold

_WORD_RE = re.compile(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)*|\d{1,4}")
_YEAR_WORDS = frozenset({"год", "рік"})   # "в 2022 году", "у 2023 році"
_PREPOSITIONS = frozenset({"в", "во", "у", "на"})
# Participles of ordering, buying or receiving: the date after one is the thing's own.
_ACQUIRED = ("заказан", "закуплен", "куплен", "приобретен", "приобретён", "получен", "поставлен",
             "замовлен", "придбан", "отриман")

# Relative words: lemma sequences (any case form) -> the period they name.
_PERIOD_WORDS = {
    "ru": {("вчера",): "yesterday", ("прошлый", "неделя"): "last_week",
           ("этот", "неделя"): "this_week", ("прошлый", "месяц"): "last_month",
           ("начало",): "early", ("середина",): "mid", ("конец",): "late"},
    "uk": {("вчора",): "yesterday", ("учора",): "yesterday", ("минулий", "тиждень"): "last_week",
           ("цей", "тиждень"): "this_week", ("минулий", "місяць"): "last_month",
           ("початок",): "early", ("середина",): "mid", ("кінець",): "late",
           ("наприкінці",): "late"},
}
_THIRDS = {"early": (1, 10), "mid": (11, 20), "late": (21, None)}


@dataclass(frozen=True)
class Dated:
    edtf: str
    basis: str   # stated | inferred | publication_bound


@lru_cache(maxsize=2)
def _months(language: str) -> dict[str, int]:
    names = babel.dates.get_month_names("wide", context="stand-alone", locale=language)
    return {fold(str(name)): number for number, name in names.items()}


@lru_cache(maxsize=2)
def _weekdays(language: str) -> dict[str, int]:
    """Weekday lemma -> Monday 0 .. Sunday 6 (CLDR's names)."""
    names = babel.dates.get_day_names("wide", context="stand-alone", locale=language)
    return {fold(str(name)): number for number, name in names.items()}


class DateReader:
    def __init__(self, language: str, lemmas):
        """lemmas(word) -> the word's lemmas (pymorphy3), lower case."""
        self.language = language if language in _PERIOD_WORDS else "ru"
        self.lemmas = lemmas
        self.months = _months(self.language)
        self.weekdays = _weekdays(self.language)

    def words(self, text: str) -> list[tuple[str, set[str]]]:
        # folded (one apostrophe: CLDR writes "пʼятниця" with U+02BC, texts mostly with ' or ’)
        return [(w, {fold(lemma) for lemma in self.lemmas(w)} | {w}) for w in _WORD_RE.findall(fold(text))]

    def find(self, texts: list[str], published: dt.date | None) -> Dated | None:
        """The first date any of the texts gives (in order), or None."""
        if published is None:
            return None
        for text in texts:
            found = self._in(self.words(text), published)
            if found:
                return found
        return None

    def _month_at(self, words, i: int) -> int | None:
        if i < len(words):
            for lemma in words[i][1]:
                if lemma in self.months:
                    return self.months[lemma]
        return None

    def _in(self, words, published: dt.date) -> Dated | None:
        for i, (surface, lemmas) in enumerate(words):
            # the date of an order, not of the fact ("танков, заказанных в декабре 2024 года")
            before = i - 2 if i > 1 and words[i - 1][0] in _PREPOSITIONS else i - 1
            if before >= 0 and words[before][0].startswith(_ACQUIRED):
                continue
            if surface.isdigit() and len(surface) == 4:
                if i > 0 and words[i - 1][0] in ("в", "во", "у") and i + 1 < len(words) \
                        and words[i + 1][1] & _YEAR_WORDS and int(surface) <= published.year:
                    return Dated(surface, "stated")
                continue
            if surface.isdigit():
                month = self._month_at(words, i + 1)
                if month and 1 <= int(surface) <= 31:
                    year = _stated_year(words, i + 2, published) or _year(month, published)
                    try:
                        return Dated(dt.date(year, month, int(surface)).isoformat(), "stated")
                    except ValueError:
                        continue
                continue
            for sequence, period in _PERIOD_WORDS[self.language].items():
                if all(k < len(words) and sequence[n] in words[k][1]
                       for n, k in enumerate(range(i, i + len(sequence)))):
                    found = self._period(period, words, i + len(sequence), published)
                    if found:
                        return found
            month = self._month_at(words, i)
            if month and i > 0 and words[i - 1][0] in ("в", "во", "у"):
                year = _stated_year(words, i + 1, published) or _year(month, published)
                return Dated(f"{year}-{month:02d}", "stated")
            day = next((self.weekdays[lemma] for lemma in lemmas if lemma in self.weekdays), None)
            if day is not None and i > 0 and words[i - 1][0] in ("в", "во", "у"):
                # The last such day up to publication ("во вторник" in a Wednesday article).
                back = (published.weekday() - day) % 7
                return Dated((published - dt.timedelta(days=back)).isoformat(), "inferred")
        return None

    def _period(self, period: str, words, after: int, published: dt.date) -> Dated | None:
        if period == "yesterday":
            return Dated((published - dt.timedelta(days=1)).isoformat(), "inferred")
        if period in ("last_week", "this_week"):
            monday = published - dt.timedelta(days=published.weekday())
            if period == "last_week":
                monday -= dt.timedelta(days=7)
                return Dated(f"[{monday}..{monday + dt.timedelta(days=6)}]", "inferred")
            return Dated(f"[{monday}..{published}]", "inferred")
        if period == "last_month":
            last = published.replace(day=1) - dt.timedelta(days=1)
            return Dated(f"{last.year}-{last.month:02d}", "inferred")
        month = self._month_at(words, after)
        if month is None:    # "в конце концов", "на початку війни": not a date
            return None
        year = _stated_year(words, after + 1, published) or _year(month, published)
        first, last = _THIRDS[period]
        last = last or calendar.monthrange(year, month)[1]
        return Dated(f"[{dt.date(year, month, first)}..{dt.date(year, month, last)}]", "inferred")


def _year(month: int, published: dt.date) -> int:
    return published.year if month <= published.month else published.year - 1


def _stated_year(words, i: int, published: dt.date) -> int | None:
    """The year written after a month ("в апреле 2022 года"), if any and not after publication."""
    if i < len(words) and len(words[i][0]) == 4 and words[i][0].isdigit() and int(words[i][0]) <= published.year:
        return int(words[i][0])
    return None
