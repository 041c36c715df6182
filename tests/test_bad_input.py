"""Bad input stops the build with a message naming file, record and fix; nothing is published."""
from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest

from scripts.build import build
from scripts.build.write import write_csv, write_parquet
from scripts.errors import BuildError
from tests.conftest import MINI_TEXT, snapshot


def edit(repo: Path, name: str, old: str, new: str) -> None:
    path = repo / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems(repo: Path) -> list[tuple[str, str | None, str]]:
    """The (file, record, what) of every problem a failing build reports; also asserts the
    previously built package is left byte-identical and no temporary directory remains."""
    before = snapshot(repo / "datapackage")
    assert before, "test setup: build the package first"
    with pytest.raises(BuildError) as info:
        build(repo)
    assert snapshot(repo / "datapackage") == before
    assert not list(repo.glob(".datapackage-*"))
    return [(p.file, p.record, p.what) for p in info.value.problems]


ARTICLE = "articles/mini-article.yaml"


def test_the_mini_repo_builds(mini_repo):
    result = build(mini_repo)
    tables, warnings = result.tables, result.warnings
    assert tables["requests"]["request_id"].to_pylist() == ["request-missiles"]
    assert [(m["text"], m["country"], m["mention_kind"]) for m in tables["mentions"].to_pylist()] == [
        ("Венесуэлы", "VE", "name"), ("Россию", "RU", "alias"), ("Каракас", "VE", "capital"),
        ("российский", "RU", "adjective")]
    assert warnings == []
    assert (mini_repo / "datapackage" / "datapackage.json").exists()


