"""`make draft`: copy a raw article in unchanged and write a draft curation file for it.

The samples are invented for these tests (saved-page layout: menu, headline, timestamp,
paragraphs, a "popular" block), run in a copy of the mini repository.
"""
from __future__ import annotations

import csv
import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from scripts import registry, schemas
from scripts.curator import draft
from scripts.build import build
from scripts.errors import BuildError
from scripts.yamlio import load_yaml
from tests.conftest import ROOT, make_mini_repo

RU_SAMPLE = (
    " date 2030-03-05 Главная Новости Политика Экономика\n"
    "Вечерний курьер\n"
    "Войти Подписаться\n"
    "\n"
    "Мадуро попросил Путина о новых поставках ракет\n"
    "\n"
    "5 марта 2030, 14:05\n"
    "\n"
    "На фоне давления со стороны США.\n"
    "\n"
    "Президент Венесуэлы Николас Мадуро направил Владимиру Путину письмо с просьбой о "
    "поставках ракет и ремонте радаров, сообщает газета «Вестник» со ссылкой на документы.\n"
    "\n"
    "По данным издания, Каракас также обращался за помощью к Китаю и Ирану. Эксперты "
    "считают, что Москва вряд ли сможет быстро помочь, поскольку ее ресурсы связаны войной "
    "против Украины.\n"
    "\n"
    "Путин пока не ответил на письмо. В Кремле от комментариев отказались.\n"
    "\n"
    "Популярное\n"
    "Погода на выходные в Бразилии\n"
    "Курс доллара вырос\n"
    "Подписывайтесь на наш канал\n"
)

UK_SAMPLE = (
    "Головна Новини Світ\n"
    "\n"
    "Мадуро попросив Путіна про нові ракети\n"
    "\n"
    "5 березня 2030, 14:05\n"
    "\n"
    "Президент Венесуели Ніколас Мадуро надіслав Володимиру Путіну листа з проханням про "
    "постачання ракет, повідомляють ЗМІ з посиланням на документи.\n"
    "\n"
    "За даними видання, Каракас також звертався по допомогу до Китаю та Ірану. Експерти "
    "вважають, що Росія навряд чи зможе швидко допомогти через війну проти України.\n"
    "\n"
    "Популярне\n"
    "Погода на вихідні\n"
)

EXTRA_ENTITIES = """\
  - id: nicolas-maduro
    type: person
    name_en: Nicolás Maduro
    name_ru: Николас Мадуро
    name_uk: Ніколас Мадуро
    country: VE
  - id: vladimir-putin
    type: person
    name_en: Vladimir Putin
    name_ru: Владимир Путин
    name_uk: Володимир Путін
    country: RU
  - id: evening-courier
    type: media_outlet
    name_en: Evening Courier
    name_ru: Вечерний курьер
    country: RU
"""

# Russian and Ukrainian letters in about equal numbers (ы ы ъ against ї є ї і).
MIXED = "Мы вышли и съели обед. Ми поїхали до Києва, де їх зустріли.\n"

RU_ID = "draft-2030-03-05-maduro-poprosil-putina-o"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = make_mini_repo(tmp_path / "repo")
    with open(repo / "reference" / "entities.yaml", "a", encoding="utf-8") as handle:
        handle.write(EXTRA_ENTITIES)
    return repo


def run_draft(repo: Path, tmp_path: Path, content: bytes, *args: str,
              name: str = "saved-page.txt") -> tuple[int, Path]:
    source = tmp_path / "inbox" / name
    source.parent.mkdir(exist_ok=True)
    source.write_bytes(content)
    return draft.main([str(source), "--root", str(repo), *args]), source


def articles(repo: Path) -> list[str]:
    return sorted(p.name for p in (repo / "articles").iterdir())


