"""Other facts the article reports: denials, arrivals, shipments, agreements, deployments.

A sentence reports an event when it has a trigger of reference/extraction/events.yaml
(by lemma, like every lexicon) that is not an infinitive ("может поставить" is no
shipment) and the sentence is no request for help (those are requests) and is not
hypothetical (requests.yaml `hypothetical`). The trigger gives the event type, its CAMEO
code and how the article presents it (a denial is `denied`). The actor is the first party
the sentence names without a preposition, else the first it names ("В Москве публикацию
опровергли": Russia); an arrival's or deployment's place is a party behind "в / до / на"
("в Каракас прибыл"). The quote is the whole sentence. A sentence right after an event
sentence that a party of the same state speaks ("Представитель российского правительства
заявил, что ...") is more evidence for the same event.

An event is credited to the source its own sentence names, else to the article: a
reaction to a report ("опровергли", "спростували") is not that report's claim, so the
credit of earlier sentences is not carried to it.
"""
from __future__ import annotations

from scripts.curator.extract.lexicon import Lexicon
from scripts.curator.extract.text import Sentence

# "прибыл в Каракас", "до Каракаса", "розгорнули на кордоні": where an arrival or a
# deployment happened.
PLACE_PREPOSITIONS = frozenset({"в", "во", "у", "до", "на"})
PLACED = frozenset({"arrival", "deployment"})


class EventFinder:
    def __init__(self, lexicon: Lexicon, language: str):
        self.triggers = lexicon.index("events.yaml", "triggers", language)
        self.speech = lexicon.index("events.yaml", "speech", language)
        self.hypothetical = lexicon.index("requests.yaml", "hypothetical", language)

    def trigger(self, sentence: Sentence) -> tuple[int, dict] | None:
        tokens = sentence.tokens
        for i, token in enumerate(tokens):
            if token.kind != "word":
                continue
            found = self.triggers.first(tokens, i)
            if found and not token.infinitive:
                return i, found[1].data
        return None

    def find(self, text: str, sentences: list[Sentence], parties: list[list], requested: set[int],
             own_credits: list[str | None]) -> list[dict]:
        events: list[dict] = []
        previous: dict | None = None
        for sentence, found, credit in zip(sentences, parties, own_credits):
            tokens = sentence.tokens
            if sentence.index in requested or any(self.hypothetical.first(tokens, i) for i in range(len(tokens))):
                previous = None
                continue
            hit = self.trigger(sentence)
            quote = text[sentence.start:sentence.end]
            if hit is None:
                speaks = any(self.speech.first(tokens, i) for i in range(len(tokens)))
                if previous and speaks and previous["actor_country"] in {p.country for p in found}:
                    previous["evidence"].append({"quote": quote, "start": sentence.start,
                                                 "end": sentence.end, "attributed_to": credit})
                previous = None
                continue
            data = hit[1]
            known = [p for p in found if p.country or p.organisation]
            places = [p for p in known
                      if p.prep in PLACE_PREPOSITIONS or (p.first and tokens[p.first - 1].folded in PLACE_PREPOSITIONS)]
            if data["event_type"] not in PLACED:
                places = []
            actor = next((p for p in known if p.prep is None and p not in places), None) \
                or next((p for p in known if p not in places), None)
            place = places[0] if places else None
            event = {"event_type": data["event_type"], "cameo_code": data.get("cameo_code"),
                     "claim_status": data["claim_status"],
                     "actor_name": _name(text, tokens, actor), "actor_country": actor.country if actor else None,
                     "place_name": _name(text, tokens, place), "place_country": place.country if place else None,
                     "quote": quote, "start": sentence.start, "end": sentence.end, "attributed_to": credit}
            event["evidence"] = [{k: event[k] for k in ("quote", "start", "end", "attributed_to")}]
            events.append(event)
            previous = event
        return events


def _name(text: str, tokens, party) -> str | None:
    if party is None:
        return None
    if party.name:
        return party.name
    return text[tokens[party.first].start:tokens[party.last].end]
