"""Other facts the article reports: denials, arrivals, shipments, agreements, deployments.

A sentence reports an event when it has a trigger of reference/extraction/events.yaml
(by lemma, like every lexicon) that is not an infinitive ("может поставить" is no
shipment) and the sentence is no request for help (those are requests) and is not
hypothetical (requests.yaml `hypothetical`). The trigger gives the event type, its CAMEO
code and how the article presents it (a denial is `denied`); a request noun with a negated
verb of receiving in the sentence ("Китай «не получал подобных обращений»", "никаких
просьб ... не получали") is a denial too, and a verb of confirming with one ("подтвердил,
что обращение получено") a statement. The actor
is the first party the sentence names without a preposition before the trigger, else
after it, else the first it names ("В Москве публикацию опровергли": Russia), else the
country of an adjective ("прибыл российский самолет": Russia); an
accusation's or agreement's target is a party after the trigger ("звинуватило Францію");
an arrival's or deployment's place is a party behind "в / до / на" ("в Каракас прибыл").
The items an arrival, shipment or deployment names are its equipment, with the event type
as their action (the seed curation's convention: "прибыл Ил-76" is an item `arrival`), but
items handed over ("передала", "отримала": events.yaml `handovers`) are supplied.
An event told with a pronoun for its subject right after another ("Он доставил запчасти")
has that event's actor and place, and `follows` its start (for its date). The quote is
the sentence's words that report the event (event_quotes.py), from a person's name rather than
the office in front of it ("Марія Захарова звинуватила"); a second claim of the same side
in the sentence (", а публикацию назвали «вбросом»", "і заявив, що ...") is more evidence. A sentence right
after an event sentence that a party of the same state speaks ("Представитель российского
правительства заявил, что ...") is more evidence for the same event, quoted whole.

An event is credited to the source its own sentence credits ("йдеться в повідомленні
агентства": the agency cited last), else to the article: a reaction to a report
("опровергли", "спростували") is not that report's claim, so the credit of earlier
sentences is not carried to it.
"""
from __future__ import annotations

from scripts.curator.extract.event_quotes import AND_WORDS, clause, joined, second_claim, speaker_again, tail
from scripts.curator.extract.items import ItemFinder
from scripts.curator.extract.lexicon import Lexicon
from scripts.curator.extract.output import item_entry
from scripts.curator.extract.text import Sentence, Token, opens_quote

# "прибыл в Каракас", "до Каракаса", "розгорнули на кордоні": where an arrival or a
# deployment happened.
PLACE_PREPOSITIONS = frozenset({"в", "во", "у", "до", "на"})
PLACED = frozenset({"arrival", "deployment"})
# Events that act on someone ("звинуватило Францію"): the party after the trigger.
TARGETED = frozenset({"accusation", "agreement", "pressure", "shipment"})
# Subjects that stand for the actor of the event just told ("Он доставил ...").
PRONOUNS = frozenset({"он", "она", "оно", "они", "він", "вона", "воно", "вони"})
SAID = frozenset({"statement", "denial", "accusation"})   # events of words said
# Where a received item came from: "от / від США", "по линии / по лінії ОДКБ".
SOURCE_WORDS = frozenset({"от", "від", "линии", "лінії"})
# Events whose items are listed as equipment, with the event type as their action (items
# handed over: supply).
ITEM_ACTIONS = frozenset({"arrival", "shipment", "deployment"})
AFTER_PREPOSITIONS = frozenset({"для", "в", "во", "у", "после", "після", "до", "о", "об", "про", "на", "по"})
# What arrives under its own power, or with people: its arrival stays one ("прибыл Ил-76",
# "прибыло судно обеспечения"); other items arriving were shipped.
SELF_MOVING = frozenset({"aircraft", "helicopter", "naval_forces", "troops"})
JOINT = frozenset({"agreement"})   # events of two sides, who can both be the subject
RELATIVE_PLACE = frozenset({"куда", "где", "откуда", "куди", "де", "звідки"})
NEGATIONS = frozenset({"не", "ни", "ні"})
# A denial verb negated ("не опроверг", "не спростувала"): a statement that lets the report
# stand, coded like the noncommittal ones of events.yaml.
NOT_DENIED = {"event_type": "statement", "cameo_code": "010", "claim_status": "reported"}
VISIT = "042"
# A side of a request speaking of it: CAMEO 010 (Make statement), or 1222 (Reject request
# for military aid) when the side asked says no.
STATED, REJECTED = "010", "1222"
WHICH = frozenset({"который", "которые", "которых", "которую", "которого", "котрий", "які", "яких", "котрі", "яку", "якого"})


