"""Parties: the phrases in a sentence that name a state actor, with its country and case.

A party is a country word (a name, alias or capital found by scripts.mentions), an
institution standing for a government ("Кремль", "Пентагон"), an organisation ("ОДКБ",
"НАТО"), a known office holder ("Макрон", "Си Цзиньпину"), or a role noun tied to one of
these: "министр транспорта Венесуэлы", "российскому МИД", "председателю КНР Си
Цзиньпину", "главам государств ОДКБ", "неназваному представнику іранської влади". The
party's grammatical case is that of its head (the role noun when there is one), and the
preposition in front of it is kept: together they tell a requester (nominative) from an
addressee (dative, accusative, "у / к / до / от" ...). Pronouns and role nouns with no
country ("Президент направил ...") are parties without a country, resolved later to the
requester named before.
"""
from __future__ import annotations

from dataclasses import dataclass

from scripts.curator.extract.lexicon import Lexicon
from scripts.curator.extract.text import Sentence, Token, fold

# Prepositions that can stand in front of a party (closed-class grammar words, both languages).
PREPOSITIONS = frozenset("к ко в во у от ото до від з із зі с со для против проти между між из о об про "
                         "через на по при після после за перед над под без".split())
_ALL_CASES = frozenset({"nomn", "gent", "datv", "accs", "ablt", "loct"})
_ROLE_GAP = 4      # lower-case genitive words between a role noun and its country ("министр иностранных дел")
_ADJ_GAP = 2       # adjectives between a country adjective and its role noun
_PREFIX = 3        # letters a name and its forms in any case share ("Путин", "Путину")


@dataclass
class Party:
    first: int
    last: int                    # inclusive
    head: int                    # the token whose case is the party's
    kind: str                    # country, institution, organisation, person, role, pronoun, speaker, bare_role
    country: str | None = None
    organisation: str | None = None
    military: bool = False       # a military alliance
    name: str | None = None      # a person's name as written
    name_first: int | None = None  # where that name starts
    person: str | None = None    # a known person's identity (entity id or lexicon line)
    prep: str | None = None      # folded preposition in front of the party
    cases: frozenset[str] = _ALL_CASES

    @property
    def known(self) -> bool:
        return self.country is not None or self.organisation is not None


class People:
    """Known office holders (people.yaml and the people of reference/entities.yaml)."""

    def __init__(self, lexicon: Lexicon, entities: list[dict], language: str):
        self.people: list[tuple[tuple[str, ...], dict]] = []
        self._index: dict[str, list[tuple[tuple[str, ...], dict]]] = {}
        for entry in lexicon.section("people.yaml", "people"):
            for name in entry.forms.get(language, ()):
                self.people.append((tuple(name.split()), {**entry.data, "id": entry.origin}))
        for entity in entities:
            name = entity.get(f"name_{language}")
            if entity.get("type") == "person" and name and name[:1].isupper() and entity.get("country"):
                self.people.append((tuple(name.split()), {"country": entity["country"], "id": entity["id"],
                                                          "role": entity.get("role_en")}))

        self._second: dict[str, list[tuple[tuple[str, ...], dict]]] = {}
        for words, person in self.people:   # by the first letters of the first word and the surname
            for word in {words[0], words[-1]}:
                self._index.setdefault(fold(word)[:_PREFIX], []).append((words, person))
            if len(words) > 1:   # and of the word after the given name
                self._second.setdefault(fold(words[1])[:_PREFIX], []).append((words, person))

    def match(self, tokens: list[Token], i: int) -> tuple[int, dict] | None:
        """(number of tokens, person) of a full name or a surname at token i. A given name
        spelt another way ("Владімір Падріно Лопес" for "Володимир Падріно Лопес") is the
        full name when the words after it are the rest of the name."""
        best = None
        if tokens[i].kind != "word" or not tokens[i].capitalised:
            return None
        for words, person in self._index.get(tokens[i].folded[:_PREFIX], ()):
            n = len(words)
            if i + n <= len(tokens) and all(_name_word(words[k], tokens[i + k]) for k in range(n)):
                if best is None or n > best[0]:
                    best = (n, person)
            elif len(words[-1]) >= 4 and _name_word(words[-1], tokens[i]) and best is None:
                best = (1, person)
        analysis = tokens[i].analysis
        if i + 1 < len(tokens) and analysis is not None and "Name" in analysis.grammemes:
            for words, person in self._second.get(tokens[i + 1].folded[:_PREFIX], ()):
                n = len(words)
                if (best is None or n > best[0]) and i + n <= len(tokens) \
                        and all(_name_word(words[k], tokens[i + k]) for k in range(1, n)):
                    best = (n, person)
        return best


def _name_word(word: str, token: Token) -> bool:
    """A name word in any case: same word, same lemma, or the same stem with a short ending."""
    if token.kind != "word" or not token.capitalised:
        return False
    name, text = fold(word), token.folded
    if text == name or name in token.keys:
        return True
    stem = name[:max(len(name) - 2, 4)] if len(name) >= 5 else name
    return len(name) >= 4 and text.startswith(stem) and len(text) <= len(name) + 3 and text[len(stem):].isalpha()


