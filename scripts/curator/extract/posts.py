"""Credits to a post on a social network: "пояснив у Facebook", "отверг в своем
Telegram-канале". The post is the poster's own words: its source is a post published by
the person the sentence names before the platform (the one who wrote it), credited for its
own paragraph ("В том же посте он обвинил ..."), like words said on air.
"""
from __future__ import annotations

from scripts.curator.extract.text import Token

_IN = frozenset({"в", "во", "у"})
_OFFICE_WORDS = 4
_NAMES = frozenset({"Name", "Surn", "Patr"})
_OWN = frozenset({"своем", "своём", "своему", "своєму", "своей", "своїй", "своих", "своїх"})


def post_credit(tokens: list[Token], i: int, platforms) -> tuple[int, int, tuple[int, int]] | None:
    """(first, last, poster's token span) of a post credit whose preposition is token i, or
    None: "в" / "у", perhaps "своем", then a platform of credits.yaml, after a person's name."""
    if tokens[i].folded not in _IN or i + 1 >= len(tokens):
        return None
    j = i + 1 + (tokens[i + 1].folded in _OWN)
    found = platforms.first(tokens, j) if j < len(tokens) else None
    if found is None:
        return None
    last = j + found[0] - 1
    poster = _person_before(tokens, i) or _person_after(tokens, last + 1)
    return (i, last, poster) if poster is not None else None


def _person_after(tokens: list[Token], k: int) -> tuple[int, int] | None:
    """"написал в Facebook министр Хуан Перес": a name of two or more capitalised words after
    at most a few lower-case words (the office)."""
    office = k
    while k < len(tokens) and tokens[k].kind == "word" and tokens[k].text.islower() and k - office < _OFFICE_WORDS:
        k += 1
    end = k
    while end + 1 < len(tokens) and tokens[end + 1].kind == "word" and tokens[end + 1].capitalised:
        end += 1
    return (k, end) if k < len(tokens) and tokens[k].capitalised and end > k else None


def _person_before(tokens: list[Token], i: int) -> tuple[int, int] | None:
    """The nearest name of two or more capitalised words before token i, without a place or
    body in front ("Іонуц Моштяну" of "міністр оборони Румунії Іонуц Моштяну", "Иван Хиль")."""
    k = i - 1
    while k > 0:
        if tokens[k].kind == "word" and tokens[k].capitalised:
            end, start = k, k
            while start - 1 >= 0 and tokens[start - 1].kind == "word" and tokens[start - 1].capitalised:
                start -= 1
            first = start   # past the place or body named before the name ("Румунії Іонуц Моштяну")
            while first < end and (_not_a_name(tokens[first]) or first == 0 and not (
                    tokens[first].analysis and tokens[first].analysis.grammemes & _NAMES)):
                first += 1   # and a title opening the sentence ("Президент Ирфаан Али")
            if end > first and all(t.analysis is None or t.analysis.grammemes & _NAMES or not t.analysis.grammemes
                                   & {"Geox", "Orgn"} for t in tokens[first:end + 1]):
                return first, end
            k = start
        k -= 1
    return None


def _not_a_name(token: Token) -> bool:
    """A capitalised word naming a place or body ("Румунії", "Венесуэлы", "Пентагону"), not
    a person: a place, organisation or abbreviation, or a genitive with no reading as a name."""
    a = token.analysis
    return a is not None and bool(a.grammemes & {"Geox", "Orgn", "Abbr"} or (
        "gent" in a.cases and not a.grammemes & _NAMES))
