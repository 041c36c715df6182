"""Who asked whom for what: one box per requester country on the left, an arrow to each
country it asked, with the addressee country's box at the arrow's head, who asked whom and
how above the arrow, and the items of each request listed under it.

From the requests, equipment, entities and countries tables."""
from __future__ import annotations

import pyarrow as pa

from scripts.build.figures.common import (
    GREY,
    INK,
    arrow,
    box,
    heading,
    heading_height,
    humanise,
    line_height,
    lines_at,
    page,
    short_name,
    wrap,
)

REQUESTER, ADDRESSEE = "#d9ecff", "#ffe2cc"
WIDTH, MARGIN = 9.8, 0.3
TITLE = "Who asked whom for what"
SUBTITLE = "Requests for military help: who asked whom above each arrow, the items asked for under it"
CHANNELS = {"letter": ", by letter", "verbal_message": ", by verbal message",
            "meeting": ", at a meeting", "statement": ", in a statement", "unspecified": ""}
REQUESTER_WIDTH, ADDRESSEE_WIDTH, BOX_HEIGHT = 1.75, 1.6, 0.5
LANE = MARGIN + REQUESTER_WIDTH          # where the arrows leave the requester's box
TEXT_X = LANE + 0.6                      # where the text along the arrows starts
ADDRESSEE_X = WIDTH - MARGIN - ADDRESSEE_WIDTH
TEXT_WIDTH = ADDRESSEE_X - 0.15 - TEXT_X
WHO, ITEM, LABEL = 9.0, 8.5, 10.0        # font sizes


def country_label(code: str, countries: dict) -> str:
    """"Venezuela (VE)": the short name and the ISO code."""
    return f"{short_name(code, countries[code]['name_en'])} ({code})"


def request_groups(tables: dict[str, pa.Table]) -> list[dict]:
    """What the figure shows, in table order: one group per requester country, with one row
    per addressee country (or per alliance or organisation asked, which has none, labelled
    with its name), holding each request (who asked whom, how, and its items)."""
    entities = {e["entity_id"]: e["name_en"] for e in
                tables["entities"].select(["entity_id", "name_en"]).to_pylist()}
    items_of: dict[str, list[str]] = {}
    for item in tables["equipment"].select(["request_id", "description_en"]).to_pylist():
        if item["request_id"]:
            items_of.setdefault(item["request_id"], []).append(item["description_en"])
    groups: dict[str, dict[str, list[dict]]] = {}
    labels: dict[str, str] = {}   # a row of an alliance or organisation (no country): its name
    for r in tables["requests"].to_pylist():
        channel = CHANNELS.get(r["channel"], f", by {humanise(r['channel'])}")
        to = r["addressee_country"]
        if to is None:
            to = f"org-{r['addressee_id']}"
            labels[to] = entities[r["addressee_id"]]
        groups.setdefault(r["requester_country"], {}).setdefault(to, []).append({
            "id": r["request_id"],
            "who": f"{entities[r['requester_id']]} → {entities[r['addressee_id']]}{channel}",
            "items": items_of.get(r["request_id"], [])})
    return [{"code": code, "rows": [{"code": to, "label": labels.get(to), "requests": requests}
                                    for to, requests in rows.items()]}
            for code, rows in groups.items()]


def _layout(groups: list[dict]) -> tuple[list[dict], float]:
    """Where everything goes, in inches down from the top of the drawing area: per group
    the requester box's centre and per row the arrow's height and the text around it."""
    placed, y = [], 0.0
    for group in groups:
        rows = []
        for row in group["rows"]:
            texts, first = [], True
            for request in row["requests"]:
                who = wrap(request["who"], TEXT_WIDTH, WHO)
                if first:  # the first who-line sits on the arrow, its items hang below it
                    centre = max(y + len(who) * line_height(WHO) + 0.06, y + BOX_HEIGHT / 2)
                    texts.append((TEXT_X, centre - 0.06 - len(who) * line_height(WHO), who, WHO, INK))
                    cursor, first = centre + 0.08, False
                else:
                    texts.append((TEXT_X, cursor + 0.08, who, WHO, INK))
                    cursor += 0.08 + len(who) * line_height(WHO) + 0.03
                for item in request["items"] or ["(no items recorded)"]:
                    lines = wrap(item, TEXT_WIDTH - 0.2, ITEM)
                    texts += [(TEXT_X + 0.05, cursor, ["•"], ITEM, GREY),
                              (TEXT_X + 0.2, cursor, lines, ITEM, "#333333")]
                    cursor += len(lines) * line_height(ITEM)
            rows.append({"code": row["code"], "label": row.get("label"), "centre": centre, "texts": texts})
            y = max(cursor, centre + BOX_HEIGHT / 2) + 0.3
        placed.append({"code": group["code"], "rows": rows,
                       "count": sum(len(row["requests"]) for row in group["rows"]),
                       "centre": sum(r["centre"] for r in rows) / len(rows)})
    return placed, max(y - 0.3, 0.4)


