"""Resolve stage: turn checked curation records into the rows of every table.

Articles are independent until their rows are joined, so each is read, resolved and
searched for mentions on its own (on all cores for large corpora), in runs of articles
that each give one Arrow record batch per table; only the checks that join articles
(scripts/build/across.py) run once over the merged rows. What an article without problems
gives is kept in .cache/ (scripts/build/shards.py), so the next build takes it from there
unless the article, the shared inputs or the code changed.
"""
from __future__ import annotations

import os
import time
from collections.abc import Mapping
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from scripts import parallel, registry
from scripts.build import across
from scripts.build.read import Curation, article_pairs, check_unique_ids, id_index, read_article, read_reference
from scripts.build.rows import citations, countries, curated_rows, mentions
from scripts.build.scope import Deferred, Scope
from scripts.build.shards import Shard, Shards
from scripts.build.spill import Spill, wanted as spilling, read as read_spilled
from scripts.context import Context
from scripts.errors import Problem, Problems
from scripts.mentions import LANGUAGES, LexiconError, MentionDetector, load_detector

ARTICLES_PER_TASK = 50
# Timed inside each article's work; "cache" is reading and writing .cache/ entries.
STEPS = ("read", "resolve", "mentions", "cache")
CACHE_COUNTS = ("hits", "misses", "stored", "pruned")  # articles (entries for "pruned")


@dataclass
class Part:
    """What a run of consecutive articles contributes: their rows, and what the checks
    across articles need."""
    read_problems: list[Problem] = field(default_factory=list)
    # (table, id, file, line) of every record with an id, and of every citation (see Index)
    index: pa.RecordBatch | None = None
    # table -> one record batch for all the articles: compact, and quick to pickle
    rows: dict[str, pa.RecordBatch] = field(default_factory=dict)
    spilled: dict[str, Path] = field(default_factory=dict)  # rows written to files instead (spill.py)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    deferred: list[Deferred] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=lambda: dict.fromkeys(STEPS, 0.0))
    cache: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CACHE_COUNTS, 0))
    keys: list[str] = field(default_factory=list)  # of the articles' cache entries

    def add(self, other: Part) -> None:
        """Add what one article gave, but its rows (see Rows)."""
        self.read_problems += other.read_problems
        self.problems += other.problems
        self.warnings += other.warnings
        self.deferred += other.deferred
        for step, value in other.seconds.items():
            self.seconds[step] += value


@dataclass(frozen=True)
class Shared:
    """What every worker needs, inherited when they fork: the context, the reference
    records (None when they did not read cleanly), the mention detector (None when the
    lexicon is bad) and the cache of articles' results (None when it is not used)."""
    context: Context
    reference: Curation | None
    detector: MentionDetector | None
    shards: Shards | None = None
    spill: Spill | None = None  # where workers write their rows, for a large corpus


def batch(rows: list[dict], context: Context, table: str) -> pa.RecordBatch:
    """Rows of a table as one Arrow record batch: far smaller than dicts, and quick to pickle."""
    return pa.RecordBatch.from_pylist(rows, schema=context.arrow_columns(table, registry.COUNT_COLUMNS))


class Rows:
    """The rows of a run of articles by table, in article order, as segments: rows as
    resolved (dicts, batched together) and record batches from the cache; one record batch
    per table at the end."""

    def __init__(self):
        self.segments: dict[str, list[list[dict] | pa.RecordBatch]] = defaultdict(list)

    def add_rows(self, table: str, rows: list[dict]) -> tuple[int, int, int]:
        """Add an article's resolved rows; where they are: (segment, offset, length)."""
        segments = self.segments[table]
        if not segments or not isinstance(segments[-1], list):
            segments.append([])
        offset = len(segments[-1])
        segments[-1] += rows
        return len(segments) - 1, offset, len(rows)

    def add_batch(self, table: str, rows: pa.RecordBatch) -> None:
        self.segments[table].append(rows)

    def batch_each(self, context: Context) -> dict[str, pa.RecordBatch]:
        """One record batch per table; the segments become record batches too (see rows_at)."""
        for table, segments in self.segments.items():
            for number, segment in enumerate(segments):
                if isinstance(segment, list):
                    segments[number] = batch(segment, context, table)
        return {table: segments[0] if len(segments) == 1 else pa.concat_batches(segments)
                for table, segments in self.segments.items()}

    def rows_at(self, table: str, where: tuple[int, int, int]) -> pa.RecordBatch:
        """An article's rows (where add_rows put them), after batch_each."""
        segment, offset, length = where
        return self.segments[table][segment].slice(offset, length)


