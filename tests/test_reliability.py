"""Reliability: the build reads nothing outside the repository, runs no planted code, never
publishes a silently wrong value, and never shows a traceback.

Each case says what the build prints; the README's catalogue ("Bad input: what the build
says") lists them, and the last test checks the catalogue against the tests.
"""
from __future__ import annotations

import errno
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from scripts.build import build
from scripts.errors import BuildError
from tests.conftest import MINI_TEXT, ROOT, snapshot
from tests.test_bad_input import ARTICLE, add_second_article, edit, problems

TEXT = "articles/mini-article.txt"


def failure(repo: Path) -> list:
    """The Problems of a failing build; the previous package stays byte-identical."""
    before = snapshot(repo / "datapackage")
    with pytest.raises(BuildError) as info:
        build(repo)
    assert snapshot(repo / "datapackage") == before
    return info.value.problems


def outside_copy(repo: Path, name: str) -> Path:
    """A copy of repo/name outside the repository, for links that point out of it."""
    target = repo.parent / f"outside-{Path(name).name}"
    shutil.copyfile(repo / name, target)
    return target


# -- 1. nothing outside the repository is read -----------------------------------------------

@pytest.mark.parametrize("name, file", [
    pytest.param(TEXT, TEXT, id="symlinked-article"),
    pytest.param(ARTICLE, ARTICLE, id="symlinked-curation"),
    pytest.param("reference/entities.yaml", "reference/entities.yaml", id="symlinked-reference"),
    pytest.param("reference/lexicon/countries.yaml", "reference/lexicon", id="symlinked-lexicon"),
    pytest.param("schemas/requests.json", "schemas/requests.json", id="symlinked-schema"),
])
def test_a_symbolic_link_among_the_inputs_is_refused(mini_repo, name, file):
    target = outside_copy(mini_repo, name)
    (mini_repo / name).unlink()
    (mini_repo / name).symlink_to(target)
    found = [p for p in failure(mini_repo) if p.file == file]
    assert found and f"is a symbolic link (to {target})" in found[0].what, found
    assert "inside the repository" in found[0].what + found[0].fix


def test_a_symlinked_input_directory_is_refused(mini_repo):
    real = mini_repo.parent / "articles-elsewhere"
    (mini_repo / "articles").rename(real)
    (mini_repo / "articles").symlink_to(real)
    assert [(p.file, p.what) for p in failure(mini_repo)] == [
        ("articles", f"is a symbolic link (to {real}); the build reads only files inside the repository")]


@pytest.fixture
def alarm():
    """Turn a hang into a failure (a FIFO opened for reading blocks until a writer comes)."""
    def timeout(*_):
        raise TimeoutError("the build hung")
    previous = signal.signal(signal.SIGALRM, timeout)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("make, what", [
    pytest.param(os.mkfifo, "article file is a named pipe (FIFO), not a regular file", id="article-fifo"),
    pytest.param(os.mkdir, "article file is a directory, not a regular file", id="article-directory"),
])
def test_an_article_that_is_not_a_regular_file_is_reported(mini_repo, alarm, make, what):
    (mini_repo / TEXT).unlink()
    make(mini_repo / TEXT)
    assert (TEXT, None, what) in problems(mini_repo)


def test_an_unreadable_article_is_reported(mini_repo, monkeypatch):
    target = mini_repo / TEXT
    if os.geteuid() != 0:
        target.chmod(0)
    else:  # root reads anything: let the operating system refuse this one file
        real_open, real_read_bytes = os.open, Path.read_bytes

        def refuse(path):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))

        monkeypatch.setattr(os, "open", lambda path, *a, **k: refuse(path) if Path(path) == target
                            else real_open(path, *a, **k))
        monkeypatch.setattr(Path, "read_bytes", lambda self: refuse(self) if self == target
                            else real_read_bytes(self))
    assert (TEXT, None, "article file cannot be read: Permission denied") in problems(mini_repo)


# -- 3. no silently wrong value ---------------------------------------------------------------

SECOND_LINE = "Вторая строка.\n"


