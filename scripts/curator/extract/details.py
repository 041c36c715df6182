"""What an item's phrase says around it: how many, how far, and what is to be done.

* Count: the number right before the item's words, over adjectives, calibres and fillers
  ("ещё 24 ударных вертолётов", "2 тысячи американских военнослужащих", "10 тысяч 155-мм
  снарядов"); a vague count ("несколько сотен") or a number followed by a unit ("155 мм")
  gives null. A count stated after the item ("в количестве 30 единиц") is items.py's.
* Range: a range word after the item, then a number and a kilometre word ("дальностью до
  1000 км", "на расстоянии до 300 километров"), before the next item.
* Action: see actions.yaml. Categories that fix their own action (equipment.yaml
  `category_actions`) and terms with an action ("авиационная поддержка") come first.
  Spare parts for an item ("запасные части для двенадцати радиолокационных станций",
  equipment.yaml `parts`) ask for its repair, and the count is the item's.
* Reference: "ещё две такие станции" (equipment.yaml `referring`) are more of the item
  named before; their count stands before the pointing word.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from scripts.curator.extract.lexicon import Lexicon
from scripts.curator.extract.numerals import CALIBRE_RE, Numerals
from scripts.curator.extract.text import Token

if TYPE_CHECKING:
    from scripts.curator.extract.items import Item

_RANGE_WINDOW = 8
_AT_LEAST = frozenset({"более", "свыше", "больше", "понад", "більше", "щонайменше", "минимум", "мінімум"})


class Details:
    def __init__(self, lexicon: Lexicon, language: str, numerals: Numerals):
        self.range_cues = lexicon.index("equipment.yaml", "range_cues", language)
        self.range_units = lexicon.index("equipment.yaml", "range_units", language)
        self.actions = lexicon.index("actions.yaml", "cues", language)
        self.category_actions = lexicon.section("equipment.yaml", "category_actions")
        self.spare_parts = lexicon.index("equipment.yaml", "parts", language)
        self.referring = lexicon.index("equipment.yaml", "referring", language)
        self.numerals = numerals

    def quantity(self, tokens: list[Token], first: int, allowed: set[int]) -> int | None:
        k = first - 1
        while k in allowed and tokens[k].kind == "word" and (tokens[k].first_is("ADJF", "PRTF") or
                                                             CALIBRE_RE.match(tokens[k].text)) \
                and tokens[k].text.islower() and not self.numerals.read(tokens, k):
            k -= 1
        for start in range(max(0, k - 3), k + 1):
            if start not in allowed:
                continue
            count = self.numerals.read(tokens, start)
            if count is not None and count.end == k + 1:
                return None if count.unit else count.value
        return None

    def parts(self, tokens: list[Token], allowed: set[int], attach) -> tuple[set[int], list[int]]:
        """(the words for spare parts, the preposition after each) when a preposition of `attach`
        ("для / к / до") follows them: the parts are no item, the item after is to be repaired."""
        words, prepositions = set(), []
        for k in sorted(allowed):
            if (found := self.spare_parts.first(tokens, k)) and k + found[0] in allowed \
                    and tokens[k + found[0]].folded in attach:
                words |= set(range(k, k + found[0]))
                prepositions.append(k + found[0])
        return words, prepositions

    def refers(self, tokens: list[Token], i: int, allowed: set[int]) -> int | None:
        """Index of a word pointing back to the item before ("такие станции", "такі комплекси")
        right before the head at i, or None."""
        return next((k for k in (i - 1, i - 2) if k in allowed and tokens[k].text.islower()
                     and self.referring.first(tokens, k) and all(tokens[j].kind == "word" for j in range(k, i))),
                    None)

    def max_range(self, tokens: list[Token], item: Item, allowed: set[int],
                  items: list[Item]) -> tuple[int, int] | None:
        """(kilometres, index of the unit word) of the range stated after the item, or None."""
        following = [other.first for other in items if other.first > item.last]
        stop = min(following + [item.last + 1 + _RANGE_WINDOW])
        for k in range(item.last + 1, stop):
            if k not in allowed:
                break
            if self.range_cues.first(tokens, k):
                for n in range(k + 1, min(k + 5, len(tokens))):
                    count = self.numerals.read(tokens, n)
                    if count is not None and count.value and count.end < len(tokens) and \
                            self.range_units.first(tokens, count.end):
                        # "понад тисячу кілометрів", "более 500 км": a lower bound, no maximum
                        return None if tokens[n - 1].folded in _AT_LEAST else (count.value, count.end)
        return None

    def action(self, tokens: list[Token], item: Item, zone: list[int], items: list[Item]) -> tuple[str, bool]:
        """The item's action, and whether it is assumed (no word says it: "supply")."""
        verb, noun = self._cues(tokens, item, zone, items)
        if verb is not None and verb[2]:
            return verb[1], False   # "профінансувати утримання миротворців": paying for troops is financing
        if item.category in self.category_actions:
            return self.category_actions[item.category], False
        if item.action:
            return item.action, False
        if noun is not None:
            return noun[1], False
        return (verb[1], False) if verb is not None else ("supply", True)

    def _cues(self, tokens: list[Token], item: Item, zone: list[int], items: list[Item]):
        """(verb, noun) action cues governing the item: the last verb before it and the last noun
        after that verb, each (index, action, dominant). A noun after "для" ("запчасти для
        ремонта танков") names the purpose of the item right after it only."""
        inside = {k for other in items for k in range(other.first, other.last + 1)}
        verb = noun = None
        covered = -1   # last token of a phrase cue ("пришвидшити виробництво"): its words are no cues
        for k in zone:
            if k >= item.first:
                break
            if k in inside or k <= covered or not (found := self.actions.first(tokens, k)):
                continue
            n, entry, _ = found
            covered = k + n - 1
            is_verb = n == 1 and (tokens[k].first_is("VERB", "INFN") or tokens[k].infinitive)
            cue = (k, entry.data["action"], entry.data.get("dominant", False))
            if is_verb:
                verb, noun = cue, None
            elif k > 0 and tokens[k - 1].folded == "для" and any(k < o.first < item.first for o in items):
                continue
            else:
                noun = cue
        return verb, noun
