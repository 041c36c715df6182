"""What the figures share: short country names, text measured in the figure's own font,
boxes and arrows, and writing SVG and PNG that are byte-identical from run to run.

Every figure is laid out in inches: its one Axes fills the figure, x runs right and y runs
down from the top-left corner, so a position in the code is a position on the page, and
text is wrapped to a width measured with the font it is drawn in (DejaVu Sans, which ships
with matplotlib and has Cyrillic).
"""
from __future__ import annotations

import datetime as dt
import itertools
from functools import cache
from pathlib import Path

from matplotlib import font_manager
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch
from matplotlib.path import Path as MplPath

from scripts import countries

FONT = "DejaVu Sans"
DPI = 110
STYLE = {
    "font.family": "sans-serif",
    "font.sans-serif": [FONT],
    "svg.fonttype": "none",  # text stays text: searchable, and no glyph outlines to embed
    "svg.hashsalt": "military-aid-requests",  # fixed ids instead of random ones
    "text.parse_math": False,  # a "$" in a summary is a dollar sign, not mathematics
}
INK, GREY = "#222222", "#666666"

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def short_name(alpha_2: str, name_en: str | None = None) -> str:
    """The name people use ("Russia", "Venezuela"): scripts.countries.short_name (CLDR)."""
    return countries.short_name(alpha_2)


def humanise(value: str | None) -> str:
    return (value or "").replace("_", " ")


def format_date(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def format_bounds(earliest: dt.date | None, latest: dt.date | None) -> str:
    """"26 Oct 2025", "by 31 Oct 2025", "from 1 Feb 2025", "Feb–Aug 2025", "21–31 Oct 2025",
    "27 Oct – 2 Nov 2025": a date's bounds as people write them."""
    if earliest is None and latest is None:
        return "undated"
    if earliest is None:
        return f"by {format_date(latest)}"
    if latest is None:
        return f"from {format_date(earliest)}"
    if earliest == latest:
        return format_date(earliest)
    first, last = MONTHS[earliest.month - 1], MONTHS[latest.month - 1]
    if earliest.day == 1 and (latest + dt.timedelta(days=1)).day == 1:  # whole months
        if earliest.year != latest.year:
            return f"{first} {earliest.year}–{last} {latest.year}"
        return f"{first} {latest.year}" if first == last else f"{first}–{last} {latest.year}"
    if earliest.year != latest.year:
        return f"{format_date(earliest)} – {format_date(latest)}"
    if earliest.month != latest.month:
        return f"{earliest.day} {first} – {format_date(latest)}"
    return f"{earliest.day}–{format_date(latest)}"


# -- text measured in the drawing font ------------------------------------------------------

@cache
def _advances(bold: bool) -> dict[str, float]:
    """Advance widths of the font's characters, in ems, filled as characters are met."""
    return {}


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width in inches of one line of text at size points: the sum of the characters'
    advances, plus 4% for the rounding of hinted glyphs to whole pixels in the PNG. (Asking
    the text layout engine would cost about a millisecond a line.)"""
    advances = _advances(bold)
    missing = set(text) - advances.keys()
    if missing:
        font = font_manager.get_font(font_manager.findfont(font_manager.FontProperties(
            family=FONT, weight="bold" if bold else "normal")))
        font.set_size(72, 72)
        for char in missing:
            advances[char] = font.load_char(ord(char)).linearHoriAdvance / 65536 / 72
    return sum(advances[char] for char in text) * size / 72 * 1.04


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """Greedy word wrap to width inches (a word longer than a line gets a line of its own)."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(f"{lines[-1]} {word}", size, bold) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


def shorten(text: str, width: float, size: float, bold: bool = False, lines: int = 1) -> list[str]:
    """text wrapped to at most `lines` lines of width inches, the last ending in "…" if cut."""
    wrapped = wrap(text, width, size, bold)
    if len(wrapped) <= lines:
        return wrapped
    kept, last = wrapped[:lines - 1], wrapped[lines - 1].split()
    while len(last) > 1 and text_width(" ".join(last) + "…", size, bold) > width:
        last.pop()
    return kept + [" ".join(last).rstrip(",;:.-–") + "…"]


def line_height(size: float) -> float:
    """Distance in inches between the baselines of two lines of text at size points."""
    return size * 1.3 / 72


# -- the page -------------------------------------------------------------------------------

def page(width: float, height: float):
    """A figure of width × height inches and an Axes covering it in inch units, y down."""
    figure = Figure(figsize=(width, height), dpi=DPI)
    ax = figure.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, width)
    ax.set_ylim(height, 0)
    ax.axis("off")
    return figure, ax


def lines_at(ax, x: float, y: float, lines: list[str], size: float, colour: str = INK,
             **style) -> float:
    """Draw lines of text with their tops at y; return the y below the last one."""
    step = line_height(size)
    for index, line in enumerate(lines):
        ax.text(x, y + index * step, line, fontsize=size, color=colour, va="top", **style)
    return y + len(lines) * step


TOP = 0.25  # the page's top margin, above the title


def heading_height(title: str, subtitle: str, width: float) -> float:
    """How far down the page the title and subtitle of heading() reach."""
    return (TOP + len(wrap(title, width, 13, bold=True)) * line_height(13) + 0.04
            + len(wrap(subtitle, width, 9)) * line_height(9))


def heading(ax, x: float, title: str, subtitle: str, width: float) -> None:
    """Title and subtitle at the top of a page, wrapped to width inches."""
    y = lines_at(ax, x, TOP, wrap(title, width, 13, bold=True), 13, fontweight="bold")
    lines_at(ax, x, y + 0.04, wrap(subtitle, width, 9), 9, GREY)


def box(ax, x: float, y: float, width: float, height: float, face: str, edge: str = "#444444",
        linewidth: float = 1.0, gid: str | None = None):
    patch = FancyBboxPatch((x, y), width, height, boxstyle="round,pad=0,rounding_size=0.06",
                           facecolor=face, edgecolor=edge, linewidth=linewidth)
    patch.set_gid(gid)
    ax.add_patch(patch)
    return patch


def curve(points: list[tuple[float, float]]) -> MplPath:
    """A smooth path through points, leaving and entering each one horizontally."""
    vertices, codes = [points[0]], [MplPath.MOVETO]
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        if y0 == y1:
            vertices.append((x1, y1))
            codes.append(MplPath.LINETO)
        else:
            middle = (x0 + x1) / 2
            vertices += [(middle, y0), (middle, y1), (x1, y1)]
            codes += [MplPath.CURVE4] * 3
    return MplPath(vertices, codes)


def arrow(ax, points: list[tuple[float, float]], colour: str = GREY, width: float = 1.3):
    ax.add_patch(FancyArrowPatch(path=curve(points), arrowstyle="-|>", mutation_scale=11,
                                 color=colour, linewidth=width, shrinkA=0, shrinkB=0))


def save(figure: Figure, out: Path, stem: str) -> list[Path]:
    """stem.svg and stem.png in out, with nothing in them that changes from run to run."""
    svg, png = out / f"{stem}.svg", out / f"{stem}.png"
    figure.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
    figure.savefig(png, format="png", dpi=DPI, metadata={"Software": None})
    return [svg, png]
