"""The checks and counts that join articles, run once every article is resolved: ids unique
across files (scripts/build/read.py), references into other articles, citation cycles,
article and origin counts, unmentioned countries, and the final order of every table."""
from __future__ import annotations

from collections import Counter, defaultdict, deque
from collections.abc import Iterator, Mapping
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from scripts import registry, schemas
from scripts.build.read import Curation
from scripts.build.scope import Deferred, unknown
from scripts.errors import Problems


class Index:
    """Where every record is defined: (table, id, file, line), in reading order, as Arrow
    columns (several hundred thousand records for a large corpus). Used to find repeated
    ids, and to point a problem found after merging at its record."""

    # A table name and a file recur in every record of an article: each is stored once per batch.
    SCHEMA = pa.schema([("table", pa.dictionary(pa.int32(), pa.string())), ("id", pa.string()),
                        ("file", pa.dictionary(pa.int32(), pa.string())), ("line", pa.int64())])

    def __init__(self, batches: list[pa.RecordBatch]):
        self.table = pa.Table.from_batches(batches, self.SCHEMA)

    @classmethod
    def batch(cls, entries: list[tuple]) -> pa.RecordBatch:
        columns = list(zip(*entries)) or [[], [], [], []]
        return pa.RecordBatch.from_arrays(
            [pa.array(columns[0], pa.string()).dictionary_encode(), pa.array(columns[1], pa.string()),
             pa.array([str(f) for f in columns[2]], pa.string()).dictionary_encode(),
             pa.array(columns[3], pa.int64())],
            schema=cls.SCHEMA)

    def repeated(self) -> list[tuple[str, str, str, int]]:
        """The entries of every (table, id) defined more than once, in reading order."""
        counts = pc.value_counts(self.table["id"])
        twice = counts.filter(pc.greater(counts.field("counts"), 1)).field("values")
        if not len(twice):
            return []
        candidates = [(r["table"], r["id"], r["file"], r["line"]) for r in
                      self.table.filter(pc.is_in(self.table["id"], value_set=twice)).to_pylist()
                      if r["table"] != "citations"]  # a citation has no id: stated twice is fine
        times = Counter((table, record_id) for table, record_id, _, _ in candidates)
        return [entry for entry in candidates if times[entry[:2]] > 1]

    def where(self, table: str, record_id: str) -> tuple[str, int]:
        """(file, line) of the first definition of a record."""
        found = self.table.filter(pc.equal(self.table["id"], record_id)).to_pylist()
        first = next(entry for entry in found if entry["table"] == table)
        return first["file"], first["line"]


def citation_key(citing: str | None, cited: str | None) -> str:
    return f"{citing} -> {cited}"


def citation_index(curation: Curation) -> list[tuple[str, str, Path, int]]:
    """Index entries for citations, which have no id: their line, for the cycle check."""
    return [("citations", citation_key(c.get("citing"), c.get("cited")), c.file, c.line)
            for c in curation.records("citations")]


def check_deferred(deferred: list[Deferred], tables: dict[str, pa.Table], problems: Problems) -> None:
    """References into other articles point at records some article defines."""
    known: dict[str, set] = {}
    for d in deferred:
        if d.table not in known:
            known[d.table] = set(tables[d.table][registry.get(d.table).id_column].to_pylist())
        if d.value not in known[d.table]:
            problems.add(d.file, d.record, *unknown(d.key, d.value, d.table), d.line)


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


def origin_paths(source_id: str, graph: dict[str, set[str]], inputs) -> dict[str, tuple[str, ...]]:
    """root -> the shortest chain of credits from source_id to it (credits followed in
    alphabetical order, so ties are broken the same way every build).

    A root is a source that credits no one. An input article that evidence is attributed to
    is its own origin: the article then speaks on its own authority, and the credits it
    gives elsewhere are for other statements, so following them would count origins that
    do not back this one.
    """
    if source_id in inputs:
        return {source_id: (source_id,)}
    found: dict[str, tuple[str, ...]] = {}
    queue, seen = deque([(source_id,)]), {source_id}
    while queue:
        path = queue.popleft()
        cited = graph.get(path[-1])
        if not cited:
            found.setdefault(path[-1], path)
        for nxt in sorted(cited or ()):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(path + (nxt,))
    return found


