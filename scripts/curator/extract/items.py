"""Items asked for: noun phrases naming equipment, forces, training or money.

An item is a head (a term of reference/extraction/equipment.yaml, a model name, or a
generic head such as "система" that a modifier or model qualifies) with the words that
belong to it: adjectives before it ("крылатых ракет"), model names and codes after it
("истребителей F-16V", "танков Leopard 2"), a genitive phrase ("систем радиолокационного
обнаружения", "средства подавления дронов") and a "к / до / для" phrase naming what it
is for ("ракет к IRIS-T", "ракет-перехватчиков для «Железного купола»"); a loan takes
what it pays for ("кредит на закупку военной техники"). A generic head takes its
category from its leftmost modifier ("зенитных ракетных комплексов"), else one after it
("средства подавления дронов"), else a term or model in its phrase ("систем Patriot",
"комплектів ракет"); a generic head with none of them is not an item, unless a word
pointing back ("ещё две такие станции") gives it the category of the item before. Spare
parts for an item ("запасные части для двенадцати радиолокационных станций") are no
item: the item is what they are for, to be repaired. An item's count, range and action
are details.py's job. Its text leaves out the count and adjectives that only say how new
or how many ("современные"); the requester's own side named in the dative is the
recipient, not an item (requests.py leaves it out of the zone); "ни одного снаряда" none.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from scripts.curator.extract.details import Details
from scripts.curator.extract.item_words import ONE_BY_ONE, adjective_use, describes, genitive_modifier, not_asked, singular
from scripts.curator.extract.lexicon import Lexicon
from scripts.curator.extract.models import ModelNames
from scripts.curator.extract.numerals import CALIBRE_RE as _CALIBRE_RE, Numerals
from scripts.curator.extract.placements import placed
from scripts.curator.extract.text import Token, closing_quote, opens_quote

_CODE_RE = re.compile(r"^(?=.*\d)[\w/-]+$|^[A-Z][A-Z0-9/-]+$")   # "АЛ-31ФП", "GM200", "TB2", "SLM"
_ATTACH = frozenset("к до для".split())                            # "ракет к IRIS-T"
_FINANCE_ATTACH = frozenset({"на", "для"})                         # "кредит на закупку оружия"
_RIGHT_GENITIVES = 4
_PURPOSE = frozenset({"чтобы", "щоб", "щоби"})   # "просит, чтобы ... подготовили"
_DASHES = frozenset("—–-")
_EXPERTS = frozenset({"специалист", "фахівець", "техник", "технік", "эксперт", "експерт"})


@dataclass
class Item:
    first: int
    last: int
    head: int
    category: str
    sipri_category: str | None
    action: str
    quantity: int | None
    max_range_km: int | None
    weak: bool                  # money or fuel with nothing military in its phrase
    extent: int | None = None   # last token of what is said about it (its range), for quotes
    assumed: bool = False       # no word says the action: "supply" by default


@dataclass
class _Phrase:
    """What the words after a head add to an item."""
    last: int                                   # last token of the item's text
    modifier: str | None = None                 # category of a modifier after the head
    categories: list[str] = field(default_factory=list)   # categories of terms and models in it
    model: str | None = None                    # category of the model named right after the head
    count: int | None = None                    # a count after the head ("двох груп пілотів",
    #                                             "в количестве 30 единиц")


class ItemFinder:
    def __init__(self, lexicon: Lexicon, language: str, numerals: Numerals):
        index = lambda name: lexicon.index("equipment.yaml", name, language)  # noqa: E731
        self.terms, self.generic, self.modifiers = index("terms"), index("generic"), index("modifiers")
        self.plain, self.sizes, self.purposes = index("plain_adjectives"), index("size_cues"), index("purposes")
        self.circumstances, self.titles, self.schools = index("circumstances"), index("titles"), index("schools")
        self.military = lexicon.index("requests.yaml", "military", language)
        self.sipri = lexicon.section("equipment.yaml", "sipri")
        self.weak_categories = set(lexicon.section("equipment.yaml", "weak"))
        self.model = ModelNames(lexicon, language).match
        self.numerals = numerals
        self.details = Details(lexicon, language, numerals)

    # -- finding --------------------------------------------------------------

    def find(self, tokens: list[Token], zone: list[int], no_heads: set[int] = frozenset()) -> list[Item]:
        """Items whose head lies in `zone` (token indices), in order. `no_heads` may belong to an
        item's phrase but never head one ("обучения армянских военных", not "армянских военных")."""
        allowed = {k for k in zone if k < len(tokens)}
        parts, repaired = self.details.parts(tokens, allowed, _ATTACH)
        no_heads = set(no_heads) | self._threats(tokens, allowed) | parts
        items: list[Item] = []
        consumed: set[int] = set()
        for i in sorted(allowed):
            if i in consumed or i in no_heads or tokens[i].kind != "word":
                continue
            if i and self.titles.first(tokens, i - 1) and tokens[i - 1].kind == "word":
                continue   # "маршал авиации": a rank, not an item
            item = self._item_at(tokens, i, allowed, items[-1] if items else None)
            trainees = self._trainees(tokens, i, allowed) if item is None else None
            if item is None and trainees is None and (seats := placed(self, tokens, i, allowed)):
                first, last, head, count = seats   # "места для 40 офицеров на курсах": the people, trained
                if not consumed & set(range(first, last + 1)):
                    trainees = Item(first, last, head, "training", self.sipri.get("training"), "", count, None, False)
            item = item or trainees
            if item is None:
                continue
            consumed |= set(range(item.first, item.last + 1))
            previous = items[-1] if items else None
            if trainees is not None and previous is not None and previous.category == "training" \
                    and previous.quantity is None and previous.last == i - 1:   # "инструкторы подготовили 24"
                items[-1] = Item(previous.first, item.last, previous.head, "training", None, "", item.quantity, None, False)
            else:
                items.append(item)
        items = [item for item in self._merge_told_again(tokens, self._merge_coordinated(tokens, items))
                 if not not_asked(tokens, item.first)]
        items = [item for n, item in enumerate(items) if not self._means(tokens, item, items[n + 1:n + 2])]
        for item in items:
            if found := self.details.max_range(tokens, item, allowed, items):
                item.max_range_km, item.extent = found
            item.action, item.assumed = self.details.action(tokens, item, zone, items)
        for preposition in repaired:   # the item the spare parts are for
            item = next((i for i in items if preposition < i.first <= preposition + 4), None)
            if item is not None:
                item.action = "repair"
        return items

    def _head(self, tokens: list[Token], i: int):
        """(last index of the head, category or None for a generic head, term entry)."""
        if found := self.terms.first(tokens, i):
            n, entry, form = found
            if n == 1 and adjective_use(tokens, i):
                return None
            return i + n - 1, entry.data["category"], entry
        if found := self.model(tokens, i):
            return i + found[0] - 1, found[1], None
        if found := self.generic.first(tokens, i):
            if found[0] == 1 and adjective_use(tokens, i):
                return None
            return i + found[0] - 1, None, None
        return None

    def _item_at(self, tokens: list[Token], i: int, allowed: set[int], before: Item | None = None) -> Item | None:
        """The item headed at token i; `before` is the item found last ("ещё две такие станции"
        take its category)."""
        head = self._head(tokens, i)
        if head is None:
            return None
        head_last, category, entry = head
        first, left = self._left(tokens, i, allowed)
        if first - 1 in allowed and self.numerals.counter(tokens, first - 1):
            first -= 1   # "пять единиц бронетехники": the counter is the counted noun
        right = self._right(tokens, head_last, category, allowed)
        if category is None or category == "military_equipment_unspecified":   # refined by its phrase
            # a model named right after the head says what it is ("самохідні комплекси «Оса-АКМ»")
            category = right.model or left or right.modifier or next(iter(right.categories), None) or category
        counted = first
        if category is None and before is not None and (refers := self.details.refers(tokens, i, allowed)) is not None:
            category, counted = before.category, refers
        if category is None:
            return None
        sipri = entry.data["sipri_category"] if entry is not None and "sipri_category" in entry.data else \
            self.sipri.get(category)
        quantity = right.count if right.count is not None else self.details.quantity(tokens, counted, allowed)
        if quantity is None and category in ONE_BY_ONE and head_last == i and entry is not None and singular(tokens[i]) \
                and not self.numerals.read(tokens, counted - 1 if counted else 0):
            quantity = 1   # "патрульный корабль", "прибыл грузовой самолет Ил-76": one
        military = any(self.military.first(tokens, k) for k in range(first, right.last + 1)) or \
            bool(set(right.categories) - self.weak_categories)
        action = entry.data.get("action") if entry is not None else None
        return Item(first, right.last, i, category, sipri, action or "", quantity, None,
                    category in self.weak_categories and not military)

    def _left(self, tokens: list[Token], i: int, allowed: set[int]) -> tuple[int, str | None]:
        """(first token of the item's text, category of its leftmost modifier) from the adjectives
        before the head ("крылатых", "зенитных ракетных", "155-мм"); plain adjectives and
        participles ("современные", "списанные") are passed over but left out of the text."""
        first, modifier = i, None
        k = i - 1
        while k in allowed and tokens[k].kind == "word" and tokens[k].text.islower() and \
                (tokens[k].first_is("ADJF", "PRTF") or _CALIBRE_RE.match(tokens[k].text)) and \
                not self.numerals.read(tokens, k):   # "ещё один батальон": a count, not an adjective
            if found := self.modifiers.first(tokens, k):
                modifier = found[1].data["category"]
            if not self.plain.first(tokens, k) and not tokens[k].first_is("PRTF") \
                    and "Apro" not in tokens[k].analysis.grammemes:   # "прежде всего", "весь"
                first = k
            k -= 1
        return first, modifier

    def _right(self, tokens: list[Token], head_last: int, category: str | None, allowed: set[int]) -> _Phrase:
        """What follows the head and belongs to the item: model names and codes, a quoted name,
        the genitive phrase, a "к / до / для" phrase naming equipment, a loan's purpose, a
        unit's size, a training's count."""
        phrase = _Phrase(head_last)
        genitives = 0
        j = head_last + 1
        while j in allowed:
            token = tokens[j]
            if (m := self.model(tokens, j)) is not None:
                phrase.categories.append(m[1])
                phrase.model = phrase.model or (m[1] if j == head_last + 1 else None)
                phrase.last, j = j + m[0] - 1, j + m[0]
            elif opens_quote(tokens, j):
                close = closing_quote(tokens, j)
                if close is None or not all(c in allowed for c in range(j, close + 1)):
                    break
                phrase.categories += [m[1] for c in range(j + 1, close) if (m := self.model(tokens, c))]
                if j == head_last + 1 and (m := self.model(tokens, j + 1)):
                    phrase.model = phrase.model or m[1]
                phrase.last, j = close, close + 1
            elif token.kind == "number" and phrase.last == j - 1 and (
                    tokens[j - 1].latin or _CODE_RE.match(tokens[j - 1].text) or self.model(tokens, j - 1)):
                phrase.last, j = j, j + 1   # "Leopard 2", "JAS 39"
            elif token.kind == "word" and (token.latin or (_CODE_RE.match(token.text) and not token.text.islower())):
                phrase.last, j = j, j + 1   # "GM200", "SLM"
            elif token.kind == "word" and token.folded in _FINANCE_ATTACH and category == "financing":
                end = self._genitive_run(tokens, j + 1, allowed, _RIGHT_GENITIVES, any_case=True)
                if end is None:
                    break
                phrase.categories += [c for k in range(j + 1, end + 1) for c in self._categories_at(tokens, k)]
                phrase.last, j = end, end + 1
            elif token.kind == "word" and token.folded in _ATTACH and j + 1 in allowed:
                target = self._attachable(tokens, j + 1)
                if target is None:
                    break
                phrase.categories += target[1]
                phrase.last, j = target[0], target[0] + 1
            elif token.kind == "word" and genitives < _RIGHT_GENITIVES and (genitive_modifier(token) or (
                    token.capitalised and not token.latin and token.analysis is not None
                    and "gent" in token.analysis.cases and token.has_pos("NOUN"))):   # "бригаду Бундесверу"
                words = 1
                if found := self.modifiers.first(tokens, j):
                    phrase.modifier = phrase.modifier or found[1].data["category"]
                    words = found[0] if all(k in allowed for k in range(j, j + found[0])) else 1
                elif (h := self._head(tokens, j)) is not None and h[1] is not None:
                    phrase.categories.append(h[1])
                genitives += 1   # "системи протидії дронам": a modifier of two words, both the item's
                phrase.last, j = j + words - 1, j + words
            elif (size := self.sizes.first(tokens, j)) and j + size[0] in allowed:
                count = self._count_after(tokens, j + size[0], allowed)   # "бригаду численностью 5000 военных"
                if count is None:
                    break
                phrase.last, j = count.end, count.end + 1
            elif (count := self.numerals.count_after(tokens, j)) and count.end - 1 in allowed:
                phrase.count, j = count.value, count.end   # "танки Т-72 в количестве 30 единиц"
                break
            elif category == "training" and phrase.last == head_last and (
                    count := self._count_after(tokens, j, allowed)):
                phrase.count, phrase.last, j = count.value, count.end - 1, count.end   # "навчання ще двох груп"
            elif token.kind == "number" and genitives and self.numerals.is_unit(tokens, j + 1):
                phrase.last, j = j + 1, j + 2   # "калибра 155 мм"
            else:
                break
        return phrase

    def _threats(self, tokens: list[Token], allowed: set[int]) -> set[int]:
        """Words that name no item asked for, up to the next punctuation mark or verb: the threat
        after "для" and a purpose noun ("засоби ППО для захисту від ракет і дронів"), after a
        preposition of circumstance ("после атаки российских ракет", equipment.yaml), and a
        description of an item after a comma ("ракеты, способные поражать самолеты", "танки,
        которые помогут отражать атаки бронетехники")."""
        found: set[int] = set()
        for k in sorted(allowed):
            description = tokens[k].text == "," and k + 1 in allowed and describes(tokens, k + 1) \
                and not (k and tokens[k - 1].keys & _EXPERTS)   # "фахівців, які допомогли б з ремонтом ..." asks it
            if tokens[k].folded == "для" and k + 1 in allowed and self.purposes.first(tokens, k + 1):
                j = k + 1
            elif (circumstance := self.circumstances.first(tokens, k)) is not None:
                j = k + circumstance[0]
            elif description:
                j = k + 1
            else:
                continue
            while j in allowed and tokens[j].kind != "punct" and tokens[j].folded != "а" and (
                    description or not (tokens[j].finite_verb or tokens[j].infinitive)):
                found.add(j)
                j += 1
        return found

    def _means(self, tokens: list[Token], item: Item, following: list[Item]) -> bool:
        """"запчасти и техников для ремонта двадцати танков": spare parts or fuel (a weak
        category) for repairing or upgrading the next item are part of that ask, not an item."""
        if item.category not in self.weak_categories or not following:
            return False
        gap = range(item.last + 1, following[0].first)
        if any(tokens[k].kind == "punct" for k in gap):
            return False
        return any(tokens[k].folded == "для" and (cue := self.details.actions.first(tokens, k + 1))
                   and cue[1].data["action"] in ("repair", "modernisation") for k in gap)

    def _attachable(self, tokens: list[Token], j: int):
        """(last index, categories) of what a "к / до / для" phrase names, if it names equipment."""
        k = j   # over adjectives and calibres: "снарядов к 122-мм гаубицам Д-30"
        while k < len(tokens) and tokens[k].kind == "word" and (
                tokens[k].text.islower() and tokens[k].first_is("ADJF") or _CALIBRE_RE.match(tokens[k].text)):
            k += 1
        if k >= len(tokens):
            return None
        token = tokens[k]
        if token.kind == "word" and token.first_is("NPRO") and token.text.islower():
            return k, []   # "боєприпасів до них"
        if (m := self.model(tokens, k)) is not None:
            return k + m[0] - 1, [m[1]]
        if opens_quote(tokens, k):
            close = closing_quote(tokens, k)
            return (close, []) if close is not None else None
        head = self._head(tokens, k)
        if head is None:
            if token.kind == "word" and token.text.islower() and token.has_pos("NOUN") and k + 1 < len(tokens) \
                    and (m := self.model(tokens, k + 1)) is not None:
                return k + m[0], [m[1]]   # "двигателей Д-30Ф6 для перехватчиков МиГ-31"
            return None
        end = head[0]
        if (nxt := end + 1) < len(tokens) and opens_quote(tokens, nxt):
            close = closing_quote(tokens, nxt)
            end = close if close is not None else end
        while end + 1 < len(tokens) and genitive_modifier(tokens[end + 1]) and end - head[0] < 3:
            end += 1
        return end, [head[1]] if head[1] else []

    def _trainees(self, tokens: list[Token], i: int, allowed: set[int]) -> Item | None:
        """"обучить 150 операторов", "просит, чтобы инструкторы подготовили в Сербии 24
        оператора": training asked with an infinitive or a purpose clause's verb, the count of
        trainees (if any) after it or after where."""
        found = self.details.actions.first(tokens, i)
        if not (found and found[1].data["action"] == "training" and (tokens[i].infinitive or (
                tokens[i].finite_verb and any(t.folded in _PURPOSE for t in tokens[max(0, i - 6):i])))):
            return None
        k = i + 1
        if k + 1 in allowed and tokens[k].folded in ("в", "во", "у") and tokens[k + 1].capitalised:
            k += 2
        k += self.numerals.filler(tokens, k) if k in allowed else 0
        count = self.numerals.read(tokens, k) if k in allowed else None
        if count is not None and (count.unit or count.end not in allowed):
            return None
        k = count.end if count is not None else k
        first = k
        while k + 1 in allowed and tokens[k].text.islower() and tokens[k].first_is("ADJF", "PRTF") \
                and tokens[k + 1].kind == "word":
            k += 1   # adjectives; the last word may be a noun made from one ("військових")
        if k not in allowed or not (tokens[k].text.islower() and tokens[k].has_pos("NOUN")):
            return None
        last = k
        while last + 1 in allowed and genitive_modifier(tokens[last + 1]) and last - k < _RIGHT_GENITIVES:
            last += 1
        return Item(first, last, k, "training", self.sipri.get("training"), "",
                    count.value if count is not None else None, None, False)

    def _count_after(self, tokens: list[Token], j: int, allowed: set[int]):
        """A count right after a training noun, over fillers, followed by what it counts."""
        j += self.numerals.filler(tokens, j) if j in allowed else 0
        count = self.numerals.read(tokens, j) if j in allowed else None
        if count is None or count.unit or count.end not in allowed or not genitive_modifier(tokens[count.end]):
            return None
        return count

    def _categories_at(self, tokens: list[Token], k: int) -> list[str]:
        """Categories a word in a financing phrase names ("на закупку средств ПВО")."""
        if found := self.modifiers.first(tokens, k):
            return [found[1].data["category"]]
        head = self._head(tokens, k)
        return [head[1]] if head is not None and head[1] else []

    def _genitive_run(self, tokens, j, allowed, limit, any_case=False) -> int | None:
        end = None
        while j in allowed and j < len(tokens) and tokens[j].kind == "word" and limit > 0:
            if not (any_case and tokens[j].text.islower() or genitive_modifier(tokens[j])):
                break
            end, j, limit = j, j + 1, limit - 1
        return end

    def _merge_told_again(self, tokens: list[Token], items: list[Item]) -> list[Item]:
        """"бригаду армії США — це приблизно 4,5 тисячі військовослужбовців": forces told again
        after a dash, as how many they are, are the item before (its count, its words)."""
        merged: list[Item] = []
        for item in items:
            last = merged[-1] if merged else None
            gap = range(last.last + 1, item.first) if last is not None else range(0)
            if (last is not None and last.category == item.category == "troops" and len(gap) <= 6
                    and any(tokens[k].text in _DASHES for k in gap)
                    and all(tokens[k].kind != "punct" or tokens[k].text in _DASHES for k in gap)):
                last.quantity = last.quantity if last.quantity is not None else item.quantity
                last.extent = item.extent or item.last
                continue
            merged.append(item)
        return merged

    def _merge_coordinated(self, tokens: list[Token], items: list[Item]) -> list[Item]:
        """"вооружения и техники": two unspecified heads joined by "и" are one item."""
        merged: list[Item] = []
        for item in items:
            last = merged[-1] if merged else None
            if (last is not None and last.category == item.category == "military_equipment_unspecified"
                    and item.first == last.last + 2 and tokens[last.last + 1].folded in ("и", "і", "та")):
                last.last = item.last
                continue
            merged.append(item)
        return merged

