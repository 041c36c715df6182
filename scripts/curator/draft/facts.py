"""Turn the extractor's proposals (scripts/curator/extract) into curation records.

The draft fills citations, requests, equipment and evidence with ready records that the
curator accepts, edits or deletes. Each proposal is resolved against what the repository
already knows:
* people, governments and outlets: entities of reference/entities.yaml (by name, else the
  government body of the country); what is missing is proposed as a record to add to
  reference/, and the draft uses its id, so the build names it until it is added;
* credited outlets: their sources in reference/sources.yaml (one report per outlet, or a
  new one proposed);
* facts the package already has: a request with the same requester and addressee
  countries (or the same alliance), an item of that request with the same category, is
  given evidence from this article instead of being defined again (ids are unique across
  all files, and a second definition would count one fact twice).
Nothing is typed in that the text does not give: summaries and descriptions are marked
as drafts to rewrite, dates are the open interval ending at publication.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from slugify import slugify

from scripts import countries
from scripts.curator.draft.detect import find_entities
from scripts.quotes import occurrences

CAMEO_MILITARY_AID = "0232"  # CAMEO: Appeal for military aid
DOCUMENT_WORDS = ("документ",)  # a credited name with this stem is documents, not a report


@dataclass
class Known:
    """What the repository knows already: reference records and the package's facts."""
    entities: list[dict]
    sources: list[dict]
    requests: list[dict] = field(default_factory=list)   # rows of datapackage/csv/requests.csv
    equipment: list[dict] = field(default_factory=list)  # rows of datapackage/csv/equipment.csv

    @classmethod
    def read(cls, root: Path, entities: list[dict], sources: list[dict]) -> Known:
        def rows(name: str) -> list[dict]:
            path = root / "datapackage" / "csv" / f"{name}.csv"
            if not path.is_file():
                return []
            with path.open(encoding="utf-8", newline="") as handle:
                return [{k: (v or None) for k, v in row.items()} for row in csv.DictReader(handle)]
        return cls(entities, sources, rows("requests"), rows("equipment"))


@dataclass
class Proposals:
    """Records for the article's sections, and records to add to reference/."""
    sections: dict[str, list[dict]] = field(default_factory=dict)
    to_add: dict[str, list[dict]] = field(default_factory=dict)  # "entities"/"sources" -> records
    existing: list[str] = field(default_factory=list)  # facts of the package given evidence here


