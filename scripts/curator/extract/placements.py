"""Places at schools asked for people: training, counted by the people sent.

"принять в российские военные вузы 40 лаосских офицеров", "принять в пакистанские летные
училища еще 24 летчика", "выделить места для 40 узбекских офицеров на курсах в индийских
военных академиях": a school of equipment.yaml `schools` behind "в / у / на / до", and a count of
people (a numeral, adjectives, a noun naming people) within a few words before or after it.
The item is the people counted; a school with no count of people is no item.
"""
from __future__ import annotations

from scripts.curator.extract.text import Token

_IN = frozenset({"в", "во", "у", "на", "до"})
_REACH = 8   # tokens between the school and the count of people


def placed(finder, tokens: list[Token], i: int, allowed: set[int]) -> tuple[int, int, int, int] | None:
    """(first, last, head token, count) of the training asked at the school at token i
    (`finder`: the ItemFinder, for its lexicon and numerals), or None. The head is the people;
    the words run from the verb that asks the places ("принять", "выделить места") to the
    people, or to the school told after them ("... офицеров на курсах в военных академиях")."""
    into = [k for k in range(max(0, i - 4), i) if tokens[k].folded in _IN]
    if not finder.schools.first(tokens, i) or not into:
        return None
    for k in [*range(i + 1, min(len(tokens), i + _REACH)), *range(i - 1, max(-1, i - _REACH), -1)]:
        count = finder.numerals.read(tokens, k) if k in allowed else None
        if count is None or count.value is None or count.unit:
            continue
        noun = count.end
        while noun in allowed and noun + 1 in allowed and tokens[noun].text.islower() \
                and tokens[noun].first_is("ADJF", "PRTF"):
            noun += 1
        analysis = tokens[noun].analysis if noun in allowed else None
        if analysis is None or not tokens[noun].text.islower() or analysis.first_pos != "NOUN" \
                or "anim" not in analysis.first_grammemes:
            continue
        start = min(count.first, into[0])
        first = next((v for v in range(start - 1, max(-1, start - 4), -1) if v in allowed and tokens[v].infinitive),
                     count.end)
        last = noun if i < noun else _phrase_end(tokens, i, allowed)
        return first, last, noun, count.value
    return None


def _phrase_end(tokens: list[Token], school: int, allowed: set[int]) -> int:
    """The school's last word, with a place after it ("на курсах в индийских военных академиях")."""
    k = school + 1
    if k in allowed and tokens[k].folded in _IN:
        k += 1
        while k + 1 in allowed and tokens[k].text.islower() and tokens[k].first_is("ADJF", "PRTF"):
            k += 1
        if k in allowed and tokens[k].first_is("NOUN"):
            return k
    return school
