"""Build errors that tell a curator where the problem is and how to fix it.

A build collects every problem it can find before stopping (one run, one list), so a
curator fixes them all in one go instead of one per run.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    file: str            # path relative to the repository root
    record: str | None   # id of the record (or key path) at fault, if any
    what: str            # what is wrong
    fix: str             # how to fix it
    line: int | None = None  # 1-based line in the file, where the format has lines

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        record = f" [{self.record}]" if self.record else ""
        return f"{where}{record}: {self.what}. Fix: {self.fix}"


class BuildError(Exception):
    """Raised with every problem found; the build exits non-zero and writes nothing."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class Problems:
    """Collects problems during a stage; `raise_if_any` stops the build at the stage's end."""

    def __init__(self, root: Path):
        self.root = root
        self.items: list[Problem] = []

    def add(self, file: Path | str, record: str | None, what: str, fix: str,
            line: int | None = None) -> None:
        self.items.append(Problem(self.relative(file), record, what, fix, line))

    def relative(self, file: Path | str) -> str:
        path = Path(file)
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self) -> None:
        if self.items:
            raise BuildError(self.items)