class Drafter:
    def __init__(self, text: str, source_id: str, published: str | None, known: Known,
                 language: str | None = None):
        self.text, self.source_id, self.published, self.known = text, source_id, published, known
        self.language = language
        self.people: list[dict] = []
        self.out = Proposals(sections={name: [] for name in ("citations", "requests", "equipment",
                                                             "evidence")})
        self.taken = ({e["id"] for e in known.entities} | {s["id"] for s in known.sources}
                      | {r["request_id"] for r in known.requests} | {i["item_id"] for i in known.equipment})
        self.evidence_count = 0

    # -- ids and quotes ---------------------------------------------------------------------

    def new_id(self, stem: str) -> str:
        candidate, n = slugify(stem) or "record", 1
        base = candidate
        while candidate in self.taken:
            n += 1
            candidate = f"{base}-{n}"
        self.taken.add(candidate)
        return candidate

    def quoted(self, record: dict, quote: str, start: int) -> dict:
        """record with quote (and occurrence, when the quote is not unique in the article)."""
        record["quote"] = quote
        starts = occurrences(self.text, quote)
        if len(starts) > 1 and start in starts:
            record["occurrence"] = starts.index(start) + 1
        return record

    # -- entities and sources ---------------------------------------------------------------

    def proposed(self, kind: str, record: dict) -> str:
        self.out.to_add.setdefault(kind, []).append(record)
        return record["id"]

    def entity(self, name: str | None, country: str | None, organisation: str | None = None) -> str:
        entities = self.known.entities + self.out.to_add.get("entities", [])
        if organisation:
            for e in entities:
                if organisation.casefold() in {str(e.get(k, "")).casefold() for k in ("id", "name_en")}:
                    return e["id"]
            return self.proposed("entities", {"id": self.new_id(organisation), "type": "organisation",
                                              "name_en": organisation, "country": None})
        if name:
            for match in find_entities(name, entities):
                # A capital standing for its government ("Каракас просил Москву") is not
                # the place: the government body of the country is meant.
                if match.entity.get("type") == "place":
                    continue
                if country is None or match.entity.get("country") == country:
                    return match.id
            known = self.by_slug(name, entities)
            if known and (country is None or known.get("country") == country):
                return known["id"]
        if country:
            for e in entities:
                if e.get("type") == "government_body" and e.get("country") == country:
                    return e["id"]
            short = countries.short_name(country)
            return self.proposed("entities", {"id": self.new_id(f"{short} government"),
                                              "type": "government_body",
                                              "name_en": f"Government of {short}", "country": country})
        return self.proposed("entities", {"id": self.new_id(name or "unknown party"), "type": "person",
                                          **self.names(name), "country": None})

    def names(self, name: str | None) -> dict:
        """A new entity's names: as written, under the article's language; name_en is left
        for the curator (null, which the build refuses until it is filled)."""
        written = {f"name_{self.language}": name} if self.language in ("ru", "uk") and name else {}
        return {"name_en": None if written else name, **written}

    @staticmethod
    def by_slug(name: str, entities: list[dict]) -> dict | None:
        """An entity whose id or English name transliterates like the name ("Вестник" is
        vestnik): outlets are often known only by their Latin name."""
        slug = slugify(name)
        return next((e for e in entities if slug and slug in (e["id"], slugify(str(e.get("name_en") or "")))),
                    None)

    def source(self, name: str | None, kind: str | None = None) -> str:
        """The source id for a credited name; the article itself when there is none. kind is
        the extractor's (outlet, person, body, documents)."""
        if not name:
            return self.source_id
        if name.casefold() in {self.source_id.casefold()}:
            return self.source_id
        sources = self.known.sources + self.out.to_add.get("sources", [])
        entities = self.known.entities + self.out.to_add.get("entities", [])
        outlets = [m.id for m in find_entities(name, entities)
                   if m.entity.get("type") in ("media_outlet", "organisation", "government_body", "person")]
        if not outlets and self.by_slug(name, entities):
            outlets = [self.by_slug(name, entities)["id"]]
        for outlet in outlets:
            reports = [s["id"] for s in sources if s.get("publisher") == outlet]
            if reports:
                return reports[0]
        documents = kind == "documents" or any(word in name.casefold() for word in DOCUMENT_WORDS)
        publisher = outlets[0] if outlets else self.proposed("entities", {
            "id": self.new_id(name), "type": "government_body" if documents else "media_outlet",
            **self.names(name), "country": None})
        return self.proposed("sources", {"id": self.new_id(f"{publisher} {'documents' if documents else 'report'}"),
                                         "type": "government_documents" if documents else "news_article",
                                         "publisher": publisher})

    def is_government(self, entity_id: str) -> bool:
        entities = self.known.entities + self.out.to_add.get("entities", [])
        return any(e["id"] == entity_id and e.get("type") == "government_body" for e in entities)

    # -- facts --------------------------------------------------------------------------------

    def evidence(self, key: str, fact: str, attributed_to: str, quote: str, start: int) -> None:
        self.evidence_count += 1
        record = {"id": self.new_id(f"{self.source_id}-{self.evidence_count:02d}"), key: fact,
                  "attributed_to": attributed_to}
        self.out.sections["evidence"].append(self.quoted(record, quote, start))

    def citations(self, proposals: list[dict]) -> None:
        seen = set()
        for c in proposals:
            citing = self.source(c["via"]) if c.get("via") else self.source_id
            cited = self.source(c["cited_name"], c.get("kind"))
            if citing == cited or (citing, cited) in seen:
                continue
            seen.add((citing, cited))
            self.out.sections["citations"].append(
                self.quoted({"citing": citing, "cited": cited}, c["quote"], c["start"]))

    def existing_request(self, requester_country, addressee_country, addressee_id) -> str | None:
        for row in self.known.requests:
            if row["requester_country"] == requester_country and (
                    (addressee_country and row["addressee_country"] == addressee_country)
                    or (not addressee_country and row["addressee_id"] == addressee_id)):
                return row["request_id"]
        return None

    def person_in(self, sentences: list[dict], country: str | None) -> str | None:
        """A known person of the country named in one of the sentences (the extractor's
        people, from appositions such as "министр транспорта Венесуэлы Рамон Веласкес")."""
        for person in self.people:
            if person.get("country") != country:
                continue
            if any(s["start"] <= person["start"] and person["end"] <= s["end"] for s in sentences):
                for match in find_entities(person["name"], self.known.entities):
                    if match.entity.get("type") == "person" and match.entity.get("country") == country:
                        return match.id
        return None

    def request(self, proposal: dict) -> None:
        sentences = proposal.get("evidence") or [proposal]
        requester = (self.entity(proposal.get("requester_name"), proposal.get("requester_country"))
                     if proposal.get("requester_name") else None)
        if requester is None or self.is_government(requester):
            requester = self.person_in(sentences, proposal.get("requester_country")) or requester \
                or self.entity(None, proposal.get("requester_country"))
        addressee = self.entity(proposal.get("addressee_name"), proposal.get("addressee_country"),
                                proposal.get("addressee_organisation"))
        attributed = self.source(proposal.get("attributed_to"))
        request_id = self.existing_request(proposal.get("requester_country"),
                                           proposal.get("addressee_country"), addressee)
        if request_id:
            self.out.existing.append(request_id)
        else:
            request_id = self.new_id(f"request {requester} {addressee}")
            asked = ", ".join(dict.fromkeys(i["category"].replace("_", " ") for i in proposal["items"]))
            self.out.sections["requests"].append({
                "id": request_id, "requester": requester, "addressee": addressee,
                "channel": proposal.get("channel") or "unspecified", "cameo_code": CAMEO_MILITARY_AID,
                "summary_en": f"DRAFT: {requester} asked {addressee} for military help"
                              + (f" ({asked})" if asked else "") + " - rewrite in your words.",
                "purpose_en": None,
                "date": f"../{self.published}" if self.published else None,
                "date_basis": "publication_bound" if self.published else None})
            self.known.requests.append({"request_id": request_id, "addressee_id": addressee,
                                        "requester_country": proposal.get("requester_country"),
                                        "addressee_country": proposal.get("addressee_country")})
        # Every sentence that reports the request is evidence for it, each credited to the
        # source its own sentence names (the first is often the headline, crediting no one).
        for sentence in sentences:
            self.evidence("request", request_id, self.source(sentence.get("attributed_to")),
                          sentence["quote"], sentence["start"])
        for item in proposal["items"]:
            # An item is credited like the sentence it stands in.
            around = next((s for s in sentences if s["start"] <= item["start"] and item["end"] <= s["end"]),
                          None)
            self.item(item, request_id, proposal,
                      self.source(around.get("attributed_to")) if around else attributed)

    def item(self, item: dict, request_id: str, proposal: dict, attributed: str) -> None:
        same = [row["item_id"] for row in self.known.equipment
                if row["request_id"] == request_id and row["category"] == item["category"]]
        if same:
            item_id = same[0]
            self.out.existing.append(item_id)
        else:
            item_id = self.new_id(f"{request_id} {item['category']}")
            self.out.sections["equipment"].append({
                "id": item_id, "request": request_id,
                "description_en": f"DRAFT: {item['action']} of {item['category'].replace('_', ' ')} "
                                  "- rewrite in your words",
                "action": item["action"], "category": item["category"],
                "sipri_category": item.get("sipri_category"),
                "supplier_country": proposal.get("addressee_country"),
                "recipient_country": proposal.get("requester_country"),
                "quantity": item.get("quantity"), "max_range_km": item.get("max_range_km")})
            self.known.equipment.append({"item_id": item_id, "request_id": request_id,
                                         "category": item["category"]})
        self.evidence("item", item_id, attributed, item["text"], item["start"])


def propose(extraction: dict, text: str, source_id: str, published: str | None,
            known: Known) -> Proposals:
    """Curation records for an article from the extractor's proposals."""
    drafter = Drafter(text, source_id, published, known, extraction.get("language"))
    drafter.people = extraction.get("people", [])
    drafter.citations(extraction.get("citations", []))
    for request in extraction.get("requests", []):
        drafter.request(request)
    return drafter.out
