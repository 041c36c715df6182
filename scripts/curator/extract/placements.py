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


def placed(finder, tokens: list[Token], i: int, allowed: set[int]):
    """(first, last token, count) of the people to train at the school at token i (`finder`:
    the ItemFinder, for its lexicon and numerals), or None."""
    if not finder.schools.first(tokens, i) or not any(tokens[k].folded in _IN for k in range(max(0, i - 4), i)):
        return None
    for k in [*range(i + 1, min(len(tokens), i + _REACH)), *range(i - 1, max(-1, i - _REACH), -1)]:
        count = finder.numerals.read(tokens, k) if k in allowed else None
        if count is None or count.value is None or count.unit:
            continue
        k = count.first
        noun = count.end
        while noun in allowed and noun + 1 in allowed and tokens[noun].text.islower() \
                and tokens[noun].first_is("ADJF", "PRTF"):
            noun += 1
        analysis = tokens[noun].analysis if noun in allowed else None
        if analysis is not None and tokens[noun].text.islower() and analysis.first_pos == "NOUN" \
                and "anim" in analysis.first_grammemes:
            return count.end, noun, count.value   # the people, as "обучить 150 операторов" gives them
    return None