@pytest.mark.parametrize("at, char, expected", [
    pytest.param("Венесу", "\u00ad", "soft hyphen (U+00AD) inside a word: it hides the word from "
                 "the mention detector and from quote matching", id="soft-hyphen"),
    pytest.param("Министр ", "\u200b", "zero-width space (U+200B): it hides the word", id="zero-width-space"),
    pytest.param("Вто", "\u202e", "right-to-left override (U+202E) inside a word: it changes the "
                 "order in which the text is displayed", id="bidi-override"),
    pytest.param("Вторая", "\u2066", "left-to-right isolate (U+2066)", id="bidi-isolate"),
    pytest.param("Россию", "\ufeff", "zero-width no-break space (byte-order mark) (U+FEFF)", id="bom-inside"),
    pytest.param("ракет", "\x00", "NUL character (U+0000): it is not text", id="nul"),
    pytest.param("Вторая", "\x1b", "control character (U+001B): it is not text", id="control-character"),
])
def test_invisible_and_control_characters_in_an_article_are_errors(mini_repo, at, char, expected):
    text = MINI_TEXT + SECOND_LINE
    offset = text.index(at) + len(at)
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    (mini_repo / TEXT).write_text(text[:offset] + char + text[offset:], encoding="utf-8")
    (found,) = [p for p in failure(mini_repo) if p.file == TEXT]
    assert found.line == line and found.what.startswith(f"column {column}: {expected}"), found
    assert "remove it" in found.fix and "cleaned" in found.fix


def test_the_same_article_under_two_ids_is_an_error(mini_repo):
    add_second_article(mini_repo, "second-request")  # the same bytes as the mini article
    (found,) = [p for p in failure(mini_repo) if p.file == "articles/second.txt"]
    assert found.record == "second"
    assert re.fullmatch(r"same text \(sha256 [0-9a-f]{12}…\) as articles/mini-article\.txt: it would "
                        r"count the same article twice in article_count and origin_count", found.what)


def edit_schema(repo: Path, table: str, change) -> None:
    path = repo / "schemas" / f"{table}.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    change(schema)
    path.write_text(json.dumps(schema, indent=2), encoding="utf-8")


def test_a_schema_field_no_row_builder_produces_is_an_error(mini_repo):
    edit_schema(mini_repo, "requests", lambda s: s["fields"].append(
        {"name": "priority", "type": "string", "description": "How urgent the request was."}))
    (found,) = failure(mini_repo)
    assert (found.file, found.record) == ("schemas/requests.json", "requests.priority")
    assert found.what == ("table requests: column 'priority' is not produced by its row builder "
                          "scripts/build/rows/requests.py, so it would be empty in every row")
    assert found.line and "priority" in found.fix


def test_a_value_a_row_builder_makes_without_a_schema_field_is_an_error(mini_repo):
    edit_schema(mini_repo, "requests", lambda s: s.update(
        fields=[f for f in s["fields"] if f["name"] != "purpose_en"]))
    (found,) = failure(mini_repo)
    assert found.what == ("table requests: its row builder scripts/build/rows/requests.py produces "
                          "'purpose_en', which the schema has no field for, so it would be dropped")


def test_every_row_builder_can_be_probed_for_its_columns():
    from scripts import registry
    from scripts.build import columns
    from scripts.context import Context

    context = Context(ROOT)
    assert {t: columns.produced_columns(context, t) is not None for t in registry.NAMES} == dict.fromkeys(
        registry.NAMES, True)
    assert columns.check(context) == []


@pytest.mark.parametrize("old, new, expected", [
    pytest.param("adjectives: [венесуэльский]", "adjectives: [венесуэльский, который]",
                 "'adjectives': form 'который' (ru) is a common word: pymorphy3's most likely reading "
                 "is 'который'", id="lexicon-common-adjective"),
    pytest.param("capitals: [Каракас]}\n  uk", "capitals: [Каракас, Мир]}\n  uk",
                 "'capitals': form 'Мир' (ru) is a common word", id="lexicon-common-capital"),
    pytest.param("capitals: [Каракас]}\n  uk", "capitals: [Каракас], common_words: [Мир]}\n  uk",
                 "'common_words': form 'Мир' is not among the aliases, adjectives or capitals of VE.ru",
                 id="lexicon-mark-not-listed"),
])
def test_lexicon_forms_that_are_common_words_must_be_marked(mini_repo, old, new, expected):
    edit(mini_repo, "reference/lexicon/countries.yaml", old, new)
    ((file, _, what),) = problems(mini_repo)
    assert file == "reference/lexicon" and expected in what, what


def test_a_marked_common_word_loads(tmp_path):
    from scripts.mentions import MentionDetector

    lexicon = Path(shutil.copytree(ROOT / "reference" / "lexicon", tmp_path / "lexicon"))
    edit(lexicon, "countries.yaml", "adjectives: [венесуэльский]",
         "adjectives: [венесуэльский, который], common_words: [который]")
    assert MentionDetector(lexicon).find("венесуэльский", "ru")


