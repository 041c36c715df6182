"""Requests for military help: who asked whom, how, and for what, sentence by sentence.

A *trigger* is a request verb ("попросил", "обратилась", "призвал", "звернулася"), a
request noun ("с просьбой", "запрос", "прохання") or a need told to a listener
("сообщил иранскому чиновнику, что Венесуэле необходимо ..."); triggers in one clause
("обратилась ... с просьбой") make one claim. For each trigger:

* requester and addressees come from roles.py, the clause's end and the blockers
  (negation, hypothesis, an ask to stop, a denial) from clauses.py;
* items are looked for from the trigger to the end of its clause, and in a need clause
  of the same sentence before it ("заявил, что стране нужны средства ПВО, и призвал ...")
  or right after a colon ("с просьбой о помощи: Белграду нужны МиГ-29"); the
  requester's own side named there is a recipient, never an item's head;
* several addressees give one claim each; ", а Берлин — ракет ..." repeats the claim for
  another addressee; "аналогичные запросы" copy the last request's items; a follow-up
  with no addressee ("Кроме того, он просил ...") keeps the last one; a sentence right
  after a request that opens by detailing it ("Речь идёт о поставке ...", requests.yaml
  `elaborations`) adds its items to that request;
* an appeal on behalf of another state ("закликала партнерів передати Україні ...") is
  not the appealing state's request; a request noun owned by a media outlet ("на запрос
  «Тестовой ленты» не ответило") is a press inquiry; a request noun alone with nothing
  named ("речь идёт об отдельном обращении") adds no claim;
* ", а у Владимира Путина просил ..." after a request is another request, to the one
  named in its own clause, with its own items;
* the one asked is never an item ("передала китайским военным");
* the channel is the most specific cue of the sentence (channels.yaml);
* a claim is military with a military item, or a help noun and a military word
  ("военную помощь", "допомогу, зокрема військову"), or help asked of a military
  alliance; output.py drops requests none of whose claims is military.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from scripts.curator.extract.channels import ChannelReader
from scripts.curator.extract.clauses import Clauses, list_line, with_name
from scripts.curator.extract.items import Item, ItemFinder
from scripts.curator.extract.lexicon import Lexicon
from scripts.curator.extract.parties import Party
from scripts.curator.extract.roles import MEMORY, Roles, coordinated_before, owner
from scripts.curator.extract.text import Sentence, Token, opens_quote, phrase



@dataclass
class Claim:
    """One report of one request in one sentence."""
    sentence: int
    requester: str | None
    requester_name: str | None
    addressee_country: str | None
    addressee_organisation: str | None
    addressee_name: str | None
    channel: str
    first: int
    last: int
    items: list[Item] = field(default_factory=list)
    military: bool = False
    trigger: str = ""              # what reports it: "verb" ("попросил"), "noun" ("просьба"), ...
    addressee_named: bool = False  # the one asked is named in this sentence, not remembered


@dataclass
class Memory:
    """What later sentences may refer back to."""
    sentence: int = -10
    requester: str | None = None
    requester_name: str | None = None
    addressees: list[tuple[str | None, str | None, str | None]] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    listing: int = -10   # the last sentence of a list of the request's points, or its lead-in


# How far (in sentences, headings included) a list's lead-in may come after the request
# it details ("... передало ноту в середине ноября. У документі перелічено:").
LIST_REACH = MEMORY + 2


class RequestFinder:
    def __init__(self, lexicon: Lexicon, language: str, items: ItemFinder):
        index = lambda name: lexicon.index("requests.yaml", name, language)  # noqa: E731
        for name in ("verbs", "nouns", "needs", "help", "military", "similar", "elaborations", "lists",
                     "proposals", "tellers"):
            setattr(self, name, index(name))
        self.outlets = lexicon.index("credits.yaml", "descriptors", language)
        self.clauses = Clauses(lexicon, language, self.is_trigger)
        self.roles = Roles(lexicon, language)
        self.channels = ChannelReader(lexicon, language)
        self.items = items

    # -- triggers -----------------------------------------------------------

    def trigger_kind(self, tokens: list[Token], i: int) -> str | None:
        token = tokens[i]
        if token.kind != "word":
            return None
        if self.verbs.first(tokens, i) and token.has_pos("VERB", "INFN", "GRND") and not token.first_is("PRTF"):
            return "verb"
        if self.nouns.first(tokens, i) and token.has_pos("NOUN") and not _medium(tokens, i) \
                and not self._inquiry(tokens, i):
            return "noun"
        return None

    def _inquiry(self, tokens: list[Token], noun: int) -> bool:
        """"на запрос «Тестовой ленты» не ответило", "запит агентства": a request noun owned by a
        media outlet (a quoted or Latin-script name, or "издание / агентство") is a press
        inquiry, not a request for help."""
        k = noun + 1
        return k < len(tokens) and (opens_quote(tokens, k) or tokens[k].latin
                                    or self.outlets.first(tokens, k) is not None)

    def is_trigger(self, tokens: list[Token], i: int) -> bool:
        return self.trigger_kind(tokens, i) is not None

    # -- one sentence -----------------------------------------------------------

    def claims(self, sentence: Sentence, parties: list[Party], masked: set[int], memory: Memory,
               speakers: list[Party] | None = None, adjectives: dict[int, str] | None = None) -> list[Claim]:
        """Claims of one sentence; `speakers` are its parties with credits not masked,
        `adjectives` its country adjectives (token -> country)."""
        tokens = sentence.tokens
        self._speakers = speakers if speakers is not None else parties
        self._adjectives = adjectives or {}
        live = [p for p in parties if p.first not in masked]
        groups = self._groups(tokens, masked)
        needs = [i for i in range(len(tokens)) if i not in masked and self.needs.first(tokens, i)]
        need_zone = [k for n in needs for k in range(n + 1, self.clauses.end(tokens, n, masked, n) + 1)
                     if k not in masked]
        self._recipients = {k for n in needs for k in _recipient(tokens, n)}
        found: list[Claim] = []
        floor = 0   # where the clause of the trigger group starts
        for first, last, kind in groups:
            # "просьбу Киева" says Kyiv asked, whatever is said of the request ("не планирует
            # удовлетворять просьбу Киева"); other triggers can be negated or hypothetical.
            if (kind != "noun" or owner(tokens, live, first) is None) \
                    and self.clauses.blocked(tokens, first, last, masked):
                continue
            found += self._claims_at(sentence, live, masked, memory, first, last, kind, need_zone, floor)
            floor = self.clauses.end(tokens, last, masked, first) + 1
        if not groups:
            # "азербайджанская сторона предлагает принять ...": the requester of a request told
            # before proposes what the side asked should do, like wanting more (no teller).
            proposals = [i for i in range(len(tokens)) if i not in masked and self.proposals.first(tokens, i)
                         and tokens[i].has_pos("VERB")]
            for need in needs + proposals:
                teller = self.clauses.teller_before(tokens, need, masked) if need not in proposals else None
                if teller is not None and not self.clauses.blocked(tokens, teller, teller, masked):
                    found += self._claims_at(sentence, live, masked, memory, teller, teller, "need", need_zone)
                elif teller is None and memory.requester is not None and any(
                        p.last < need and p.prep is None and p.country == memory.requester and "nomn" in p.cases
                        for p in live) and not self.clauses.blocked(tokens, need, need, masked):
                    # "Мінськ хоче отримати ...": the requester of an ask told before wants more
                    found += self._claims_at(sentence, live, masked, memory, need, need, "need", need_zone)
        if not found and sentence.index - memory.sentence == 1 and memory.requester is not None:
            found += self._elaborated(sentence, masked, memory)
        if not found and sentence.index - memory.listing == 1 and memory.requester is not None \
                and list_line(tokens):
            found += self._listed(sentence, masked, memory)
        elif self._lead_in(tokens, masked) and memory.requester is not None \
                and sentence.index - memory.sentence <= LIST_REACH:
            memory.listing = sentence.index
        return found

    def _own_forces(self, tokens: list[Token], country: str | None) -> set[int]:
        """"передати філіппінському флоту": the requester's own forces in the dative receive."""
        return {k for a, c in self._adjectives.items() if c == country and a + 1 < len(tokens)
                and _dative(tokens[a]) and tokens[a + 1].analysis is not None
                and "datv" in tokens[a + 1].analysis.cases for k in (a, a + 1)}

    def _lead_in(self, tokens: list[Token], masked: set[int]) -> bool:
        """"У документі перелічено:", "Баку просит:": a sentence ending in a colon whose words
        say a list of the request's points follows."""
        return bool(tokens) and tokens[-1].text == ":" and any(
            self.lists.first(tokens, k) or self.elaborations.first(tokens, k) or self.is_trigger(tokens, k)
            for k in range(len(tokens)) if k not in masked)

    def _listed(self, sentence: Sentence, masked: set[int], memory: Memory) -> list[Claim]:
        """"- чотири самохідні комплекси «Оса-АКМ»;": a line of the list a lead-in opened
        gives the request's items; the list goes on while its lines do."""
        tokens = sentence.tokens
        items = self.items.find(tokens, [k for k in range(1, len(tokens)) if k not in masked],
                                self._own_forces(tokens, memory.requester))
        if not items:
            return []
        memory.listing = sentence.index
        return self._continued(sentence, masked, memory, 1, items, "list")

    def _elaborated(self, sentence: Sentence, masked: set[int], memory: Memory) -> list[Claim]:
        """"Речь идёт прежде всего о поставке радаров JY-26": a sentence that opens by detailing
        the request of the sentence before gives that request's items."""
        tokens = sentence.tokens
        # after a credit that opens the sentence: "По словам собеседника, в перечне значатся ..."
        lead = next((k for k in range(len(tokens)) if k not in masked and tokens[k].text != ","), len(tokens))
        opening = next(((k, found[0]) for k in range(lead, min(lead + 3, len(tokens))) if k not in masked
                        and (found := self.elaborations.first(tokens, k))), None)
        if opening is None:
            return []
        cue, n = opening
        end = self.clauses.end(tokens, cue + n - 1, masked, cue + n - 1)
        items = self.items.find(tokens, [k for k in range(cue + n, end + 1) if k not in masked],
                                self._own_forces(tokens, memory.requester))
        if not items:
            return []
        return self._continued(sentence, masked, memory, cue, items)

    def _continued(self, sentence: Sentence, masked: set[int], memory: Memory, first: int,
                   items: list[Item], trigger: str = "") -> list[Claim]:
        """Claims that add `items` to the request remembered, from token `first` on."""
        memory.sentence, memory.items = sentence.index, items
        return [Claim(sentence.index, memory.requester, memory.requester_name, c, o, name,
                      self.channels.read(sentence.tokens, masked), first, max(i.extent or i.last for i in items), items,
                      any(not i.weak for i in items), trigger) for c, o, name in memory.addressees]

    def _groups(self, tokens: list[Token], masked: set[int]) -> list[tuple[int, int, str]]:
        """Triggers, those of one clause taken together ("обратилась ... с просьбой")."""
        groups: list[list] = []
        for i in range(len(tokens)):
            if i in masked or (kind := self.trigger_kind(tokens, i)) is None:
                continue
            if groups and self.clauses.end(tokens, groups[-1][1], masked, groups[-1][0]) >= i:
                groups[-1][1] = i
                continue
            groups.append([i, i, kind])
        return [tuple(g) for g in groups]

    # -- the parts of a request ---------------------------------------------------

    def _claims_at(self, sentence, parties, masked, memory, first, last, kind, need_zone, floor=0) -> list[Claim]:
        """Claims of one trigger group; parties before `floor` belong to an earlier clause's request
        ("письмо председателю КНР ..., а у Владимира Путина просил"), never to this one's asked."""
        tokens = sentence.tokens
        end = self.clauses.end(tokens, last, masked, first)
        zone = [k for k in range(first + 1, end + 1) if k not in masked]
        if kind != "need":
            zone = sorted(set(zone) | set(k for k in need_zone if k < first) | self._explained(tokens, end, need_zone))
        requester, inherited = self.roles.requester(tokens, parties, first, kind, memory, sentence.index,
                                                    self._speakers, last)
        addressees = self.roles.addressees(tokens, [p for p in parties if p.first >= floor or p is requester],
                                           requester, first, last, end, kind)
        # Nobody asked is named: those the same requester asked last, when the requester is
        # inherited from a recent sentence or named again ("Кроме того, сербская сторона
        # просит ...", however far from the first ask).
        if not addressees and ((inherited and sentence.index - memory.sentence <= MEMORY) or (
                requester is not None and requester.country is not None and requester.country == memory.requester)):
            addressees = [(c, o, n, None) for c, o, n in memory.addressees]
        country = requester.country if requester is not None and requester.kind not in ("pronoun", "speaker",
                                                                                         "bare_role") \
            else (memory.requester if inherited else None)
        name = (requester.name or _text(tokens, requester)) if requester is not None else memory.requester_name
        # The requester's own side named after the trigger is the recipient ("передать
        # филиппинским ВМС", "для ВСУ"), not an item.
        own = {k for p in parties if p.country is not None and p.country == country
               for k in range(p.first, p.last + 1)} | self._recipients
        own |= self._own_forces(tokens, country)
        # Neither is the one asked ("передала китайским военным", "з міністеркою збройних сил
        # Франції"): an addressee's words name who is asked, not what.
        own |= {k for *_, p in addressees if p is not None for k in range(p.first, p.last + 1)}
        if self._for_third_party(tokens, parties, country, last, end):
            return []
        items = self.items.find(tokens, zone, own)
        nearby = list(range(max(0, first - 3), first)) + zone   # "направили аналогичные запросы"
        if not items and any(self.similar.first(tokens, k) for k in nearby) and memory.requester == country:
            items = list(memory.items)
        # A request noun with nothing asked and nobody asked named adds no claim when it stands
        # alone, the requester and the one asked remembered ("речь идёт об отдельном
        # обращении", "виконати це прохання"), or when someone speaks of it ("сказал агентству
        # Yonhap, что просьбу Улан-Батора рассмотрят": a reaction, an event).
        if kind == "noun" and not items and not any(party is not None for *_, party in addressees) and (
                (first == last and inherited and requester is None)
                or any(self.tellers.first(tokens, k) for k in range(first))):
            return []
        military = self._military(tokens, masked, items, addressees)
        if not military and kind == "verb" and (seek := self.verbs.first(tokens, first)) \
                and seek[1].data.get("military_only"):
            return []   # "коли Росія її шукає": seeking is an ask only for military help
        channel = self.channels.read(tokens, masked, first)
        claims = []
        # The quote runs to the help asked for ("з проханням про військову допомогу").
        helps = [k for k in zone if last < k <= last + 8 and self.help.first(tokens, k)]
        # "Литва, Латвия и Эстония попросили НАТО": one request of each requester.
        requesters = [(p.country, p.name or _text(tokens, p), p)
                      for p in coordinated_before(tokens, parties, requester)]
        for who, who_name, who_party in requesters + [(country, name, requester)]:
            for c, o, n, party in addressees:
                if (c is None and o is None) or (c is not None and c == who):
                    continue
                involved = [first, last] + [i.extent or i.last for i in items] + helps
                for p in (who_party, party):   # a subject shared with an earlier clause is its quote's
                    if p is not None and p.first >= floor:   # with its preposition: "до Пекіна"
                        involved += [p.first - (p.prep is not None), with_name(tokens, p.last, masked)]
                claims.append(Claim(sentence.index, who, who_name, c, o, n, channel, min(involved), max(involved),
                                    items, military, kind, party is not None))
        claims += self._gapped(sentence, parties, masked, end, claims)
        if country is not None and claims:
            memory.sentence = sentence.index
            memory.requester, memory.requester_name = country, name
            memory.addressees = [(c.addressee_country, c.addressee_organisation, c.addressee_name)
                                 for c in claims]
            memory.items = items or memory.items
        return claims

    @staticmethod
    def _explained(tokens: list[Token], end: int, need_zone: list[int]) -> set[int]:
        """"обратился к Москве с просьбой о помощи: Белграду нужны шесть МиГ-29": a need clause
        right after a colon that closes the request's clause says what was asked."""
        colon = end + 1
        if colon >= len(tokens) or tokens[colon].text != ":":
            return set()
        stop = next((k for k in range(colon + 1, len(tokens)) if tokens[k].text in ";:.!?…"), len(tokens))
        return {k for k in need_zone if colon < k < stop}

    def _gapped(self, sentence, parties, masked, end, claims) -> list[Claim]:
        """", а Берлин — дополнительных ракет к IRIS-T": the same request to another addressee."""
        tokens = sentence.tokens
        if not claims or end + 1 >= len(tokens) or tokens[end + 1].text != ",":
            return []
        after = self.clauses.gapping(tokens, end + 1)
        party = next((p for p in parties if end + 2 < p.first < (after or 0) and p.known), None)
        if after is None or party is None:
            return []
        stop = self.clauses.end(tokens, after, masked, after - 1)
        items = self.items.find(tokens, [k for k in range(after, stop + 1) if k not in masked])
        base = claims[0]
        return [Claim(sentence.index, base.requester, base.requester_name, party.country, party.organisation,
                      party.name or _text(tokens, party), base.channel, party.first,
                      max([stop] + [i.last for i in items]),
                      items, base.military or any(not i.weak for i in items))]

    @staticmethod
    def _for_third_party(tokens, parties, country, last, end) -> bool:
        """"Хорватія закликала партнерів передати Україні гелікоптери": an appeal on behalf of
        another state (the dative after the transfer verb), not Croatia's request."""
        infinitive = next((k for k in range(last + 1, end + 1) if tokens[k].infinitive), None)
        if infinitive is None or country is None:
            return False
        return any(p.prep is None and p.country not in (None, country) and "datv" in p.cases
                   and infinitive < p.first <= end and p.first <= infinitive + 2 for p in parties)

    def _military(self, tokens, masked, items, addressees) -> bool:
        if any(not item.weak for item in items):
            return True
        live = [k for k in range(len(tokens)) if k not in masked]
        helps = any(self.help.first(tokens, k) for k in live)
        military = any(self.military.first(tokens, k) for k in live)
        alliance = any(party is not None and party.military for *_, party in addressees)
        return (helps and (military or alliance)) or (bool(items) and military)


