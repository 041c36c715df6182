"""People named with their office: "министр транспорта Венесуэлы Рамон Селестино Веласкес".

A person is a known office holder (people.yaml, reference/entities.yaml), a run of two
or three capitalised words starting with a first name pymorphy3 knows ("Джон Кирби"),
or such a run of title-case words right after a role ("представитель МИД КНР Линь
Цзянь").
Their apposition is what stands right before the name: a role noun with its genitive
words ("министр транспорта", "координатор СНБ"), a country word or adjective
("Венесуэлы", "российского"), a place phrase ("у Венесуелі"). The role is the role noun
phrase as written; the country is that of the apposition's first country word, else the
person's country from the lexicon.
"""
from __future__ import annotations

from scripts.curator.extract.lexicon import AnyOf, Lexicon
from scripts.curator.extract.parties import PREPOSITIONS, Party
from scripts.curator.extract.text import Sentence, Token

_LOOKBACK = 7


class PeopleFinder:
    def __init__(self, lexicon: Lexicon, language: str):
        self.roles = AnyOf(lexicon.index("actors.yaml", "roles", language),
                           lexicon.index("credits.yaml", "bodies", language))

    def find(self, text: str, sentence: Sentence, parties: list[Party], mentions: dict[int, str]) -> list[dict]:
        """`mentions`: token index -> country of every country word in the sentence."""
        tokens = sentence.tokens
        names = [(p.name_first if p.name_first is not None else p.first, p.last, p.country, p.person) for p in parties
                 if p.name is not None]
        taken = {k for a, b, *_ in names for k in range(a, b + 1)}
        for i, token in enumerate(tokens):
            if i in taken or not (_first_name(token) or self._after_role(tokens, i, mentions)):
                continue
            end = i
            while end + 1 < len(tokens) and end - i < 2 and tokens[end + 1].kind == "word" \
                    and tokens[end + 1].capitalised and not tokens[end + 1].latin:
                end += 1
            if end > i:
                names.append((i, end, None, None))
                taken |= set(range(i, end + 1))
        people = []
        for first, last, country, identity in sorted(names, key=lambda n: n[:2]):
            role_first, role_last, role_country = self._apposition(tokens, first, mentions)
            start = tokens[role_first if role_first is not None else first].start
            people.append({
                "name": text[tokens[first].start:tokens[last].end],
                "role": text[tokens[role_first].start:tokens[role_last].end] if role_first is not None else None,
                "country": role_country or country,
                "quote": text[start:tokens[last].end], "start": start, "end": tokens[last].end,
                "identity": identity,
            })
        return people

    def _after_role(self, tokens: list[Token], i: int, mentions: dict[int, str]) -> bool:
        """"Официальный представитель МИД КНР Линь Цзянь": two or three title-case words right
        after a role and its genitive words name a person even when pymorphy3 knows no first name
        among them."""
        if not (0 < i and _title(tokens[i]) and i not in mentions and i + 1 < len(tokens)
                and _title(tokens[i + 1]) and i + 1 not in mentions):
            return False
        end = i + 1
        while end + 1 < len(tokens) and _title(tokens[end + 1]) and end + 1 not in mentions:
            end += 1
        return end - i <= 2 and self._apposition(tokens, i, mentions)[0] is not None

    def _apposition(self, tokens: list[Token], first: int, mentions: dict[int, str]):
        """(role start, role end, country) of the words before a name, or (None, None, None)."""
        role_first = role_last = country = None
        k = first - 1
        while k >= 0 and first - k <= _LOOKBACK and tokens[k].kind == "word":
            token = tokens[k]
            if k in mentions:
                country = mentions[k]
            elif self.roles.first(tokens, k):
                role_first = k
                role_last = role_last if role_last is not None else k + self.roles.first(tokens, k)[0] - 1
            elif token.text.islower() and token.folded not in PREPOSITIONS and role_first is None \
                    and token.has_pos("NOUN", "ADJF") and "gent" in (token.analysis.cases if token.analysis else ()):
                pass   # "министр транспорта", "міністерка збройних сил": part of the role
            elif token.text.isupper() and len(token.text) > 1:
                pass   # "координатор СНБ"
            elif token.folded in PREPOSITIONS and k - 1 >= 0 and k + 1 in mentions:
                pass   # "посол США у Венесуелі"
            elif token.text.islower() and token.first_is("ADJF") and role_first is not None:
                role_first = k   # "колишній посол"
            else:
                break
            k -= 1
        if role_first is None:
            return None, None, None
        # The role runs to the first country word or name after it.
        end = role_first
        while end + 1 < first and end + 1 not in mentions and tokens[end + 1].folded not in PREPOSITIONS:
            end += 1
        return role_first, end, country


def _title(token: Token) -> bool:
    """A Cyrillic word in title case ("Линь", "Цзянь"), not an abbreviation or a Latin name."""
    return token.kind == "word" and token.capitalised and token.text[1:].islower() and not token.latin


def _first_name(token: Token) -> bool:
    a = token.analysis
    return token.kind == "word" and token.capitalised and a is not None and "Name" in a.first_grammemes
