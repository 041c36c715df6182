"""What a curation record is resolved against, and where its problems go.

A Scope holds the ids a record may refer to (the shared entities and sources, and the
facts of the article being resolved), the layout of each article, and the checks that
turn a curated value into a published one: each check reports a problem naming the file,
line and record, and returns a usable value or None, so one build reports every problem.
The row builders in scripts/build/rows/ are plain functions of (record, scope).
"""
from __future__ import annotations

from dataclasses import dataclass

import pycountry

from scripts import countries, registry, schemas
from scripts.body import Layout
from scripts.build.read import Curation, stated_in
from scripts.context import Context
from scripts.dates import edtf_bounds, iso_date
from scripts.errors import Problems
from scripts.quotes import QuoteError, locate
from scripts.yamlio import LineDict


@dataclass(frozen=True)
class Deferred:
    """A reference from one article to a record that may be in another, checked once all
    articles are resolved (scripts/build/across.py)."""
    value: str
    table: str
    key: str
    file: str
    record: str | None
    line: int | None


def defined_in(table: str) -> str:
    """Where the records of a table are defined, for messages."""
    entry = registry.get(table)
    if table == "sources":
        return "reference/sources.yaml or an article's source"
    if entry.origin == "reference":
        return f"reference/{table}.yaml"
    return f"an article's {table}"


def unknown(key: str, value: str, table: str) -> tuple[str, str]:
    """The problem and fix for a reference to an id that is not defined."""
    kind, where = registry.get(table).kind, defined_in(table)
    return (f"{key} {value!r} is not a known {kind}", f"use an id defined in {where}, or add the {kind} there")


class Scope:
    """Resolves the records of `curation`; ids are looked up in it and in `reference` (the
    shared entities and sources). With a reference, `curation` is one article, and
    references to the facts and sources of other articles are deferred (self.deferred)."""

    def __init__(self, context: Context, curation: Curation, reference: Curation | None = None):
        self.context = context
        self.curation = curation
        self.problems = Problems(context.root)
        self.warnings: list[str] = []
        self.deferred: list[Deferred] | None = [] if reference is not None else None
        shared = reference or Curation()
        self.known = {table.name: {record["id"]: record for record in
                                   shared.records(table.name) + curation.records(table.name)}
                      for table in registry.with_ids()}
        self.layouts = {source_id: self.layout(article)
                        for source_id, article in curation.articles.items()}

    def problem(self, record: LineDict, what: str, fix: str, key: str | None = None) -> None:
        self.problems.add(record.file, record.get("id"), what, fix,
                          record.line_of(key) if key else record.line)

    def layout(self, article) -> Layout | None:
        try:
            return Layout.of(article.text)
        except ValueError as exc:
            self.problems.add(article.text_path, article.source_id, str(exc),
                              "correct the date in the leading ' date YYYY-MM-DD' line", 1)
            return None

    def ref(self, record: LineDict, key: str, table: str):
        """The id in record[key] if a record of `table` has it (deferred when it may be
        another article's), else None with a problem."""
        value = record.get(key)
        if value is None or value in self.known[table]:
            return value
        if self.deferred is not None and registry.get(table).deferrable:
            self.deferred.append(Deferred(value, table, key, str(record.file), record.get("id"),
                                          record.line_of(key)))
            return value
        self.problem(record, *unknown(key, value, table), key)
        return None

    def category(self, record: LineDict, key: str, table: str, column: str):
        value = record.get(key)
        allowed = schemas.allowed_values(self.context.field(table, column))
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

    def language(self, record: LineDict, key: str):
        value = record.get(key)
        if value is not None and pycountry.languages.get(alpha_2=value) is None:
            self.problem(record, f"{key} {value!r} is not an ISO 639-1 code",
                         "use a two-letter code such as ru, uk, en", key)
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

    def edtf(self, record: LineDict) -> tuple:
        """(EDTF text, earliest, latest) of record["date"]."""
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

    def date_basis(self, record: LineDict, table: str):
        """How the date was obtained: required with a date, and only with one."""
        value = self.category(record, "date_basis", table, "date_basis")
        if record.get("date") is not None and value is None and record.get("date_basis") is None:
            self.problem(record, "date is set but date_basis is not",
                         "add date_basis: stated (the text gives the date), inferred (you derived "
                         "it from the text) or publication_bound (no date; on or before publication)",
                         "date")
        elif record.get("date") is None and value is not None:
            self.problem(record, "date_basis is set but date is not",
                         "remove date_basis, or set the date it explains", "date_basis")
            return None
        return value

    def quote(self, record: LineDict) -> tuple:
        """(start, end) of record["quote"] in the article whose file holds the record."""
        article = self.curation.articles[stated_in(record)]
        try:
            return locate(article.text, record["quote"], record.get("occurrence"))
        except QuoteError as exc:
            self.problem(record, f"{exc.what}: {record['quote']!r}", exc.fix, "quote")
            return None, None

    def entity_country(self, record: LineDict, key: str, table: str, column: str):
        """The country of the entity record[key]; a problem if the schema requires the
        column and the entity has none."""
        entity = self.known["entities"].get(record.get(key))
        country = entity.get("country") if entity else None
        required = self.context.field(table, column).get("constraints", {}).get("required")
        if required and entity and country is None:
            self.problem(record, f"{key} {entity['id']!r} has no country",
                         f"set `country` of {entity['id']!r} in reference/entities.yaml", key)
        return country
