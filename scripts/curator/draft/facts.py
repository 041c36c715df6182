"""Turn the extractor's proposals (scripts/curator/extract) into curation records.

The draft fills citations, requests, equipment, events and evidence with ready records
that the curator accepts, edits or deletes. Names are resolved against reference/ (see
references.py); facts against the package:
* a request with the same requester and addressee countries (or the same alliance) is
  the same fact when every category the proposal asks for is one that request has, or it
  names no item, and the text does not call it separate ("отдельно", "окремо", "ещё один
  запрос"): a retelling names what the known request asked for, while an ask for
  something it did not include is a request of its own; an item of that request with
  the same category is the same item. A fact the package has is given
  evidence from this article instead of being defined again (ids are unique across all
  files, and a second definition would count one fact twice);
* evidence is proposed for every sentence that reports a fact and every words naming an
  item, each credited to the source its own sentence names; a headline credits no one,
  so it is credited to the source the body credits for the same fact (the project's
  convention: a headline of a credited report is that report's).
Dates are read from the reporting sentences (dates.py); nothing is typed in that the text
does not give: summaries and descriptions are marked as drafts to rewrite.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from scripts.curator.draft.dates import DateReader
from scripts.curator.draft.events import Events
from scripts.curator.draft.references import Known, References
from scripts.curator.draft.reports import Reports
from scripts.curator.draft.sides import Sides
from scripts.curator.draft.spans import Words, list_line, sentence_around, with_full_stop
from scripts.dates import edtf_bounds
from scripts.quotes import occurrences

CAMEO_MILITARY_AID = "0232"  # CAMEO: Appeal for military aid
# Words that make a request one of its own, not a retelling of one already known.
SEPARATE_RE = re.compile(r"\b(?:отдельно|окремо|ещ[её] од(?:ин|ну|но)|ще од(?:ин|ну|не)"
                         r"|нов(?:ый|ую|ое|ий|е|у) (?:запрос|просьб|обращени|запит|прохання|звернення))",
                         re.IGNORECASE)
# A sentence that recalls an earlier ask ("Ще в березні Теодоро просив ...", "Ранее Каракас
# уже просил ..."): a request of its own unless the package has it (recalled()). "Ещё" only
# before a time ("Ещё летом"), not counting more ("Ещё два пункта касаются авиации").
EARLIER_RE = re.compile(r"^\W*(?:(?:[Ее]щ[её]|[Щщ]е)\s+(?:в|во|у|на|до|с|з|летом|весной|осенью|зимой|влітку|навесні"
                        r"|восени|взимку|торік|тогда|тоді)|[Рр]анее|[Рр]аніше|[Пп]режде|[Дд]о (?:этого|цього))\b")
WE = frozenset({"мы", "ми"})   # the requester speaking for its side
CREDIT_LEAD_RE = re.compile(r"(?:\b(?:[Оо]б этом|[Пп]ро це|[Рр]анее|[Рр]аніше)\s+)$")


@dataclass
class Proposals:
    """Records for the article's sections, and records to add to reference/."""
    sections: dict[str, list[dict]] = field(default_factory=dict)
    to_add: dict[str, list[dict]] = field(default_factory=dict)  # "entities"/"sources" -> records
    existing: list[str] = field(default_factory=list)  # facts of the package given evidence here


