"""Property: whatever a curator's editor does to the inputs, the build either publishes a
valid package or stops with problems that each name a file, and never with another
exception; after a failure the previous package is byte-identical.

Hypothesis mutates the mini repository's curation files (characters and lines inserted,
deleted, replaced, duplicated; random values for keys) and its article text (characters
inserted, invisible and control ones included). Bounded for CI: a few dozen examples, each
a build of one small article (a failing build takes a few hundredths of a second, a
passing one about half a second). FUZZ_EXAMPLES=500 runs more.
"""
from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scripts.build import build
from scripts.build.run import ValidationFailed
from scripts.errors import BuildError
from tests.conftest import snapshot

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "0"))
CURATION = ("articles/mini-article.yaml", "reference/entities.yaml", "reference/sources.yaml")
TEXT = "articles/mini-article.txt"
INVISIBLE = ("\u00ad", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202a", "\u202e",
             "\u2060", "\u2066", "\u2069", "\ufeff", "\x00", "\x07", "\x1b", "\x7f", "\x85", "\r")
YAML_PUNCTUATION = tuple(":-#&*!|>'\"{}[],%@`?\n\t ")
KEY_LINE = re.compile(r"^(\s*(?:- )?)([a-z_]+):( .*)?$", re.MULTILINE)

characters = st.one_of(
    st.characters(blacklist_categories=("Cs",)),  # any code point UTF-8 can hold
    st.sampled_from(INVISIBLE), st.sampled_from(YAML_PUNCTUATION), st.sampled_from("ВенсуэлаРоия"))
snippets = st.text(characters, min_size=1, max_size=6)
values = st.one_of(
    snippets, st.integers(-10**20, 10**20).map(str), st.floats().map(str),
    st.sampled_from(["null", "true", "no", "~", "[]", "{}", '""', "0o17", "2030-02-30", "RU", "XX",
                     "request-missiles", "item-missiles", "event-plane-arrival", "mini-article",
                     "vestnik-report", "venezuela-defence-minister", "caracas", "!!binary aGk=",
                     "&a x", "*a", "[1, [2, [3]]]", "'unterminated", "../2030", "2029-12-31/2029-12-01",
                     "-1", "1e400", "ракет", "поставках ракет"]))


@st.composite
def text_edit(draw, text: str, alphabet) -> str:
    """One editor's slip: characters inserted, deleted or replaced; a line deleted,
    duplicated or moved."""
    lines = text.split("\n")
    kind = draw(st.sampled_from(("insert", "delete", "replace", "drop line", "repeat line", "move line")))
    if kind in ("insert", "delete", "replace"):
        at = draw(st.integers(0, len(text)))
        cut = 0 if kind == "insert" else draw(st.integers(1, 8))
        new = "" if kind == "delete" else draw(alphabet)
        return text[:at] + new + text[at + cut:]
    i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
    if kind == "drop line":
        del lines[i]
    elif kind == "repeat line":
        lines.insert(j, lines[i])
    else:
        lines.insert(j, lines.pop(i))
    return "\n".join(lines)


@st.composite
def value_edit(draw, text: str) -> str:
    """A random value for one key of a YAML file."""
    keys = list(KEY_LINE.finditer(text))
    match = keys[draw(st.integers(0, len(keys) - 1))]
    return text[:match.start()] + f"{match.group(1)}{match.group(2)}: {draw(values)}" + text[match.end():]


def check_build(repo: Path) -> None:
    """The property, for one mutated repository."""
    before = snapshot(repo / "datapackage")
    try:
        build(repo)
    except BuildError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.file and not os.path.isabs(problem.file), problem
            assert (repo / problem.file).exists() or (repo / problem.file).is_symlink(), problem
            assert problem.what and problem.fix, problem
    except ValidationFailed as exc:  # allowed, but its message must say what failed
        assert str(exc)
    else:
        assert (repo / "datapackage" / "datapackage.json").exists()
        return
    assert snapshot(repo / "datapackage") == before
    assert not list(repo.glob(".datapackage-*"))


def mutated_copy(template: Path, changes: dict[str, str]) -> Path:
    repo = Path(tempfile.mkdtemp(prefix="fuzz-")) / "repo"
    shutil.copytree(template, repo, symlinks=True)
    for name, content in changes.items():
        (repo / name).write_bytes(content.encode("utf-8"))
    return repo


FUZZ = settings(max_examples=EXAMPLES or 25, deadline=None, derandomize=not EXAMPLES,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@FUZZ
@given(data=st.data())
def test_mutated_curation_files_give_a_package_or_clear_problems(built_mini_repo, data):
    changes = {}
    for _ in range(data.draw(st.integers(1, 3), label="edits")):
        name = data.draw(st.sampled_from(CURATION), label="file")
        text = changes.get(name) or (built_mini_repo / name).read_text(encoding="utf-8")
        edit = st.one_of(text_edit(text, snippets), value_edit(text))
        changes[name] = data.draw(edit, label=name)
    repo = mutated_copy(built_mini_repo, changes)
    try:
        check_build(repo)
    finally:
        shutil.rmtree(repo.parent)


@settings(FUZZ, max_examples=EXAMPLES or 15)
@given(data=st.data())
def test_mutated_article_text_gives_a_package_or_clear_problems(built_mini_repo, data):
    text = (built_mini_repo / TEXT).read_text(encoding="utf-8")
    alphabet = st.text(st.one_of(characters, st.sampled_from(INVISIBLE)), min_size=1, max_size=3)
    for _ in range(data.draw(st.integers(1, 2), label="edits")):
        text = data.draw(text_edit(text, alphabet), label="text")
    repo = mutated_copy(built_mini_repo, {TEXT: text})
    try:
        check_build(repo)
    finally:
        shutil.rmtree(repo.parent)