class PartyFinder:
    def __init__(self, lexicon: Lexicon, language: str, people: People):
        self.people = people
        self.organisations = lexicon.index("actors.yaml", "organisations", language)
        self.institutions = lexicon.index("actors.yaml", "institutions", language)
        self.roles = lexicon.index("actors.yaml", "roles", language)
        self.members = lexicon.index("actors.yaml", "members", language)
        self.pronouns = lexicon.index("actors.yaml", "pronouns", language)
        self.speakers = lexicon.index("actors.yaml", "speakers", language)

    def find(self, sentence: Sentence, mentions, masked: set[int], recheck=None) -> list[Party]:
        """Parties of a sentence. `recheck(word)` gives the country of a capitalised first word
        the mention detector passed over: it refuses one-word places at a sentence start that
        have another reading ("Манила" is also a verb form), but right before a verb the word
        is the subject."""
        tokens = sentence.tokens
        units = self._units(tokens, mentions, masked)
        if recheck is not None and len(tokens) > 1 and tokens[0].capitalised and tokens[0].kind == "word" \
                and tokens[1].finite_verb and not any(u.first == 0 for u in units) \
                and (country := recheck(tokens[0].text)):
            units.insert(0, Party(0, 0, 0, "country", country=country))
        owned = {k for u in units for k in range(u.first, u.last + 1)}
        parties = [self._extend(tokens, unit, masked | (owned - set(range(unit.first, unit.last + 1))))
                   for unit in units]
        parties = _merge_adjacent(tokens, parties)
        taken = {k for p in parties for k in range(p.first, p.last + 1)}
        for i, token in enumerate(tokens):
            if i in taken or i in masked:
                continue
            if self.pronouns.first(tokens, i):
                parties.append(Party(i, i, i, "pronoun", cases=frozenset({"nomn"})))
            elif self.speakers.first(tokens, i) and tokens[i].text.casefold() == tokens[i].folded:
                parties.append(Party(i, i, i, "speaker", cases=frozenset({"nomn"})))
            elif (found := self.roles.first(tokens, i)) and "nomn" in _cases(tokens[i]) \
                    and not taken & set(range(i, i + found[0])):
                n = found[0]
                parties.append(Party(i, i + n - 1, i, "bare_role", cases=_cases(tokens[i])))
        parties.sort(key=lambda p: p.first)
        for k, party in enumerate(parties):
            before = tokens[party.first - 1] if party.first > 0 else None
            party.prep = before.folded if before is not None and before.folded in PREPOSITIONS else None
            # Coordinated parties share the preposition: "к России, Китаю и Ирану", "в Москве и Пекине".
            # Not when a verb follows: "В письме, направленном в ООН, правительство Гаити попросило".
            previous = parties[k - 1] if k else None
            subject = party.last + 1 < len(tokens) and tokens[party.last + 1].finite_verb
            if party.prep is None and previous is not None and previous.prep is not None and not subject \
                    and _coordinated(tokens, previous.last, party.first):
                party.prep = previous.prep
        return parties

    # -- building blocks ----------------------------------------------------

    def _units(self, tokens: list[Token], mentions, masked: set[int]) -> list[Party]:
        units: list[Party] = []
        starts = {t.start: t.index for t in tokens}
        ends = {t.end: t.index for t in tokens}
        adjectives: dict[int, tuple[int, str]] = {}
        # Organisation names win over the country words inside them ("Брюссель" for the EU).
        organisations = {k for i in range(len(tokens)) if (found := self.organisations.first(tokens, i))
                         for k in range(i, i + found[0])}
        for mention in mentions:
            a, b = starts.get(mention.start), ends.get(mention.end)
            if a is None or b is None or a in masked or a in organisations:
                continue
            if mention.kind == "adjective":
                adjectives[a] = (b, mention.country)
            else:
                # The head of "Сполучених Штатів", "Центральноафриканской Республики" is the noun.
                head = next((k for k in range(b, a - 1, -1) if tokens[k].has_pos("NOUN")), a)
                units.append(Party(a, b, head, "country", country=mention.country, cases=_cases(tokens[head], "place")))
        taken = {k for u in units for k in range(u.first, u.last + 1)}
        i = 0
        while i < len(tokens):
            if i in taken or i in masked:
                i += 1
                continue
            if found := self.organisations.first(tokens, i):
                n, entry, _ = found
                units.append(Party(i, i + n - 1, i, "organisation", organisation=entry.data["code"],
                                   military=entry.data.get("military", False), cases=_cases(tokens[i])))
            elif found := self.institutions.first(tokens, i):
                n, entry, _ = found
                units.append(Party(i, i + n - 1, i, "institution", country=entry.data["country"],
                                   cases=_cases(tokens[i])))
            elif found := self.people.match(tokens, i):
                n, person = found
                text = " ".join(t.text for t in tokens[i:i + n])
                units.append(Party(i, i + n - 1, i + n - 1, "person", country=person.get("country"),
                                   organisation=person.get("organisation"), name=text, name_first=i,
                                   person=person["id"], cases=_cases(tokens[i + n - 1], "name")))
            elif i in adjectives:
                n = self._adjective_role(tokens, i, adjectives[i][0])
                if n:
                    units.append(Party(i, n, n, "role", country=adjectives[i][1], cases=_cases(tokens[n])))
                    i = n + 1
                    continue
                i = adjectives[i][0] + 1
                continue
            else:
                i += 1
                continue
            i = units[-1].last + 1
        return sorted(units, key=lambda u: u.first)

    def _adjective_role(self, tokens: list[Token], first: int, last: int) -> int | None:
        """Index of the role noun a country adjective qualifies ("турецкой стороне"), or None."""
        j = last + 1
        for _ in range(_ADJ_GAP + 1):
            if j >= len(tokens) or tokens[j].kind != "word":
                return None
            if found := self.roles.first(tokens, j):
                return j + found[0] - 1
            if not tokens[j].has_pos("ADJF", "PRTF") or tokens[j].capitalised:
                return None
            j += 1
        return None

    def _extend(self, tokens: list[Token], unit: Party, masked: set[int]) -> Party:
        """Take in the role nouns in front of a unit: "министр транспорта" + "Венесуэлы"."""
        first, head = unit.first, unit.head
        j, gap = unit.first - 1, 0
        while j >= 0 and j not in masked and tokens[j].kind == "word":
            token = tokens[j]
            role = self.roles.first(tokens, j) or self.members.first(tokens, j)
            if role and j + role[0] - 1 < first:
                first = head = j
                gap = 0
            elif token.folded == "по" and unit.kind == "organisation" and first == unit.first:
                pass  # "партнёров по ОДКБ"
            elif token.text.islower() and gap < _ROLE_GAP and token.has_pos("NOUN", "ADJF") \
                    and "gent" in _cases(token) and token.folded not in PREPOSITIONS:
                gap += 1
            elif token.text.isupper() and len(token.text) > 1 and gap < _ROLE_GAP:
                gap += 1  # an abbreviation: "координатор СНБ США"
            else:
                break
            j -= 1
        if first == unit.first:
            return unit
        # Adjectives right before the role noun belong to the party ("неназванному",
        # "Военные власти" at the start of a sentence).
        while first > 0 and tokens[first - 1].kind == "word" and first - 1 not in masked \
                and (tokens[first - 1].text.islower() or first - 1 == 0) \
                and tokens[first - 1].first_is("ADJF", "PRTF", "NPRO"):   # also "наших", "своим"
            first -= 1
        return Party(first, unit.last, head, unit.kind, unit.country, unit.organisation, unit.military,
                     unit.name, unit.name_first, unit.person, cases=_cases(tokens[head]))


