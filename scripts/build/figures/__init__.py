"""The figures, drawn from the tables by every build into datapackage/figures/:

  requests   who asked whom for what (request_map.py)
  citations  where the facts come from: input articles → credited reports → origins
             (citation_chain.py)
  timeline   when: dated requests and events with their date bounds (timeline.py)

Everything drawn comes from the tables, so the figures change when the data does. Each is
written as SVG (text kept as text) and PNG, byte-identical from one build to the next:
fixed metadata, a fixed SVG id salt, a fixed size and resolution, and DejaVu Sans (shipped
with matplotlib, Cyrillic included) whatever fonts the machine has. matplotlib is imported
only when the figures are drawn, so a build that fails earlier never pays for it.
"""
from __future__ import annotations

import importlib.metadata
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from scripts import cache

FIGURES = ("requests", "citations", "timeline")
# What the figures are drawn from: the large tables (evidence, mentions) are not among them.
INPUT_TABLES = ("countries", "entities", "sources", "citations", "requests", "events",
                "equipment", "fact_origins")


# A figure is read at a glance: a large corpus is drawn from the facts of its most recent
# input articles only (the figures say so), never all of them at once, which neither a
# reader nor matplotlib could take in (a 10,000-article timeline would have 40,000 rows).
MAX_ARTICLES = 6


def focus(tables: dict[str, pa.Table], limit: int = MAX_ARTICLES) -> dict[str, pa.Table]:
    """The tables reduced to what the `limit` most recent input articles report (latest
    publication date, then id); unchanged when there are no more articles than that."""
    sources = tables["sources"]
    inputs = sources.filter(pc.field("is_input")).select(["source_id", "published_date"]).to_pylist()
    if len(inputs) <= limit:
        return tables
    inputs.sort(key=lambda row: (row["published_date"] is not None, row["published_date"] or "",
                                 row["source_id"]), reverse=True)
    kept = pa.array(sorted(row["source_id"] for row in inputs[:limit]))
    evidence = tables["evidence"].filter(pc.is_in(tables["evidence"]["source_id"], value_set=kept))

    def ids(column: str) -> pa.Array:
        return pc.unique(evidence[column].drop_null())

    focused = dict(tables)
    focused["requests"] = tables["requests"].filter(pc.is_in(tables["requests"]["request_id"], value_set=ids("request_id")))
    focused["events"] = tables["events"].filter(pc.is_in(tables["events"]["event_id"], value_set=ids("event_id")))
    focused["equipment"] = tables["equipment"].filter(pc.is_in(tables["equipment"]["item_id"], value_set=ids("item_id")))
    facts = pa.concat_arrays([ids("request_id"), ids("event_id"), ids("item_id")])
    focused["fact_origins"] = tables["fact_origins"].filter(pc.is_in(tables["fact_origins"]["fact_id"], value_set=facts))
    focused["citations"] = tables["citations"].filter(pc.is_in(tables["citations"]["stated_in_id"], value_set=kept))
    cited = pa.concat_arrays([kept, pc.unique(focused["citations"]["cited_source_id"]),
                              pc.unique(focused["citations"]["citing_source_id"]),
                              pc.unique(focused["fact_origins"]["root_source_id"])])
    focused["sources"] = sources.filter(pc.is_in(sources["source_id"], value_set=pc.unique(cited)))
    focused["evidence"] = evidence
    return focused


def write_figures(tables: dict[str, pa.Table], out: Path) -> list[Path]:
    """Draw every figure into out (created if need be); return the files written."""
    import matplotlib

    from scripts.build.figures import citation_chain, common, request_map, timeline

    articles = int(pc.sum(tables["sources"]["is_input"]).as_py() or 0)
    tables = focus(tables)
    shown = min(articles, MAX_ARTICLES)
    out.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    with matplotlib.rc_context(common.STYLE):
        for stem, module in zip(FIGURES, (request_map, citation_chain, timeline)):
            figure = module.draw(tables)
            if shown < articles:
                figure.text(0.01, 0.004, f"Drawn from the facts of the {shown} most recent of the "
                            f"{articles:,} input articles.", fontsize=8, color=common.GREY)
            paths += common.save(figure, out, stem)
    return paths


def figures_key(tables: dict[str, pa.Table]) -> str:
    """Digest of everything the figures depend on: their input tables (as Arrow IPC bytes)
    and the figure code, so an edit that leaves them unchanged redraws nothing."""
    import pyarrow.ipc as ipc

    parts = []
    for name in INPUT_TABLES:
        sink = pa.BufferOutputStream()
        with ipc.new_stream(sink, tables[name].schema) as writer:
            writer.write_table(tables[name])
        parts += [name, sink.getvalue().to_pybytes()]
    code = sorted(Path(__file__).parent.glob("*.py"))
    parts += [part for path in code for part in (path.name, path.read_bytes())]
    return cache.digest(*parts, importlib.metadata.version("matplotlib"))


def write_cached_figures(tables: dict[str, pa.Table], out: Path, cache_dir: Path | None) -> list[Path]:
    """write_figures(), or the same bytes from .cache/ when the figures' inputs have not
    changed since they were last drawn (drawing is the slowest step of a small build)."""
    key = figures_key(tables)
    names = [f"{stem}.{extension}" for stem in FIGURES for extension in ("svg", "png")]
    stored = {name: cache.load(cache_dir, "figures", key, name) for name in names}
    if all(data is not None for data in stored.values()):
        out.mkdir(parents=True, exist_ok=True)
        for name, data in stored.items():
            (out / name).write_bytes(data)
        return [out / name for name in names]
    paths = write_figures(tables, out)
    cache.store(cache_dir, "figures", key, {path.name: path.read_bytes() for path in paths})
    return paths
