"""The picture: who asked whom for what, drawn from the tables.

One row per pair of countries (requester, addressee): requester on the left, addressee on
the right, an arrow between them labelled with who asked whom and how, and the distinct
items asked for beside the addressee. Grouping by country pair keeps the picture
readable however many articles report the same requests. Everything drawn comes from the requests, equipment, entities and
countries tables, so the picture changes when the data does.

Written as SVG and PNG with fixed metadata and a fixed SVG id salt, so a rebuild is
byte-identical (matplotlib otherwise stamps the date and random ids into the files).
"""
from __future__ import annotations

import textwrap
from pathlib import Path

import matplotlib
import pyarrow as pa

matplotlib.use("Agg")  # no display; must precede pyplot
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.patches import FancyBboxPatch  # noqa: E402

COLOURS = {"requester": "#d9ecff", "addressee": "#ffe2cc", "item": "#404040", "arrow": "#555555"}


def request_rows(tables: dict[str, pa.Table]) -> list[dict]:
    """What the picture shows: one row per (requester country, addressee country), with who
    asked whom, by which channels, and the distinct items asked for, in table order."""
    entities = {e["entity_id"]: e for e in tables["entities"].to_pylist()}
    countries = {c["alpha_2"]: c for c in tables["countries"].to_pylist()}
    items_of = {}
    for item in tables["equipment"].select(["request_id", "description_en"]).to_pylist():
        if item["request_id"]:
            items_of.setdefault(item["request_id"], []).append(item["description_en"])
    pairs: dict[tuple[str, str], dict] = {}
    for r in tables["requests"].to_pylist():
        pair = pairs.setdefault((r["requester_country"], r["addressee_country"]), {
            "requester": f"{countries[r['requester_country']]['name_en']} ({r['requester_country']})",
            "addressee": f"{countries[r['addressee_country']]['name_en']} ({r['addressee_country']})",
            "who": {}, "channel": {}, "items": {}})
        pair["who"][f"{entities[r['requester_id']]['name_en']} → {entities[r['addressee_id']]['name_en']}"] = None
        pair["channel"][r["channel"].replace("_", " ")] = None
        pair["items"].update(dict.fromkeys(items_of.get(r["request_id"], [])))
    return [{**p, "who": "; ".join(p["who"]), "channel": ", ".join(p["channel"]), "items": list(p["items"])}
            for p in pairs.values()]


def _box(ax, x, y, width, height, text, colour):
    ax.add_patch(FancyBboxPatch((x, y), width, height, boxstyle="round,pad=0.02,rounding_size=0.08",
                                facecolor=colour, edgecolor="#333333", linewidth=1))
    ax.text(x + width / 2, y + height / 2, "\n".join(textwrap.wrap(text, 22)), ha="center",
            va="center", fontsize=10, fontweight="bold")


def draw(tables: dict[str, pa.Table]):
    rows = request_rows(tables)
    height_per_row = 1.6
    figure, ax = plt.subplots(figsize=(13, 0.9 + height_per_row * len(rows)))
    total = height_per_row * len(rows)
    ax.set_xlim(0, 13)
    ax.set_ylim(0, total + 0.8)
    ax.axis("off")
    ax.text(6.5, total + 0.4, "Who asked whom for what: requests for military help",
            ha="center", va="center", fontsize=14, fontweight="bold")
    for index, row in enumerate(rows):
        top = total - index * height_per_row
        middle = top - 0.7
        _box(ax, 0.2, middle - 0.4, 2.6, 0.8, row["requester"], COLOURS["requester"])
        _box(ax, 6.4, middle - 0.4, 2.6, 0.8, row["addressee"], COLOURS["addressee"])
        ax.annotate("", xy=(6.35, middle), xytext=(2.85, middle),
                    arrowprops={"arrowstyle": "-|>", "color": COLOURS["arrow"], "linewidth": 1.8})
        ax.text(4.6, middle + 0.12, row["who"], ha="center", va="bottom", fontsize=8.5)
        ax.text(4.6, middle - 0.12, f"by {row['channel']}", ha="center", va="top", fontsize=8.5,
                style="italic")
        items = "\n".join("• " + "\n   ".join(textwrap.wrap(item, 44)) for item in row["items"])
        ax.text(9.2, middle, items or "(no items)", ha="left", va="center", fontsize=8.5,
                color=COLOURS["item"])
    figure.tight_layout()
    return figure


def write_figures(tables: dict[str, pa.Table], out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = [out / "requests.svg", out / "requests.png"]
    with plt.rc_context({"svg.hashsalt": "military-aid-requests", "svg.fonttype": "none"}):
        figure = draw(tables)
        figure.savefig(paths[0], format="svg", metadata={"Date": None, "Creator": None})
        figure.savefig(paths[1], format="png", dpi=110, metadata={"Software": None})
    plt.close(figure)
    return paths