def _coordinated(tokens: list[Token], left: int, right: int) -> bool:
    """Only a comma or "и / і / та / или" between two parties (and maybe a repeated preposition)."""
    between = [t.folded for t in tokens[left + 1:right]]
    return 0 < len(between) <= 3 and all(w in (",", "и", "і", "й", "та", "или", "або") or w in PREPOSITIONS
                                         for w in between)


def _merge_adjacent(tokens: list[Token], parties: list[Party]) -> list[Party]:
    """A person right after a party of the same side is one party: "председателю КНР Си Цзиньпину"."""
    merged: list[Party] = []
    for party in parties:
        last = merged[-1] if merged else None
        # A country name after a preposition is a place ("посол США у Венесуелі Джеймс Сторі").
        free = last is not None and (last.kind != "country" or last.first == 0
                                     or tokens[last.first - 1].folded not in PREPOSITIONS)
        # An apposition agrees with its head in case and names the same side: "председателю
        # КНР Си Цзиньпину", not "председателю КНР Мадуро просил" (Мадуро is the subject).
        if (free and party.kind == "person" and party.first == last.last + 1
                and last.kind in ("country", "role", "institution")
                and party.country in (None, last.country) and party.cases & last.cases):
            last.last, last.name, last.name_first, last.person = party.last, party.name, party.first, party.person
            last.country = last.country or party.country
            continue
        if (last is not None and last.kind == "role" and party.first == last.last + 1 and party.kind == "country"
                and last.country == party.country):
            last.last = party.last
            continue
        merged.append(party)
    return merged


def _cases(token: Token, reading: str | None = None) -> frozenset[str]:
    """The cases a head can be in; for a place or a person only those of that reading. An
    abbreviation does not decline ("попросил ЭКОВАС", which pymorphy3 reads as a name)."""
    a = token.analysis
    if a is None or not a.cases or (len(token.text) > 1 and token.text.isupper()):
        return _ALL_CASES
    if reading == "name":
        return a.name_cases or _ALL_CASES
    if reading == "place":
        return a.place_cases or _ALL_CASES
    return a.cases
