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

from pathlib import Path

import pyarrow as pa

FIGURES = ("requests", "citations", "timeline")


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