def _recipient(tokens: list[Token], need: int) -> range:
    """"пакистанському флоту потрібні", "армии срочно нужны": the dative right before a need
    (over adverbs) is who needs the items, not an item."""
    k = need - 1
    while k >= 0 and tokens[k].kind == "word" and tokens[k].first_is("ADVB"):
        k -= 1
    last = k
    while k >= 0 and tokens[k].kind == "word" and tokens[k].analysis is not None \
            and "datv" in tokens[k].analysis.cases and tokens[k].has_pos("NOUN", "ADJF"):
        k -= 1
    return range(k + 1, last + 1)


def _dative(token: Token) -> bool:
    """A word that can only be read as a dative (or the locative, which shares its forms)."""
    cases = token.analysis.cases if token.analysis is not None else frozenset()
    return "datv" in cases and not cases & {"nomn", "accs", "gent"}


def _medium(tokens: list[Token], noun: int) -> bool:
    """"в телевизионном обращении призвал", "у зверненні до нації": a request noun in the
    locative after "в / у" names where the ask was made (a channel), not a request."""
    k = noun - 1
    while k >= 0 and tokens[k].kind == "word" and tokens[k].text.islower() and tokens[k].first_is("ADJF"):
        k -= 1
    return k >= 0 and tokens[k].folded in ("в", "во", "у") and "loct" in tokens[noun].analysis.cases


def _text(tokens: list[Token], party: Party) -> str:
    return phrase(tokens, party.first, party.last)
