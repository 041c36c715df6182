"""The shapes of the names a credit gives (citations.py): an institution's name, a run of
capitalised words, a person's name, a person named at the end of a noun phrase."""
from __future__ import annotations

from scripts.curator.extract.text import Token

MAX_NAME = 8


def genitive_noun(token: Token) -> bool:
    a = token.analysis
    return token.kind == "word" and a is not None and "gent" in a.cases and token.first_is("NOUN", "ADJF")


def institution(tokens: list[Token], j: int) -> int | None:
    """The last token of an institution's name that opens with a capitalised noun followed by
    a lower-case genitive ("Сил обороны Гайаны", "Служби безпеки України"), else None: a
    person's name goes on with a capitalised word."""
    if j + 1 >= len(tokens) or not tokens[j + 1].text.islower() or not genitive_noun(tokens[j + 1]) \
            or tokens[j].analysis is None or "NOUN" not in tokens[j].analysis.pos:
        return None
    end = j + 1
    while end + 1 < len(tokens) and end - j < MAX_NAME and genitive_noun(tokens[end + 1]):
        end += 1
    return end


def capitalised_run(tokens: list[Token], j: int) -> int:
    end = j
    while end + 1 < len(tokens) and tokens[end + 1].kind == "word" and \
            (tokens[end + 1].capitalised or tokens[end + 1].text.isupper()) and end - j < MAX_NAME:
        end += 1
    return end


def is_person(tokens: list[Token], first: int, last: int) -> bool:
    a = tokens[first].analysis
    return last > first and a is not None and "Name" in a.grammemes


def trailing_person(tokens: list[Token], first: int, last: int) -> int | None:
    """Start of a first name + surname at the end of a noun phrase ("... Джейка Салливана"):
    a word pymorphy3 knows as a first name, else the last two title-case words."""
    for k in range(first, last):
        a = tokens[k].analysis
        if tokens[k].capitalised and a is not None and "Name" in a.grammemes and \
                all(t.capitalised for t in tokens[k:last + 1]):
            return k
    if last - first >= 2 and all(title_case(t) for t in tokens[last - 1:last + 1]):
        return last - 1
    return None


def title_case(token: Token) -> bool:
    return token.kind == "word" and token.capitalised and token.text[1:].islower()