def count_support(tables: Mapping[str, pa.Table], table: registry.Table, paths, inputs: set[str],
                  index: Index, problems: Problems) -> tuple[pa.Table, pa.Table]:
    """The fact table with its count columns, and its rows of fact_origins (fact_table,
    fact_id, root_source_id, root_is_input, path, article_count, in no particular order);
    a fact without evidence is a problem. paths(source) is origin_paths() of a source.

    A fact's origins are the roots reached from the sources its quotes are attributed to;
    for each, the shortest chain (ties: the first in code-point order) and the articles
    whose quotes reach it. Done on whole columns of integer codes (a fact's position, a
    source's), as a large corpus has millions of quotes.
    """
    key = table.id_column
    facts = tables[table.name][key]
    source_ids = tables["sources"]["source_id"]
    evidence = tables["evidence"].select([key, "source_id", "attributed_to_id"]).drop_null()
    quotes = pa.table({"fact": pc.index_in(evidence[key], value_set=facts),
                       "article": pc.index_in(evidence["source_id"], value_set=source_ids),
                       "attributed": pc.index_in(evidence["attributed_to_id"], value_set=source_ids)})
    del evidence
    quotes = quotes.drop_null().group_by(["fact", "article", "attributed"]).aggregate([])
    quoted = pc.is_in(pa.array(range(len(facts)), pa.int32()), value_set=quotes["fact"])
    for fact in facts.filter(pc.invert(quoted)).to_pylist():
        file, line = index.where(table.name, fact)
        problems.add(file, fact, f"{table.kind} has no evidence quote",
                     f"add an evidence record with `{table.ref_key}: {fact}` "
                     "to the file of each article that reports it", line)
    # Every chain from each attributed source, ranked by (length, path): the best has the lowest rank.
    chains = []
    for source in pc.unique(quotes["attributed"]).to_pylist():
        for root, path in paths(source_ids[source].as_py()).items():
            chains.append((len(path), " > ".join(path), source, root))
    chains.sort()
    ranked = pa.table({"attributed": pa.array([c[2] for c in chains], pa.int32()),
                       "rank": pa.array(range(len(chains)), pa.int64())})
    reached = quotes.join(ranked, "attributed")
    roots = pa.array([c[3] for c in chains], pa.string())
    reached = reached.append_column("root", roots.take(reached["rank"]))
    origins = reached.group_by(["fact", "root"]).aggregate([("rank", "min"), ("article", "count_distinct")])
    origins = pa.table({
        "fact_table": pa.array([table.name] * origins.num_rows, pa.string()),
        "fact_id": facts.take(origins["fact"]), "root_source_id": origins["root"],
        "root_is_input": pc.is_in(origins["root"], value_set=pa.array(sorted(inputs), pa.string())),
        "path": pa.array([c[1] for c in chains], pa.string()).take(origins["rank_min"]),
        "article_count": origins["article_count_distinct"],
        "fact": origins["fact"]})
    per_fact = origins.group_by("fact").aggregate([("root_source_id", "count"), ("root_is_input", "sum")])
    articles = quotes.group_by("fact").aggregate([("article", "count_distinct")])
    positions = pa.table({"fact": pa.array(range(len(facts)), pa.int32())})
    counted = positions.join(articles, "fact").join(per_fact, "fact").sort_by("fact")
    origin_count = pc.fill_null(counted["root_source_id_count"], 0)
    own = pc.fill_null(counted["root_is_input_sum"].cast(pa.int64()), 0)
    values = (pc.fill_null(counted["article_count_distinct"], 0), origin_count,
              pc.subtract(origin_count, own), own)
    result = tables[table.name]
    for column, value in zip(registry.COUNT_COLUMNS, values):
        result = result.append_column(column, value.cast(pa.int64()))
    return result, origins.drop_columns(["fact"])


def country_codes(tables: dict[str, pa.Table], context) -> set[str]:
    """Every value of a column that the schemas declare a foreign key to countries."""
    codes = set()
    for name, rows in tables.items():
        for fk in context.schema(name).get("foreignKeys", []):
            if fk["reference"]["resource"] == "countries":
                codes.update(pc.unique(rows[fk["fields"][0]].drop_null()).to_pylist())
    return codes


def unmentioned_countries(tables: dict[str, pa.Table]) -> list[str]:
    """Warnings: a country a fact involves that the body of an article reporting it never mentions.

    Curated facts and automatic mentions are made independently; a country that a fact
    names but its article never mentions is either a curation slip or a mention the
    detector missed, and a curator should look at it. In the facts' order, then the
    columns', then the articles'; on whole columns, as a large corpus has millions of mentions.
    """
    mentioned = (tables["mentions"].filter(pc.field("in_body")).select(["source_id", "country"])
                 .drop_null().group_by(["source_id", "country"]).aggregate([]))
    warnings = []
    for table in registry.TABLES:
        if not table.involved_countries:
            continue
        key, facts = table.id_column, tables[table.name]
        reported = tables["evidence"].select([key, "source_id"]).drop_null().group_by([key, "source_id"]).aggregate([])
        found = []
        for number, column in enumerate(table.involved_countries):
            involved = pa.table({key: facts[key], "country": facts[column], "column": [column] * facts.num_rows,
                                 "order": pa.array(range(facts.num_rows), pa.int64()),
                                 "column_order": [number] * facts.num_rows})
            involved = involved.filter(pc.fill_null(pc.not_equal(involved["country"], ""), False))
            found.append(involved.join(reported, key).join(mentioned, ["source_id", "country"],
                                                           join_type="left anti"))
        unmentioned = pa.concat_tables(found).sort_by([("order", "ascending"), ("column_order", "ascending"),
                                                       ("source_id", "ascending")])
        warnings += [f"{table.name} {row[key]}: {row['column']} {row['country']} is not "
                     f"mentioned in the body of {row['source_id']}" for row in unmentioned.to_pylist()]
    return warnings


def key_order(table: pa.Table, schema: dict) -> pa.Array:
    """The table's row indices in primary-key order (as Table.sort_by sorts)."""
    return pc.sort_indices(table, [(key, "ascending") for key in schema["primaryKey"]])


def in_key_order(table: pa.Table, schema: dict, rows: int) -> Iterator[pa.Table]:
    """The table's rows in primary-key order, `rows` at a time: never a sorted copy of it all."""
    order = key_order(table, schema)
    for first in range(0, len(order), rows):
        yield table.take(order[first:first + rows])


def order(table: pa.Table, schema: dict) -> pa.Table:
    """The table with exactly the schema's columns, in its order, sorted by primary key
    (strings by code point, as their UTF-8 bytes sort)."""
    return table.select(schemas.field_names(schema)).sort_by([(k, "ascending") for k in schema["primaryKey"]])