def draw(tables: dict[str, pa.Table]):
    countries = {c["alpha_2"]: c for c in tables["countries"].to_pylist()}
    placed, content_height = _layout(request_groups(tables))
    shown = {code for group in placed for code in (group["code"], *(r["code"] for r in group["rows"] if not r["label"]))}
    renamed = sorted((short_name(code, countries[code]["name_en"]), countries[code]["name_en"])
                     for code in shown
                     if short_name(code, countries[code]["name_en"]) != countries[code]["name_en"].split(",")[0])
    text_width = WIDTH - 2 * MARGIN
    note = wrap("Country names shortened from ISO 3166-1: "
                + "; ".join(f"{short} = {iso}" for short, iso in renamed) + ".", text_width, 7.5) if renamed else []
    top = heading_height(TITLE, SUBTITLE, text_width) + 0.35
    height = top + content_height + 0.25 + len(note) * line_height(7.5) + 0.2
    figure, ax = page(WIDTH, height)
    heading(ax, MARGIN, TITLE, SUBTITLE, text_width)
    if not placed:
        ax.text(MARGIN, top, "No requests in the package.", fontsize=WHO, color=GREY, va="top")
    for group in placed:
        centre = top + group["centre"]
        for row in group["rows"]:
            row_centre = top + row["centre"]
            arrow(ax, [(LANE, centre), (TEXT_X - 0.15, row_centre), (ADDRESSEE_X - 0.03, row_centre)])
            box(ax, ADDRESSEE_X, row_centre - BOX_HEIGHT / 2, ADDRESSEE_WIDTH, BOX_HEIGHT, ADDRESSEE,
                gid=f"addressee-{group['code']}-{row['code']}")
            _centred(ax, ADDRESSEE_X + ADDRESSEE_WIDTH / 2, row_centre,
                     [(wrap(row["label"] or country_label(row["code"], countries), ADDRESSEE_WIDTH - 0.2, LABEL, True),
                       LABEL, INK)])
            for x, y, lines, size, colour in row["texts"]:
                lines_at(ax, x, top + y, lines, size, colour)
        label = [(wrap(country_label(group["code"], countries), REQUESTER_WIDTH - 0.2, LABEL, True), LABEL, INK),
                 ([f"{group['count']} request{'s' * (group['count'] != 1)}"], 8, GREY)]
        box_height = max(BOX_HEIGHT + 0.15, len(label[0][0]) * line_height(LABEL) + line_height(8) + 0.25)
        box(ax, MARGIN, centre - box_height / 2, REQUESTER_WIDTH, box_height, REQUESTER,
            gid=f"requester-{group['code']}")
        _centred(ax, MARGIN + REQUESTER_WIDTH / 2, centre, label)
    lines_at(ax, MARGIN, height - 0.2 - len(note) * line_height(7.5), note, 7.5, GREY)
    return figure


def _centred(ax, x: float, centre: float, blocks: list[tuple[list[str], float, str]]) -> None:
    """Blocks of lines (lines, font size, colour; the first block bold) centred on (x, centre)."""
    y = centre - sum(len(lines) * line_height(size) for lines, size, _ in blocks) / 2
    for index, (lines, size, colour) in enumerate(blocks):
        for line in lines:
            ax.text(x, y + line_height(size) / 2, line, fontsize=size, color=colour, ha="center",
                    va="center_baseline", fontweight="normal" if index else "bold")
            y += line_height(size)
