"""Where the facts come from: the chain of credits from the input articles (left) through
the reports they credit (middle) to the origins the facts rest on (right).

A node is a source; an arrow "A → B" is a distinct citing → cited pair of the citations
table. Columns are the longest citation distance from the input articles; within a column
nodes are ordered by source id, so the layout depends only on the data. Each origin (a
root of fact_origins) says how many requests, items and events rest on it. An arrow that
skips a column bends round the boxes in it. From the citations, sources, entities and
fact_origins tables."""
from __future__ import annotations

import re

import pyarrow as pa

from scripts.build.figures.common import (
    GREY,
    INK,
    arrow,
    box,
    format_date,
    heading,
    heading_height,
    humanise,
    line_height,
    lines_at,
    page,
    shorten,
    text_width,
    wrap,
)

INPUT, CREDITED, ORIGIN, ORIGIN_EDGE = "#d9ecff", "#f2f2f2", "#ffe2cc", "#c85a00"
MARGIN, BOX_WIDTH, COLUMN_GAP, NODE_GAP, PAD = 0.3, 1.95, 0.6, 0.28, 0.08
MIN_WIDTH = 9.0  # room for the legend and the subtitle however few columns there are
NAME, DETAIL, COUNT = 9.0, 7.5, 8.0  # font sizes
TITLE = "Where the facts come from"
SUBTITLE = ("Arrow A → B: A credits B, as an input article states. Columns: steps of credit from "
            "the articles. Orange: origins and the facts resting on them.")
FACT_WORDS = (("requests", "request", "requests"), ("equipment", "item", "items"),
              ("events", "event", "events"))


def chain(tables: dict[str, pa.Table]) -> dict:
    """The graph: nodes (source id → name, detail lines, column, whether an input, what
    rests on it) and the distinct citing → cited edges, in id order."""
    sources = {s["source_id"]: s for s in tables["sources"].to_pylist()}
    names = {e["entity_id"]: e["name_en"] for e in
             tables["entities"].select(["entity_id", "name_en"]).to_pylist()}
    edges = sorted({(c["citing_source_id"], c["cited_source_id"]) for c in
                    tables["citations"].select(["citing_source_id", "cited_source_id"]).to_pylist()})
    origins = tables["fact_origins"].select(["fact_table", "fact_id", "root_source_id", "path"]).to_pylist()
    ids = sorted({s for edge in edges for s in edge} | {o["root_source_id"] for o in origins}
                 | {i for i, s in sources.items() if s["is_input"]})
    column = {i: 0 for i in ids}
    for _ in ids:  # longest distance from the inputs (the build refuses citation cycles)
        changed = False
        for citing, cited in edges:
            if column[cited] < column[citing] + 1:
                column[cited], changed = column[citing] + 1, True
        if not changed:
            break
    rests: dict[str, dict] = {}
    for o in origins:
        root = rests.setdefault(o["root_source_id"], {"facts": {}, "via": {}})
        root["facts"].setdefault(o["fact_table"], set()).add(o["fact_id"])
        via = o["path"].split(" > ")[:-1]
        if via:
            root["via"][" → ".join(_name(sources[v], names) for v in via)] = None
    nodes = {}
    for i in ids:
        source = sources[i]
        nodes[i] = {"name": _name(source, names), "detail": _detail(source), "column": column[i],
                    "input": source["is_input"], "title": source["title"],
                    "rests": _rests(rests.get(i)), "via": list(rests[i]["via"]) if i in rests else []}
    seen: dict[tuple, int] = {}
    for node in nodes.values():
        key = (node["name"], node["detail"], node["title"])
        seen[key] = seen.get(key, 0) + 1
    for i, node in nodes.items():  # two sources that would look the same are told apart by id
        node["id"] = i if seen[(node["name"], node["detail"], node["title"])] > 1 else None
    return {"nodes": nodes, "edges": edges}


def _name(source: dict, names: dict) -> str:
    return names.get(source["publisher_id"]) or source["title"] or source["source_id"]


def _detail(source: dict) -> str:
    if not source["is_input"]:
        return humanise(source["source_type"])
    facts = [source["language"], source["published_date"] and format_date(source["published_date"])]
    return "input article" + (f" ({', '.join(f for f in facts if f)})" if any(facts) else "")


def _rests(root: dict | None) -> str:
    """"3 requests, 10 items, 6 events": the facts resting on an origin."""
    if not root:
        return ""
    counts = [(len(root["facts"].get(table, ())), one, many) for table, one, many in FACT_WORDS]
    return ", ".join(f"{n} {one if n == 1 else many}" for n, one, many in counts if n)


