"""Names in an article resolved to what reference/ knows: entities and sources.

* people, governments and outlets: entities of reference/entities.yaml (by name, else the
  government body of the country); what is missing is proposed as a record to add to
  reference/, and the draft uses its id, so the build names it until it is added;
* credited outlets and documents: their sources in reference/sources.yaml (the outlet's
  report, or the one no article credits yet when it has several, or a new one proposed);
  documents of a state named by its country ("документы правительства США") are that
  state's government body's documents.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from slugify import slugify

from scripts import countries
from scripts.curator.draft.detect import find_entities
from scripts.yamlio import YamlError, load_yaml

DOCUMENT_WORDS = ("документ",)  # a credited name with this stem is documents, not a report
STATE_KINDS = ("documents", "body")
SOURCE_WORDS = {"government_documents": "documents", "social_media_post": "post", "news_article": "report"}
# A preposition of place, then at most one word, right before a place's name.
PLACE_BEFORE_RE = re.compile(r"(?:^|[^\w])(?:в|во|у|на|до|над|под|під|біля|около|возле)\s+(?:\w+\s+)?$",
                             re.IGNORECASE)  # credits that can stand for a state's government


@dataclass
class Known:
    """What the repository knows already: reference records and the package's facts."""
    entities: list[dict]
    sources: list[dict]
    requests: list[dict] = field(default_factory=list)   # rows of datapackage/csv/requests.csv
    equipment: list[dict] = field(default_factory=list)  # rows of datapackage/csv/equipment.csv
    events: list[dict] = field(default_factory=list)     # rows of datapackage/csv/events.csv
    cited: set[str] = field(default_factory=set)         # sources the package's articles credit
    # request id -> the sources its evidence is credited to
    credited: dict[str, set[str]] = field(default_factory=dict)
    # every record id of the articles' curation files (ids are unique across all files)
    ids: set[str] = field(default_factory=set)

    @classmethod
    def read(cls, root: Path, entities: list[dict], sources: list[dict]) -> Known:
        """Reference records, and the requests, equipment and events of the built package."""
        def rows(name: str) -> list[dict]:
            path = root / "datapackage" / "csv" / f"{name}.csv"
            if not path.is_file():
                return []
            with path.open(encoding="utf-8", newline="") as handle:
                return [{k: (v or None) for k, v in row.items()} for row in csv.DictReader(handle)]
        evidence = rows("evidence")
        cited = {row["cited_source_id"] for row in rows("citations")} | {row["attributed_to_id"] for row in evidence}
        credited: dict[str, set[str]] = {}
        for row in evidence:
            if row.get("request_id"):
                credited.setdefault(row["request_id"], set()).add(row["attributed_to_id"])
        return cls(entities, sources, rows("requests"), rows("equipment"), rows("events"), cited, credited,
                   curated_ids(root / "articles"))


def curated_ids(articles: Path) -> set[str]:
    """The ids of every record in articles/*.yaml, built or not (a file that does not read
    is skipped: the build names its problem)."""
    found: set[str] = set()
    for path in sorted(articles.glob("*.yaml")) if articles.is_dir() else ():
        try:
            document = load_yaml(path)
        except (YamlError, OSError):
            continue
        for records in (document.values() if isinstance(document, dict) else ()):
            for record in records if isinstance(records, list) else [records]:
                if isinstance(record, dict) and isinstance(record.get("id"), str):
                    found.add(record["id"])
    return found


def same_name(known: list[str], written: list[str]) -> bool:
    """The same person's name, the given name perhaps spelt another way ("Владімір Падріно
    Лопес" for "Володимир Падріно Лопес"): the same surname words, the given names with
    the same initial."""
    if known == written:
        return True
    return len(known) == len(written) > 1 and known[1:] == written[1:] and known[0][:1] == written[0][:1]


def acronym(name: str) -> str:
    """"European Union" -> EU, "Collective Security Treaty Organization" -> CSTO: how the
    extractor's alliance codes (actors.yaml) name an entity of reference/entities.yaml."""
    return "".join(word[0] for word in name.split() if word[:1].isupper())