def test_a_quote_differing_only_by_unicode_normalisation_says_so(mini_repo):
    quote = "В понедельник в Каракас прибыл российский самолет"
    edit(mini_repo, ARTICLE, f"quote: {quote}", f"quote: {unicodedata.normalize('NFD', quote)}")
    (found,) = [p for p in failure(mini_repo) if p.record == "mini-arrival"]
    assert found.what.startswith("quote matches the article only after Unicode normalisation (NFC): "
                                 "it writes an accented letter as a letter plus the combining mark "
                                 "U+0306 (combining breve), where the article has one precomposed character")
    assert "NFC vs NFD" in found.fix


# -- 4. schemas: a message, never a traceback --------------------------------------------------

def break_json(repo: Path, name: str) -> None:
    edit(repo, name, '"type": "string",', '"type": "string"')


@pytest.mark.parametrize("change, file, what", [
    pytest.param(lambda r: break_json(r, "schemas/requests.json"), "schemas/requests.json",
                 "not valid JSON: Expecting ',' delimiter", id="schema-json-syntax"),
    pytest.param(lambda r: edit_schema(r, "evidence", lambda s: s.pop("primaryKey")),
                 "schemas/evidence.json", "the schema has no primaryKey", id="schema-no-primary-key"),
    pytest.param(lambda r: edit_schema(r, "events", lambda s: s["fields"][1].update(type="datetime")),
                 "schemas/events.json", "field 'event_type' has type 'datetime', which the build does "
                 "not know", id="schema-unknown-type"),
    pytest.param(lambda r: (r / "schemas" / "curation.schema.json").unlink(), "schemas/curation.schema.json",
                 "the JSON Schema of the curation files is missing", id="curation-schema-deleted"),
    pytest.param(lambda r: (r / "schemas" / "requests.json").unlink(), "schemas/requests.json",
                 "Table Schema of table 'requests' is missing", id="table-schema-missing"),
    pytest.param(lambda r: edit(r, "schemas/package.json", '"version"', '"version'), "schemas/package.json",
                 "not valid JSON: Expecting ':' delimiter", id="package-json-syntax"),
    pytest.param(lambda r: edit(r, "schemas/countries.json", '"type": "string",',
                                '"type": "string", "type": "date",'),
                 "schemas/countries.json", "key 'type' appears twice in one JSON object",
                 id="schema-duplicate-key"),
    pytest.param(lambda r: edit_schema(r, "sources", lambda s: s["fields"][0]["constraints"].update(
        pattern="[a-")), "schemas/sources.json",
                 "field 'source_id': constraint pattern is \"[a-\", not a regular expression",
                 id="schema-bad-constraint"),
    pytest.param(lambda r: edit_schema(r, "entities", lambda s: s["fields"][1].pop("categories")),
                 "schemas/entities.json", "table entities: column 'entity_type' has no categories, but its "
                 "row builder scripts/build/rows/entities.py checks values against them",
                 id="schema-categories-missing"),
    pytest.param(lambda r: edit_schema(r, "evidence", lambda s: s["foreignKeys"][0]["reference"].update(
        fields=["id"])), "schemas/evidence.json", "foreign key to sources: no column id in "
        "schemas/sources.json", id="schema-foreign-key"),
    pytest.param(lambda r: edit_schema(r, "package", lambda s: s["contributors"][0].update(title={})),
                 "schemas/package.json", "not valid package metadata:", id="package-metadata-invalid"),
])
def test_a_broken_schema_is_a_message(mini_repo, change, file, what):
    change(mini_repo)
    found = failure(mini_repo)
    assert [p.file for p in found] == [file] and found[0].what.startswith(what), found
    if what.startswith("not valid JSON"):
        assert found[0].line  # the line of the syntax error


def test_the_command_line_shows_no_traceback(mini_repo):
    break_json(mini_repo, "schemas/requests.json")
    result = subprocess.run([sys.executable, "-m", "scripts.build"], cwd=mini_repo, capture_output=True,
                            check=False, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=300)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert re.search(r"schemas/requests\.json:\d+ \[requests\]: not valid JSON", result.stderr)


# -- 4. the file system refuses; any other failure is one line ---------------------------------

def run_main(repo: Path, monkeypatch, capsys) -> tuple[int, str]:
    from scripts.build.__main__ import main

    monkeypatch.chdir(repo)
    code = main()
    return code, capsys.readouterr().err


