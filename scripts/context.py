"""Where the repository's inputs are, and its schemas: passed to every stage as one object."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from scripts import schemas


@dataclass(frozen=True)
class Context:
    root: Path

    @property
    def schemas_dir(self) -> Path:
        return self.root / "schemas"

    @property
    def articles_dir(self) -> Path:
        return self.root / "articles"

    @property
    def reference_dir(self) -> Path:
        return self.root / "reference"

    @property
    def lexicon_dir(self) -> Path:
        return self.root / "reference" / "lexicon"

    @property
    def cache_dir(self) -> Path:
        return self.root / ".cache"

    def schema(self, table: str) -> dict:
        return schemas.load(self.schemas_dir, table)

    def field(self, table: str, column: str) -> dict:
        return next(f for f in self.schema(table)["fields"] if f["name"] == column)

    def arrow_columns(self, table: str, leave_out: tuple[str, ...] = ()) -> pa.Schema:
        return schemas.arrow_columns(self.schemas_dir, table, leave_out)
