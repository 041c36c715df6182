"""Resolve stage: turn checked curation records into the rows of every table.

Each curated value is checked for meaning here (references between records, ISO codes,
controlled values, dates, quotes), with a problem naming the file, line and record.
Everything that can be computed is computed: offsets, hashes, ISO names, countries of
entities, date bounds, article and origin counts.
"""
from __future__ import annotations

import importlib.metadata
import pickle
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pycountry

from . import cache, countries, parallel, schemas
from .body import body_spans, find_body, parse_date_marker
from .curation import (Curation, article_pairs, check_unique_ids, id_index, read_article,
                       read_reference, stated_in)
from .dates import edtf_bounds, iso_date
from .errors import Problem, Problems
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
def _detector(key: str, lexicon_dir: Path, cache_dir: Path | None) -> MentionDetector:
    """The detector, from the build cache when it holds one for this key.

    Compiling the lexicon (analysing about 3,000 names with pymorphy3) is most of the
    detector's start-up and most of what a build of the real package does beyond imports;
    the compiled detector depends only on what the key covers, so it is kept in the cache
    (scripts/cache.py) and loaded in milliseconds."""
    data = cache.load(cache_dir, "mention-detector", key, "detector.pickle")
    if data is not None:
        try:
            return pickle.loads(data)  # noqa: S301 - written by this build only
        except (EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError):
            pass  # an unreadable entry is rebuilt
    detector = MentionDetector(lexicon_dir)
    cache.store(cache_dir, "mention-detector", key,
                {"detector.pickle": pickle.dumps(detector, protocol=pickle.HIGHEST_PROTOCOL)})
    return detector


def load_detector(lexicon_dir: Path, cache_dir: Path | None = None) -> MentionDetector:
    """The detector for these lexicon files, built once per content (it takes ~0.5 s), and
    kept in cache_dir across runs if one is given. The key covers the lexicon files, the
    detector's code and the versions of the libraries its lexicon comes from."""
    parts = [part for path in [*sorted(lexicon_dir.glob("*")),
                               Path(sys.modules[MentionDetector.__module__].__file__)]
             for part in (path.name, path.read_bytes())]
    parts += [f"{package}=={importlib.metadata.version(package)}"
              for package in ("pymorphy3", "pymorphy3-dicts-ru", "pymorphy3-dicts-uk", "pycountry")]
    return _detector(cache.digest(*parts, sys.version), lexicon_dir, cache_dir)


class Resolver:
    """Resolves one curation; collects problems rather than stopping at the first."""

    def __init__(self, curation: Curation, root: Path, reference: Curation | None = None):
        """Resolves the records of `curation`; ids are looked up in it and in `reference`
        (the shared entities and sources). With a reference, `curation` is one article and
        references to the facts and sources of other articles are deferred: kept in
        self.deferred, to be checked by check_deferred() once every article is resolved."""
        self.c = curation
        self.root = root
        self.problems = Problems(root)
        self.schemas_dir = root / "schemas"
        shared = reference or Curation()
        self.entities = {e["id"]: e for e in shared.entities + curation.entities}
        self.sources = {s["id"]: s for s in shared.sources + curation.sources}
        self.requests = {r["id"]: r for r in curation.requests}
        self.events = {e["id"]: e for e in curation.events}
        self.items = {i["id"]: i for i in curation.equipment}
        self.layouts = {sid: self.layout(article) for sid, article in curation.articles.items()}
        self.warnings: list[str] = []
        self.deferred: list[Deferred] | None = [] if reference is not None else None

    # -- checks that report a problem and return a usable value (or None) ---------------

    def problem(self, record: LineDict, what: str, fix: str, key: str | None = None) -> None:
        self.problems.add(record.file, record.get("id"), what, fix,
                          record.line_of(key) if key else record.line)

    def ref(self, record: LineDict, key: str, known: dict, kind: str, where: str):
        value = record.get(key)
        if value is not None and value not in known:
            if self.deferred is not None and kind in DEFERRABLE:
                self.deferred.append(Deferred(value, kind, where, key, str(record.file),
                                              record.get("id"), record.line_of(key)))
                return value
            self.problem(record, *unknown(key, value, kind, where), key)
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

    def mention_rows(self, detector: MentionDetector) -> list[dict]:
        rows = []
        for source_id, article in self.c.articles.items():
            language = self.sources[source_id].get("language")
            layout = self.layouts.get(source_id)
            if layout is None:
                continue
            if language not in LANGUAGES:
                self.warnings.append(f"{source_id}: no country mentions detected for language "
                                     f"{language!r} (the detector knows {', '.join(LANGUAGES)})")
                continue
            rows += [{"source_id": source_id, "start": m.start, "end": m.end, "text": m.text,
                      "country": m.country, "mention_kind": m.kind, "subdivision": m.subdivision,
                      "in_body": layout.contains(m.start, m.end)}
                     for m in detector.find(article.text, language)]
        return rows

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