@pytest.mark.parametrize("name, old, new, expected", [
    pytest.param(ARTICLE, "quote: поставках ракет", "quote: поставках танков",
                 (ARTICLE, "mini-item", "quote does not occur in the article: 'поставках танков'"),
                 id="quote-not-in-text"),
    pytest.param(ARTICLE, "quote: В понедельник в Каракас прибыл российский самолет",
                 "quote: В понедельник  в Каракас прибыл российский самолет",
                 (ARTICLE, "mini-arrival", "quote matches the article only after normalising "
                  "whitespace, quotation marks or dashes: 'В понедельник  в Каракас прибыл российский самолет'"),
                 id="quote-whitespace"),
    pytest.param(ARTICLE, "quote: сообщает газета «Вестник»", 'quote: сообщает газета "Вестник"',
                 (ARTICLE, None, "quote matches the article only after normalising whitespace, "
                  "quotation marks or dashes: 'сообщает газета \"Вестник\"'"),
                 id="quote-marks"),
    pytest.param(ARTICLE, "quote: поставках ракет", "quote: ка",
                 (ARTICLE, "mini-item", f"quote occurs {MINI_TEXT.count('ка')} times in the article: 'ка'"),
                 id="quote-ambiguous"),
    pytest.param(ARTICLE, "requester: venezuela-defence-minister", "requester: maduro",
                 (ARTICLE, "request-missiles", "requester 'maduro' is not a known entity"),
                 id="unknown-entity"),
    pytest.param(ARTICLE, "attributed_to: vestnik-report", "attributed_to: pravda-report",
                 (ARTICLE, "mini-request", "attributed_to 'pravda-report' is not a known source"),
                 id="unknown-source"),
    pytest.param(ARTICLE, "request: request-missiles\n    description_en",
                 "request: request-rockets\n    description_en",
                 (ARTICLE, "item-missiles", "request 'request-rockets' is not a known request"),
                 id="unknown-request"),
    pytest.param(ARTICLE, "id: mini-item", "id: mini-request",
                 (ARTICLE, "mini-request", "duplicate evidence id (first defined in "
                  "articles/mini-article.yaml:40)"),
                 id="duplicate-id"),
    pytest.param(ARTICLE, "id: request-missiles", "id: Request_Missiles",
                 (ARTICLE, "Request_Missiles", "requests/0/id: 'Request_Missiles' is not a slug: "
                  "lower-case ASCII letters and digits, in words joined by single hyphens "
                  "(e.g. request-maduro-putin-letter)"),
                 id="id-not-a-slug"),
    pytest.param(ARTICLE, "id: request-missiles", "id: ../x",
                 (ARTICLE, "../x", "requests/0/id: '../x' is not a slug: lower-case ASCII letters "
                  "and digits, in words joined by single hyphens (e.g. request-maduro-putin-letter)"),
                 id="id-path"),
    pytest.param(ARTICLE, "summary_en: Venezuela's", "sumary_en: Venezuela's",
                 (ARTICLE, "request-missiles", "requests/0: 'summary_en' is a required property"),
                 id="misspelled-key"),
    pytest.param(ARTICLE, "supplier_country: RU", "supplier_country: RUS",
                 (ARTICLE, "item-missiles", "equipment/0/supplier_country: 'RUS' is not valid "
                  "under any of the given schemas"),
                 id="alpha-3-for-alpha-2"),
    pytest.param(ARTICLE, "supplier_country: RU", "supplier_country: XX",
                 (ARTICLE, "item-missiles", "supplier_country 'XX' is not an ISO 3166-1 alpha-2 code"),
                 id="unknown-country"),
    pytest.param("reference/entities.yaml", "subdivision: VE-A", "subdivision: VE-ZZ",
                 ("reference/entities.yaml", "caracas", "subdivision 'VE-ZZ' is not an ISO 3166-2 code"),
                 id="bad-subdivision"),
    pytest.param("reference/sources.yaml", "language: ru", "language: xx",
                 ("reference/sources.yaml", "vestnik-report", "language 'xx' is not an ISO 639-1 code"),
                 id="bad-language"),
    pytest.param(ARTICLE, 'published_date: "2030-01-02"', 'published_date: "2025-02-30"',
                 (ARTICLE, "mini-article", "published_date '2025-02-30' is not a calendar date"),
                 id="impossible-date"),
    pytest.param(ARTICLE, 'date: "2029-12-31"', 'date: "2029-12-31/2029-12-01"',
                 (ARTICLE, "event-plane-arrival",
                  "date: '2029-12-31/2029-12-01' ends (2029-12-01) before it starts (2029-12-31)"),
                 id="reversed-edtf"),
    pytest.param(ARTICLE, "channel: unspecified", "channel: telegram",
                 (ARTICLE, "request-missiles", "channel 'telegram' is not an allowed value"),
                 id="unknown-category"),
    pytest.param(ARTICLE, "recipient_country: VE",
                 "recipient_country: VE\n    quantity: many",
                 (ARTICLE, "item-missiles", "equipment/0/quantity: 'many' is not valid under any "
                  "of the given schemas"),
                 id="text-for-number"),
    pytest.param(ARTICLE, "cited: vestnik-report", "cited: mini-article",
                 (ARTICLE, None, "citations form a cycle: mini-article -> mini-article"),
                 id="citation-cycle"),
    pytest.param(ARTICLE, "  - id: mini-arrival\n    event: event-plane-arrival\n",
                 "  - id: mini-arrival\n    event: event-plane-arrival\n    request: request-missiles\n",
                 (ARTICLE, "mini-arrival", "evidence/2: set exactly one of request, item, event"),
                 id="evidence-for-two-facts"),
    pytest.param(ARTICLE, "title: null", "title: !!python/object/apply:os.system ['true']",
                 (ARTICLE, None, "YAML cannot be read: could not determine a constructor for the "
                  "tag 'tag:yaml.org,2002:python/object/apply:os.system'"),
                 id="python-tag"),
])
def test_bad_input_is_reported_and_nothing_is_published(mini_repo, name, old, new, expected):
    edit(mini_repo, name, old, new)
    assert expected in problems(mini_repo)


def test_fact_without_evidence(mini_repo):
    edit(mini_repo, ARTICLE, "  - id: mini-item\n    item: item-missiles\n",
         "  - id: mini-item\n    request: request-missiles\n")
    assert (ARTICLE, "item-missiles", "equipment item has no evidence quote") in problems(mini_repo)


def test_all_problems_of_a_run_are_reported_together(mini_repo):
    edit(mini_repo, ARTICLE, "requester: venezuela-defence-minister", "requester: maduro")
    edit(mini_repo, ARTICLE, "quote: поставках ракет", "quote: поставках танков")
    edit(mini_repo, "reference/sources.yaml", "language: ru", "language: xx")
    assert len(problems(mini_repo)) == 3