def resolve_articles(shared: Shared, pairs: list[tuple[str, Path, Path]]) -> Part:
    """Read, check and resolve a run of articles into their rows, each on its own:
    references to other articles' records are deferred. With the cache, an article is
    taken from it when it is there, and kept in it when it is resolved without problems.

    Runs in a worker on a few dozen articles at a time: Arrow pays a fixed cost per record
    batch, so one batch per table for many articles keeps that cost small (the rows of the
    articles to keep are slices of those batches)."""
    part, rows, index, keep = Part(), Rows(), [], []
    for pair in pairs:
        key, shard = None, None
        if shared.shards is not None:
            clock = time.process_time()
            key = shared.shards.key(pair)
            shard = shared.shards.load(key[0], pair) if key else None
            part.keys += [key[0]] if key else []
            part.seconds["cache"] += time.process_time() - clock
        if shard is not None:
            part.cache["hits"] += 1
            part.warnings += shard.warnings
            part.deferred += shard.deferred
            index += shard.index
            for table, found in shard.rows.items():
                rows.add_batch(table, found)
            continue
        one, found, own_index = Part(), defaultdict(list), []
        resolve_article(shared, pair, one, found, own_index)
        part.add(one)
        part.cache["misses"] += 1
        index += own_index
        where = {table: rows.add_rows(table, found[table]) for table in found}
        if key and found and not one.read_problems and not one.problems:
            keep.append((key, pair, where, Shard({}, own_index, one.warnings, one.deferred)))
    part.rows = rows.batch_each(shared.context)
    part.index = across.Index.batch(index)
    clock = time.process_time()
    for (key, read), pair, where, shard in keep:
        shard.rows = {table: rows.rows_at(table, place) for table, place in where.items()}
        if shared.shards.unchanged(pair, read) and shared.shards.store(key, pair, shard):
            part.cache["stored"] += 1
    part.seconds["cache"] += time.process_time() - clock
    if shared.spill is not None:
        part.spilled, part.rows = shared.spill.write_run(part.rows), {}
    return part


def resolve_article(shared: Shared, pair: tuple[str, Path, Path], part: Part,
                    rows: dict[str, list], index: list) -> None:
    clock = time.process_time()
    curation, problems = read_article(shared.context, *pair)
    part.read_problems += problems.items
    part.seconds["read"] += time.process_time() - clock
    if curation is None or shared.reference is None:
        return
    index += id_index(curation) + across.citation_index(curation)
    clock = time.process_time()
    scope = Scope(shared.context, curation, shared.reference)
    for table in ("sources", *(t.name for t in registry.article_sections())):
        built = curated_rows(table, curation.records(table), scope)
        if table == "citations":
            citations.check_repeats(curation.records(table), built, scope)
        rows[table] += built
    part.seconds["resolve"] += time.process_time() - clock
    clock = time.process_time()
    if shared.detector:
        rows["mentions"] += mention_rows(scope, shared.detector)
    part.seconds["mentions"] += time.process_time() - clock
    part.problems += scope.problems.items
    part.warnings += scope.warnings
    part.deferred += scope.deferred


def mention_rows(scope: Scope, detector: MentionDetector) -> list[dict]:
    found = []
    for source_id, article in scope.curation.articles.items():
        language = scope.known["sources"][source_id].get("language")
        if scope.layouts.get(source_id) is None:
            continue
        if language not in LANGUAGES:
            scope.warnings.append(f"{source_id}: no country mentions detected for language "
                                  f"{language!r} (the detector knows {', '.join(LANGUAGES)})")
            continue
        found += [mentions.row(m, scope, source_id) for m in detector.find(article.text, language)]
    return found


@dataclass
class Resolved:
    tables: Mapping[str, pa.Table]  # in memory, or mapped from files (scripts/build/spill.py)
    warnings: list[str]
    # CPU seconds spent per step, summed over articles (on all cores): read, resolve,
    # mentions (of the articles not taken from the cache), cache; and the checks across
    # articles, in the parent
    seconds: dict[str, float]
    # articles taken from the cache (hits), resolved (misses), and kept in it (stored);
    # entries of articles no longer built that were removed (pruned)
    cache: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CACHE_COUNTS, 0))


