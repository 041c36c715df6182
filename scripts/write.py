"""Write stage: one in-memory table, written as CSV and as Parquet with the same values.

Types come from the Table Schema: the Parquet column types are derived from it, not
typed here per column, and every Parquet field carries its schema description in its
metadata so the file documents itself.
"""
from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from .schemas import ARROW_TYPES


def csv_cell(value) -> str:
    """Package conventions: empty cell = null, true/false, ISO 8601 dates."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


BATCH_ROWS = 50_000  # rows turned into Python values at a time, to bound memory


def write_csv(table: pa.Table, schema: dict, path: Path) -> None:
    names = [f["name"] for f in schema["fields"]]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow(names)
        for batch in table.select(names).to_batches(BATCH_ROWS):
            columns = [column.to_pylist() for column in batch.columns]
            writer.writerows([csv_cell(value) for value in row] for row in zip(*columns))


def arrow_schema(schema: dict) -> pa.Schema:
    fields = [
        pa.field(f["name"], ARROW_TYPES[f["type"]],
                 nullable=not f.get("constraints", {}).get("required", False),
                 metadata={"description": f["description"]})
        for f in schema["fields"]
    ]
    return pa.schema(fields, metadata={"description": schema["description"]})


# pandas dtypes that keep nulls without changing type: an integer column with nulls stays
# integer (Int64), not float. Stored as pandas metadata in the file, they are what
# pandas (and frictionless, which reads Parquet through pandas) gets back.
PANDAS_DTYPES = {"string": "string", "integer": "Int64", "number": "Float64", "boolean": "boolean",
                 "date": "object"}


def arrow_table(table: pa.Table, schema: dict) -> pa.Table:
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
    target = pa.Table.from_pandas(frame, schema=arrow_schema(schema), preserve_index=False).schema
    return table.select(names).cast(target)


def write_parquet(table: pa.Table, schema: dict, path: Path) -> None:
    table = arrow_table(table, schema)
    # Fixed writer settings so a rebuild is byte-identical.
    pq.write_table(table, path, compression="zstd", write_statistics=True)