def test_problem_message_names_file_line_record_and_fix(mini_repo):
    edit(mini_repo, ARTICLE, "requester: venezuela-defence-minister", "requester: maduro")
    problems(mini_repo)
    with pytest.raises(BuildError) as info:
        build(mini_repo)
    assert str(info.value) == (
        "articles/mini-article.yaml:14 [request-missiles]: requester 'maduro' is not a known entity. "
        "Fix: use an id defined in reference/entities.yaml, or add the entity there")


@pytest.mark.parametrize("value, tag", [
    pytest.param("!!set {a, b}", "set", id="yaml-set"),
    pytest.param("!!binary aGVsbG8=", "binary", id="yaml-binary"),
    pytest.param("!!timestamp 2030-01-02", "timestamp", id="yaml-timestamp"),
])
def test_yaml_types_json_does_not_have_are_refused(mini_repo, value, tag):
    edit(mini_repo, ARTICLE, "title: null", f"title: {value}")
    assert problems(mini_repo) == [(ARTICLE, None, "YAML cannot be read: could not determine a "
                                    f"constructor for the tag 'tag:yaml.org,2002:{tag}'")]


def test_yaml_alias_bomb_is_refused(mini_repo):
    (mini_repo / "reference" / "sources.yaml").write_text(
        'a: &a ["x", "x"]\nb: &b [*a, *a]\nc: &c [*b, *b]\nsources: []\n', encoding="utf-8")
    assert problems(mini_repo) == [("reference/sources.yaml", None, "YAML cannot be read: anchors "
                                    "and aliases (&name / *name) are not allowed in curation files")]


@pytest.mark.parametrize("content, what", [
    pytest.param("Министр".encode("cp1251"), "article is not UTF-8 (invalid byte at offset 0)",
                 id="article-not-utf8"),
    pytest.param(b"\xef\xbb\xbf" + "текст".encode(), "article starts with a UTF-8 byte-order mark (BOM)",
                 id="article-bom"),
    pytest.param("строка\r\nстрока".encode(), "article has CR (\\r) line ends, which would shift offsets",
                 id="article-crlf"),
    pytest.param(b"", "article file is empty", id="article-empty"),
])
def test_bad_article_encoding(mini_repo, content, what):
    (mini_repo / "articles" / "mini-article.txt").write_bytes(content)
    assert ("articles/mini-article.txt", None, what) in problems(mini_repo)


def test_article_and_curation_must_pair(mini_repo):
    (mini_repo / "articles" / "lonely.txt").write_text("Текст.", encoding="utf-8")
    (mini_repo / "articles" / "orphan.yaml").write_text("source: {}\n", encoding="utf-8")
    found = problems(mini_repo)
    assert ("articles/lonely.txt", "lonely", "article has no curation file") in found
    assert ("articles/orphan.yaml", "orphan", "curation file has no article text") in found


def test_a_country_a_fact_involves_but_the_article_never_mentions_is_a_warning(mini_repo):
    edit(mini_repo, ARTICLE, "supplier_country: RU", "supplier_country: BY")
    warnings = build(mini_repo).warnings
    assert warnings == ["equipment item-missiles: supplier_country BY is not mentioned in the body "
                        "of mini-article"]


def test_bad_lexicon_entry_is_reported(mini_repo):
    edit(mini_repo, "reference/lexicon/countries.yaml", "\nVE:", "\nXV:")
    ((file, record, what),) = problems(mini_repo)
    assert file == "reference/lexicon" and "XV" in what and "countries.yaml" in what


def test_build_never_modifies_its_inputs(mini_repo):
    inputs = {d: snapshot(mini_repo / d) for d in ("articles", "reference", "schemas")}
    build(mini_repo)
    assert {d: snapshot(mini_repo / d) for d in inputs} == inputs


def test_rebuild_is_byte_identical(mini_repo):
    first = snapshot(mini_repo / "datapackage")
    build(mini_repo)
    assert snapshot(mini_repo / "datapackage") == first


