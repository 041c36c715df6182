"""Write stage: one in-memory table, written as CSV and as Parquet with the same values.

Types come from the Table Schema: the Parquet column types are derived from it, not
typed here per column, and every Parquet field carries its schema description in its
metadata so the file documents itself.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from scripts.schemas import ARROW_TYPES


def csv_cell(value) -> str:
    """Package conventions: empty cell = null, true/false, ISO 8601 dates."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


BATCH_ROWS = 50_000  # rows formatted at a time, to bound memory


def csv_column(column: pa.Array) -> pa.Array:
    """Every value of a column as its CSV field, as Python's csv module writes csv_cell(value)
    with QUOTE_MINIMAL: quoted, with quotes doubled, when it holds a comma, a quote or a line
    break (a carriage return too, which Python 3.11's csv module leaves bare). Done on whole
    columns by Arrow, as a Python call per cell is slow for large corpora (BENCHMARKS.md).
    A test compares the two, cell by cell."""
    if pa.types.is_integer(column.type) or pa.types.is_boolean(column.type) or pa.types.is_date32(column.type):
        return pc.fill_null(column.cast(pa.string()), "")  # 12, true/false, 2025-10-31
    if not pa.types.is_string(column.type):
        column = pa.array([csv_cell(value) for value in column.to_pylist()], pa.string())
    text = pc.fill_null(column, "")
    quoted = pc.binary_join_element_wise('"', pc.replace_substring(text, '"', '""'), '"', "")
    return pc.if_else(pc.match_substring_regex(text, '[,"\r\n]'), quoted, text)


def write_csv(table: pa.Table, schema: dict, path: Path, release: dict | None = None) -> None:
    """The table as CSV (release metadata has no place in a CSV file: see datapackage.json)."""
    names = [f["name"] for f in schema["fields"]]
    header = pa.record_batch([pa.array([name]) for name in names], names=names)
    with path.open("wb") as handle:
        for batch in [header, *table.select(names).to_batches(BATCH_ROWS)]:
            handle.write(csv_lines(batch))


def csv_lines(batch: pa.RecordBatch) -> memoryview:
    """The rows of a batch as CSV lines, each ending in a line feed, as UTF-8 bytes."""
    lines = pc.binary_join_element_wise(*(csv_column(column) for column in batch.columns), ",")
    # The values of a string array lie end to end in its data buffer: the file's bytes.
    return utf8_values(pc.binary_join_element_wise(lines, "\n", ""))


def utf8_values(strings: pa.Array) -> memoryview:
    """The UTF-8 bytes of all values of a string array, end to end, without copying them."""
    if not len(strings):
        return memoryview(b"")
    offsets = memoryview(strings.buffers()[1]).cast("i")  # int32 offsets, one more than the values
    first, last = offsets[strings.offset], offsets[strings.offset + len(strings)]
    return memoryview(strings.buffers()[2])[first:last]


def arrow_schema(schema: dict, release: dict | None = None) -> pa.Schema:
    """Arrow types, nullability and descriptions of a Table Schema; with `release` (the
    package's name, version and licence) also in the file's key-value metadata, so a
    Parquet file that travels alone still says what it is and under which licence."""
    fields = [
        pa.field(f["name"], ARROW_TYPES[f["type"]],
                 nullable=not f.get("constraints", {}).get("required", False),
                 metadata={"description": f["description"]})
        for f in schema["fields"]
    ]
    return pa.schema(fields, metadata={"description": schema["description"], **(release or {})})


# pandas dtypes that keep nulls without changing type: an integer column with nulls stays
# integer (Int64), not float. Stored as pandas metadata in the file, they are what
# pandas (and frictionless, which reads Parquet through pandas) gets back.
PANDAS_DTYPES = {"string": "string", "integer": "Int64", "number": "Float64", "boolean": "boolean",
                 "date": "object"}


def arrow_table(table: pa.Table, schema: dict, release: dict | None = None) -> pa.Table:
    """The table with the schema's Arrow types, field descriptions and pandas metadata.

    The pandas metadata depends only on the dtypes and on whether a column has any value
    (an all-null column is "empty"), so it is made from one row that holds each column's
    first value: converting the whole table through pandas would hold every cell as a
    Python object at once.
    """
    import pandas as pd

    names = [f["name"] for f in schema["fields"]]
    sample = {name: [next(iter(table[name].drop_null().slice(0, 1).to_pylist()), None)]
              for name in names}
    frame = pd.DataFrame(sample, columns=names)
    frame = frame.astype({f["name"]: PANDAS_DTYPES[f["type"]] for f in schema["fields"]})
    target = pa.Table.from_pandas(frame, schema=arrow_schema(schema, release), preserve_index=False).schema
    return table.select(names).cast(target)


def release_metadata(package: dict) -> dict:
    """What a Parquet file carries about its package: name, version and licence."""
    licence = package["licenses"][0]
    return {"package": package["name"], "package_version": package["version"],
            "license": licence["name"], "license_path": licence.get("path", "")}


PARQUET_CHUNK_ROWS = 65_536


def even_chunks(table: pa.Table) -> pa.Table:
    """The table cut into chunks of exactly `rows` rows (the last one shorter). The Parquet
    writer encodes a chunk at a time (a dictionary that outgrows its page falls back to
    plain at a chunk's end), so its bytes depend on where the chunks end: a table in one
    piece and the same table mapped from files in pieces (spill.py) must end them alike.
    Only a slice that spans two pieces is copied."""
    rows = PARQUET_CHUNK_ROWS
    if table.num_rows <= rows:
        return table.combine_chunks()
    return pa.concat_tables([table.slice(first, rows).combine_chunks()
                             for first in range(0, table.num_rows, rows)])


def write_parquet(table: pa.Table, schema: dict, path: Path, release: dict | None = None) -> None:
    table = even_chunks(arrow_table(table, schema, release))
    # Fixed writer settings so a rebuild is byte-identical.
    pq.write_table(table, path, compression="zstd", write_statistics=True)