def test_russian_page_drafted_refused_by_build_then_published_when_filled(repo, tmp_path, capsys):
    status, source = run_draft(repo, tmp_path, RU_SAMPLE.encode("utf-8"))
    out = capsys.readouterr().out
    assert status == 0, out
    txt, yml = repo / "articles" / f"{RU_ID}.txt", repo / "articles" / f"{RU_ID}.yaml"

    # The raw bytes, unchanged.
    assert hashlib.sha256(txt.read_bytes()).digest() == hashlib.sha256(source.read_bytes()).digest()

    # The draft: `draft: true` first, then the detected source record.
    text = yml.read_text(encoding="utf-8")
    assert text.startswith("draft: true")
    document = load_yaml(yml)
    assert list(document) == ["draft", "source", *(t.name for t in registry.article_sections())]
    assert document["draft"] is True
    assert document["source"] == {
        "id": RU_ID, "type": "news_article", "publisher": "evening-courier",
        "title": "Мадуро попросил Путина о новых поставках ракет", "language": "ru",
        "published_date": "2030-03-05", "url": None}
    # Facts proposed by the extractor, resolved against reference/: ready records.
    [request] = document["requests"]
    assert (request["requester"], request["addressee"], request["channel"], request["cameo_code"]) == \
        ("nicolas-maduro", "vladimir-putin", "letter", "0232")
    assert (request["date"], request["date_basis"]) == ("../2030-03-05", "publication_bound")
    assert {item["category"] for item in document["equipment"]} == {"missile", "radar"}
    assert all(item["request"] == request["id"] for item in document["equipment"])
    assert document["citations"] == [{"citing": RU_ID, "cited": "vestnik-report",
                                      "quote": "сообщает газета «Вестник»"}]
    facts = {request["id"]} | {item["id"] for item in document["equipment"]}
    assert {e.get("request") or e.get("item") for e in document["evidence"]} == facts
    assert document["events"] == []

    # Entities named in the text, with their first quote; the outlet is in the page chrome.
    article = txt.read_text(encoding="utf-8")
    notes = comments(text)
    assert (f"nicolas-maduro (person, VE): 'Мадуро' at offset {article.index('Мадуро')}, line 5, "
            "2 times: «Мадуро попросил Путина о новых поставках…»") in notes
    assert (f"vladimir-putin (person, RU): 'Путина' at offset {article.index('Путина')}, line 5, "
            "3 times") in notes
    assert (f"evening-courier (media_outlet, RU): 'Вечерний курьер' at offset "
            f"{article.index('Вечерний курьер')}, line 2 (page chrome)") in notes
    assert "publisher: named outside the body" in notes

    # Country mentions in the body, with offsets and ISO codes; the "popular" block is chrome.
    mentions = re.findall(r"^#   ([A-Z]{2})  (\d+)-(\d+)  '([^']+)'  (\w+)", text, re.M)
    assert mentions, text
    for code, start, end, quoted, _ in mentions:
        assert article[int(start):int(end)] == quoted
    assert {m[0] for m in mentions} == {"US", "VE", "CN", "IR", "RU", "UA"}
    assert ("VE", str(article.index("Венесуэлы")), str(article.index("Венесуэлы") + 9),
            "Венесуэлы", "name") in mentions
    assert "Бразилии" not in {m[3] for m in mentions}
    assert "1 in the page chrome not listed" in notes

    # Every controlled value is listed, read from the table schemas.
    for table, column in (("requests", "channel"), ("equipment", "action"),
                          ("equipment", "category"), ("equipment", "sipri_category"),
                          ("events", "event_type"), ("events", "claim_status")):
        field = {f["name"]: f for f in schemas.load(repo / "schemas", table)["fields"]}[column]
        assert ", ".join(schemas.allowed_values(field)) in notes, (table, column)

    # What was done and what to do next.
    assert f"articles/{RU_ID}.txt unchanged" in out and "Next steps" in out
    assert "Delete the `draft: true` line" in out

    # The build refuses the article: nothing is published while the draft is unreviewed.
    with pytest.raises(BuildError) as info:
        build(repo)
    assert any(p.file == f"articles/{RU_ID}.yaml" for p in info.value.problems)
    assert not (repo / "datapackage").exists()

    # Still marked as a draft: refused with the draft message only.
    with pytest.raises(BuildError) as info:
        build(repo)
    assert [(p.file, p.record, p.what, p.line) for p in info.value.problems] == [
        (f"articles/{RU_ID}.yaml", RU_ID, "article is an unreviewed draft (`draft:` is set)", 1)]

    # Reviewed: the DRAFT texts rewritten, the `draft:` line deleted: the article is published.
    filled = re.sub(r'"DRAFT: [^"]*"', '"Written by the curator."', text)
    # Reviewed: the `draft:` line deleted, the article is published.
    yml.write_text(filled.replace("draft: true", "# reviewed", 1), encoding="utf-8")
    build(repo)
    sources = read_csv(repo, "sources")
    row = next(r for r in sources if r["source_id"] == RU_ID)
    assert (row["publisher_id"], row["language"], row["title"], row["archive_date"]) == (
        "evening-courier", "ru", "Мадуро попросил Путина о новых поставках ракет", "2030-03-05")
    evidence = [r for r in read_csv(repo, "evidence") if r["source_id"] == RU_ID]
    assert len(evidence) == len(document["evidence"])
    for row in evidence:
        assert article[int(row["start"]):int(row["end"])] == row["quote"]
    [published] = [r for r in read_csv(repo, "requests") if r["request_id"] == request["id"]]
    assert (published["requester_country"], published["addressee_country"]) == ("VE", "RU")
    body_mentions = [(r["country"], r["start"], r["end"]) for r in read_csv(repo, "mentions")
                     if r["source_id"] == RU_ID and r["in_body"] == "true"]
    assert body_mentions == [(code, start, end) for code, start, end, _, _ in mentions]


