"""When: every dated request and event on one time axis, with how certain its date is.

One row per request or event with a date bound, ordered by date_latest then id (a fact
with only an earliest date last). A point is an exact date, a bar a range from
date_earliest to date_latest, and a bar fading out to the left a fact known only to have
happened on or before date_latest (EDTF "../2025-10-31"; to the right for "2025-02/..").
The colour says where the date comes from (date_basis). From the requests and events tables."""
from __future__ import annotations

import datetime as dt

import pyarrow as pa
from matplotlib.collections import PolyCollection
from matplotlib.patches import Rectangle

from scripts.build.figures.common import (
    GREY,
    INK,
    MONTHS,
    format_bounds,
    heading,
    heading_height,
    humanise,
    line_height,
    lines_at,
    page,
    shorten,
    text_width,
)

BASES = (("stated", "stated in the article", "#0072b2"),
         ("inferred", "inferred from the text", "#e69f00"),
         ("publication_bound", "on or before publication", "#cc79a7"))
UNKNOWN_BASIS = "#888888"
MARGIN, LABEL_WIDTH, PLOT_WIDTH, ROW = 0.3, 3.9, 3.6, 0.42
PLOT_X = MARGIN + LABEL_WIDTH + 0.25
TITLE = "When it happened"
SUBTITLE = ("Dated requests and events, in order of their latest possible date. Colour: where "
            "the date comes from; shape: how exact it is.")
LABEL, SMALL = 8.5, 8.0  # font sizes
FADE_STEPS = 24


def dated_facts(tables: dict[str, pa.Table]) -> list[dict]:
    """The rows of the timeline: requests and events with a date bound, in drawing order."""
    rows = []
    for table, kind in (("requests", None), ("events", "event_type")):
        id_column = "request_id" if table == "requests" else "event_id"
        columns = [id_column, "summary_en", "date_earliest", "date_latest", "date_basis"] + ([kind] if kind else [])
        for fact in tables[table].select(columns).to_pylist():
            if fact["date_earliest"] is None and fact["date_latest"] is None:
                continue
            rows.append({"table": table, "id": fact[id_column],
                         "kind": "request" if kind is None else humanise(fact[kind]),
                         "summary": fact["summary_en"], "earliest": fact["date_earliest"],
                         "latest": fact["date_latest"], "basis": fact["date_basis"]})
    return sorted(rows, key=lambda r: (r["latest"] is None, r["latest"] or r["earliest"], r["id"]))


def label(fact: dict) -> list[str]:
    """The row's label: the kind of fact and its summary, shortened to two lines."""
    return shorten(f"{fact['kind'].capitalize()}: {fact['summary']}", LABEL_WIDTH, LABEL, lines=2)