def unmentioned_countries(tables: dict[str, pa.Table]) -> list[str]:
    """Warnings: a country a fact involves that the body of an article reporting it never mentions.

    Curated facts and automatic mentions are made independently; a country that a fact
    names but its article never mentions is either a curation slip or a mention the
    detector missed, and a curator should look at it.
    """
    def distinct(table: pa.Table, columns: list[str]) -> list[tuple]:
        pairs = table.select(columns).drop_null().group_by(columns).aggregate([])
        return list(zip(*(pairs[c].to_pylist() for c in columns)))

    mentions = tables["mentions"].filter(pc.field("in_body"))
    mentioned = set(distinct(mentions, ["source_id", "country"]))
    involved = {  # table: (key, country columns a fact "involves")
        "requests": ("request_id", ("requester_country", "addressee_country")),
        "equipment": ("item_id", ("supplier_country", "recipient_country")),
        "events": ("event_id", ("place_country",)),
    }
    warnings = []
    for table, (key, columns) in involved.items():
        reported_in = defaultdict(set)  # fact id -> articles with evidence for it
        for fact, source_id in distinct(tables["evidence"], [key, "source_id"]):
            reported_in[fact].add(source_id)
        for row in tables[table].select([key, *columns]).to_pylist():
            for column in columns:
                for source_id in sorted(reported_in[row[key]]):
                    if row[column] and (source_id, row[column]) not in mentioned:
                        warnings.append(f"{table} {row[key]}: {column} {row[column]} is not mentioned "
                                        f"in the body of {source_id}")
    return warnings


def country_codes(tables: dict[str, pa.Table], schemas_dir: Path) -> set[str]:
    """Every value of a column that the schemas declare a foreign key to countries."""
    codes = set()
    for table, rows in tables.items():
        for fk in schemas.load(schemas_dir, table).get("foreignKeys", []):
            if fk["reference"]["resource"] == "countries":
                codes.update(pc.unique(rows[fk["fields"][0]].drop_null()).to_pylist())
    return codes


# -- one article (in a worker) ----------------------------------------------------------------

@dataclass
class Part:
    """What a run of consecutive articles contributes: their rows, and what the checks
    across articles need."""
    read_problems: list[Problem] = field(default_factory=list)
    # (kind, id, file, line) of every record with an id, and of every citation (see Index)
    index: pa.RecordBatch | None = None
    # table -> one record batch for all the articles: compact, and quick to pickle
    rows: dict[str, pa.RecordBatch] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    deferred: list[Deferred] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=lambda: dict.fromkeys(STEPS, 0.0))


STEPS = ("read", "resolve", "mentions")  # timed inside each article's work


# Set by resolve() before the workers fork, so each inherits the loaded reference records and
# mention detector: (root, reference or None when it did not read cleanly, detector or None).
_SHARED: tuple | None = None


