"""One row builder per table, named after it: row(record, scope) -> dict of the table's
columns. They check values through the Scope (scripts/build/scope.py) and compute what can
be computed; the counts across articles are added later (scripts/build/across.py)."""
import importlib


def builder(table: str):
    """The row function of a table: scripts/build/rows/<table>.py, row()."""
    return importlib.import_module(f"scripts.build.rows.{table}").row


def curated_rows(table: str, records: list, scope) -> list[dict]:
    row = builder(table)
    return [row(record, scope) for record in records]


__all__ = ["builder", "curated_rows"]
