"""Who asks and who is asked: the requester and the addressees of a trigger.

* The requester is the nearest party before the trigger that can be a subject
  (nominative, no preposition); for a request noun, before the verb that governs it
  ("Украина направила Германии запрос": "Германии" is the dative object). A request
  noun's genitive ("просьбу Каракаса") or, after a verb of receiving, its "от / від"
  phrase ("отримав запит від Камбоджі") names the requester too. A pronoun, a bare role
  ("Президент направил ...") or no party at all means the requester named before, if
  that was at most MEMORY sentences ago. Countries listed with the requester ("Литва,
  Латвия и Эстония попросили") ask too. With no subject before a request verb, one
  right after it that cannot be its object is the requester ("За военной помощью к Москве
  обратился президент ЦАР").
* Addressees are the parties of the trigger's clause in an addressee's slot: the dative
  ("Китаю", "российскому лидеру"), the accusative object after a request verb ("попросил
  Осло", not "з боку Сполучених Штатів" after a noun), "у / от / к / до / в + genitive
  or accusative" ("у Москвы", "до Росії", "в ОДКБ"), "перед" ("ходатайствовал перед
  Анкарой", "клопотав перед Анкарою": pleading before someone), the partner of a meeting or
  conversation ("на встрече с Ллойдом Остином"), the subject of a verb of receiving; a
  place where talks were held ("на переговорах в Москве") only when nothing else is
  there. Parties after the first infinitive following the trigger are recipients or
  destinations ("попросил передать ВСУ", "направить в Казахстан"), never addressees.
"""
from __future__ import annotations

from scripts.curator.extract.lexicon import Lexicon
from scripts.curator.extract.parties import Party
from scripts.curator.extract.text import Token, closing_quote, opens_quote, phrase

SOURCES = frozenset("к ко до у от ото від перед".split())
DIRECTIONS = frozenset("в во у".split())
WITH = frozenset("с со з із зі из".split())   # "разговор с коллегой из Индии": the partner's side
MEMORY = 3   # sentences a follow-up may reach back to its requester


class Roles:
    def __init__(self, lexicon: Lexicon, language: str):
        self.receivers = lexicon.index("requests.yaml", "receivers", language)
        self.cues = lexicon.index("channels.yaml", "cues", language)

    def requester(self, tokens, parties, first, kind, memory, sentence_index, speakers=(),
                  last: int | None = None) -> tuple[Party | None, bool]:
        recent = sentence_index - memory.sentence <= MEMORY and memory.requester is not None
        if kind == "noun" and (genitive := owner(tokens, parties, first)) is not None:
            return genitive, False
        if kind == "noun" and (sender := self._sender(tokens, parties, first)) is not None:
            return sender, False
        # The subject stands before the verb: for a request noun, before the verb that governs
        # it ("Украина направила Германии запрос": not "Германии", a dative object).
        limit = first
        if kind == "noun":
            limit = next((k for k in range(first - 1, -1, -1) if tokens[k].finite_verb), first)
        candidates = [p for p in reversed([p for p in parties if p.last < limit])
                      if p.prep is None and "nomn" in p.cases and p.kind != "organisation"]
        speaker = _quote_speaker(tokens, speakers or parties, first)
        for party in candidates:
            if party.kind == "speaker" and speaker is not None:
                return speaker, False
            if party.kind in ("pronoun", "speaker", "bare_role"):
                return (party, True) if recent else (None, False)
            if party.country is None:
                continue
            return party, False
        if speaker is not None:
            return speaker, False
        # "С просьбой ... к России обратилась Сербия", "Запрос на поставку ... Сербия направила в
        # Москву": a request noun opening the sentence (no verb before it) is the object.
        opening = kind == "noun" and limit == first
        if kind == "verb" or opening:
            verb = next((k for k in range(last or first, first - 1, -1) if tokens[k].finite_verb), first)
            if (inverted := _subject_after(tokens, parties, first, opening or _reflexive(tokens[verb]))) is not None:
                return inverted, False
        return (None, True) if recent else (None, False)

    def _sender(self, tokens, parties, noun) -> Party | None:
        """"Таїланд отримав запит від Камбоджі": after a verb of receiving, the "от / від" party."""
        verb = next((k for k in range(noun - 1, -1, -1) if tokens[k].finite_verb), None)
        if verb is None or not self.receivers.first(tokens, verb):
            return None
        return next((p for p in parties if p.prep in ("от", "від") and p.country and noun - 3 <= p.first <= noun + 3),
                    None)

    def addressees(self, tokens, parties, requester, first, last, end, kind) -> list[tuple]:
        infinitive = next((k for k in range(last + 1, end + 1) if tokens[k].infinitive), end + 1)
        received = kind == "noun" and requester is not None and requester.prep in ("от", "від")
        primary, places = [], []
        for party in parties:
            if party is requester or not party.known or party.first > min(end, infinitive):
                continue
            if received:   # the subject of "получил" / "отримав" is the one asked
                if party.prep is None and "nomn" in party.cases and party.last < first:
                    primary.append(party)
                continue
            if requester is not None and party.country is not None and party.country == requester.country:
                continue   # the requester's own side ("Посол України ... прохання Києва") asks, never is asked
            prep, cases = party.prep, party.cases
            slot = None
            after_noun = party.first > 0 and tokens[party.first - 1].first_is("NOUN") \
                and tokens[party.first - 1].text.islower()
            if prep is None:
                if "datv" in cases and (kind != "need" or party.first > first):
                    slot = "primary"
                elif "accs" in cases and party.first > first and kind == "verb" and not after_noun:
                    slot = "primary"
                elif "accs" in cases and "nomn" not in cases and kind == "verb" and party.last < first \
                        and requester is not None and requester.first > last:
                    slot = "primary"   # "Россию ... попросила Сербия": the object before an inverted subject
                elif kind == "noun" and requester is not None and requester.first > last and "nomn" in cases:
                    slot = "primary"
            elif prep in SOURCES or (prep in DIRECTIONS and cases & {"accs", "gent"}):
                slot = "primary"
            elif prep in DIRECTIONS or prep == "на":
                slot = "place"
            elif prep in WITH and self._conversation_before(tokens, party.first - 1):
                slot = "primary"
            if slot == "primary":
                primary.append(party)
            elif slot == "place":
                places.append(party)
        chosen = primary or places
        seen, result = set(), []
        for party in chosen:
            key = (party.country, party.organisation)
            if key not in seen:
                seen.add(key)
                name = party.name or phrase(tokens, party.first, party.last)
                result.append((party.country, party.organisation, name, party))
        return result

    def _conversation_before(self, tokens: list[Token], prep: int) -> bool:
        for k in range(max(0, prep - 3), prep):
            found = self.cues.first(tokens, k)
            if found and found[1].data["channel"] in ("meeting", "verbal_message") and not found[1].data.get("weak"):
                return True
        return False


