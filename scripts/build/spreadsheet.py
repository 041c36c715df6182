"""Spreadsheet consumer file: one sheet per table and a "dictionary" sheet, typed cells.

For Excel users, for whom opening a CSV silently rewrites it: "0232" becomes 232, a date
becomes a locale-dependent number, a long id is reformatted. Here every cell has the type
its Table Schema gives: codes and all other strings are text cells, dates are date cells
with an ISO format, integers and numbers are numbers (a null is an empty cell), booleans
are booleans. No string is ever a formula: text starting with =, +, - or @ stays text.

Written with XlsxWriter, because it makes the same bytes from the same input: the document's
creation date is set from the data, not the clock, and it stamps every zip entry with a
fixed 1980 date. It writes the styles, each sheet's header, widths, frozen pane and filter,
and the dictionary sheet; the data rows, millions of cells in a large corpus, are made a
column at a time by Arrow (scripts/build/sheetxml.py) and streamed into the sheets when the
workbook is copied into its final zip, a batch of rows at a time (strings stored inline in
each cell, as XlsxWriter's constant_memory mode stores them).
"""
from __future__ import annotations

import datetime as dt
import os
import re
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import xlsxwriter

from scripts import registry
from scripts.build.across import key_order
from scripts.build.recipes import consumer_files, package_name
from scripts.build.sheetxml import rows_xml
from scripts.context import Context

EXCEL_ROWS = 1_048_576  # rows in a sheet, the header included
EXCEL_TEXT = 32_767  # characters in a cell
WIDTH = (8, 60)  # column width in characters: at least, at most (longer text is cut off on screen)
BATCH_ROWS = 50_000  # rows converted to Python values at a time, to bound memory
DICTIONARY = ("table", "field", "type", "required", "description", "allowed values")


@dataclass
class Rows:
    """Data rows to put into one sheet: rows [start, stop) of a table in `order` (its
    primary-key order, as row indices: the sorted rows are taken a batch at a time). The
    table is loaded when its sheet is filled and let go after, so that a large package's
    tables are not all held at once (they may be mapped from files: spill.py)."""
    load: Callable[[], pa.Table]
    order: pa.Array
    kinds: list[str]
    start: int
    stop: int


class Cells:
    """The workbook's cell formats, and the data rows each sheet gets (sheetxml.py writes
    them; text is never a formula there, nor here, where only write_string writes text)."""

    def __init__(self, workbook: xlsxwriter.Workbook):
        self.header = workbook.add_format({"bold": True})
        self.date = workbook.add_format({"num_format": "yyyy-mm-dd"})
        # Style numbers in the order the cells first used them: the header's, the date's.
        self.header._get_xf_index()
        self.date_style = self.date._get_xf_index()
        self.sheets: list[Rows | None] = []   # per sheet in order, the data rows it gets



def check_text(table_name: str, table: pa.Table, fields: list[dict]) -> None:
    """Excel cuts text longer than a cell holds, silently: refuse it instead."""
    for field in fields:
        if field["type"] == "string" and len(table):
            longest = pc.max(pc.utf8_length(table[field["name"]])).as_py() or 0
            if longest > EXCEL_TEXT:
                raise ValueError(f"{table_name}.{field['name']}: a value of {longest} characters, "
                                 f"more than a cell holds ({EXCEL_TEXT}); Excel would cut the text")


def column_widths(table: pa.Table, names: list[str]) -> list[int]:
    """Width of each column: its longest value or its header, within WIDTH."""
    widths = []
    for column_name in names:
        column = table[column_name]
        longest = pc.max(pc.utf8_length(column.cast(pa.string()))).as_py() if len(column) else 0
        widths.append(min(max(WIDTH[0], len(column_name) + 2, (longest or 0) + 1), WIDTH[1]))
    return widths


def start_sheet(workbook, cells: Cells, title: str, names: list[str], widths: list[int],
                rows: Rows | None = None):
    sheet = workbook.add_worksheet(title)
    cells.sheets.append(rows)
    for column, (header, width) in enumerate(zip(names, widths)):
        sheet.write_string(0, column, header, cells.header)
        sheet.set_column(column, column, width)
    sheet.freeze_panes(1, 0)  # the header stays in view while scrolling
    # Codes such as "0232" are text on purpose: no "number stored as text" warnings on them.
    sheet.ignore_errors({"number_stored_as_text": "A1:XFD1048576"})
    return sheet