def _node_lines(node: dict) -> list[tuple[list[str], float, str, dict]]:
    inner = BOX_WIDTH - 2 * PAD
    lines = [(wrap(node["name"], inner, NAME, bold=True), NAME, INK, {"fontweight": "bold"}),
             (wrap(node["detail"], inner, DETAIL), DETAIL, GREY, {})]
    if node["title"] and node["title"] != node["name"]:
        lines.append((shorten(node["title"], inner, DETAIL, lines=2), DETAIL, GREY, {"style": "italic"}))
    if node["id"]:
        parts = " ".join(re.findall(r"[^-]+-?", node["id"]))  # an id breaks after its hyphens
        lines.append(([line.replace(" ", "") for line in wrap(parts, inner, DETAIL)], DETAIL, GREY, {}))
    if node["rests"]:
        text = f"origin of {node['rests']}" + (f" (via {'; '.join(node['via'])})" if node["via"] else "")
        lines.append((wrap(text, inner, COUNT, bold=True), COUNT, ORIGIN_EDGE, {"fontweight": "bold"}))
    return lines


def draw(tables: dict[str, pa.Table]):
    graph = chain(tables)
    nodes, edges = graph["nodes"], graph["edges"]
    columns = max((n["column"] for n in nodes.values()), default=0) + 1
    width = max(2 * MARGIN + columns * BOX_WIDTH + (columns - 1) * COLUMN_GAP, MIN_WIDTH)
    content = {i: _node_lines(n) for i, n in nodes.items()}
    size = {i: sum(len(t) * line_height(s) for t, s, _, _ in c) + 2 * PAD + 0.04 * (len(c) - 1)
            for i, c in content.items()}
    stacks = [[i for i in sorted(nodes) if nodes[i]["column"] == c] for c in range(columns)]
    tallest = max((sum(size[i] for i in s) + NODE_GAP * (len(s) - 1) for s in stacks), default=0.5)
    text_width = width - 2 * MARGIN
    top = heading_height(TITLE, SUBTITLE, text_width) + 0.45
    legend_top = top + tallest + 0.3
    height = legend_top + 0.5
    figure, ax = page(width, height)
    heading(ax, MARGIN, TITLE, SUBTITLE, text_width)
    place = {}
    for c, stack in enumerate(stacks):
        x = MARGIN + c * (BOX_WIDTH + COLUMN_GAP)
        ax.text(x + BOX_WIDTH / 2, top - 0.12, "input articles" if c == 0 else
                f"{c} step{'s' * (c > 1)} of credit", fontsize=8, color=GREY, ha="center", va="bottom")
        y = top + (tallest - sum(size[i] for i in stack) - NODE_GAP * (len(stack) - 1)) / 2
        for i in stack:
            place[i] = (x, y, size[i])
            y += size[i] + NODE_GAP
    for citing, cited in edges:
        arrow(ax, _route(place, stacks, nodes[citing]["column"], nodes[cited]["column"], citing, cited),
              colour="#777777", width=1.1)
    for i, node in nodes.items():
        x, y, h = place[i]
        origin = bool(node["rests"])
        box(ax, x, y, BOX_WIDTH, h, INPUT if node["input"] else ORIGIN if origin else CREDITED,
            edge=ORIGIN_EDGE if origin else "#444444", linewidth=2.0 if origin else 1.0,
            gid=f"source-{i}")
        y += PAD
        for lines, fontsize, colour, style in content[i]:
            y = lines_at(ax, x + PAD, y, lines, fontsize, colour, **style) + 0.04
    _legend(ax, MARGIN, legend_top)
    if not nodes:
        ax.text(MARGIN, top, "No sources in the package.", fontsize=NAME, color=GREY, va="top")
    return figure


def _route(place: dict, stacks: list[list[str]], first: int, last: int, citing: str,
           cited: str) -> list[tuple[float, float]]:
    """From the right edge of citing's box to the left edge of cited's box, passing each
    column in between in the gap nearest the straight line, never through a box."""
    x0, y0, h0 = place[citing]
    x1, y1, h1 = place[cited]
    start, end = (x0 + BOX_WIDTH, y0 + h0 / 2), (x1 - 0.02, y1 + h1 / 2)
    points = [start]
    for column in range(first + 1, last):
        left = MARGIN + column * (BOX_WIDTH + COLUMN_GAP)
        share = (left + BOX_WIDTH / 2 - start[0]) / (end[0] - start[0])
        y = start[1] + share * (end[1] - start[1])
        blocked = [(place[i][1] - NODE_GAP / 2, place[i][1] + place[i][2] + NODE_GAP / 2)
                   for i in stacks[column]]
        for low, high in blocked:
            if low < y < high:
                y = low if y - low < high - y else high
        points += [(left - 0.1, y), (left + BOX_WIDTH + 0.1, y)]
    return points + [end]


def _legend(ax, x: float, y: float) -> None:
    for face, edge, linewidth, label in ((INPUT, "#444444", 1.0, "input article"),
                                         (CREDITED, "#444444", 1.0, "credited source"),
                                         (ORIGIN, ORIGIN_EDGE, 2.0, "origin: facts rest on it"),
                                         (INPUT, ORIGIN_EDGE, 2.0, "input article as origin (own authority)")):
        box(ax, x, y, 0.3, 0.18, face, edge, linewidth)
        ax.text(x + 0.4, y + 0.09, label, fontsize=8, color=INK, va="center")
        x += 0.4 + text_width(label, 8) + 0.35
