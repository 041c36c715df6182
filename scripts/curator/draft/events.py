"""Facts a draft proposes besides the article's requests (a mixin of Drafter, facts.py):
passing mentions of a request the package has, and events with their items."""
from __future__ import annotations

import re

from scripts.curator.draft.detect import find_entities
from scripts.curator.draft.spans import with_full_stop
from scripts.quotes import occurrences

PASSING_GAP = 30   # code points between requester and addressee in a passing mention
APPOSITION_GAP = 25   # code points between an office and the name of its holder
JOINT = ("agreement",)
SAID = ("denial", "statement", "accusation")   # events that are words said   # events of two sides, named together ("стороны", "министры")


class Events:
    def passing_mentions(self, credited: list[dict]) -> None:
        """Evidence for a request of the package the article names only in passing
        ("письма Николаса Мадуро Владимиру Путину", "Письмо Николаса Мадуро председателю КНР
        Си Цзиньпину"): a request or letter noun right before the requester's name, the
        addressee's name after it (behind at most an office, no punctuation). credited: the
        extractor's sentences with the source each is credited to."""
        if self.words is None:
            return
        entities = {e["id"]: e for e in self.known.entities}
        for row in [r for r in self.known.requests if r.get("requester_id")]:
            requester, addressee = entities.get(row["requester_id"]), entities.get(row.get("addressee_id"))
            if requester is None or addressee is None:
                continue
            asked = [h for m in find_entities(self.text, [addressee]) for h in m.hits]
            for hit in (h for m in find_entities(self.text, [requester]) for h in m.hits):
                noun = self.words.word_before(self.text, hit.start)
                then = next((h for h in asked if 0 < h.start - hit.end <= PASSING_GAP
                             and not re.search(r"[.,;:!?«»\"()]", self.text[hit.end:h.start])), None)
                if noun is None or then is None or not self.words.lemmas(noun[1]) & self.words.requests:
                    continue
                start, end = noun[0], then.end
                if any(at <= start and end <= at + len(e["quote"])
                       for e in self.out.sections["evidence"] if e.get("request") == row["request_id"]
                       for at in occurrences(self.text, e["quote"])):
                    continue   # inside a sentence already quoted for it
                sentence = next((s for s in credited if s["start"] <= start < s["end"]), None)
                self.out.existing.append(row["request_id"])
                self.evidence("request", row["request_id"],
                              self.refs.source(sentence.get("attributed_to") if sentence else None),
                              self.text[start:end], start)

    def party(self, name: str | None, country: str | None, sentence: dict,
              organisation: str | None = None) -> str | None:
        """An event's actor or target: the known person an office stands for when the
        sentence names them together ("Официальный представитель МИД КНР Линь Цзянь"),
        else the entity for the name (a country or capital: its government; an alliance by
        its code)."""
        if not name and not country and not organisation:
            return None
        at = self.text.find(name, sentence["start"], sentence["end"]) if name else -1
        for person in self.people:
            if not name or not sentence["start"] <= person["start"] < sentence["end"]:
                continue
            # the office inside the person's apposition, or right before their name ("Речник
            # Міністерства оборони Туреччини контрадмірал Зекі Актюрк")
            behind = at >= 0 and person.get("country") == country and 0 <= person["start"] - (at + len(name)) <= APPOSITION_GAP
            if name in person["quote"] or behind:
                if found := self.refs.known_person(person["name"], person.get("country")):
                    return found
        return self.refs.entity(name, country, organisation)

    def event(self, proposal: dict) -> None:
        """An event the extractor found; one the package has (same type, actor, target and
        place) is given evidence instead. Its items (what arrived, was shipped or deployed) are
        equipment of the event: from the actor's country to the target's (a shipment's
        recipient), else the place's."""
        actor = self.party(proposal.get("actor_name"), proposal.get("actor_country"), proposal,
                           proposal.get("actor_organisation"))
        target = self.party(proposal.get("target_name"), proposal.get("target_country"), proposal,
                            proposal.get("target_organisation"))
        sides = None
        countries = {e["id"]: e.get("country") for e in self.refs.entities}
        told = next((side for side in reversed(self.sides) if side[0] < proposal["start"]), None)
        if proposal["event_type"] in JOINT and actor is None and target is None:
            # "По итогам переговоров министры подписали меморандум": the sides of the
            # request told before it, at its talks (its date, unless the event has one).
            sides = told
            actor, target = sides[1:3] if sides else (None, None)
        elif proposal["event_type"] == "shipment" and actor is None and target is None \
                and told and countries.get(told[2]) and countries.get(told[1]):
            # "Первые беспилотники Bayraktar TB2 прибыли в республику": from the state asked in
            # the request told before it to the state that asked (their governments)
            actor, target = self.refs.government(countries[told[2]]), self.refs.government(countries[told[1]])
        place = self.refs.place(proposal.get("place_name")) or self.refs.place_in(proposal["quote"]) \
            or self.told_events.get(proposal.get("follows"), {}).get("place")
        sentences = proposal.get("evidence") or [proposal]
        kind = next((e.get("type") for e in self.refs.entities if e["id"] == actor), None)
        if proposal.get("actor_country") and kind in (None, "government_body"):
            # "В Пекине ... не подтвердили. Официальный представитель МИД КНР Мао Нин ...": the
            # known person of that side a continuing sentence names speaks for it.
            actor = next((found for sentence in sentences[1:] for person in self.people
                          if sentence["start"] <= person["start"] < sentence["end"]
                          and person.get("country") == proposal.get("actor_country")
                          and (found := self.refs.known_person(person["name"], person.get("country")))), actor)
        date, basis = self.date_of(sentences)   # the first date any of its sentences gives
        if basis == "publication_bound" and proposal.get("follows") in self.told_events:
            date, basis = self.told_events[proposal["follows"]]["date"]   # "Он доставил ..."
        elif basis == "publication_bound" and sides:
            date, basis = sides[3]
        # The package's event of the same type, sides and place; words said (a denial, a
        # statement, an accusation) are the same only when said the same day.
        event_id = next((row["event_id"] for row in self.known.events
                         if (row["event_type"], row.get("actor_id"), row.get("target_id"), row.get("place_id"))
                         == (proposal["event_type"], actor, target, place)
                         and (proposal["event_type"] not in SAID or (
                             basis != "publication_bound" and row.get("date_edtf") == date))), None)
        if event_id:
            self.out.existing.append(event_id)
        else:
            event_id = self.refs.new_id(f"{actor or 'unknown'} {proposal['event_type']}")
            self.told_events[proposal["start"]] = {"date": (date, basis), "place": place}
            self.out.sections["events"].append({
                "id": event_id, "event_type": proposal["event_type"],
                "cameo_code": proposal.get("cameo_code"),
                "summary_en": f"DRAFT: {proposal['event_type'].replace('_', ' ')}"
                              + (f" by {actor}" if actor else "") + " - rewrite in your words.",
                "actor": actor, "target": target, "place": place, "date": date, "date_basis": basis,
                "claim_status": proposal["claim_status"]})
            self.known.events.append({"event_id": event_id, "event_type": proposal["event_type"],
                                      "actor_id": actor, "target_id": target, "place_id": place,
                                      "date_edtf": date})
        for sentence in sentences:
            end = with_full_stop(self.text, sentence["start"], sentence["start"] + len(sentence["quote"]))
            self.evidence("event", event_id, self.refs.source(sentence.get("attributed_to")),
                          self.text[sentence["start"]:end], sentence["start"])
        attributed = self.refs.source(proposal.get("attributed_to"))
        for item in proposal.get("items") or []:
            self.equipment(item, {"event": event_id}, proposal.get("actor_country") or countries.get(actor),
                           proposal.get("target_country") or proposal.get("place_country") or countries.get(target),
                           [], attributed)
