"""Who asked whom: the people or bodies a drafted request names as its two sides.

Curators name the people when the article does (33 of the 38 requests of the hand-curated
test articles have a person as requester): the subject of a reporting sentence, an office
standing for the one person the article names in it, or the sender and the recipient of
the letter that carried the request. Without a person, the party the extractor names (a
country or capital: its government; an alliance).
"""
from __future__ import annotations

import re

from scripts.curator.draft.detect import find_entities

VIA_RE = re.compile(r"\b(?:через|при посредничестве|за посередництвом)\s+$", re.IGNORECASE)
LETTER_REACH = 60   # characters from a letter noun to its sender's name after it ("письмо министра обороны Азербайджана Закира Гасанова")
PRONOUN_RE = re.compile(r"\b(?:он|она|він|вона)\b")
BESIDES_RE = re.compile(r"\b(?:[Пп]омимо|[Кк]роме|[Кк]рім|[Оо]крім)\s+$")


class Sides:
    """Mixed into the Drafter: reads self.text, self.people, self.credited, self.refs,
    self.known, self.words and self.askers."""

    def requester(self, proposal: dict, sentences: list[dict], letter: tuple = (None, None)) -> str:
        """The person who asks, named as the subject of a reporting sentence, an office, or the
        letter's sender (`letter`: letter_sides() of a request that went by letter); else the
        party the extractor names (a country or capital: its government)."""
        country = proposal.get("requester_country")
        for sentence in sentences:
            subject = sentence.get("requester_name") or ""
            for name in filter(None, (subject, *(p["name"] for p in self.people
                                                 if sentence["start"] <= p["start"] < sentence["end"]))):
                if person := self.refs.person(name, country):
                    self.askers[country] = person
                    return person
            # The subject by surname alone ("Теодоро просив"), a known person.
            if subject.istitle() and " " not in subject and (person := self.refs.known_person(subject, country)):
                self.askers[country] = person
                return person
        named = [s.get("requester_name") or "" for s in sentences]
        person = self.in_office(named, country) or letter[0]
        if person:
            self.askers[country] = person
            return person
        # "міністр надіслав до НАТО лист": an office alone is the person of that state who
        # asked in an earlier request of the article.
        if country in self.askers and any(n and " " not in n and n.islower() for n in named):
            return self.askers[country]
        return self.refs.entity(proposal.get("requester_name"), country) \
            if proposal.get("requester_name") else self.refs.government(country)

    def other_askers(self, sentences: list[dict], requester: str, country: str | None) -> list[dict]:
        """Sentences after the first whose asking verb has for subject a known person other than
        the requester, a person too ("Президент Литви Гітанас Науседа ... закликав Німеччину"
        after the minister's asks): another person's request."""
        if not any(e["id"] == requester and e.get("type") == "person" for e in self.refs.entities):
            return []

        def asker(sentence: dict) -> str | None:   # the subject, or the name after its office
            names = (sentence.get("requester_name") or "", *(p["name"] for p in self.people
                                                             if sentence["start"] <= p["start"] < sentence["end"]))
            return next(filter(None, (self.refs.person(name, country) for name in names)), None)
        return [s for s in sentences[1:] if s.get("trigger") == "verb" and asker(s) not in (None, requester)]

    def in_office(self, names: list[str], country: str | None) -> str | None:
        """"Польський міністр просить американського колегу": an office alone (its noun in
        lower case) is the known person the article names in that office of that state ("міністр
        оборони Польщі Владислав Косіняк-Камиш"), when it names only one."""
        for name in names:
            words = name.split()
            if not country or not words or not words[-1].islower() or len(words[-1]) < 5:
                continue
            stem = words[-1][:5].casefold()
            holders = {found for p in self.people if p.get("country") == country
                       and any(w.casefold().startswith(stem) for w in (p.get("role") or "").split())
                       and (found := self.refs.known_person(p["name"], country))}
            if len(holders) == 1:
                return holders.pop()
        return None

    def addressee(self, proposal: dict, sentences: list[dict], letter: tuple = (None, None)) -> str:
        """The person asked, when a sentence with an asking verb, or a letter, names a known
        person of the state asked after the one who asks ("міністр попросив свого румунського
        колегу Іонуца Моштяну", "надіслав міністрові оборони Китаю Дун Цзюню листа з
        проханням"), or the letter that carried the request is told as sent to them; else
        the party the extractor names (a country or capital: its government; an alliance)."""
        country = proposal.get("addressee_country")
        if country:
            for sentence in sentences:
                asking = sentence.get("trigger") == "verb" or sentence.get("channel") == "letter"
                if not asking or not sentence.get("addressee_named"):
                    continue   # "прохання прозвучало на переговорах з ...": not who was asked
                quote, _ = self.clause(sentence)
                asker = quote.find(sentence.get("requester_name") or "\0")
                if asker < 0:
                    continue
                after = asker + len(sentence["requester_name"])   # the one asked follows the asker
                for match in find_entities(quote, self.known.entities):
                    # not a go-between ("Лукашенко через Білоусова попросив Путіна")
                    if match.entity.get("type") == "person" and match.entity.get("country") == country \
                            and match.hits[0].start >= after and not VIA_RE.search(quote, 0, match.hits[0].start):
                        return match.id
            if letter[1]:
                return letter[1]
        return self.refs.entity(proposal.get("addressee_name"), country, proposal.get("addressee_organisation"))

    def letter_sides(self, requester_country: str | None, addressee_country: str | None) -> tuple[str | None, str | None]:
        """For a request that went by letter: the known people a sentence of the article names
        as the letter's sender (of the requester's state, before the letter noun or right after
        it) and recipient (of the state asked, after it): "Президент Ирфаан Али направил письмо
        премьер-министру Киру Стармеру", "Косіняк-Камиш ... прокоментував свій лист до очільника
        Пентагону Піта Гегсета", "Письмо министра обороны Азербайджана Закира Гасанова ...
        получил министр обороны Пакистана Хаваджа Асиф"."""
        if self.words is None:
            return None, None
        first = None   # a sentence naming only the sender ("що відомо про лист Косіняка-Камиша"): a later one may name both
        for k, sentence in enumerate(self.credited):
            text = self.text[sentence["start"]:sentence["end"]]
            letters = [at for at in self.words.letter_nouns(text)
                       if not BESIDES_RE.search(text, 0, at)]   # "Помимо письма Мадуро ...": another's
            if not letters:
                continue
            people = [(hit.start, match.entity.get("country"), match.id) for match in find_entities(text, self.known.entities)
                      if match.entity.get("type") == "person" for hit in match.hits]
            for noun in letters:
                sender = next((i for at, c, i in sorted(people, reverse=True) if at < noun and c == requester_country),
                              None) or next((i for at, c, i in sorted(people) if noun < at <= noun + LETTER_REACH
                                             and c == requester_country), None)   # "Письмо президента Патриса Талона"
                recipient = next((i for at, c, i in sorted(people) if noun < at and c == addressee_country), None)
                if sender is None and k and PRONOUN_RE.search(text):   # "письмо ... он подписал": the one named before
                    before = self.credited[k - 1]
                    sender = next((m.id for m in reversed(find_entities(self.text[before["start"]:before["end"]],
                                                                         self.known.entities))
                                   if m.entity.get("type") == "person" and m.entity.get("country") == requester_country),
                                  None)
                if sender is not None and recipient is not None:
                    return sender, recipient
                if first is None and (sender is not None or recipient is not None):
                    first = sender, recipient
        return first or (None, None)
