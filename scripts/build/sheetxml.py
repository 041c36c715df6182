"""The rows of a worksheet as SpreadsheetML, made column by column with Arrow compute.

XlsxWriter writes a cell per Python call, which at ten thousand articles (millions of
cells) is most of a build. Here every cell of a column is made at once by Arrow's string
kernels, and a batch of rows is joined into one buffer; spreadsheet.py has XlsxWriter
write everything else (styles, header, widths, frozen pane, filter, dictionary sheet)
and puts these rows into its sheets.

The cells are those XlsxWriter writes in constant_memory mode: text as inline strings
(escaped, never a formula: there is no <f> element here at all), integers and numbers as
<v>, booleans as t="b", dates as serial day numbers in the date style; a null is no cell.
"""
from __future__ import annotations

import re
from xml.sax.saxutils import escape

import pyarrow as pa
import pyarrow.compute as pc

EXCEL_EPOCH = 25569   # the serial day number of 1970-01-01 (day 0 is 1899-12-30)
# Characters XML 1.0 cannot carry, and text that Excel would read as such an escape:
# written as Excel's _xHHHH_ escapes, in Python (never seen in real data).
_UNSAFE = r"[\x00-\x08\x0b\x0c\x0e-\x1f]|_x[0-9A-Fa-f]{4}_"
_UNSAFE_RE = re.compile(_UNSAFE)


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _join(*parts) -> pa.Array:
    """Element-wise concatenation of arrays and plain strings (a null part: a null result)."""
    return pc.binary_join_element_wise(*parts, "")


def _excel_escape(text: str) -> str:
    return _UNSAFE_RE.sub(lambda m: f"_x{ord(m.group()):04X}_" if len(m.group()) == 1
                          else "_x005F" + m.group(), escape(text))


def _text(values: pa.Array) -> pa.Array:
    if pc.any(pc.match_substring_regex(values, _UNSAFE)).as_py():
        return pa.array([None if v is None else _excel_escape(v) for v in values.to_pylist()], pa.string())
    for raw, escaped in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;")):
        values = pc.replace_substring(values, raw, escaped)
    return values


def cells(values: pa.Array, kind: str, refs: pa.Array, date_style: int) -> pa.Array:
    """The <c> element of each value of one column (an empty string for a null)."""
    if kind == "date":
        serial = pc.add(values.cast(pa.int32()), EXCEL_EPOCH).cast(pa.string())
        made = _join('<c r="', refs, f'" s="{date_style}"><v>', serial, "</v></c>")
    elif kind == "boolean":
        made = _join('<c r="', refs, '" t="b"><v>', pc.if_else(values, "1", "0"), "</v></c>")
    elif kind in ("integer", "number"):
        made = _join('<c r="', refs, '"><v>', values.cast(pa.string()), "</v></c>")
    else:
        text = _text(values.cast(pa.string()))
        spaced = pc.match_substring_regex(text, r"^\s|\s$")   # kept as written
        opening = pc.if_else(spaced, '<t xml:space="preserve">', "<t>")
        made = _join('<c r="', refs, '" t="inlineStr"><is>', opening, text, "</t></is></c>")
    return pc.fill_null(made, "")


def rows_xml(batch: pa.RecordBatch, kinds: list[str], first_row: int, date_style: int) -> bytes:
    """The <row> elements of a batch, numbered from first_row (1 is the header)."""
    numbers = pa.array(range(first_row, first_row + batch.num_rows), pa.int64()).cast(pa.string())
    columns = [cells(batch.column(k), kind, _join(column_letter(k), numbers), date_style)
               for k, kind in enumerate(kinds)]
    rows = _join('<row r="', numbers, '">', *columns, "</row>")
    if isinstance(rows, pa.ChunkedArray):
        rows = rows.combine_chunks()
    # The values of a string array lie end to end in its data buffer: the rows, joined.
    offsets = rows.buffers()[1]
    first, last = (int.from_bytes(offsets[4 * i:4 * i + 4], "little", signed=True)
                   for i in (rows.offset, rows.offset + len(rows)))
    return rows.buffers()[2].to_pybytes()[first:last] if len(rows) else b""


__all__ = ["column_letter", "rows_xml"]