class References:
    """Entity and source ids for names, proposing the records reference/ lacks."""

    def __init__(self, known: Known, source_id: str, language: str | None, taken: set[str]):
        self.known, self.source_id, self.language, self.taken = known, source_id, language, taken
        self.to_add: dict[str, list[dict]] = {}   # "entities"/"sources" -> records

    def new_id(self, stem: str) -> str:
        candidate, n = slugify(stem) or "record", 1
        base = candidate
        while candidate in self.taken:
            n += 1
            candidate = f"{base}-{n}"
        self.taken.add(candidate)
        return candidate

    def proposed(self, kind: str, record: dict) -> str:
        self.to_add.setdefault(kind, []).append(record)
        return record["id"]

    @property
    def entities(self) -> list[dict]:
        return self.known.entities + self.to_add.get("entities", [])

    @property
    def sources(self) -> list[dict]:
        return self.known.sources + self.to_add.get("sources", [])

    def entity(self, name: str | None, country: str | None, organisation: str | None = None) -> str:
        if organisation:
            for e in self.entities:
                if organisation.casefold() in {str(e.get(k, "")).casefold() for k in ("id", "name_en")} \
                        or organisation == acronym(str(e.get("name_en") or "")):
                    return e["id"]
            return self.proposed("entities", {"id": self.new_id(organisation), "type": "organisation",
                                              "name_en": organisation, "country": None})
        if name:
            for match in find_entities(name, self.entities):
                # A capital standing for its government ("Каракас просил Москву") is not
                # the place: the government body of the country is meant.
                if match.entity.get("type") == "place":
                    continue
                if country is None or match.entity.get("country") == country:
                    return match.id
            known = self.by_slug(name)
            if known and known.get("type") != "place" and (country is None or known.get("country") == country):
                return known["id"]
        if country:
            return self.government(country)
        return self.proposed("entities", {"id": self.new_id(name or "unknown party"), "type": "person",
                                          **self.names(name), "country": None})

    def government(self, country: str) -> str:
        for e in self.entities:
            if e.get("type") == "government_body" and e.get("country") == country:
                return e["id"]
        short = countries.short_name(country)
        return self.proposed("entities", {"id": self.new_id(f"{short} government"),
                                          "type": "government_body",
                                          "name_en": f"Government of {short}", "country": country})

    def person(self, name: str, country: str | None) -> str | None:
        """The known person named in the nominative (as reference/ writes names), so the
        subject of a sentence: "Рамон Веласкес попросил", not "письмо Николаса Мадуро"."""
        key, written = f"name_{self.language}", name.casefold().split()
        for e in self.known.entities:
            if e.get("type") == "person" and e.get("country") == country \
                    and same_name(str(e.get(key) or "").casefold().split(), written):
                return e["id"]
        return None

    def place(self, name: str | None) -> str | None:
        """A place of reference/entities.yaml the name stands for (None when there is none:
        the curator adds it)."""
        if not name:
            return None
        return next((m.id for m in find_entities(name, self.entities) if m.entity.get("type") == "place"), None)

    def known_person(self, name: str, country: str | None) -> str | None:
        """A person of reference/entities.yaml the name (any case form) stands for."""
        return next((m.id for m in find_entities(name, self.known.entities)
                     if m.entity.get("type") == "person" and (country is None or m.entity.get("country") == country)),
                    None)

    def place_in(self, text: str) -> str | None:
        """The first place of reference/entities.yaml a text names as where something is,
        behind a preposition of place and at most one word ("в аэропорт Майкетия", "у
        Каракасі"); not "співпраця Пекіна та Каракаса", where the capital is a side."""
        hits = sorted((h.start, m.id) for m in find_entities(text, self.entities)
                      if m.entity.get("type") == "place" for h in m.hits
                      if PLACE_BEFORE_RE.search(text[max(0, h.start - 40):h.start]))
        return hits[0][1] if hits else None

    def names(self, name: str | None) -> dict:
        """A new entity's names: as written, under the article's language (name_en is left
        for the curator: null, which the build refuses until it is filled), or as name_en
        when written in Latin letters."""
        if name and not re.search(r"[\u0400-\u04FF]", name):   # "Reuters": written in Latin letters
            return {"name_en": name}
        written = {f"name_{self.language}": name} if self.language in ("ru", "uk") and name else {}
        return {"name_en": None if written else name, **written}

    def by_slug(self, name: str) -> dict | None:
        """An entity whose id or English name transliterates like the name ("Вестник" is
        vestnik): outlets are often known only by their Latin name."""
        slug = slugify(name)
        return next((e for e in self.entities
                     if slug and slug in (e["id"], slugify(str(e.get("name_en") or "")))), None)

    def source(self, name: str | None, kind: str | None = None, country: str | None = None) -> str:
        """The source id for a credited name; the article itself when there is none. kind is
        the extractor's (outlet, person, body, documents, post: a person's post on a social
        network); country, the one the credited
        words name ("внутренние документы правительства США": US)."""
        if not name or name.casefold() == self.source_id.casefold():
            return self.source_id
        documents = kind == "documents" or any(word in name.casefold() for word in DOCUMENT_WORDS)
        outlets = [m.id for m in find_entities(name, self.entities)
                   if m.entity.get("type") in ("media_outlet", "organisation", "government_body", "person")]
        if not outlets and self.by_slug(name):
            outlets = [self.by_slug(name)["id"]]
        if not outlets and country and kind in STATE_KINDS:
            outlets = [self.government(country)]
        wanted = "government_documents" if documents else "social_media_post" if kind == "post" else None
        for outlet in outlets:
            reports = [s for s in self.sources if s.get("publisher") == outlet]
            fitting = [s["id"] for s in reports if wanted is None or s.get("type") == wanted] \
                or [r["id"] for r in reports]
            # Of an outlet's several reports, one no article credits yet is the one recorded
            # for the article at hand (a report the package cites is about its own facts).
            fresh = [report for report in fitting if report not in self.known.cited]
            if fitting:
                return (fresh if len(fresh) == 1 else fitting)[0]
        publisher = outlets[0] if outlets else self.proposed("entities", {
            "id": self.new_id(name), "type": "government_body" if documents else "person" if kind == "post"
            else "media_outlet", **self.names(name), "country": None})
        made = "government_documents" if documents else "social_media_post" if kind == "post" else "news_article"
        return self.proposed("sources", {"id": self.new_id(f"{publisher} {SOURCE_WORDS[made]}"), "type": made,
                                         "publisher": publisher})