def _ticks(start: dt.date, end: dt.date, most: int) -> list[tuple[dt.date, str]]:
    """Month (or day) ticks between start and end, at most `most` of them; the year is
    written under the first tick and under each January."""
    if (end - start).days < 45:
        step = next(s for s in (1, 2, 7, 14, 28) if (end - start).days / s < most)
        days = [start + dt.timedelta(days=d) for d in range(0, (end - start).days + 1, step)]
        return [(d, f"{d.day} {MONTHS[d.month - 1]}" + (f"\n{d.year}" if i == 0 else ""))
                for i, d in enumerate(days)]
    months = (end.year - start.year) * 12 + end.month - start.month
    step = next(s for s in (1, 2, 3, 6, 12, 24, 60, 120) if months / s < most)
    first = start.year * 12 + start.month  # the first month start after start, in months
    first += -first % min(step, 12)  # on a multiple of the step (on a January for years)
    ticks, index = [], first
    while dt.date(index // 12, index % 12 + 1, 1) <= end:
        day = dt.date(index // 12, index % 12 + 1, 1)
        text = str(day.year) if step >= 12 else MONTHS[day.month - 1] + (
            f"\n{day.year}" if not ticks or day.month == 1 else "")
        ticks.append((day, text))
        index += step
    return ticks


def draw(tables: dict[str, pa.Table]):
    facts = dated_facts(tables)
    undated = [(len(tables[t]) - sum(f["table"] == t for f in facts), one, many)
               for t, one, many in (("requests", "request", "requests"), ("events", "event", "events"))]
    note = ("Not shown, having no date: " + " and ".join(f"{n} {one if n == 1 else many}"
                                                         for n, one, many in undated if n) + ".")
    dates = [format_bounds(f["earliest"], f["latest"]) for f in facts]
    date_width = max([text_width(d, SMALL) for d in dates] + [0.8]) + 0.3
    width = PLOT_X + PLOT_WIDTH + date_width + MARGIN
    text_width_ = width - 2 * MARGIN
    top = heading_height(TITLE, SUBTITLE, text_width_) + 0.3
    plot_height = max(len(facts), 1) * ROW
    legend_top = top + plot_height + 0.65
    height = legend_top + 0.35 + (line_height(7.5) + 0.3 if any(n for n, _, _ in undated) else 0) + 0.15
    figure, page_ax = page(width, height)
    heading(page_ax, MARGIN, TITLE, SUBTITLE, text_width_)
    ax = figure.add_axes((PLOT_X / width, 1 - (top + plot_height) / height,
                          PLOT_WIDTH / width, plot_height / height))
    ax.patch.set_visible(False)
    ax.set_ylim(max(len(facts), 1) - 0.5, -0.5)
    ax.set_yticks([])
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.spines["bottom"].set_color(GREY)
    if not facts:
        ax.set_xticks([])
        ax.spines["bottom"].set_visible(False)
        page_ax.text(MARGIN, top + ROW / 2, "No dated requests or events in the package.",
                     fontsize=LABEL, color=GREY, va="center")
    else:
        _plot(ax, facts)
    for row, (fact, date) in enumerate(zip(facts, dates)):
        centre = top + (row + 0.5) * ROW
        if row % 2 == 0:
            page_ax.add_patch(Rectangle((MARGIN - 0.08, centre - ROW / 2), width - 2 * MARGIN + 0.16, ROW,
                                        facecolor="#f4f4f4", edgecolor="none", zorder=0))
        lines = label(fact)
        lines_at(page_ax, MARGIN, centre - len(lines) * line_height(LABEL) / 2 + 0.01, lines, LABEL)
        page_ax.text(PLOT_X + PLOT_WIDTH + 0.2, centre, date, fontsize=SMALL, color=GREY,
                     va="center_baseline")
    known = {basis for basis, _, _ in BASES}
    _legend(page_ax, MARGIN, legend_top, any(f["basis"] not in known for f in facts))
    if any(n for n, _, _ in undated):
        lines_at(page_ax, MARGIN, legend_top + 0.55, [note], 7.5, GREY)
    return figure


def _plot(ax, facts: list[dict]) -> None:
    bounds = [d for f in facts for d in (f["earliest"], f["latest"]) if d is not None]
    start, end = min(bounds), max(bounds)
    span = max((end - start).days, 30)
    left, right = start.toordinal() - 0.06 * span, end.toordinal() + 0.06 * span
    ax.set_xlim(left, right)
    ticks = _ticks(dt.date.fromordinal(int(left)), dt.date.fromordinal(int(right)),
                   max(2, int(PLOT_WIDTH / 0.55)))
    ax.set_xticks([d.toordinal() for d, _ in ticks], [t for _, t in ticks], fontsize=SMALL, color=GREY)
    ax.tick_params(axis="x", color=GREY, length=3)
    ax.grid(axis="x", color="#dddddd", linewidth=0.8)
    ax.set_axisbelow(True)
    fade = 0.35 * (right - left)
    colours = {basis: colour for basis, _, colour in BASES}
    for row, fact in enumerate(facts):
        colour = colours.get(fact["basis"], UNKNOWN_BASIS)
        gid = f"fact-{fact['table']}-{fact['id']}"
        earliest = fact["earliest"] and fact["earliest"].toordinal()
        latest = fact["latest"] and fact["latest"].toordinal()
        if earliest is not None and latest is not None and earliest == latest:
            ax.plot([latest], [row], "o", color=colour, markersize=7, gid=gid, clip_on=False)
        elif earliest is not None and latest is not None:
            ax.add_patch(Rectangle((earliest, row - 0.15), max(latest - earliest, 0.004 * span), 0.3,
                                   facecolor=colour, edgecolor="none", gid=gid))
        else:
            _fading_bar(ax, latest if latest is not None else earliest, row, fade,
                        -1 if latest is not None else 1, colour, gid)


def _fading_bar(ax, anchor: float, y: float, length: float, direction: int, colour: str,
                gid: str | None = None, half: float = 0.11, cap: float = 0.2):
    """A bar from anchor fading out over length (leftwards for direction -1), with a cap at
    anchor: the bound that is known."""
    step = length / FADE_STEPS
    cells = [[(anchor + direction * k * step, y - half), (anchor + direction * (k + 1) * step, y - half),
              (anchor + direction * (k + 1) * step, y + half), (anchor + direction * k * step, y + half)]
             for k in range(FADE_STEPS)]
    alphas = [0.9 * (1 - k / FADE_STEPS) for k in range(FADE_STEPS)]
    ax.add_collection(PolyCollection(cells, facecolors=colour, edgecolors="none", alpha=alphas, gid=gid))
    ax.plot([anchor, anchor], [y - cap, y + cap], color=colour, linewidth=2.2, solid_capstyle="butt")


def _legend(ax, x: float, y: float, unknown_basis: bool) -> None:
    """Two lines: the colours (where the date comes from) and the shapes (how exact it is)."""
    ax.text(x, y, "Date:", fontsize=SMALL, color=GREY, va="center_baseline")
    left = x + 0.55
    x = left
    for _, text, colour in BASES + ((None, "basis not recorded", UNKNOWN_BASIS),) * unknown_basis:
        ax.add_patch(Rectangle((x, y - 0.07), 0.28, 0.14, facecolor=colour, edgecolor="none"))
        ax.text(x + 0.36, y, text, fontsize=SMALL, color=INK, va="center_baseline")
        x += 0.36 + text_width(text, SMALL) + 0.35
    y, x = y + 0.3, left
    for shape, text in (("point", "exact date"), ("bar", "date range"),
                        ("fade", "on or before a date, no earliest date")):
        if shape == "point":
            ax.plot([x + 0.14], [y], "o", color=GREY, markersize=7)
        elif shape == "bar":
            ax.add_patch(Rectangle((x, y - 0.07), 0.28, 0.14, facecolor=GREY, edgecolor="none"))
        else:
            _fading_bar(ax, x + 0.4, y, 0.4, -1, GREY, half=0.055, cap=0.1)
            x += 0.12
        ax.text(x + 0.36, y, text, fontsize=SMALL, color=INK, va="center_baseline")
        x += 0.36 + text_width(text, SMALL) + 0.35