def resolve(context: Context) -> Resolved:
    """Read and resolve every input into the rows of all tables (column order from the
    schemas, rows sorted by key), and the warnings a curator should read. Raise BuildError
    with every problem found: reading problems first, on their own, as later checks would
    only repeat them."""
    problems = Problems(context.root)
    reference = read_reference(context, problems)
    pairs = article_pairs(context, problems)
    detector, lexicon_error = None, None
    try:
        detector = load_detector(context.lexicon_dir, context.cache_dir)
    except LexiconError as exc:
        lexicon_error = exc
    # The cache only when the build can succeed: a result kept is one without problems.
    shards = Shards.open(context) if not problems and detector else None
    spill = Spill() if spilling(len(pairs), os.environ) else None
    shared = Shared(context, None if problems else reference, detector, shards, spill)
    # Runs of consecutive articles, enough of them to keep every core busy to the end.
    size = max(1, min(ARTICLES_PER_TASK, len(pairs) // 16))
    runs = [pairs[i:i + size] for i in range(0, len(pairs), size)]
    parts = parallel.ordered_map(resolve_articles, shared, runs,
                                 min_items=1 if len(pairs) >= parallel.MIN_ITEMS else len(runs) + 1)
    index = across.Index([across.Index.batch(id_index(reference))] + [part.index for part in parts])
    counts = {name: sum(part.cache[name] for part in parts) for name in CACHE_COUNTS}
    if shards:
        counts["pruned"] = shards.prune({key for part in parts for key in part.keys}, len(pairs))
    for part in parts:
        problems.items += part.read_problems
    check_unique_ids(index.repeated(), problems)
    problems.raise_if_any()

    clock = time.process_time()
    scope = Scope(context, reference)
    if lexicon_error:
        scope.problems.add(context.lexicon_dir, None, str(lexicon_error), "correct the lexicon entry named")
    batches = {table.name: [batch(curated_rows(table.name, reference.records(table.name), scope),
                                  context, table.name)]
               for table in registry.TABLES if table.origin == "reference"}
    warnings, deferred = scope.warnings, []
    seconds = dict.fromkeys(STEPS, 0.0)
    for part in parts:
        for table, rows in part.rows.items():
            batches.setdefault(table, []).append(rows)
        for table, path in part.spilled.items():  # mapped when the table is merged
            batches.setdefault(table, []).append(path)
        scope.problems.items += part.problems
        warnings += part.warnings
        deferred += part.deferred
        for step, value in part.seconds.items():
            seconds[step] += value
    del parts
    def merged(name: str) -> pa.Table:
        pieces = []
        for piece in batches.pop(name, []):
            pieces += read_spilled(piece).to_batches() if isinstance(piece, Path) else [piece]
        return pa.Table.from_batches(pieces, context.arrow_columns(name, registry.COUNT_COLUMNS))

    names = [name for name in registry.NAMES if name not in ("countries", "fact_origins")]
    if spill is None:
        tables = {name: merged(name) for name in names}
        put = tables.__setitem__
    else:  # each table merged and ordered into a file now, one at a time, so that each
        # check below holds only what it reads
        def put(name: str, table: pa.Table) -> None:
            spill.write_ordered(name, table, context.schema(name))

        for name in names:
            put(name, merged(name))
        tables = spill.tables()
    across.check_deferred(deferred, tables, scope.problems)
    graph = across.check_citation_cycles(tables["citations"], index, scope.problems)
    sources = tables["sources"]
    inputs = set(pc.filter(sources["source_id"], sources["is_input"]).to_pylist())
    del sources
    paths = lru_cache(maxsize=None)(lambda source: across.origin_paths(source, graph, inputs))
    origins = []
    for table in registry.counted():
        counted, rows = across.count_support(tables, table, paths, inputs, index, scope.problems)
        put(table.name, counted)
        origins.append(rows.select(context.arrow_columns("fact_origins").names)
                       .cast(context.arrow_columns("fact_origins")))
        del counted, rows
    scope.problems.raise_if_any()
    put("fact_origins", pa.concat_tables(origins))
    del origins
    put("countries", pa.Table.from_pylist(
        [countries.row(code) for code in sorted(across.country_codes(tables, context))],
        context.arrow_columns("countries")))
    if spill is None:
        for name in registry.NAMES:
            tables[name] = across.order(tables[name], context.schema(name))
    warnings += across.unmentioned_countries(tables)
    seconds["checks across articles"] = time.process_time() - clock
    return Resolved(tables, warnings, seconds, counts)


__all__ = ["Resolved", "resolve"]