def resolve_articles(pairs: list[tuple[str, Path, Path]]) -> Part:
    """Read, check and resolve articles into their rows (sources, citations, facts, evidence,
    mentions), each on its own: references to other articles' records are deferred.

    Runs in a worker on a few dozen articles at a time: Arrow pays a fixed cost per record
    batch, so one batch per table for many articles keeps that cost small."""
    part, rows, index = Part(), defaultdict(list), []
    for pair in pairs:
        resolve_article(pair, part, rows, index)
    part.rows = {table: batch(rows[table], _SHARED[0] / "schemas", table) for table in rows}
    part.index = Index.batch(index)
    return part


def resolve_article(pair: tuple[str, Path, Path], part: Part, rows: dict[str, list],
                    index: list) -> None:
    root, reference, detector = _SHARED
    clock = time.process_time()
    curation, problems = read_article(root, *pair)
    part.read_problems += problems.items
    part.seconds["read"] += time.process_time() - clock
    if curation is None or reference is None:
        return
    index += id_index(curation) + citation_index(curation)
    clock = time.process_time()
    r = Resolver(curation, root, reference)
    rows["sources"] += r.source_rows()
    rows["citations"] += r.citation_rows()
    rows["requests"] += r.request_rows()
    rows["events"] += r.event_rows()
    rows["equipment"] += r.equipment_rows()
    rows["evidence"] += r.evidence_rows()
    part.seconds["resolve"] += time.process_time() - clock
    clock = time.process_time()
    rows["mentions"] += r.mention_rows(detector) if detector else []
    part.seconds["mentions"] += time.process_time() - clock
    part.problems += r.problems.items
    part.warnings += r.warnings
    part.deferred += r.deferred


# -- the whole corpus ------------------------------------------------------------------------

@dataclass
class Resolved:
    tables: dict[str, pa.Table]
    warnings: list[str]
    # CPU seconds spent per step, summed over articles (on all cores): read, resolve,
    # mentions; and the checks across articles, in the parent
    seconds: dict[str, float]