def test_writer_failure_leaves_previous_package(mini_repo, monkeypatch):
    before = snapshot(mini_repo / "datapackage")

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("scripts.build.run.FORMATS", (("csv", write_csv), ("parquet", broken)))
    with pytest.raises(RuntimeError):
        build(mini_repo)
    assert snapshot(mini_repo / "datapackage") == before
    assert not list(mini_repo.glob(".datapackage-*"))


def add_second_article(repo: Path, evidence_id: str, text: str = MINI_TEXT) -> None:
    """articles/second.txt and .yaml: a second article (the mini article's text unless given)
    that quotes the mini article's request as evidence `evidence_id`."""
    (repo / "articles" / "second.txt").write_text(text, encoding="utf-8")
    second = (repo / ARTICLE).read_text(encoding="utf-8")
    second = second.replace("id: mini-article", "id: second").split("citations:")[0]
    second += (f"evidence:\n  - id: {evidence_id}\n    request: request-missiles\n"
               "    attributed_to: vestnik-report\n    quote: поставках ракет\n")
    (repo / "articles" / "second.yaml").write_text(second, encoding="utf-8")


def test_duplicate_id_across_files(mini_repo):
    add_second_article(mini_repo, "mini-request", MINI_TEXT + "Второй текст.\n")
    assert ("articles/second.yaml", "mini-request",
            "duplicate evidence id (first defined in articles/mini-article.yaml:40)") in problems(mini_repo)


@pytest.mark.parametrize("old, new, expected", [
    pytest.param("    channel: unspecified\n", "", "requests/0: 'channel' is a required property",
                 id="missing-required-key"),
    pytest.param("recipient_country: VE", "recipient_country: VE\n    max_range_km: -5",
                 "equipment/0/max_range_km: -5 is not valid under any of the given schemas",
                 id="out-of-range"),
])
def test_missing_key_and_out_of_range_value(mini_repo, old, new, expected):
    edit(mini_repo, ARTICLE, old, new)
    assert any(what == expected for _, _, what in problems(mini_repo))


def test_yaml_syntax_error_names_the_line(mini_repo):
    edit(mini_repo, ARTICLE, "channel: unspecified", "channel: [unspecified")
    problems(mini_repo)
    with pytest.raises(BuildError) as info:
        build(mini_repo)
    (problem,) = info.value.problems
    assert (problem.file, problem.line) == (ARTICLE, 17)  # the `channel:` line
    assert problem.what.startswith("YAML cannot be read:")


def test_output_does_not_depend_on_locale_timezone_or_working_directory(mini_repo, tmp_path):
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    expected = snapshot(mini_repo / "datapackage")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "TZ": "Pacific/Kiritimati",
           "PYTHONHASHSEED": "12345", "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-c", "import sys; from pathlib import Path; "
                    "from scripts.build import build; build(Path(sys.argv[1]), Path(sys.argv[2]))",
                    str(mini_repo), str(tmp_path / "out")], cwd=elsewhere, env=env, check=True)
    assert snapshot(tmp_path / "out") == expected


def test_an_unreviewed_draft_is_never_published(mini_repo):
    edit(mini_repo, ARTICLE, "source:\n", "draft: true\nsource:\n")
    assert problems(mini_repo) == [(ARTICLE, "mini-article",
                                    "article is an unreviewed draft (`draft:` is set)")]


def test_the_build_uses_no_network(mini_repo, monkeypatch):
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("the build tried to open a network connection")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    build(mini_repo)


def test_a_package_that_fails_validation_is_not_published(mini_repo, monkeypatch):
    from scripts.build.run import ValidationFailed

    def corrupting_csv(table, schema, path, release=None):
        if path.stem == "entities":  # a country code frictionless must refuse (FK, pattern)
            rows = [{**row, "country": "ru" if row["country"] == "RU" else row["country"]}
                    for row in table.to_pylist()]
            table = pa.Table.from_pylist(rows, schema=table.schema)
        write_csv(table, schema, path)

    before = snapshot(mini_repo / "datapackage")
    monkeypatch.setattr("scripts.build.run.FORMATS", (("csv", corrupting_csv), ("parquet", write_parquet)))
    with pytest.raises(ValidationFailed) as info:
        build(mini_repo)
    message = str(info.value)
    assert "frictionless: entities" in message and "entities: CSV and Parquet differ" in message
    assert snapshot(mini_repo / "datapackage") == before
