"""The table registry: what the code needs to know about each table, declared once.

Columns, types, constraints, keys and descriptions live in schemas/<name>.json and are read
from there. What the schemas cannot say lives here: where a table's records come from, the
word for one record in messages, whether its facts are counted across articles, which of
its columns name the countries a fact involves, and which references to it may point into
another article's file. Everything else (curation loading, resolving, the checks across
articles, messages, the draft, the synthetic corpus, the docs) reads this registry;
tests/test_registry.py checks it against the schemas.

Adding a table: its schema (schemas/<name>.json, and a $defs record in
curation.schema.json if curators write it), an entry here, its row builder
(scripts/build/rows/<name>.py) and its test (tests/tables/test_<name>.py).
"""
from __future__ import annotations

from dataclasses import dataclass

# Computed once every article is in, for the tables with counted = True.
COUNT_COLUMNS = ("article_count", "origin_count", "credited_origin_count",
                 "own_authority_article_count")


@dataclass(frozen=True)
class Table:
    name: str
    """One name for everything: schemas/<name>.json, csv/<name>.csv, parquet/<name>.parquet,
    scripts/build/rows/<name>.py, tests/tables/test_<name>.py."""
    kind: str
    """The word for one record in messages ("equipment item")."""
    origin: str
    """Where the records come from: "reference" (reference/<name>.yaml, shared by all
    articles), "article" (the section <name> of each articles/<id>.yaml) or "computed"
    (made by the build: no curation)."""
    definition: str | None = None
    """The record's $defs name in schemas/curation.schema.json."""
    id_column: str | None = None
    """The column filled from a record's `id` (None: its records have no id)."""
    ref_key: str | None = None
    """The key with which evidence and equipment records point at a record of this table."""
    counted: bool = False
    """article_count and origin_count are computed from the evidence for each row."""
    involved_countries: tuple[str, ...] = ()
    """Columns naming the countries a fact involves: each should be mentioned in the body of
    every article that gives evidence for the fact (otherwise the build warns)."""
    deferrable: bool = False
    """A reference to a record of this table may point into another article's file, so it
    is checked once every article is resolved."""

    @property
    def curated(self) -> bool:
        return self.origin != "computed"


# In resource order: a table comes after the tables it refers to.
TABLES: tuple[Table, ...] = (
    Table("countries", "country", "computed"),
    Table("entities", "entity", "reference", definition="entity", id_column="entity_id"),
    Table("sources", "source", "reference", definition="source", id_column="source_id",
          deferrable=True),
    Table("citations", "citation", "article", definition="citation"),
    Table("requests", "request", "article", definition="request", id_column="request_id",
          ref_key="request", counted=True, deferrable=True,
          involved_countries=("requester_country", "addressee_country")),
    Table("events", "event", "article", definition="event", id_column="event_id",
          ref_key="event", counted=True, deferrable=True, involved_countries=("place_country",)),
    Table("equipment", "equipment item", "article", definition="equipment", id_column="item_id",
          ref_key="item", counted=True, deferrable=True,
          involved_countries=("supplier_country", "recipient_country")),
    Table("evidence", "evidence", "article", definition="evidence", id_column="evidence_id"),
    Table("fact_origins", "fact origin", "computed"),
    Table("mentions", "country mention", "computed"),
)

BY_NAME = {table.name: table for table in TABLES}
NAMES = tuple(table.name for table in TABLES)


def get(name: str) -> Table:
    return BY_NAME[name]


def article_sections() -> tuple[Table, ...]:
    """The tables whose records an article's curation file lists, in file order."""
    return tuple(t for t in TABLES if t.origin == "article")


def with_ids() -> tuple[Table, ...]:
    """The tables whose records carry an `id` unique across all files."""
    return tuple(t for t in TABLES if t.curated and t.id_column)


def counted() -> tuple[Table, ...]:
    return tuple(t for t in TABLES if t.counted)


def by_ref_key(key: str) -> Table:
    return next(t for t in TABLES if t.ref_key == key)