def resolve(root: Path) -> Resolved:
    """Read and resolve every input into the rows of all tables (column order from the
    schemas, rows sorted by key), and the warnings a curator should read. Raise BuildError
    with every problem found: reading problems first, on their own, as later checks would
    only repeat them.

    Articles are independent until their rows are joined, so each is read, resolved and
    searched for mentions on its own, on all cores for large corpora; only the checks that
    join articles (unique ids, references to other articles' records, citation cycles,
    article and origin counts) run once over the merged rows.
    """
    global _SHARED
    problems = Problems(root)
    reference = read_reference(root, problems)
    pairs = article_pairs(root, problems)
    lexicon = root / "reference" / "lexicon"
    detector, lexicon_error = None, None
    try:
        detector = load_detector(lexicon, root / ".cache")
    except LexiconError as exc:
        lexicon_error = exc
    _SHARED = (root, None if problems else reference, detector)
    # Runs of consecutive articles, enough of them to keep every core busy to the end.
    size = max(1, min(ARTICLES_PER_TASK, len(pairs) // 16))
    runs = [pairs[i:i + size] for i in range(0, len(pairs), size)]
    try:
        parts = ordered_map(resolve_articles, runs, chunksize=1,
                            min_items=1 if len(pairs) >= parallel.MIN_ITEMS else len(runs) + 1)
    finally:
        _SHARED = None
    index = Index([Index.batch(id_index(reference))] + [part.index for part in parts])
    for part in parts:
        problems.items += part.read_problems
    check_unique_ids(index.repeated(), problems)
    problems.raise_if_any()

    clock = time.process_time()
    r = Resolver(reference, root)
    if lexicon_error:
        r.problems.add(lexicon, None, str(lexicon_error), "correct the lexicon entry named")
    batches = {"entities": [batch(r.entity_rows(), r.schemas_dir, "entities")],
               "sources": [batch(r.source_rows(), r.schemas_dir, "sources")]}
    warnings, deferred = r.warnings, []
    seconds = dict.fromkeys(STEPS, 0.0)
    for part in parts:
        for table, rows in part.rows.items():
            batches.setdefault(table, []).append(rows)
        r.problems.items += part.problems
        warnings += part.warnings
        deferred += part.deferred
        for step, value in part.seconds.items():
            seconds[step] += value
    del parts
    tables = {table: pa.Table.from_batches(batches.pop(table, []),
                                           schemas.arrow_columns(r.schemas_dir, table, COUNTS))
              for table in schemas.TABLES if table != "countries"}
    check_deferred(deferred, tables, r.problems)
    graph = check_citation_cycles(tables["citations"], index, r.problems)
    inputs = set(pc.filter(tables["sources"]["source_id"], tables["sources"]["is_input"]).to_pylist())
    origins = lru_cache(maxsize=None)(lambda source: frozenset(roots(source, graph, inputs)))
    for table, key, kind in (("requests", "request_id", "request"), ("events", "event_id", "event"),
                             ("equipment", "item_id", "item")):
        tables[table] = count_support(tables, table, key, kind, origins, index, r.problems)
    r.problems.raise_if_any()
    tables["countries"] = pa.Table.from_pylist(
        [countries.country_row(code) for code in sorted(country_codes(tables, r.schemas_dir))],
        schemas.arrow_columns(r.schemas_dir, "countries"))
    for name in schemas.TABLES:
        tables[name] = order(tables[name], schemas.load(r.schemas_dir, name))
    warnings += unmentioned_countries(tables)
    seconds["checks across articles"] = time.process_time() - clock
    return Resolved(tables, warnings, seconds)


ARTICLES_PER_TASK = 50

# Columns computed once all articles are in: left out of the articles' record batches.
COUNTS = ("article_count", "origin_count")


def batch(rows: list[dict], schemas_dir: Path, table: str) -> pa.RecordBatch:
    """Rows of a table as one Arrow record batch: far smaller than dicts, and quick to pickle."""
    return pa.RecordBatch.from_pylist(rows, schema=schemas.arrow_columns(schemas_dir, table, COUNTS))


@dataclass(frozen=True)
class Deferred:
    """A reference from one article to a record that may be in another, checked once all
    articles are resolved."""
    value: str
    kind: str
    where: str
    key: str
    file: str
    record: str | None
    line: int | None


# kind of record -> the table (and key column) where the record's id must be found
DEFERRABLE = {"request": ("requests", "request_id"), "event": ("events", "event_id"),
              "equipment item": ("equipment", "item_id"), "source": ("sources", "source_id")}


def unknown(key: str, value: str, kind: str, where: str) -> tuple[str, str]:
    """The problem and fix for a reference to an id that is not defined."""
    return (f"{key} {value!r} is not a known {kind}",
            f"use an id defined in {where}, or add the {kind} there")


def check_deferred(deferred: list[Deferred], tables: dict[str, pa.Table], problems: Problems) -> None:
    if not deferred:
        return
    known = {kind: set(tables[table][column].to_pylist()) for kind, (table, column) in DEFERRABLE.items()}
    for d in deferred:
        if d.value not in known[d.kind]:
            problems.add(d.file, d.record, *unknown(d.key, d.value, d.kind, d.where), d.line)


def check_citation_cycles(citations: pa.Table, index: Index, problems: Problems) -> dict[str, set[str]]:
    """The citation graph (citing -> cited); a cycle in it is a problem."""
    graph: dict[str, set[str]] = defaultdict(set)
    pairs = citations.select(["citing_source_id", "cited_source_id"]).drop_null()
    for citing, cited in zip(*(column.to_pylist() for column in pairs.columns)):
        graph[citing].add(cited)
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycle = " -> ".join(path[path.index(nxt):] + [nxt]) if nxt in path else nxt
                file, line = index.where("citations", citation_key(node, nxt))
                problems.add(file, None, f"citations form a cycle: {cycle}",
                             "a source cannot credit, directly or not, a source that credits it; "
                             "remove the wrong citation", line)
            elif state.get(nxt) is None:
                visit(nxt, path + [nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    return graph


def count_support(tables: dict[str, pa.Table], table: str, key: str, kind: str,
                  origins, index: Index, problems: Problems) -> pa.Table:
    """The fact table with article_count and origin_count; a fact without evidence is a problem.

    origins(source) is the frozenset of roots() of a source."""
    support = (tables["evidence"].select([key, "source_id", "attributed_to_id"]).drop_null()
               .group_by(key).aggregate([("source_id", "count_distinct"),
                                         ("attributed_to_id", "distinct")]))
    facts = support[key].to_pylist()
    articles = dict(zip(facts, support["source_id_count_distinct"].to_pylist()))
    attributed = dict(zip(facts, support["attributed_to_id_distinct"].to_pylist()))
    article_counts, origin_counts = [], []
    for fact in tables[table][key].to_pylist():
        if fact not in articles:
            file, line = index.where(table, fact)
            problems.add(file, fact, f"{kind} has no evidence quote",
                         f"add an evidence record with `{key.removesuffix('_id')}: {fact}` "
                         "to the file of each article that reports it", line)
        article_counts.append(articles.get(fact, 0))
        origin_counts.append(len(frozenset().union(*map(origins, attributed.get(fact, [])))))
    return (tables[table].append_column("article_count", pa.array(article_counts, pa.int64()))
                         .append_column("origin_count", pa.array(origin_counts, pa.int64())))


def citation_key(citing: str | None, cited: str | None) -> str:
    return f"{citing} -> {cited}"


def citation_index(curation: Curation) -> list[tuple[str, str, Path, int]]:
    """Index entries for citations, which have no id: their line, for the cycle check."""
    return [("citations", citation_key(c.get("citing"), c.get("cited")), c.file, c.line)
            for c in curation.citations]


class Index:
    """Where every record is defined: (kind, id, file, line), in reading order, as Arrow
    columns (several hundred thousand records for a large corpus). Used to find repeated
    ids, and to point a problem found after merging at its record."""

    SCHEMA = pa.schema([("kind", pa.string()), ("id", pa.string()), ("file", pa.string()),
                        ("line", pa.int64())])

    def __init__(self, batches: list[pa.RecordBatch]):
        self.table = pa.Table.from_batches(batches, self.SCHEMA)

    @classmethod
    def batch(cls, entries: list[tuple]) -> pa.RecordBatch:
        columns = list(zip(*entries)) or [[], [], [], []]
        return pa.RecordBatch.from_arrays(
            [pa.array(columns[0], pa.string()), pa.array(columns[1], pa.string()),
             pa.array([str(f) for f in columns[2]], pa.string()), pa.array(columns[3], pa.int64())],
            schema=cls.SCHEMA)

    def repeated(self) -> list[tuple[str, str, str, int]]:
        """The entries of every (kind, id) defined more than once, in reading order."""
        counts = pc.value_counts(self.table["id"])
        twice = counts.filter(pc.greater(counts.field("counts"), 1)).field("values")
        if not len(twice):
            return []
        candidates = [(r["kind"], r["id"], r["file"], r["line"]) for r in
                      self.table.filter(pc.is_in(self.table["id"], value_set=twice)).to_pylist()
                      if r["kind"] != "citations"]  # a citation has no id: stated twice is fine
        times = Counter((kind, record_id) for kind, record_id, _, _ in candidates)
        return [entry for entry in candidates if times[entry[:2]] > 1]

    def where(self, kind: str, record_id: str) -> tuple[str, int]:
        """(file, line) of the first definition of a record."""
        found = self.table.filter(pc.and_(pc.equal(self.table["kind"], kind),
                                          pc.equal(self.table["id"], record_id)))
        return found["file"][0].as_py(), found["line"][0].as_py()


def order(table: pa.Table, schema: dict) -> pa.Table:
    """The table with exactly the schema's columns, in its order, sorted by primary key
    (strings by code point, as their UTF-8 bytes sort)."""
    return table.select(schemas.field_names(schema)).sort_by([(k, "ascending") for k in schema["primaryKey"]])
