"""Resolve stage: turn checked curation records into the rows of every table.

Each curated value is checked for meaning here (references between records, ISO codes,
controlled values, dates, quotes), with a problem naming the file, line and record.
Everything that can be computed is computed: offsets, hashes, ISO names, countries of
entities, date bounds, article and origin counts.
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pycountry

from . import countries, schemas
from .body import body_spans, find_body, parse_date_marker
from .curation import Curation, stated_in
from .dates import edtf_bounds, iso_date
from .errors import Problems
from .mentions import LANGUAGES, LexiconError, MentionDetector
from .parallel import ordered_map
from .quotes import QuoteError, locate
from .yamlio import LineDict


@dataclass(frozen=True)
class Layout:
    """Where the article is inside its saved page (see scripts/body.py)."""
    archive_date: object        # datetime.date | None
    body: tuple[int, int]
    spans: tuple[tuple[int, int], ...]  # body without photo captions

    def contains(self, start: int, end: int) -> bool:
        return any(a <= start and end <= b for a, b in self.spans)


@lru_cache(maxsize=4)
def _detector(digest: str, lexicon_dir: Path) -> MentionDetector:
    return MentionDetector(lexicon_dir)


_WORKER_DETECTOR: MentionDetector | None = None


def _find_mentions(job: tuple[str, str, str]):
    """Mentions in one article; runs in a worker that inherited _WORKER_DETECTOR by fork."""
    _, text, language = job
    return _WORKER_DETECTOR.find(text, language)


def load_detector(lexicon_dir: Path) -> MentionDetector:
    """The detector for these lexicon files, built once per content (it takes ~0.5 s)."""
    digest = hashlib.sha256()
    for path in sorted(lexicon_dir.glob("*")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return _detector(digest.hexdigest(), lexicon_dir)


class Resolver:
    """Resolves one curation; collects problems rather than stopping at the first."""

    def __init__(self, curation: Curation, root: Path):
        self.c = curation
        self.root = root
        self.problems = Problems(root)
        self.schemas_dir = root / "schemas"
        self.entities = {e["id"]: e for e in curation.entities}
        self.sources = {s["id"]: s for s in curation.sources}
        self.requests = {r["id"]: r for r in curation.requests}
        self.events = {e["id"]: e for e in curation.events}
        self.items = {i["id"]: i for i in curation.equipment}
        self.layouts = {sid: self.layout(article) for sid, article in curation.articles.items()}
        self.warnings: list[str] = []

    # -- checks that report a problem and return a usable value (or None) ---------------

    def problem(self, record: LineDict, what: str, fix: str, key: str | None = None) -> None:
        self.problems.add(record.file, record.get("id"), what, fix,
                          record.line_of(key) if key else record.line)

    def ref(self, record: LineDict, key: str, known: dict, kind: str, where: str):
        value = record.get(key)
        if value is not None and value not in known:
            self.problem(record, f"{key} {value!r} is not a known {kind}",
                         f"use an id defined in {where}, or add the {kind} there", key)
            return None
        return value

    def category(self, record: LineDict, key: str, table: str, column: str):
        value = record.get(key)
        field = next(f for f in schemas.load(self.schemas_dir, table)["fields"] if f["name"] == column)
        allowed = schemas.allowed_values(field)
        if value is not None and value not in allowed:
            self.problem(record, f"{key} {value!r} is not an allowed value",
                         f"use one of {', '.join(allowed)} (explained in schemas/{table}.json)", key)
            return None
        return value

    def country(self, record: LineDict, key: str):
        value = record.get(key)
        if value is not None and countries.lookup(value) is None:
            self.problem(record, f"{key} {value!r} is not an ISO 3166-1 alpha-2 code",
                         "use the two-letter upper-case code, e.g. VE, RU, CN, IR, US", key)
            return None
        return value

    def subdivision(self, record: LineDict, key: str, country: str | None):
        value = record.get(key)
        if value is None:
            return None
        if not countries.is_subdivision(value):
            self.problem(record, f"{key} {value!r} is not an ISO 3166-2 code",
                         "use a code such as VE-D (Aragua); see pycountry.subdivisions", key)
            return None
        if country and not value.startswith(country + "-"):
            self.problem(record, f"{key} {value!r} is not a subdivision of country {country}",
                         "make country and subdivision agree", key)
        return value

    def date(self, record: LineDict, key: str):
        value = record.get(key)
        if value is None:
            return None
        try:
            return iso_date(value)
        except ValueError:
            self.problem(record, f"{key} {value!r} is not a calendar date",
                         "write an existing date as YYYY-MM-DD", key)
            return None

    def edtf(self, record: LineDict):
        value = record.get("date")
        if value is None:
            return None, None, None
        try:
            earliest, latest = edtf_bounds(value)
        except ValueError as exc:
            self.problem(record, f"date: {exc}",
                         "write an EDTF date: 2025-10-26, 2025-10~, [2025-08..2025-10], ../2025-10-31",
                         "date")
            return None, None, None
        return value, earliest, latest

    def quote(self, record: LineDict):
        article = self.c.articles[stated_in(record)]
        try:
            return locate(article.text, record["quote"], record.get("occurrence"))
        except QuoteError as exc:
            self.problem(record, f"{exc.what}: {record['quote']!r}", exc.fix, "quote")
            return None, None

    def entity_country(self, record: LineDict, key: str, required: bool = False):
        entity = self.entities.get(record.get(key))
        country = entity.get("country") if entity else None
        if required and entity and country is None:
            self.problem(record, f"{key} {entity['id']!r} has no country",
                         f"set `country` of {entity['id']!r} in reference/entities.yaml", key)
        return country

    def layout(self, article) -> Layout | None:
        try:
            archive_date, _ = parse_date_marker(article.text)
        except ValueError as exc:
            self.problems.add(article.text_path, article.source_id, str(exc),
                              "correct the date in the leading ' date YYYY-MM-DD' line", 1)
            return None
        return Layout(archive_date, find_body(article.text), tuple(body_spans(article.text)))

    # -- tables ------------------------------------------------------------------------

    def entity_rows(self) -> list[dict]:
        rows = []
        for e in self.c.entities:
            country = self.country(e, "country")
            rows.append({
                "entity_id": e["id"], "entity_type": self.category(e, "type", "entities", "entity_type"),
                "name_en": e["name_en"], "name_ru": e.get("name_ru"), "name_uk": e.get("name_uk"),
                "country": country, "subdivision": self.subdivision(e, "subdivision", country),
                "role_en": e.get("role_en"), "wikidata_id": e.get("wikidata_id"),
            })
        return rows

    def source_rows(self) -> list[dict]:
        rows = []
        for s in self.c.sources:
            article = self.c.articles.get(s["id"])
            layout = self.layouts.get(s["id"])
            language = s.get("language")
            if language is not None and pycountry.languages.get(alpha_2=language) is None:
                self.problem(s, f"language {language!r} is not an ISO 639-1 code",
                             "use a two-letter code such as ru, uk, en", "language")
            if article and language is None:
                self.problem(s, "an input article needs its language", "set language: ru or uk")
            rows.append({
                "source_id": s["id"], "source_type": self.category(s, "type", "sources", "source_type"),
                "publisher_id": self.ref(s, "publisher", self.entities, "entity", "reference/entities.yaml"),
                "title": s.get("title"), "language": language,
                "published_date": self.date(s, "published_date"), "url": s.get("url"),
                "is_input": article is not None,
                "text_sha256": article.sha256 if article else None,
                "archive_date": layout.archive_date if layout else None,
                "body_start": layout.body[0] if layout else None,
                "body_end": layout.body[1] if layout else None,
            })
        return rows

    def citation_rows(self) -> list[dict]:
        rows, seen = [], set()
        for c in self.c.citations:
            citing = self.ref(c, "citing", self.sources, "source", "reference/sources.yaml")
            cited = self.ref(c, "cited", self.sources, "source", "reference/sources.yaml")
            key = (citing, cited, stated_in(c))
            if key in seen:
                self.problem(c, f"citation {citing} -> {cited} is stated twice in this article",
                             "keep one of the two records")
            seen.add(key)
            start, end = self.quote(c)
            rows.append({"citing_source_id": citing, "cited_source_id": cited,
                         "stated_in_id": stated_in(c), "quote": c["quote"], "start": start, "end": end})
        return rows

    def request_rows(self) -> list[dict]:
        rows = []
        for r in self.c.requests:
            edtf, earliest, latest = self.edtf(r)
            rows.append({
                "request_id": r["id"],
                "requester_id": self.ref(r, "requester", self.entities, "entity", "reference/entities.yaml"),
                "requester_country": self.entity_country(r, "requester", required=True),
                "addressee_id": self.ref(r, "addressee", self.entities, "entity", "reference/entities.yaml"),
                "addressee_country": self.entity_country(r, "addressee", required=True),
                "channel": self.category(r, "channel", "requests", "channel"),
                "cameo_code": r["cameo_code"], "summary_en": r["summary_en"],
                "purpose_en": r.get("purpose_en"),
                "date_edtf": edtf, "date_earliest": earliest, "date_latest": latest,
            })
        return rows

    def event_rows(self) -> list[dict]:
        rows = []
        for e in self.c.events:
            edtf, earliest, latest = self.edtf(e)
            refs = {key: self.ref(e, key, self.entities, "entity", "reference/entities.yaml")
                    for key in ("actor", "target", "place")}
            place = self.entities.get(refs["place"])
            rows.append({
                "event_id": e["id"], "event_type": self.category(e, "event_type", "events", "event_type"),
                "cameo_code": e.get("cameo_code"), "summary_en": e["summary_en"],
                "actor_id": refs["actor"], "actor_country": self.entity_country(e, "actor"),
                "target_id": refs["target"], "target_country": self.entity_country(e, "target"),
                "place_id": refs["place"], "place_country": self.entity_country(e, "place"),
                "place_subdivision": place.get("subdivision") if place else None,
                "date_edtf": edtf, "date_earliest": earliest, "date_latest": latest,
                "claim_status": self.category(e, "claim_status", "events", "claim_status"),
            })
        return rows

    def equipment_rows(self) -> list[dict]:
        rows = []
        for i in self.c.equipment:
            rows.append({
                "item_id": i["id"],
                "request_id": self.ref(i, "request", self.requests, "request", "an article's requests"),
                "event_id": self.ref(i, "event", self.events, "event", "an article's events"),
                "description_en": i["description_en"],
                "action": self.category(i, "action", "equipment", "action"),
                "category": self.category(i, "category", "equipment", "category"),
                "sipri_category": self.category(i, "sipri_category", "equipment", "sipri_category"),
                "supplier_country": self.country(i, "supplier_country"),
                "recipient_country": self.country(i, "recipient_country"),
                "quantity": i.get("quantity"), "max_range_km": i.get("max_range_km"),
            })
        return rows

    def evidence_rows(self) -> list[dict]:
        rows = []
        for ev in self.c.evidence:
            source_id = stated_in(ev)
            start, end = self.quote(ev)
            rows.append({
                "evidence_id": ev["id"], "source_id": source_id,
                "request_id": self.ref(ev, "request", self.requests, "request", "an article's requests"),
                "item_id": self.ref(ev, "item", self.items, "equipment item", "an article's equipment"),
                "event_id": self.ref(ev, "event", self.events, "event", "an article's events"),
                "attributed_to_id": self.ref(ev, "attributed_to", self.sources, "source",
                                             "reference/sources.yaml or an article's source"),
                "quote": ev["quote"], "start": start, "end": end,
                "language": self.sources[source_id].get("language"),
            })
        return rows

    def mention_rows(self) -> list[dict]:
        lexicon = self.root / "reference" / "lexicon"
        try:
            detector = load_detector(lexicon)
        except LexiconError as exc:
            self.problems.add(lexicon, None, str(exc), "correct the lexicon entry named")
            return []
        jobs = []
        for source_id, article in self.c.articles.items():
            language = self.sources[source_id].get("language")
            if self.layouts.get(source_id) is None:
                continue
            if language not in LANGUAGES:
                self.warnings.append(f"{source_id}: no country mentions detected for language "
                                     f"{language!r} (the detector knows {', '.join(LANGUAGES)})")
                continue
            jobs.append((source_id, article.text, language))
        global _WORKER_DETECTOR
        _WORKER_DETECTOR = detector  # inherited by forked workers, see _find_mentions
        rows = []
        for (source_id, _, _), found in zip(jobs, ordered_map(_find_mentions, jobs), strict=True):
            layout = self.layouts[source_id]
            rows += [{"source_id": source_id, "start": m.start, "end": m.end, "text": m.text,
                      "country": m.country, "mention_kind": m.kind, "subdivision": m.subdivision,
                      "in_body": layout.contains(m.start, m.end)} for m in found]
        return rows

    # -- computed across tables ----------------------------------------------------------

    def check_citation_cycles(self, citations: list[dict]) -> dict[str, set[str]]:
        graph: dict[str, set[str]] = defaultdict(set)
        for row in citations:
            if row["citing_source_id"] and row["cited_source_id"]:
                graph[row["citing_source_id"]].add(row["cited_source_id"])
        state: dict[str, int] = {}  # 1 = on the current path, 2 = done

        def visit(node: str, path: list[str]) -> None:
            state[node] = 1
            for nxt in sorted(graph.get(node, ())):
                if state.get(nxt) == 1:
                    cycle = " -> ".join(path[path.index(nxt):] + [nxt]) if nxt in path else nxt
                    record = next(c for c in self.c.citations if c["citing"] == node and c["cited"] == nxt)
                    self.problem(record, f"citations form a cycle: {cycle}",
                                 "a source cannot credit, directly or not, a source that credits it; "
                                 "remove the wrong citation")
                elif state.get(nxt) is None:
                    visit(nxt, path + [nxt])
            state[node] = 2

        for node in sorted(graph):
            if node not in state:
                visit(node, [node])
        return graph

    def count_support(self, rows: list[dict], key: str, evidence: list[dict],
                      graph: dict[str, set[str]], table: str, records: dict) -> None:
        """article_count and origin_count for each fact row; a fact without evidence is a problem."""
        inputs = self.c.articles.keys()
        by_fact = defaultdict(list)
        for ev in evidence:
            by_fact[ev[key]].append(ev)
        for row in rows:
            support = by_fact.get(row[key], [])
            if not support:
                self.problem(records[row[key]], f"{table} has no evidence quote",
                             f"add an evidence record with `{key.removesuffix('_id')}: {row[key]}` "
                             "to the file of each article that reports it")
            row["article_count"] = len({ev["source_id"] for ev in support})
            row["origin_count"] = len(set().union(*(roots(ev["attributed_to_id"], graph, inputs)
                                                    for ev in support))) if support else 0


def roots(source_id: str | None, graph: dict[str, set[str]], inputs) -> set[str]:
    """The sources at the end of every citation path from source_id (itself if it cites none).

    An input article that evidence is attributed to is its own origin: the article then
    speaks on its own authority, and the credits it gives elsewhere are for other
    statements, so following them would count origins that do not back this one.
    """
    if source_id is None:
        return set()
    if source_id in inputs:
        return {source_id}
    found, stack, seen = set(), [source_id], {source_id}
    while stack:
        node = stack.pop()
        cited = graph.get(node)
        if not cited:
            found.add(node)
        for nxt in cited or ():
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return found


def unmentioned_countries(tables: dict[str, list[dict]]) -> list[str]:
    """Warnings: a country a fact involves that the body of an article reporting it never mentions.

    Curated facts and automatic mentions are made independently; a country that a fact
    names but its article never mentions is either a curation slip or a mention the
    detector missed, and a curator should look at it.
    """
    mentioned = defaultdict(set)
    for m in tables["mentions"]:
        if m["in_body"]:
            mentioned[m["source_id"]].add(m["country"])
    involved = {  # table: (key, country columns a fact "involves")
        "requests": ("request_id", ("requester_country", "addressee_country")),
        "equipment": ("item_id", ("supplier_country", "recipient_country")),
        "events": ("event_id", ("place_country",)),
    }
    reported_in = defaultdict(set)  # (fact column, fact id) -> articles with evidence for it
    for ev in tables["evidence"]:
        for key, _ in involved.values():
            if ev[key]:
                reported_in[key, ev[key]].add(ev["source_id"])
    warnings = []
    for table, (key, columns) in involved.items():
        for row in tables[table]:
            articles = sorted(reported_in[key, row[key]])
            for column in columns:
                for source_id in articles:
                    if row[column] and row[column] not in mentioned[source_id]:
                        warnings.append(f"{table} {row[key]}: {column} {row[column]} is not mentioned "
                                        f"in the body of {source_id}")
    return warnings


def country_codes(tables: dict[str, list[dict]], schemas_dir: Path) -> set[str]:
    """Every value of a column that the schemas declare a foreign key to countries."""
    codes = set()
    for table, rows in tables.items():
        for fk in schemas.load(schemas_dir, table).get("foreignKeys", []):
            if fk["reference"]["resource"] == "countries":
                codes.update(row[fk["fields"][0]] for row in rows if row[fk["fields"][0]])
    return codes


def resolve(curation: Curation, root: Path) -> tuple[dict[str, list[dict]], list[str]]:
    """All tables as lists of rows (column order from the schemas, rows sorted by key), and
    the warnings a curator should read."""
    r = Resolver(curation, root)
    tables = {
        "entities": r.entity_rows(), "sources": r.source_rows(), "citations": r.citation_rows(),
        "requests": r.request_rows(), "events": r.event_rows(), "equipment": r.equipment_rows(),
        "evidence": r.evidence_rows(), "mentions": r.mention_rows(),
    }
    graph = r.check_citation_cycles(tables["citations"])
    r.count_support(tables["requests"], "request_id", tables["evidence"], graph, "request", r.requests)
    r.count_support(tables["events"], "event_id", tables["evidence"], graph, "event", r.events)
    r.count_support(tables["equipment"], "item_id", tables["evidence"], graph, "item", r.items)
    r.problems.raise_if_any()
    tables["countries"] = [countries.country_row(code)
                           for code in sorted(country_codes(tables, r.schemas_dir))]
    ordered = {name: order(tables[name], schemas.load(r.schemas_dir, name)) for name in schemas.TABLES}
    return ordered, r.warnings + unmentioned_countries(ordered)


def order(rows: list[dict], schema: dict) -> list[dict]:
    """Rows with exactly the schema's columns, in its order, sorted by primary key."""
    names = schemas.field_names(schema)
    key = schema["primaryKey"]
    return sorted(({n: row[n] for n in names} for row in rows), key=lambda row: [row[k] for k in key])