class EventFinder:
    def __init__(self, lexicon: Lexicon, language: str, items: ItemFinder):
        self.triggers = lexicon.index("events.yaml", "triggers", language)
        self.unreceived = lexicon.index("events.yaml", "unreceived", language)
        self.acknowledged = lexicon.index("events.yaml", "acknowledged", language)
        self.received = lexicon.index("events.yaml", "received", language)
        self.noncommittal = lexicon.index("events.yaml", "noncommittal", language)
        self.letters = lexicon.index("events.yaml", "letters", language)
        self.lists = lexicon.index("requests.yaml", "lists", language)   # "список", "перелік"
        self.signing = lexicon.index("events.yaml", "signing", language)
        self.labelling = lexicon.index("events.yaml", "labelling", language)
        self.documents = lexicon.index("events.yaml", "documents", language)
        self.handovers = lexicon.index("events.yaml", "handovers", language)
        self.speech = lexicon.index("events.yaml", "speech", language)
        self.request_nouns = lexicon.index("requests.yaml", "nouns", language)
        # receiving a request, its side alone named, is acknowledging it: coded as confirming
        self.acknowledgement = next(iter(lexicon.section("events.yaml", "acknowledged"))).data
        self.hypothetical = lexicon.index("requests.yaml", "hypothetical", language)
        self.items = items

    def trigger(self, sentence: Sentence, requested: bool = False, sides: int = 0) -> tuple[int, dict] | None:
        """The earliest trigger of a sentence, (token, its entry's data); in a sentence that
        reports a request, only a denial or acknowledgement of one. `sides`: how many states
        or organisations the sentence names."""
        tokens = sentence.tokens
        found = []
        for i, token in enumerate(tokens):
            if not requested and token.kind == "word" and not token.infinitive and not _relative(tokens, i) \
                    and (hit := self.triggers.first(tokens, i)) and not self._letter_sent(tokens, i, hit[1].data) \
                    and not _named_again(tokens, i):
                if found and hit[1].data["event_type"] == "shipment" \
                        and any(t.folded in WHICH for t in tokens[found[0][0]:i]):
                    found[0] = (i, hit[1].data)   # "прибыли два катера, которые США передали ...": shipped
                    break
                if found:
                    continue
                if hit[1].data["event_type"] == "denial" and i and tokens[i - 1].folded in NEGATIONS:
                    # "Официальный Баку сообщение газеты не опроверг": not denying is a statement
                    found.append((i, NOT_DENIED))
                    break
                found.append((i, hit[1].data))
                if hit[1].data["event_type"] != "arrival":
                    break
        # "не став ні підтверджувати, ні спростовувати повідомлення": a statement.
        for i, token in enumerate(tokens):
            if (hit := self.noncommittal.first(tokens, i)) and (denied := next((
                    k + 1 for k in range(i + hit[0], min(len(tokens) - 1, i + hit[0] + 4))
                    if tokens[k].folded in NEGATIONS and (denial := self.triggers.first(tokens, k + 1))
                    and denial[1].data["event_type"] == "denial"), None)):
                found.append((i, {**hit[1].data, "through": denied}))   # quoted through the denial verb
                break
        # "Китай «не получал подобных обращений»", "никаких просьб ... не получали": a request
        # denied by the side asked (the noun on either side of the verb); "подтвердил, что
        # обращение получено": acknowledged.
        for index in (self.unreceived, self.acknowledged):
            for i, token in enumerate(tokens):
                if token.kind == "word" and (hit := index.first(tokens, i)) \
                        and self._names_request(tokens, range(i, i + hit[0])):
                    found.append((i, hit[1].data))
                    break
        # "назвала звернення Варшави «ще одним доказом ...»": the request named in quotation marks.
        for i, token in enumerate(tokens):
            if not found and token.kind == "word" and (hit := self.labelling.first(tokens, i)) \
                    and any(self.request_nouns.first(tokens, k) for k in range(i + 1, min(len(tokens), i + 4))) \
                    and any(opens_quote(tokens, k) for k in range(i + 2, min(len(tokens), i + 7))):
                found.append((i, hit[1].data))
                break
        # "Контракт на JF-17 стороны подписали в 2024 году": a document signed, in any order.
        for i, token in enumerate(tokens):
            if not requested and token.kind == "word" and not token.infinitive and not found \
                    and (hit := self.signing.first(tokens, i)) \
                    and any(self.documents.first(tokens, k) for k in range(len(tokens)) if k != i):
                found.append((i, hit[1].data))
                break
        # "У НАТО звернення отримали": the side asked, alone in its sentence, acknowledges it
        # has the request (with another side named, the sentence reports the request itself).
        for i, token in enumerate(tokens):
            if sides == 1 and token.kind == "word" and (hit := self.received.first(tokens, i)) \
                    and not (i and tokens[i - 1].folded in NEGATIONS) and self._names_request(tokens, range(i, i + 1)):
                found.append((i, self.acknowledgement))
                break
        # "Латвія отримала від США шість установок HIMARS": receiving an item is a shipment.
        for i, token in enumerate(tokens):
            if not requested and token.kind == "word" and not token.infinitive \
                    and (hit := self.received.first(tokens, i)) and self.items.find(tokens, list(range(i + 1, len(tokens)))):
                found.append((i, {**hit[1].data, "received": True}))
                break
        return min(found, key=lambda pair: pair[0]) if found else None

    def _spoken_of(self, tokens: list[Token], event_type: str) -> bool:
        """The sentence speaks again of an event of that type by its noun ("Поводом для
        опровержения стала публикация ...")."""
        return any(_named_again(tokens, i) and (hit := self.triggers.first(tokens, i))
                   and hit[1].data["event_type"] == event_type for i in range(len(tokens)))

    def _names_request(self, tokens: list[Token], besides: range) -> bool:
        """Whether a request noun or a letter ("обращение", "лист") stands outside `besides`."""
        return any(self.request_nouns.first(tokens, k) or self.letters.first(tokens, k)
                   for k in range(len(tokens)) if k not in besides)

    def _letter_sent(self, tokens: list[Token], i: int, data: dict) -> bool:
        """A shipment verb next to a letter ("лист передали через посольство", "передал
        послание"), or after one in a sentence that names no item ("Письмо, адресованное
        министру, он передал через посла"): a letter handed over, not a delivery; so is a
        list its object names after the one it goes to ("передал индийскому коллеге
        Субраманьяму Джайшанкару список того, что ... нужно")."""
        if data["event_type"] != "shipment":
            return False
        near = range(max(0, i - 3), min(len(tokens), i + 4))
        listed = range(i + 1, min(len(tokens), i + 7))
        if any(self.lists.first(tokens, k) and tokens[k].first_is("NOUN") for k in listed):
            return True
        return any(self.letters.first(tokens, k) for k in near if k != i) or (
            any(self.letters.first(tokens, k) for k in range(i)) and not self.items.find(tokens, list(range(len(tokens)))))

    def reaction(self, sentence: Sentence, parties: list, asked: set[str], asking: set[str]) -> tuple[int, dict] | None:
        """"Речник грецького уряду заявив, що системи «не є предметом жодних переговорів»": a
        side of a request speaking, after a verb of saying, of what was asked (an item or a
        system, the request or its letter). The side asked saying no (a negation after the
        verb) rejects it (CAMEO 1222), else it is a statement (010)."""
        tokens = sentence.tokens
        for i in range(len(tokens)):
            if not self.speech.first(tokens, i) or tokens[i].infinitive \
                    or (i and tokens[i - 1].folded in NEGATIONS):   # "Путин пока не ответил на письмо"
                continue
            speaker = next((p for p in parties if p.last < i and p.prep is None
                            and (p.country or p.organisation) in asked | asking), None)
            after = list(range(i + 1, len(tokens)))
            if speaker is None or not (self.items.find(tokens, after) or self._names_request(tokens, range(i + 1))
                                       or any(self.items.generic.first(tokens, k) for k in after)):   # "системи"
                return None
            refused = (speaker.country or speaker.organisation) in asked and any(
                tokens[k].folded in NEGATIONS and not any(t.folded == "без" for t in tokens[k + 1:k + 4])
                for k in after)   # "не залишиться без уваги" says yes
            return i, {"event_type": "statement", "cameo_code": REJECTED if refused else STATED,
                       "claim_status": "reported"}
        return None

    def find(self, text: str, sentences: list[Sentence], parties: list[tuple], requested: set[int],
             own_credits: list[str | None], credit_spans: list[list[tuple[int, int]]],
             asked: set[str] = frozenset(), asking: set[str] = frozenset()) -> list[dict]:
        events: list[dict] = []
        previous: dict | None = None
        paragraph = -1   # of the last event's sentence
        for sentence, (found, mentions), credit, spans in zip(sentences, parties, own_credits, credit_spans):
            tokens = sentence.tokens
            if any(self.hypothetical.first(tokens, i) for i in range(len(tokens))):
                previous = None
                continue
            hit = self.trigger(sentence, sentence.index in requested,
                               len({p.country or p.organisation for p in found if p.country or p.organisation}))
            if hit is None and sentence.index not in requested:
                hit = self.reaction(sentence, found, asked, asking)
            quote = text[sentence.start:sentence.end]
            if hit is None:
                speaks = any(self.speech.first(tokens, i) for i in range(len(tokens)))
                goes_on = previous is not None and ((
                    previous["event_type"] in SAID and sentence.paragraph == paragraph
                    and speaker_again(tokens, f"{previous['actor_name'] or ''} {previous['quote']}"))
                    or self._spoken_of(tokens, previous["event_type"]))   # "Поводом для опровержения ..."
                if previous and (goes_on or speaks and previous["actor_country"] in {p.country for p in found}):
                    previous["evidence"].append({"quote": quote, "start": sentence.start,
                                                 "end": sentence.end, "attributed_to": credit})
                previous = previous if goes_on else None
                continue
            paragraph = sentence.paragraph
            start, end = clause(sentence, hit[0], spans)
            if "through" in hit[1]:   # "не подтвердили, но и не опровергли": both halves
                end = max(end, clause(sentence, hit[1]["through"], spans)[1])
            # Parties of the event's own words, not of a lead-in ("У Москві звернення Кишинева
            # сприйняли різко: ... Захарова звинуватила ...").
            inside = [p for p in found if start <= sentence.tokens[p.first].start < end]
            event, actor = self._event(text, sentence, inside, [m for m in mentions if start <= m.start < end],
                                       *hit)
            if actor is not None and actor.name_first is not None and actor.name_first > actor.first \
                    and tokens[actor.first].start == start:
                start = tokens[actor.name_first].start   # "Марія Захарова звинуватила", without her office
            more = None if "through" in hit[1] else second_claim(sentence, hit[0], self.speech)
            if more is None and event["event_type"] in ITEM_ACTIONS:
                cut, more, delivery = tail(sentence, hit[0], self.triggers, ITEM_ACTIONS)
                end = min(end, cut)
                if delivery is not None and delivery.get("cameo_code") and event["event_type"] in ("arrival", "shipment"):
                    # "прибыло судно с 24 бронетранспортерами — их Пекин передал армии": handed over
                    event.update(event_type=delivery["event_type"], cameo_code=delivery["cameo_code"])
                    for item in event["items"]:
                        item["action"] = "supply"
            if more and more[0] < end:
                end = more[0]   # the event's words end where the second claim begins
            told = [{"quote": text[start:end], "start": start, "end": end, "attributed_to": credit}]
            if (before := joined(sentence, hit[0])) is not None and start < before[0] < before[1] < end:
                told = [{"quote": text[a:b], "start": a, "end": b, "attributed_to": credit}
                        for a, b in ((start, before[0]), (before[1], end))]
            if more:
                # "..., а публикацию назвали «вбросом»", "... і заявив, що Тегеран не постачає
                # зброю": the same side's second claim in the sentence, more evidence.
                told.append({"quote": text[more[1]:more[2]], "start": more[1], "end": more[2],
                             "attributed_to": credit})
            if previous and previous["event_type"] == event["event_type"] \
                    and event["actor_country"] in (None, previous["actor_country"]):
                # The same side saying it again ("В Москве публикацию опровергли. Представитель
                # правительства заявил, что никаких просьб не поступало"): the same event.
                previous["evidence"] += told
                continue
            event.update(quote=text[start:end], start=start, end=end, attributed_to=credit, follows=None,
                         evidence=told)
            if previous and event["actor_name"] is None and _pronoun_subject(sentence, hit[0]):
                # "... прибыл Ил-76 белорусских ВВС. Он доставил запчасти": the same actor
                # and place, and the date of the sentence before.
                for key in ("actor_name", "actor_country", "place_name", "place_country"):
                    event[key] = event[key] or previous[key]
                event["follows"] = previous["start"]
            events.append(event)
            previous = event
        return events

    def _event(self, text: str, sentence: Sentence, found: list, mentions: list, at: int, data: dict) -> tuple:
        """The event's fields from its trigger and the sentence's parties, and its actor party."""
        tokens = sentence.tokens
        kind = data["event_type"]
        known = [p for p in found if p.country or p.organisation or p.person]
        places = [p for p in known if kind in PLACED and (
            p.prep in PLACE_PREPOSITIONS or (p.first and tokens[p.first - 1].folded in PLACE_PREPOSITIONS))]
        actor = next((p for p in known if p.prep is None and p not in places and p.first < at), None)
        if actor is None and not (kind in TARGETED and _pronoun_subject(sentence, at)):
            # but "он обвинил Джорджтаун": he (of the sentence before) accused Georgetown
            actor = next((p for p in known if p.prep is None and p not in places), None) \
                or next((p for p in known if p not in places), None)
        target = next((p for p in known if kind in TARGETED and p.first > at and p is not actor
                       and p not in places), None)
        if target is None and actor is not None and kind in JOINT:
            # "Россия и Лаос подписали программу": the second of two subjects is the other side.
            target = next((p for p in known if p.first == actor.last + 2 and p.first < at and p.prep is None
                           and tokens[actor.last + 1].folded in AND_WORDS and p.country != actor.country), None)
        if data.get("received"):   # from whom ("від США", "по линии ОДКБ"), to the subject
            source = next((p for p in known if p.first > at and (p.prep in SOURCE_WORDS or (
                p.first > 0 and tokens[p.first - 1].folded in SOURCE_WORDS))), None)
            actor, target = source, actor if actor is not source else None
        place = places[0] if places else None
        event = {"event_type": kind, "cameo_code": data.get("cameo_code"), "claim_status": data["claim_status"]}
        for role, party in (("actor", actor), ("target", target), ("place", place)):
            event[f"{role}_name"] = _name(text, tokens, party)
            event[f"{role}_country"] = party.country if party else None
            event[f"{role}_organisation"] = party.organisation if party else None
        if target is None and kind in ("shipment", "accusation") and not data.get("received"):
            # "передала эквадорскому флоту", "назвав литовські запити «...»": the receiving or
            # accused side named by its adjective.
            adjective = next((m for m in mentions if m.kind == "adjective" and m.start > tokens[at].start
                              and m.country != event["actor_country"]), None)
            if adjective is not None:
                event["target_name"], event["target_country"] = adjective.text, adjective.country
        if actor is None:   # "прибыл российский самолет": the country the adjective names
            adjective = next((m for m in mentions if m.kind == "adjective"), None)
            if adjective is not None:
                event["actor_name"], event["actor_country"] = adjective.text, adjective.country
        # What arrived, was shipped or deployed: the items the sentence names. An arrival of
        # people with no items is a visit (CAMEO 042, "Make a visit").
        event["items"] = []
        if kind in ITEM_ACTIONS:
            # not the words of a party ("командующий ВВС Пакистана главный маршал авиации")
            named = {k for p in found for k in range(p.first, p.last + 1)}
            handed = kind == "shipment" and self.handovers.first(tokens, at) is not None
            for item in self.items.find(tokens, [k for k in range(len(tokens)) if k not in named]):
                head = tokens[item.head].analysis
                if head is not None and "datv" in head.cases and not head.cases & {"nomn", "accs", "gent", "ablt"}:
                    continue   # "передала эквадорскому флоту": who received, not what
                entry = item_entry(text, tokens, item)
                entry["action"], entry["action_assumed"] = "supply" if handed else kind, False
                event["items"].append(entry)
        if kind == "arrival" and not event["items"] and event["cameo_code"] is None:
            event["cameo_code"] = VISIT
        elif kind == "arrival" and not any(i["category"] in SELF_MOVING for i in event["items"]):
            # "Первые беспилотники Bayraktar TB2 прибыли в республику": goods arrive by being
            # shipped to the place, from the side an adjective names, if any
            event.update(event_type="shipment", cameo_code=None, target_name=event["place_name"],
                         target_country=event["place_country"], target_organisation=None,
                         place_name=None, place_country=None, place_organisation=None)
            if event["actor_country"] == event["target_country"]:
                event.update(actor_name=None, actor_country=None, actor_organisation=None)
            for item in event["items"]:
                item["action"] = "supply"
        return event, actor


def _named_again(tokens: list[Token], at: int) -> bool:
    """An event noun after a preposition speaks of one told already ("Поводом для опровержения
    стала публикация ...", "в опровержении нет ни слова"), it tells no new one."""
    return at > 0 and tokens[at].first_is("NOUN") and tokens[at - 1].folded in AFTER_PREPOSITIONS


def _relative(tokens: list[Token], at: int) -> bool:
    """The word at `at` is in a relative clause of place ("в Пекине, куда Гашич прилетел"):
    it describes the place of what the sentence reports, it is no event of its own."""
    for k in range(at - 1, -1, -1):
        if tokens[k].text in ",;:—(":
            return k + 1 < at and tokens[k + 1].folded in RELATIVE_PLACE
    return False


def _pronoun_subject(sentence: Sentence, at: int) -> bool:
    """A personal pronoun in the nominative before the trigger ("он доставил", "вони передали")."""
    return any(t.folded in PRONOUNS for t in sentence.tokens[:at])


def _name(text: str, tokens, party) -> str | None:
    if party is None:
        return None
    if party.name:
        return party.name
    return text[tokens[party.first].start:tokens[party.last].end]
