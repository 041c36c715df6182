"""Spreadsheet consumer file: one sheet per table and a "dictionary" sheet, typed cells.

For Excel users, for whom opening a CSV silently rewrites it: "0232" becomes 232, a date
becomes a locale-dependent number, a long id is reformatted. Here every cell has the type
its Table Schema gives: codes and all other strings are text cells, dates are date cells
with an ISO format, integers and numbers are numbers (a null is an empty cell), booleans
are booleans. No string is ever a formula: text starting with =, +, - or @ stays text.

Written with XlsxWriter, because it makes the same bytes from the same input: the document's
creation date is set from the data, not the clock, and it stamps every zip entry with a
fixed 1980 date. constant_memory writes each row as it goes, so a large corpus needs little
memory (strings are then stored inline in each cell rather than in a shared table).
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import xlsxwriter

from scripts import registry
from scripts.build.recipes import consumer_files, package_name
from scripts.context import Context

EXCEL_ROWS = 1_048_576  # rows in a sheet, the header included
EXCEL_TEXT = 32_767  # characters in a cell
WIDTH = (8, 60)  # column width in characters: at least, at most (longer text is cut off on screen)
BATCH_ROWS = 50_000  # rows converted to Python values at a time, to bound memory
DICTIONARY = ("table", "field", "type", "required", "description", "allowed values")


class Cells:
    """The workbook's cell formats, and how a value of each schema type is written."""

    def __init__(self, workbook: xlsxwriter.Workbook):
        self.header = workbook.add_format({"bold": True})
        self.date = workbook.add_format({"num_format": "yyyy-mm-dd"})

    def writer(self, kind: str):
        """writer(sheet, row, column, value) for one column, chosen once per column rather
        than per cell (a large corpus has millions of cells). Text goes through
        write_string, never write(): a value starting with = + - @ must not become a formula
        (spreadsheet injection), nor "0232" a number."""
        date = self.date
        return {"date": lambda sheet, row, column, value: sheet.write_datetime(row, column, value, date),
                "boolean": lambda sheet, row, column, value: sheet.write_boolean(row, column, value),
                "integer": lambda sheet, row, column, value: sheet.write_number(row, column, value),
                "number": lambda sheet, row, column, value: sheet.write_number(row, column, value),
                }.get(kind, lambda sheet, row, column, value: sheet.write_string(row, column, value))


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


def start_sheet(workbook, cells: Cells, title: str, names: list[str], widths: list[int]):
    sheet = workbook.add_worksheet(title)
    for column, (header, width) in enumerate(zip(names, widths)):
        sheet.write_string(0, column, header, cells.header)
        sheet.set_column(column, column, width)
    sheet.freeze_panes(1, 0)  # the header stays in view while scrolling
    # Codes such as "0232" are text on purpose: no "number stored as text" warnings on them.
    sheet.ignore_errors({"number_stored_as_text": "A1:XFD1048576"})
    return sheet


def write_table(workbook, cells: Cells, table_name: str, table: pa.Table, schema: dict) -> None:
    """The table on its sheet, in primary-key order; beyond Excel's row limit the rows go on
    to sheets named "<table> (2)", "<table> (3)", ... so nothing is silently left out."""
    fields = schema["fields"]
    names = [f["name"] for f in fields]
    table = table.select(names).sort_by([(key, "ascending") for key in schema["primaryKey"]])
    check_text(table_name, table, fields)
    widths = column_widths(table, names)
    writers = [cells.writer(field["type"]) for field in fields]
    per_sheet, sheet, row, part = EXCEL_ROWS - 1, None, 0, 0
    for batch in table.to_batches(BATCH_ROWS):
        columns = [column.to_pylist() for column in batch.columns]
        for values in zip(*columns):
            if sheet is None or row == per_sheet:
                part += 1
                title = table_name if part == 1 else f"{table_name} ({part})"
                sheet, row = start_sheet(workbook, cells, title, names, widths), 0
                sheet.autofilter(0, 0, 0, len(names) - 1)
            row += 1
            for column, (write, value) in enumerate(zip(writers, values)):
                if value is not None:  # a null is an empty cell, as in the CSV
                    write(sheet, row, column, value)
    if sheet is None:  # an empty table still gets its sheet and header
        start_sheet(workbook, cells, table_name, names, widths).autofilter(0, 0, 0, len(names) - 1)


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
    write = cells.writer("string")
    for row, values in enumerate(rows, 1):
        for column, value in enumerate(values):
            if value is not None:
                write(sheet, row, column, value)


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
        write_table(workbook, cells, table_name, tables[table_name], context.schema(table_name))
    write_dictionary(workbook, cells, context)
    workbook.close()
    return [path]