@pytest.mark.parametrize("number, fix", [
    pytest.param(errno.ENOSPC, "free some disk space", id="disk-full"),
    pytest.param(errno.EFBIG, "raise the file-size limit", id="file-too-large"),
    pytest.param(errno.EROFS, "the file system is read-only", id="read-only"),
])
def test_a_file_system_that_refuses_to_write_is_one_line(mini_repo, monkeypatch, capsys, number, fix):
    import pyarrow.parquet

    def refuse(*args, **kwargs):
        raise OSError(number, os.strerror(number))  # as a write() raises it: no file name

    before = snapshot(mini_repo / "datapackage")
    monkeypatch.setattr(pyarrow.parquet, "write_table", refuse)
    code, err = run_main(mini_repo, monkeypatch, capsys)
    assert code == 1 and "Traceback" not in err, err
    assert re.fullmatch(rf"Build failed: \.datapackage-new-\w+/parquet/\w+\.parquet: "
                        rf"{re.escape(os.strerror(number))} \({errno.errorcode[number]}\)\. Fix: "
                        rf"[^;]*{fix}[^;]*; datapackage/ was not changed\.\n", err), err
    assert snapshot(mini_repo / "datapackage") == before


def test_a_file_size_limit_stops_the_build_with_a_message(mini_repo):
    resource = pytest.importorskip("resource")
    before = snapshot(mini_repo / "datapackage")
    limit = 2048  # smaller than the data dictionary; the cache's failed writes are ignored
    result = subprocess.run(
        [sys.executable, "-m", "scripts.build"], cwd=mini_repo, capture_output=True, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=300, check=False,
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit)))
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert "File too large (EFBIG)" in result.stderr and "datapackage/ was not changed" in result.stderr
    assert snapshot(mini_repo / "datapackage") == before
    assert not list(mini_repo.glob(".datapackage-*"))


def test_a_schema_type_its_values_do_not_have_is_one_line(mini_repo, monkeypatch, capsys):
    def channel_as_integer(schema):
        next(f for f in schema["fields"] if f["name"] == "channel").update(type="integer")

    edit_schema(mini_repo, "requests", channel_as_integer)
    code, err = run_main(mini_repo, monkeypatch, capsys)
    assert code == 1 and "Traceback" not in err, err
    assert err.startswith("Build failed: schemas/requests.json: a value of table requests does not have "
                          "the type the schema gives its column (ArrowInvalid: "), err
    assert "datapackage/ was not changed" in err


def test_an_unexpected_exception_is_one_line_naming_stage_and_file(mini_repo, monkeypatch, capsys):
    from scripts.build.rows import requests

    def broken(record, scope):
        return {}["cameo_code"]

    monkeypatch.setattr(requests, "row", broken)
    monkeypatch.delenv("BUILD_DEBUG", raising=False)
    code, err = run_main(mini_repo, monkeypatch, capsys)
    assert code == 1 and "Traceback" not in err
    assert re.match(r"Build failed in stage read \+ resolve \(articles/mini-article\.yaml:\d+ "
                    r"\[request-missiles\]\): KeyError: 'cameo_code'; this is a bug in the build — "
                    r"please report it with the file named\n", err), err
    monkeypatch.setenv("BUILD_DEBUG", "1")
    code, err = run_main(mini_repo, monkeypatch, capsys)
    assert code == 1 and "Traceback (most recent call last)" in err


# -- 6. formula-like cells stay data ------------------------------------------------------------

def test_csv_cells_that_look_like_formulas_are_kept_verbatim(mini_repo):
    value = "=HYPERLINK(\"http://example.org\",\"x\") +1 -2 @A1"
    edit(mini_repo, ARTICLE, "summary_en: Venezuela's defence minister asked Russia for missiles.",
         f"summary_en: '{value}'")
    build(mini_repo)
    csv_text = (mini_repo / "datapackage" / "csv" / "requests.csv").read_text(encoding="utf-8")
    assert '"' + value.replace('"', '""') + '"' in csv_text


# -- the catalogue in the README ----------------------------------------------------------------

def catalogue() -> list[tuple[str, str]]:
    """(test file, test id or function) of every case in the README's catalogue table."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Bad input: what the build says\n", 1)[1].split("\n## ", 1)[0]
    rows = [line.split(" | ") for line in section.splitlines() if line.startswith("| ")][1:]
    assert rows and all(len(row) >= 3 for row in rows)
    return [case for row in rows for case in re.findall(r"`(tests/[\w/]+\.py)::([\w-]+)`", row[1])]


def test_every_case_of_the_readme_catalogue_is_a_test():
    cases = catalogue()
    assert len(cases) >= 40
    for file, name in cases:
        source = (ROOT / file).read_text(encoding="utf-8")
        assert f'id="{name}"' in source or f"def {name}(" in source, f"{file}::{name}"


def test_every_bad_input_case_is_in_the_catalogue():
    listed = {name for _, name in catalogue()}
    for file in ("tests/test_bad_input.py", "tests/test_reliability.py", "tests/test_cache_safety.py"):
        ids = re.findall(r'\bid="([\w-]+)"', (ROOT / file).read_text(encoding="utf-8"))
        assert sorted(set(ids) - listed) == [], file
