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

from scripts import cache

FIGURES = ("requests", "citations", "timeline")
# What the figures are drawn from: the large tables (evidence, mentions) are not among them.
INPUT_TABLES = ("countries", "entities", "sources", "citations", "requests", "events",
                "equipment", "fact_origins")


def write_figures(tables: dict[str, pa.Table], out: Path) -> list[Path]:
    """Draw every figure into out (created if need be); return the files written."""
    import matplotlib

    from scripts.build.figures import citation_chain, common, request_map, timeline

    out.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    with matplotlib.rc_context(common.STYLE):
        for stem, module in zip(FIGURES, (request_map, citation_chain, timeline)):
            paths += common.save(module.draw(tables), out, stem)
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