class Drafter(Reports, Events, Sides):
    def __init__(self, text: str, source_id: str, published: str | None, known: Known,
                 language: str | None = None, root: Path | None = None,
                 headline: tuple[int, int] | None = None, mentions=()):
        self.text, self.source_id, self.published, self.known = text, source_id, published, known
        self.language, self.headline, self.mentions = language, headline, list(mentions)
        self.people: list[dict] = []
        self.credited: list[dict] = []   # the extractor's sentences with the source each credits
        self.credit_starts: list[int] = []   # where the extractor's citations start
        self.headline_whole = True   # a headline reporting requests is quoted whole (see propose)
        self.told_events: dict[int, dict] = {}   # start of a drafted event -> its date and place
        self.out = Proposals(sections={name: [] for name in ("citations", "requests", "equipment",
                                                             "events", "evidence")})
        taken = (set(known.ids) | {e["id"] for e in known.entities} | {s["id"] for s in known.sources}
                 | {e["event_id"] for e in known.events}
                 | {r["request_id"] for r in known.requests} | {i["item_id"] for i in known.equipment})
        self.refs = References(known, source_id, language, taken)
        self.package_items = {i["item_id"] for i in known.equipment}
        # (id, requester country, addressee country, sentences, requester id, channel) of each drafted
        self.told_requests: list[tuple] = []
        self.askers: dict[str, str] = {}   # country -> the person who asked in a request drafted here
        # (start, requester, addressee, (date, basis)) of each request drafted
        self.sides: list[tuple[int, str, str, tuple]] = []
        self.said: set[int] = set()   # starts of sentences quoted whole for an item (said_of)
        self.item_starts: set[int] = set()   # where every item the extractor proposes is named
        self.letter_given = False   # the sentences speaking of the letter went to a request
        self.out.to_add = self.refs.to_add
        self.words = Words.of(language or "ru", root) if root is not None else None
        self.dates = DateReader(language or "ru", self.words.lemmas) if self.words else None
        self.evidence_count = 0
        self.evidence_starts: list[int] = []   # where each evidence quote starts

    # -- quotes ------------------------------------------------------------------------------

    def quoted(self, record: dict, quote: str, start: int) -> dict:
        """record with quote (and occurrence, when the quote is not unique in the article)."""
        record["quote"] = quote
        starts = occurrences(self.text, quote)
        if len(starts) > 1 and start in starts:
            record["occurrence"] = starts.index(start) + 1
        return record

    def in_headline(self, start: int) -> bool:
        return self.headline is not None and self.headline[0] <= start < self.headline[1]

    def spoken(self, sentence: dict) -> tuple[str, int]:
        """"«Мы просим ровно то, что нужно ...»": an ask in the requester's own words is
        quoted as the whole sentence they said, with its quotation marks when it is all of
        the quotation."""
        start, end = sentence_around(self.text, sentence["start"], sentence["end"])
        words = self.text[start:end].rstrip()
        close = words.find("»")
        if words.startswith("«") and close > sentence["start"] - start:   # «...», — сказал министр
            return words[:close + 1], start
        words = words.lstrip("«").rstrip("».!?… ")
        start = self.text.index(words, start)
        return words, start

    def headline_text(self) -> tuple[str, int]:
        """The headline's words, without the spaces around them, and where they start."""
        start, end = self.headline
        line = self.text[start:end]
        return line.strip(), start + len(line) - len(line.lstrip())

    def headline_request(self) -> None:
        """"Баку хочет получить пакистанские JF-17 на два года раньше срока — Dawn": a headline
        that names both sides of a request drafted here, and reports no request of its own,
        is evidence of the first such request."""
        if self.headline is None or any(self.in_headline(start) for start in self.evidence_starts):
            return
        named = {m.country for m in self.mentions if self.headline[0] <= m.start and m.end <= self.headline[1]}
        for request_id, requester, addressee, sentences, *_ in self.told_requests:
            if requester in named and addressee in named:
                quote, start = self.headline_text()
                self.evidence("request", request_id, self.attributed({"start": start}, sentences), quote, start)
                return

    def country_in(self, start: int, end: int) -> str | None:
        return next((m.country for m in self.mentions if start <= m.start and m.end <= end), None)

    # -- citations ---------------------------------------------------------------------------

    def citations(self, proposals: list[dict]) -> None:
        seen = set()
        for c in proposals:
            citing = self.refs.source(c["via"]) if c.get("via") else self.source_id
            cited = self.refs.source(c["cited_name"], c.get("kind"), self.country_in(c["start"], c["end"]))
            if citing == cited or (citing, cited) in seen:
                continue
            seen.add((citing, cited))
            quote, start = c["quote"], c["start"]
            # "X со ссылкой на Y" is quoted whole for X's credit of Y, as curators do (X's own
            # credit by the article is a record of its own).
            if not c.get("via") and (lead := CREDIT_LEAD_RE.search(self.text, max(0, start - 12), start)):
                quote, start = self.text[lead.start():c["end"]], lead.start()
            self.out.sections["citations"].append(
                self.quoted({"citing": citing, "cited": cited}, quote, start))

    # -- requests and items -----------------------------------------------------------------

    def existing_request(self, requester_country, addressee_country, addressee_id,
                         categories: set[str]) -> str | None:
        for row in self.known.requests:
            if row["requester_country"] != requester_country or not (
                    (addressee_country and row["addressee_country"] == addressee_country)
                    or (not addressee_country and row["addressee_id"] == addressee_id)):
                continue
            theirs = {i["category"] for i in self.known.equipment if i.get("request_id") == row["request_id"]}
            if not categories or not theirs or categories <= theirs:
                return row["request_id"]
        return None

    def body_credit(self, sentences: list[dict]) -> str | None:
        """The source the body credits for a fact (for its headline)."""
        return next((s["attributed_to"] for s in sentences if s.get("attributed_to")), None)

    def attributed(self, sentence: dict | None, sentences: list[dict]) -> str:
        name = sentence.get("attributed_to") if sentence else None
        if name is None and sentence is not None and self.in_headline(sentence["start"]):
            name = self.body_credit(sentences)
        return self.refs.source(name)

    def recalled(self, proposal: dict, sentences: list[dict]) -> dict[str, list[dict]]:
        """Sentences of a proposal that recall a request of the package ("Раніше The
        Washington Post повідомляла, що міністр ... Веласкес просив в Ірану ..."): its asker,
        a known person, named as subject, to the same country, credited to a source the
        package already credits that request to. By request id; the extractor merges all of
        a country pair's sentences."""
        country, asked = proposal.get("requester_country"), proposal.get("addressee_country")
        found: dict[str, list[dict]] = {}
        drafted = {told[0] for told in self.told_requests}
        for sentence in sentences[1:]:
            person = self.refs.person(sentence.get("requester_name") or "", country)
            source = self.refs.source(sentence.get("attributed_to")) if person else None
            rows = [r for r in self.known.requests if person and r.get("requester_id") == person
                    and r.get("addressee_country") == asked and r["request_id"] not in drafted
                    and source in self.known.credited.get(r["request_id"], ())]
            if rows:
                found.setdefault(rows[0]["request_id"], []).append(sentence)
        return found

    def request(self, proposal: dict) -> None:
        sentences = proposal.get("evidence") or [proposal]
        recalled = self.recalled(proposal, sentences)
        if recalled and len(sum(recalled.values(), [])) < len(sentences):
            for known_id, told in recalled.items():   # evidence for the package's request
                self.out.existing.append(known_id)
                inside = [i for i in proposal["items"]
                          if all(any(s["start"] <= m["start"] < s["end"] for s in told) for m in i.get("mentions") or [i])]
                for sentence in told:
                    self.evidence("request", known_id, self.attributed(sentence, told), *self.clause(sentence))
                for item in inside:
                    self.equipment(item, {"request": known_id}, None, None, told, only_known=True)
            moved = [s for told in recalled.values() for s in told]
            proposal = {**proposal, "items": [i for i in proposal["items"] if not all(
                any(s["start"] <= m["start"] < s["end"] for s in moved) for m in i.get("mentions") or [i])]}
            sentences = [s for s in sentences if s not in moved]
        earlier = [s for s in sentences[1:] if EARLIER_RE.search(
            self.text[sentence_around(self.text, s["start"], s["end"])[0]:s["start"] + 1]) or self.long_before(s)]
        # An earlier ask told in passing is a request of its own, with the items named there.
        proposal, sentences, earlier_ask = self.split_off(proposal, sentences, earlier)
        follow_ups = self.follow_ups(sentences)
        channel = self.channel(proposal, follow_ups)
        # sentences that open on the letter: they tell a request that went by letter
        letters = self.letter_told() if channel in ("letter", "unspecified") else []
        proposal = {**proposal, "channel": "letter" if letters else channel}
        follow_ups += [s for s in letters if not any(s["start"] <= t["start"] < s["end"] for t in sentences + follow_ups)]
        follow_ups += self.list_handed(sentences + follow_ups) + self.explained(sentences + follow_ups)
        letter = self.letter_sides(proposal.get("requester_country"), proposal.get("addressee_country")) \
            if proposal["channel"] == "letter" else (None, None)
        requester = self.requester(proposal, sentences, letter)
        # Another person told asking ("Президент ... закликав Німеччину"): a request of its own.
        proposal, sentences, other_ask = self.split_off(proposal, sentences, self.other_askers(
            sentences, requester, proposal.get("requester_country")))
        addressee = self.addressee(proposal, sentences, letter)

        categories = {item["category"] for item in proposal["items"]}
        separate = proposal.get("earlier") or any(SEPARATE_RE.search(s["quote"]) for s in sentences)
        request_id = None if separate else self.existing_request(
            proposal.get("requester_country"), proposal.get("addressee_country"), addressee, categories)
        if request_id:
            self.out.existing.append(request_id)
        else:
            request_id = self.refs.new_id(f"request {requester} {addressee}")
            self.told_requests.append((request_id, proposal.get("requester_country"),
                                       proposal.get("addressee_country"), sentences, requester, proposal["channel"]))
            asked = ", ".join(dict.fromkeys(i["category"].replace("_", " ") for i in proposal["items"]))
            date, basis = self.date_of(letters + sentences + follow_ups)   # a letter's date first
            self.sides.append((proposal["start"], requester, addressee, (date, basis)))
            self.out.sections["requests"].append({
                "id": request_id, "requester": requester, "addressee": addressee,
                "channel": proposal["channel"], "cameo_code": CAMEO_MILITARY_AID,
                "summary_en": f"DRAFT: {requester} asked {addressee} for military help"
                              + (f" ({asked})" if asked else "") + " - rewrite in your words.",
                "purpose_en": None, "date": date, "date_basis": basis})
            self.known.requests.append({"request_id": request_id, "addressee_id": addressee,
                                        "requester_country": proposal.get("requester_country"),
                                        "addressee_country": proposal.get("addressee_country")})
        # Every sentence that reports the request is evidence for it, each credited to the
        # source its own sentence names.
        for sentence in sentences + follow_ups:
            if sentence.get("trigger") == "list" or sentence["quote"].rstrip().endswith(":"):
                continue   # a list's lead-in and its lines: the items on them are the evidence
            quote, start = self.clause(sentence)
            if self.in_headline(start) and self.headline_whole:
                quote, start = self.headline_text()
            elif (sentence.get("requester_name") or "").casefold() in WE:
                quote, start = self.spoken(sentence)
            else:
                quote = self.before_items(quote, start, proposal["items"])
            quote = self.text[start:with_full_stop(self.text, start, start + len(quote))]
            self.evidence("request", request_id, self.attributed(sentence, sentences), quote, start)
        for item in proposal["items"]:
            self.equipment(item, {"request": request_id}, proposal.get("addressee_country"),
                           proposal.get("requester_country"), sentences,
                           self.refs.source(proposal.get("attributed_to")))
        for ask in (other_ask, earlier_ask):   # after this one: their records follow
            if ask is not None:
                self.request(ask)

    def long_before(self, sentence: dict) -> bool:
        """"У вересні ... Косіняк-Камиш просив Вашингтон ...", "В январе 2024 года Гайана
        просила ...", "Таллінн ще в жовтні ... попросив": a sentence whose first words, or its
        ask's, date it over a month before publication recalls an ask of its own."""
        if self.dates is None or not self.published:
            return False
        start, end = sentence_around(self.text, sentence["start"], sentence["end"])
        # its first words, and the first words of the ask ("Окремо, ..., Таллінн ще в жовтні ... попросив")
        opening = " ".join(self.text[start:end].split()[:4]) + " " + " ".join(sentence["quote"].split()[:5])
        published = dt.date.fromisoformat(self.published)
        found = self.dates.find([opening], published)
        if found is None or found.basis != "stated":
            return False
        latest = edtf_bounds(found.edtf)[1]
        return latest is not None and (published - latest).days > 31

    def equipment(self, item: dict, owner: dict, supplier: str | None, recipient: str | None,
                  sentences: list[dict], attributed: str | None = None, only_known: bool = False) -> None:
        """An item of a request ({"request": id}) or an event ({"event": id}); one of the
        request with the same category is the same item (only_known: evidence for such an
        item, or nothing)."""
        (key, owner_id), = owner.items()
        # An item of the package's request with the same category is the same item; items
        # drafted here are all kept ("ремонт 12 радаров" and "ещё две станции" are two).
        same = [row["item_id"] for row in self.known.equipment
                if key == "request" and row.get("request_id") == owner_id and row["category"] == item["category"]
                and row["item_id"] in self.package_items]
        if same:
            item_id = same[0]
            self.out.existing.append(item_id)
        elif only_known:
            return
        else:
            if item.get("max_range_km") is None and key == "request":
                item = {**item, "max_range_km": self.range_told_again(item)}
            item_id = self.refs.new_id(f"{owner_id} {item['category']}")
            self.out.sections["equipment"].append({
                "id": item_id, key: owner_id,
                "description_en": f"DRAFT: {item['action']} of {item['category'].replace('_', ' ')} "
                                  "- rewrite in your words",
                "action": item["action"], "category": item["category"],
                "sipri_category": item.get("sipri_category"),
                "supplier_country": supplier, "recipient_country": recipient,
                "quantity": item.get("quantity"), "max_range_km": item.get("max_range_km")})
            self.known.equipment.append({"item_id": item_id, f"{key}_id": owner_id,
                                         "category": item["category"]})
        # Each words naming the item are evidence, with the count and action word in front,
        # credited like the sentence they stand in.
        for mention in item.get("mentions") or [item]:
            around = next((s for s in sentences if s["start"] <= mention["start"] < s["end"]), None)
            floor = sentence_around(self.text, mention["start"], mention["end"])[0]
            start = self.words.lead(self.text, mention["start"], floor) if self.words else mention["start"]
            end = max(mention["end"], mention.get("told_end") or 0)   # with its range, if told
            if self.words and key == "request":   # an event's next clause is its own evidence
                end = self.words.described(self.text, end)
            line = list_line(self.text, mention["start"]) if key == "request" else None
            if line and not any(line[0] <= other < line[1] for other in self.item_starts - {mention["start"]}):
                start, end = line   # "- прискорити постачання 96 гелікоптерів ...;": the line is the item's
            self.evidence("item", item_id, self.attributed(around, sentences) if around
                          else (attributed or self.source_id), self.text[start:end], start)
        for sentence in self.said_of(item) + self.counted_of(item) if key == "request" else ():
            self.evidence("item", item_id, self.refs.source(sentence.get("attributed_to")),
                          sentence["quote"], sentence["start"])

    def evidence(self, key: str, fact: str, attributed_to: str, quote: str, start: int) -> None:
        if any(e.get(key) == fact and e["quote"] == quote for e in self.out.sections["evidence"]):
            return
        self.evidence_count += 1
        self.evidence_starts.append(start)
        record = {"id": self.refs.new_id(f"{self.source_id}-{self.evidence_count:02d}"), key: fact,
                  "attributed_to": attributed_to}
        self.out.sections["evidence"].append(self.quoted(record, quote, start))


