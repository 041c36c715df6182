"""One test module per table, named after it: each runs that table's row builder
(scripts/build/rows/<table>.py) on records of the mini repository (tests/conftest.py)."""
from __future__ import annotations

from pathlib import Path

import pytest

from scripts.build.read import article_pairs, read_article, read_reference
from scripts.build.scope import Scope
from scripts.context import Context
from scripts.errors import Problems
from scripts.yamlio import LineDict
from tests.conftest import make_mini_repo


@pytest.fixture
def scope(tmp_path: Path) -> Scope:
    """The Scope of the mini repository's article, as the build resolves it."""
    context = Context(make_mini_repo(tmp_path / "repo"))
    problems = Problems(context.root)
    reference = read_reference(context, problems)
    [pair] = article_pairs(context, problems)
    curation, read_problems = read_article(context, *pair)
    assert not problems and not read_problems.items
    return Scope(context, curation, reference)


def record(scope: Scope, values: dict, file: str = "articles/mini-article.yaml") -> LineDict:
    """A curation record as the YAML reader gives it, in a file of the mini repository."""
    result = LineDict(values)
    result.file, result.line = scope.context.root / file, 1
    return result


def problems(scope: Scope) -> list[str]:
    return [problem.what for problem in scope.problems.items]