def write_table(workbook, cells: Cells, table_name: str, tables: Mapping[str, pa.Table], schema: dict) -> None:
    """The table on its sheet, in primary-key order; beyond Excel's row limit the rows go on
    to sheets named "<table> (2)", "<table> (3)", ... so nothing is silently left out."""
    fields = schema["fields"]
    names = [f["name"] for f in fields]

    def load() -> pa.Table:
        return tables[table_name].select(names)

    table = load()
    order = key_order(table, schema)
    check_text(table_name, table, fields)
    widths = column_widths(table, names)
    kinds = [field["type"] for field in fields]
    per_sheet = EXCEL_ROWS - 1
    # An empty table still gets its sheet and header.
    for part, start in enumerate(range(0, max(len(table), 1), per_sheet), 1):
        title = table_name if part == 1 else f"{table_name} ({part})"
        rows = Rows(load, order, kinds, start, min(start + per_sheet, len(table)))
        start_sheet(workbook, cells, title, names, widths, rows).autofilter(0, 0, 0, len(names) - 1)


def write_dictionary(workbook, cells: Cells, context: Context) -> None:
    """One row per field of every table: what the data dictionary says, in the workbook."""
    rows = []
    for table_name in registry.NAMES:
        for field in context.schema(table_name)["fields"]:
            allowed = "; ".join(f"{c['value']}: {c['label']}" for c in field.get("categories", []))
            required = "yes" if field.get("constraints", {}).get("required") else None
            rows.append((table_name, field["name"], field["type"], required,
                         field["description"], allowed or None))
    widths = [max(WIDTH[0], min(WIDTH[1], max(len(r[i] or "") for r in rows) + 1))
              for i in range(len(DICTIONARY))]
    sheet = start_sheet(workbook, cells, "dictionary", list(DICTIONARY), widths)
    for row, values in enumerate(rows, 1):
        for column, value in enumerate(values):
            if value is not None:
                sheet.write_string(row, column, value)   # text, never a formula


def created(tables: dict[str, pa.Table]) -> dt.datetime:
    """The workbook's creation date: the package's `created` (the latest date an input
    article carries), so that it is the same on every rebuild."""
    from scripts.build.package import created as package_created

    return dt.datetime.fromisoformat(package_created(tables).replace("Z", "")).replace(tzinfo=None)


def write_spreadsheet(tables: dict[str, pa.Table], context: Context, out: Path) -> list[Path]:
    """out/<package name>.xlsx, from the final tables."""
    name = package_name(context.schemas_dir)
    path = out / consumer_files(name)["xlsx"]
    workbook = xlsxwriter.Workbook(str(path), {
        "constant_memory": True,
        # Belts and braces: only write_string is used for text, but no conversion either way.
        "strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False,
    })
    workbook.set_properties({"title": name, "created": created(tables),
                             "comments": "Generated by make from the data package; "
                                         "the dictionary sheet describes every field."})
    cells = Cells(workbook)
    for table_name in registry.NAMES:
        write_table(workbook, cells, table_name, tables, context.schema(table_name))
    write_dictionary(workbook, cells, context)
    workbook.close()
    fill_rows(path, cells)
    return [path]


_SHEET_RE = re.compile(r"xl/worksheets/sheet(\d+)\.xml")
_DIMENSION_RE = re.compile(rb'<dimension ref="A1:([A-Z]+)1"/>')


def fill_rows(path: Path, cells: Cells) -> None:
    """Copy the workbook XlsxWriter wrote into its final zip, each table sheet with its data
    rows after the header and its dimension covering them; every entry keeps XlsxWriter's
    name, order, fixed date and compression."""
    partial = path.with_name(path.name + ".rows")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(partial, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            match = _SHEET_RE.fullmatch(info.filename)
            rows = cells.sheets[int(match.group(1)) - 1] if match else None
            if rows is None or rows.stop <= rows.start:
                target.writestr(info, data)
                continue
            last = rows.stop - rows.start + 1
            data = _DIMENSION_RE.sub(lambda m: b'<dimension ref="A1:' + m.group(1) + b"%d" % last + b'"/>', data, 1)
            head, tail = data.split(b"</sheetData>", 1)
            table = rows.load()
            with target.open(info, "w", force_zip64=True) as sheet:
                sheet.write(head)
                for offset in range(rows.start, rows.stop, BATCH_ROWS):
                    taken = table.take(rows.order.slice(offset, min(BATCH_ROWS, rows.stop - offset)))
                    sheet.write(rows_xml(taken.combine_chunks().to_batches()[0], rows.kinds,
                                         offset - rows.start + 2, cells.date_style))
                sheet.write(b"</sheetData>" + tail)
            del table
    os.replace(partial, path)