def _subject_after(tokens: list[Token], parties: list[Party], verb: int, no_object: bool = False) -> Party | None:
    """The subject after its verb, when none stands before it: "За военной помощью к Москве
    обратился президент ЦАР". Only a party that cannot be the verb's object (nominative,
    not accusative: "президент", not an indeclinable "Осло"), before any infinitive; when
    the verb takes no object (a reflexive verb, "звернувся Київ", or a request noun is its
    object, "Просьбу ... Белград передал Москве") a nominative that may be accusative too."""
    stop = next((k for k in range(verb + 1, len(tokens)) if tokens[k].infinitive or tokens[k].text in ",;:.!?"),
                len(tokens))
    return next((p for p in parties if verb < p.first < stop and p.prep is None and p.country
                 and "nomn" in p.cases and (no_object or "accs" not in p.cases)), None)


def _reflexive(token: Token) -> bool:
    """A reflexive verb ("обратился", "звернулася") takes no accusative object."""
    return token.folded.endswith(("ся", "сь"))


def _quote_speaker(tokens: list[Token], parties: list[Party], trigger: int) -> Party | None:
    """The speaker of the quotation a trigger stands in: «...», — заявил Зеленский."""
    opening = next((k for k in range(trigger - 1, -1, -1) if opens_quote(tokens, k)), None)
    if opening is None:
        return None
    closing = closing_quote(tokens, opening, len(tokens))
    if closing is None or closing < trigger:
        return None
    after = [t.text for t in tokens[closing + 1:closing + 3]]
    if not any(text in "—–-" for text in after):
        return None
    return next((p for p in parties if p.first > closing and p.prep is None and p.country
                 and "nomn" in p.cases), None)


def owner(tokens: list[Token], parties: list[Party], noun: int) -> Party | None:
    """The genitive right after a request noun: "просьбу Каракаса", "прохання Каракаса"."""
    k = noun + 1
    while k < len(tokens) and tokens[k].first_is("ADJF") and tokens[k].text.islower():
        k += 1
    return next((p for p in parties if p.first == k and p.prep is None and "gent" in p.cases and p.country), None)


def coordinated_before(tokens: list[Token], parties: list[Party], requester: Party | None) -> list[Party]:
    """Countries listed before the requester with it: "Литва, Латвия и Эстония"."""
    if requester is None or requester.country is None:
        return []
    chain, current = [], requester
    for party in reversed([p for p in parties if p.last < requester.first]):
        between = [t.folded for t in tokens[party.last + 1:current.first]]
        if party.country is None or party.prep is not None or not 0 < len(between) <= 2 \
                or not all(w in (",", "и", "і", "та", "й") for w in between):
            break
        chain.append(party)
        current = party
    return chain[::-1]