def propose(extraction: dict, text: str, source_id: str, published: str | None,
            known: Known, root: Path | None = None, headline: tuple[int, int] | None = None,
            mentions=()) -> Proposals:
    """Curation records for an article from the extractor's proposals. root gives the
    lexicons for quotes and dates; headline, the span of the title line; mentions, the
    country mentions found in the text."""
    drafter = Drafter(text, source_id, published, known, extraction.get("language"), root,
                      headline, mentions)
    drafter.people = extraction.get("people", [])
    drafter.credited = extraction.get("sentences", [])
    drafter.credit_starts = [c["start"] for c in extraction.get("citations", [])]
    drafter.item_starts = {m["start"] for r in extraction.get("requests", []) for i in r.get("items") or []
                           for m in i.get("mentions") or [i]}
    # Curators quote a headline that reports requests whole, unless it tells them in clauses
    # of their own ("Україна попросила Німеччину про ..., а Швецію — про ..."): disjoint quotes.
    told = [(e["start"], e["end"]) for r in extraction.get("requests", []) for e in r.get("evidence") or [r]
            if drafter.in_headline(e["start"])]
    drafter.headline_whole = not any(a_end <= b or b_end <= a for a, a_end in told for b, b_end in told)
    drafter.citations(extraction.get("citations", []))
    for request in extraction.get("requests", []):
        drafter.request(request)
    drafter.headline_request()
    drafter.quoted_asks()
    drafter.passing_mentions(drafter.credited)
    for event in extraction.get("events", []):
        drafter.event(event)
    return drafter.out