def test_a_fresh_draft_is_refused_with_the_draft_message(repo, tmp_path, capsys):
    assert run_draft(repo, tmp_path, RU_SAMPLE.encode("utf-8"))[0] == 0
    with pytest.raises(BuildError) as info:
        build(repo)
    assert [(p.file, p.what) for p in info.value.problems] == [
        (f"articles/{RU_ID}.yaml", "article is an unreviewed draft (`draft:` is set)")]


def comments(yaml_text: str) -> str:
    """The comments of a YAML file as one line of text (comments are wrapped)."""
    return " ".join(" ".join(line.split("#", 1)[1].split())
                    for line in yaml_text.splitlines() if "#" in line)


def read_csv(repo: Path, table: str) -> list[dict]:
    with open(repo / "datapackage" / "csv" / f"{table}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_ukrainian_page_without_date_marker_or_known_outlet(repo, tmp_path, capsys):
    status, _ = run_draft(repo, tmp_path, UK_SAMPLE.encode("utf-8"))
    out = capsys.readouterr().out
    assert status == 0
    sid = "draft-undated-maduro-poprosiv-putina-pro"
    text = (repo / "articles" / f"{sid}.yaml").read_text(encoding="utf-8")
    source = load_yaml(repo / "articles" / f"{sid}.yaml")["source"]
    assert source["language"] == "uk"
    assert source["title"] == "Мадуро попросив Путіна про нові ракети"
    assert source["published_date"] is None
    assert source["publisher"] == "unknown-publisher"
    assert "add the outlet to reference/entities.yaml" in text
    assert (f"nicolas-maduro (person, VE): 'Мадуро' at offset {UK_SAMPLE.index('Мадуро')}, "
            "line 3, 2 times") in comments(text)
    assert (f"vladimir-putin (person, RU): 'Путіна' at offset {UK_SAMPLE.index('Путіна')}, "
            "line 3, 2 times") in comments(text)
    assert "unknown-publisher" in out


def test_given_id_and_no_title(repo, tmp_path, capsys):
    lede_first = " date 2030-03-06 " + RU_SAMPLE.split("На фоне давления со стороны США.\n\n")[1]
    status, _ = run_draft(repo, tmp_path, lede_first.encode("utf-8"), "--id", "courier-2030-03-06-maduro")
    assert status == 0
    source = load_yaml(repo / "articles" / "courier-2030-03-06-maduro.yaml")["source"]
    assert source["id"] == "courier-2030-03-06-maduro"
    assert source["title"] is None and source["published_date"] == "2030-03-06"


@pytest.mark.parametrize("content, args, message", [
    pytest.param(RU_SAMPLE.encode("cp1251"), (), "article is not UTF-8", id="cp1251"),
    pytest.param(b"\xef\xbb\xbf" + RU_SAMPLE.encode("utf-8"), (), "byte-order mark", id="bom"),
    pytest.param(RU_SAMPLE.replace("\n", "\r\n").encode("utf-8"), (), "CR (\\r) line ends",
                 id="crlf"),
    pytest.param(b"\n  \n", (), "article file is empty", id="empty"),
    pytest.param(RU_SAMPLE.encode("utf-8"), ("--id", "mini-article"),
                 "mini-article.txt already exists", id="existing-id"),
    pytest.param(RU_SAMPLE.encode("utf-8"), ("--id", "Mini_Article"), "is not a slug",
                 id="bad-id"),
    pytest.param(" date 2030-02-30 Текст.\n".encode("utf-8"), (), "bad date marker",
                 id="impossible-date"),
    pytest.param(MIXED.encode("utf-8"), (),
                 "cannot tell the language", id="mixed-language"),
])
def test_refusals_write_nothing(repo, tmp_path, capsys, content, args, message):
    before = {p.name: p.read_bytes() for p in (repo / "articles").iterdir()}
    status, _ = run_draft(repo, tmp_path, content, *args)
    err = capsys.readouterr().err
    assert status == 2
    assert "refused, nothing written" in err and message in err, err
    assert {p.name: p.read_bytes() for p in (repo / "articles").iterdir()} == before


def test_derived_id_already_taken(repo, tmp_path, capsys):
    assert run_draft(repo, tmp_path, RU_SAMPLE.encode("utf-8"))[0] == 0
    before = articles(repo)
    other_copy = (RU_SAMPLE + "Курс евро\n").encode("utf-8")  # other bytes, same headline
    assert run_draft(repo, tmp_path, other_copy, name="again.txt")[0] == 2
    assert f"{RU_ID}.txt already exists" in capsys.readouterr().err
    assert articles(repo) == before


def test_the_same_article_twice_is_refused(repo, tmp_path, capsys):
    assert run_draft(repo, tmp_path, RU_SAMPLE.encode("utf-8"))[0] == 0
    before = articles(repo)
    assert run_draft(repo, tmp_path, RU_SAMPLE.encode("utf-8"), "--id", "another-id",
                     name="again.txt")[0] == 2
    assert f"is already in the repository as articles/{RU_ID}.txt" in capsys.readouterr().err
    assert articles(repo) == before


def test_language_can_be_given_for_an_unclear_text(repo, tmp_path, capsys):
    status, _ = run_draft(repo, tmp_path, MIXED.encode("utf-8"), "--language", "ru")
    assert status == 0
    [yml] = (repo / "articles").glob("draft-*.yaml")
    assert load_yaml(yml)["source"]["language"] == "ru"


def test_examples_in_the_comments_are_valid_records(repo, tmp_path, capsys):
    """Uncommented, each example passes the JSON Schema and uses only allowed values."""
    run_draft(repo, tmp_path, RU_SAMPLE.encode("utf-8"))
    text = (repo / "articles" / f"{RU_ID}.yaml").read_text(encoding="utf-8")
    defs = json.loads((ROOT / "schemas" / "curation.schema.json").read_text(encoding="utf-8"))["$defs"]
    found = re.findall(r"^# Example[^\n]*\n((?:#   [^\n]*\n)+)(?:#[^\n]*\n)*(\w+):", text, re.M)
    assert [key for _, key in found] == [t.name for t in registry.article_sections()]
    checked = 0
    for block, key in found:
        definition = registry.get(key).definition
        [record] = yaml.safe_load(re.sub(r"^#   ", "", block, flags=re.M))
        validator = jsonschema.Draft202012Validator({"$ref": f"#/$defs/{definition}", "$defs": defs})
        assert list(validator.iter_errors(record)) == [], key
        for prop, value in record.items():
            controlled = defs[definition]["properties"][prop].get("x-column")
            if controlled and value is not None:
                other, column = controlled.split(".")
                field = {f["name"]: f for f in schemas.load(ROOT / "schemas", other)["fields"]}[column]
                assert value in schemas.allowed_values(field), (key, prop, value)
                checked += 1
    assert checked >= 5  # channel, action, category, sipri_category, event_type, claim_status


@pytest.mark.parametrize("value", [
    'a "quoted" title: with # and \\ backslash', "line\u2028separator and \x85 next line",
    "tab\there", "«ёлки» — 'single'", "- leading dash", "null", "123", "😀 emoji"])
def test_strings_survive_the_yaml_round_trip(tmp_path, value):
    path = tmp_path / "x.yaml"
    path.write_text(f"title: {draft.yaml_string(value)}\n# {draft.comment_text(value)}\n"
                    "after: 1\n", encoding="utf-8")
    assert load_yaml(path) == {"title": value, "after": 1}


def test_entity_names_match_inflected_forms_only():
    assert draft.word_matches("Путин", "Путину")
    assert draft.word_matches("Каракас", "Каракасом")
    assert draft.word_matches("Пётр", "ПЕТР")
    assert not draft.word_matches("Путин", "Путинизмами")   # more than 3 letters longer
    assert not draft.word_matches("Сі", "Сіно")             # short words must match exactly
    assert not draft.word_matches("Сторі", "сторінці")      # a capitalised name word needs a capital
    assert not draft.word_matches("Комментарии", "комментарий")
    assert draft.word_matches("неназванный", "Неназванному")


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_draft_without_article_prints_usage(tmp_path):
    """In a copy of the Makefile, so nothing in the repository can be touched; -o keeps
    make from (re)installing the virtualenv first."""
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    result = subprocess.run(["make", "-s", "-o", ".venv/.runtime-installed", "draft"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "usage: make draft ARTICLE=path/to/article.txt [ID=slug]" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Makefile"]


@pytest.mark.parametrize("target", ["draft", "extract"])
def test_make_variables_never_run_as_commands(tmp_path, target):
    """Neither the shell (backticks) nor make itself ($(shell ...), expanded when a
    command-line variable is exported) runs what a file name or id contains."""
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    planted = ["`touch by-shell`", "$(shell touch by-make)"]
    variables = [f"ARTICLE=a{planted[0]}{planted[1]}.txt", f"ID={planted[1]}", f"URL={planted[1]}",
                 f"PUBLISHER={planted[0]}"]
    subprocess.run(["make", "-s", "-o", ".venv/.runtime-installed", f"PY={sys.executable}", target,
                    *variables], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert not (tmp_path / "by-shell").exists() and not (tmp_path / "by-make").exists()


def test_a_name_in_latin_letters_matches_only_itself():
    """Names written in Latin letters do not decline in Russian or Ukrainian text: "Politico"
    is not the outlet "Politika", though a Cyrillic name may differ in its ending."""
    from scripts.curator.draft.detect import word_matches

    assert not word_matches("Politika", "Politico")
    assert word_matches("Politico", "Politico")
    assert word_matches("Стармер", "Стармеру")
