"""How the words around an item's head read (items.py): a description of the item before,
a term used as an adjective, a word of the genitive phrase after a head, a head that
counts as one."""
from __future__ import annotations

from scripts.curator.extract.text import Token


def describes(tokens: list[Token], k: int) -> bool:
    """A word opening a description of the item before it: a relative pronoun, "способный", or
    a participle with its own complement ("которые поражают", "здатні уражати", "повреждённых в
    боях"); a participle before a noun starts the next item of a list ("управляемые бомбы")."""
    token = tokens[k]
    if token.kind != "word" or not token.text.islower():
        return False
    if token.keys & {"который", "який", "способный", "здатний", "спроможний"}:
        return True
    after = tokens[k + 1] if k + 1 < len(tokens) else None
    return token.first_is("PRTF") and (after is None or after.kind == "punct" or after.first_is(
        "PREP", "INFN", "ADVB") or (after.analysis is not None and "ablt" in after.analysis.cases
                                    and not after.analysis.cases & {"nomn", "accs"}))   # "уничтоженные дронами"


def adjective_use(tokens: list[Token], i: int) -> bool:
    """A term that is also an adjective, used as one ("военных инструкторов" are no troops)."""
    token = tokens[i]
    if not token.has_pos("ADJF"):
        return False
    if token.first_is("ADJF") and "plur" not in token.analysis.numbers:
        return True
    following = tokens[i + 1] if i + 1 < len(tokens) else None
    return following is not None and following.kind == "word" and following.text.islower() and following.has_pos("NOUN") \
        and bool(token.analysis.cases & following.analysis.cases)


def genitive_modifier(token: Token) -> bool:
    """A word of a genitive phrase after a head: "радиолокационного обнаружения", "ПВО", "піхоти"."""
    if token.kind != "word":
        return False
    if token.text.isupper() and len(token.text) > 1 and not token.latin:
        return True   # an abbreviation: "ПВО", "РЭБ", "ЗРК"
    a = token.analysis
    return (token.text.islower() and a is not None and "gent" in a.cases and bool(a.pos & {"NOUN", "ADJF", "NPRO"})
            and not a.pos & {"PREP", "CONJ"} and a.first_pos not in ("VERB", "INFN", "PREP", "CONJ", "PRCL", "ADVB"))


_MASS = "техни"   # "бронетехника", "бронетехніка": vehicles as a mass
# Categories whose items are counted one by one: a head noun in the singular is one of them.
ONE_BY_ONE = frozenset({"radar", "aircraft", "naval_forces", "helicopter", "air_defence", "armoured_vehicle",
                         "artillery", "uav"})


def singular(token: Token) -> bool:
    """A lower-case noun that can only be singular and is no mass noun ("корабль", "батарею",
    "корабель"; not "ПВО", "системи", "бронетехники"). The Ukrainian dictionary marks only
    the plural."""
    a = token.analysis
    return (token.text.islower() and a is not None and a.first_pos == "NOUN" and "plur" not in a.numbers
            and "Sgtm" not in a.grammemes and not any(_MASS in key for key in token.keys))


# "ни одного снаряда", "жодних танків": no item is asked.
_NONE = frozenset({"ни", "ні", "жодного", "жодної", "жодних", "никакого", "никаких", "никакой"})
_ABOUT = frozenset({"о", "об", "обо", "про"})


def not_asked(tokens: list[Token], first: int) -> bool:
    """The item starting at `first` is said not to be asked: "ни одного снаряда", "жодних
    танків", "Речь идет не об истребителях, а о ...", "просить не танки"."""
    if any(tokens[k].folded in _NONE for k in range(max(0, first - 2), first)):
        return True
    before = first - 1
    if before > 0 and tokens[before].folded in _ABOUT:
        before -= 1
    return before >= 0 and tokens[before].folded in ("не", "ні")
