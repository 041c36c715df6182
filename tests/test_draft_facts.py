"""The draft's proposals become curation records resolved against what the repository knows."""
from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from scripts.bench.drafting import CORPORA, repository_without
from scripts.build import build
from scripts.curator.draft.command import prepare, write
from scripts.curator.draft.dates import DateReader
from scripts.curator.draft.facts import propose
from scripts.curator.draft.references import Known
from scripts.curator.draft.spans import Words

TEXT = ("Министр обороны Армении попросил ОДКБ о поставках ракет, сообщает ТАСС. Мадуро попросил "
        "Путина отремонтировать восемь двигателей.")
ENTITIES = [
    {"id": "nicolas-maduro", "type": "person", "name_en": "Nicolás Maduro", "name_ru": "Николас Мадуро",
     "country": "VE"},
    {"id": "vladimir-putin", "type": "person", "name_en": "Vladimir Putin", "name_ru": "Владимир Путин",
     "country": "RU"},
    {"id": "tass", "type": "media_outlet", "name_en": "TASS", "name_ru": "ТАСС", "country": "RU"},
]
SOURCES = [{"id": "tass-report", "type": "news_article", "publisher": "tass"}]


def span(text: str, quote: str) -> dict:
    start = text.index(quote)
    return {"quote": quote, "start": start, "end": start + len(quote)}


def extraction() -> dict:
    csto = {"requester_name": "Министр обороны Армении", "requester_country": "AM", "addressee_name": "ОДКБ",
            "addressee_country": None, "addressee_organisation": "CSTO", "channel": "unspecified",
            "attributed_to": "ТАСС", **span(TEXT, "Министр обороны Армении попросил ОДКБ о поставках ракет"),
            "items": [{"text": "ракет", "category": "missile", "sipri_category": "missiles",
                       "action": "supply", "quantity": None, "max_range_km": None,
                       "start": TEXT.index("ракет"), "end": TEXT.index("ракет") + 5}]}
    putin = {"requester_name": "Мадуро", "requester_country": "VE", "addressee_name": "Путина",
             "addressee_country": "RU", "addressee_organisation": None, "channel": "unspecified",
             "attributed_to": None, **span(TEXT, "Мадуро попросил Путина отремонтировать восемь двигателей"),
             "items": [{"text": "двигателей", "category": "engine", "sipri_category": "engines",
                        "action": "repair", "quantity": 8, "max_range_km": None,
                        "start": TEXT.index("двигателей"), "end": TEXT.index("двигателей") + 10}]}
    return {"language": "ru", "requests": [csto, putin],
            "citations": [{"cited_name": "ТАСС", "via": None, **span(TEXT, "сообщает ТАСС")}]}


def test_new_facts_are_proposed_with_known_entities_and_sources():
    out = propose(extraction(), TEXT, "wire-2030-01-01-armenia", "2030-01-01", Known(ENTITIES, SOURCES))
    assert out.sections["citations"] == [{"citing": "wire-2030-01-01-armenia", "cited": "tass-report",
                                          "quote": "сообщает ТАСС"}]
    csto, putin = out.sections["requests"]
    assert (putin["requester"], putin["addressee"]) == ("nicolas-maduro", "vladimir-putin")
    assert (csto["addressee"], csto["date"], csto["date_basis"]) == ("csto", "../2030-01-01", "publication_bound")
    assert out.to_add["entities"] == [
        {"id": "armenia-government", "type": "government_body", "name_en": "Government of Armenia",
         "country": "AM"},
        {"id": "csto", "type": "organisation", "name_en": "CSTO", "country": None}]
    engine = next(i for i in out.sections["equipment"] if i["category"] == "engine")
    assert (engine["quantity"], engine["supplier_country"], engine["recipient_country"]) == (8, "RU", "VE")
    attributed = {e.get("request") or e.get("item"): e["attributed_to"] for e in out.sections["evidence"]}
    assert attributed[csto["id"]] == "tass-report" and attributed[putin["id"]] == "wire-2030-01-01-armenia"


def test_a_fact_the_package_has_gets_evidence_instead_of_a_second_definition():
    known = Known(ENTITIES, SOURCES, requests=[{"request_id": "request-maduro-putin-letter",
                                                "requester_country": "VE", "addressee_country": "RU",
                                                "addressee_id": "vladimir-putin"}],
                  equipment=[{"item_id": "putin-letter-engines", "request_id": "request-maduro-putin-letter",
                              "category": "engine"}])
    out = propose(extraction(), TEXT, "wire-2030-01-01-armenia", "2030-01-01", known)
    assert [r["addressee"] for r in out.sections["requests"]] == ["csto"]
    assert {"request-maduro-putin-letter", "putin-letter-engines"} <= set(out.existing)
    facts = {e.get("request") or e.get("item") for e in out.sections["evidence"]}
    assert {"request-maduro-putin-letter", "putin-letter-engines"} <= facts


def test_a_quote_that_occurs_twice_gets_its_occurrence():
    text = "ракет и снова ракет"
    data = {"requests": [{"requester_country": "VE", "addressee_country": "RU", "quote": "ракет",
                          "start": 14, "end": 19, "items": []}], "citations": []}
    out = propose(data, text, "a", None, Known(ENTITIES, SOURCES))
    [evidence] = out.sections["evidence"]
    assert (evidence["quote"], evidence["occurrence"]) == ("ракет", 2)


# -- dates, quotes, new or known facts, headlines, events ---------------------------------

ROOT = Path(__file__).resolve().parents[1]


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))
MONDAY = dt.date(2030, 3, 4)


@pytest.mark.parametrize("language, phrase, edtf, basis", [
    ("ru", "запрос передали в конце февраля", "[2030-02-21..2030-02-28]", "inferred"),
    ("ru", "об этом говорили в начале марта", "[2030-03-01..2030-03-10]", "inferred"),
    ("ru", "письмо отправили на прошлой неделе", "[2030-02-25..2030-03-03]", "inferred"),
    ("ru", "вчера министр попросил", "2030-03-03", "inferred"),
    ("ru", "самолет прибыл 28 февраля", "2030-02-28", "stated"),
    ("ru", "в декабре Каракас просил", "2029-12", "stated"),      # a later month: last year
    ("uk", "про це він говорив минулого тижня", "[2030-02-25..2030-03-03]", "inferred"),
    ("uk", "наприкінці лютого", "[2030-02-21..2030-02-28]", "inferred"),
    ("uk", "у середині січня", "[2030-01-11..2030-01-20]", "inferred"),
    ("uk", "минулого місяця", "2030-02", "inferred"),
    ("uk", "літак прибув 2 березня", "2030-03-02", "stated"),
    ("ru", "во вторник на брифинге", "2030-02-26", "inferred"),     # the last Tuesday (a Monday article)
    ("uk", "прохання прозвучало в понеділок", "2030-03-04", "inferred"),  # the day itself
])
def test_dates_read_from_the_reporting_words(language, phrase, edtf, basis):
    words = Words.of(language, ROOT)
    found = DateReader(language, words.lemmas).find([phrase], MONDAY)
    assert (found.edtf, found.basis) == (edtf, basis)


@pytest.mark.parametrize("language, phrase", [("ru", "в конце концов он попросил ракеты"),
                                              ("uk", "на початку війни він попросив ракети"),
                                              ("ru", "Каракас просил ракеты")])
def test_words_that_are_no_date_give_none(language, phrase):
    words = Words.of(language, ROOT)
    assert DateReader(language, words.lemmas).find([phrase], MONDAY) is None


@pytest.mark.parametrize("language, text, item, quote", [
    ("ru", "взять на себя ремонт восьми двигателей", "двигателей", "ремонт восьми двигателей"),
    ("ru", "и отремонтировать истребители Су-30", "истребители", "отремонтировать истребители Су-30"),
    ("ru", "поставить ему беспилотники", "беспилотники", "беспилотники"),
    ("uk", "передати Каракасу три мобільні станції", "мобільні", "три мобільні станції"),
    ("uk", "про модернізацію радарів", "радарів", "модернізацію радарів"),
    ("uk", "постачання 14 ракет", "ракет", "постачання 14 ракет"),
    ("ru", "а также партии 23-мм снарядов", "снарядов", "партии 23-мм снарядов"),
    ("ru", "прислать ещё две такие станции", "станции", "прислать ещё две такие станции"),
])
def test_item_evidence_takes_the_count_and_action_word_in_front(language, text, item, quote):
    start = text.index(item)
    assert text[Words.of(language, ROOT).lead(text, start):] == quote


def _request(text: str, quote: str, items: list[tuple[str, str]], **extra) -> dict:
    found = span(text, quote)
    return {"requester_name": extra.pop("requester_name", "Каракас"), "requester_country": "VE",
            "addressee_name": "Москву", "addressee_country": "RU", "addressee_organisation": None,
            "channel": "unspecified", "attributed_to": None, **found,
            "evidence": [{**found, "attributed_to": extra.pop("attributed_to", None),
                          "requester_name": extra.pop("sentence_requester", None)}],
            "items": [{"text": word, "category": category, "sipri_category": None, "action": "supply",
                       "quantity": None, "max_range_km": None, "start": text.index(word),
                       "end": text.index(word) + len(word)} for word, category in items], **extra}


KNOWN_LETTER = {"requests": [{"request_id": "letter", "requester_country": "VE", "addressee_country": "RU",
                               "addressee_id": "vladimir-putin"}],
                "equipment": [{"item_id": "letter-missiles", "request_id": "letter", "category": "missile"}]}


@pytest.mark.parametrize("text, items, new", [
    ("Каракас просил Москву поставить ракеты.", [("ракеты", "missile")], False),
    ("Каракас просил Москву о помощи.", [], False),
    ("Каракас просил Москву поставить дроны.", [("дроны", "uav")], True),      # other things asked
    ("Каракас просил Москву поставить ракеты и дроны.", [("ракеты", "missile"), ("дроны", "uav")], True),
    ("Каракас отдельно просил Москву поставить ракеты.", [("ракеты", "missile")], True),
])
def test_a_known_request_gets_evidence_unless_it_asks_for_other_things_or_is_called_separate(text, items, new):
    known = Known(ENTITIES, SOURCES, **{k: [dict(r) for r in v] for k, v in KNOWN_LETTER.items()})
    out = propose({"requests": [_request(text, text[:-1], items)], "citations": []}, text, "a",
                  "2030-01-01", known, ROOT)
    assert bool(out.sections["requests"]) == new
    assert ("letter" in out.existing) == (not new)


def test_the_requester_is_a_person_only_when_named_as_the_subject():
    entities = ENTITIES + [{"id": "venezuela-government", "type": "government_body", "country": "VE"}]
    text = "Помимо письма Николаса Мадуро, Каракас просил Москву поставить дроны."
    genitive = _request(text, "Каракас просил Москву поставить дроны", [("дроны", "uav")],
                        sentence_requester="Каракас")
    out = propose({"language": "ru", "requests": [genitive], "citations": [],
                   "people": [{"name": "Николаса Мадуро", "country": "VE", **span(text, "Николаса Мадуро")}]},
                  text, "a", "2030-01-01", Known(entities, SOURCES), ROOT)
    assert out.sections["requests"][0]["requester"] == "venezuela-government"
    text = "Николас Мадуро просил Москву поставить дроны."
    nominative = _request(text, text[:-1], [("дроны", "uav")], sentence_requester="Николас Мадуро")
    out = propose({"language": "ru", "requests": [nominative], "citations": []}, text, "a", "2030-01-01",
                  Known(entities, SOURCES), ROOT)
    assert out.sections["requests"][0]["requester"] == "nicolas-maduro"


def test_a_headline_is_credited_to_the_source_the_body_credits_for_the_same_fact():
    text = "Каракас просил Москву о ракетах\n\nКаракас просил Москву поставить ракеты, сообщает ТАСС."
    headline = span(text, "Каракас просил Москву о ракетах")
    body = span(text, "Каракас просил Москву поставить ракеты")
    proposal = {**_request(text, headline["quote"], []),
                "evidence": [{**headline, "attributed_to": None}, {**body, "attributed_to": "ТАСС"}]}
    out = propose({"requests": [proposal], "citations": []}, text, "a", "2030-01-01",
                  Known(ENTITIES, SOURCES), ROOT, headline=(headline["start"], headline["end"]))
    assert [e["attributed_to"] for e in out.sections["evidence"]] == ["tass-report", "tass-report"]


def test_a_denial_is_drafted_as_an_event_credited_to_the_article():
    from scripts.curator.extract import extract

    text = ("Каракас попросил Москву поставить ракеты, сообщает ТАСС. В Москве эти сведения опровергли. "
            "Россия может поставить ракеты позже.")
    extraction = extract(text, "ru")
    [event] = extraction["events"]
    assert (event["event_type"], event["claim_status"], event["actor_country"], event["quote"]) == (
        "denial", "denied", "RU", "В Москве эти сведения опровергли")
    entities = ENTITIES + [{"id": "russia-government", "type": "government_body", "country": "RU"}]
    out = propose(extraction, text, "a", "2030-01-01", Known(entities, SOURCES), ROOT)
    [record] = out.sections["events"]
    assert (record["event_type"], record["actor"], record["claim_status"], record["date"]) == (
        "denial", "russia-government", "denied", "../2030-01-01")
    [evidence] = [e for e in out.sections["evidence"] if e.get("event") == record["id"]]
    assert (evidence["attributed_to"], evidence["quote"]) == ("a", "В Москве эти сведения опровергли")


def drafted_articles() -> list[tuple[Path, tuple[Path, ...], Path]]:
    return [(corpus, before, text_path) for corpus, _, before in CORPORA if (corpus / "articles").is_dir()
            for text_path in sorted((corpus / "articles").glob("*.txt"))]


@pytest.mark.parametrize("corpus, before, text_path", drafted_articles(), ids=lambda value: getattr(value, "stem", ""))
def test_a_drafted_article_builds_once_reviewed(tmp_path, corpus, before, text_path):
    """`make draft` of a hand-curated test article into the repository with the other test
    articles, then what a curator does: rewrite the DRAFT texts, add the proposed reference
    records, name the publisher, delete the draft line. The build takes it."""
    repo = repository_without(text_path.stem, corpus, tmp_path / "repo", before)
    shutil.rmtree(repo / "datapackage")
    incoming = tmp_path / "incoming.txt"
    shutil.copyfile(text_path, incoming)
    draft = prepare(incoming, repo, text_path.stem, None)
    _, yml = write(draft, repo)
    for kind, records in draft.proposals.to_add.items():
        with open(repo / "reference" / f"{kind}.yaml", "a", encoding="utf-8") as handle:
            for record in records:
                filled = {k: (f"Filled by the curator {record['id']}" if k == "name_en" and v is None else v)
                          for k, v in record.items()}
                handle.write(f"\n  - id: {filled.pop('id')}\n"
                             + "".join(f"    {k}: {v if v is not None else 'null'}\n" for k, v in filled.items()))
    text = re.sub(r'"DRAFT: [^"]*"', '"Written by the curator."', yml.read_text(encoding="utf-8"))
    text = text.replace("publisher: unknown-publisher", "publisher: testwire")
    yml.write_text(text.replace("draft: true", "# reviewed", 1), encoding="utf-8")
    build(repo)
    published = {row["source_id"] for row in read_csv(repo / "datapackage" / "csv" / "evidence.csv")}
    assert text_path.stem in published


@pytest.mark.parametrize("text, quote", [
    ("Помимо письма Николаса Мадуро Владимиру Путину, Каракас просил о дронах.",
     "письма Николаса Мадуро Владимиру Путину"),
    ("Николас Мадуро встретился с Владимиром Путиным в Москве.", None),   # no request named
])
def test_a_request_of_the_package_named_in_passing_gets_evidence(text, quote):
    known = Known(ENTITIES, SOURCES, requests=[{"request_id": "letter", "requester_id": "nicolas-maduro",
                                                "addressee_id": "vladimir-putin", "requester_country": "VE",
                                                "addressee_country": "RU"}])
    extraction = {"language": "ru", "requests": [], "citations": [],
                  "sentences": [{"start": 0, "end": len(text), "attributed_to": "ТАСС"}]}
    out = propose(extraction, text, "a", "2030-01-01", known, ROOT)
    found = [(e["request"], e["attributed_to"], e["quote"]) for e in out.sections["evidence"]]
    assert found == ([("letter", "tass-report", quote)] if quote else [])


def test_a_sentence_that_refers_back_is_more_evidence_and_gives_date_and_channel():
    entities = ENTITIES + [{"id": "venezuela-government", "type": "government_body", "country": "VE"},
                           {"id": "iran-government", "type": "government_body", "country": "IR"}]
    text = ("Каракас попросил Тегеран поставить радары, сообщает ТАСС. По данным агентства, об этом "
            "министр говорил на прошлой неделе во время телефонного разговора. Тегеран молчит.")
    found = span(text, "Каракас попросил Тегеран поставить радары")
    proposal = {"requester_name": "Каракас", "requester_country": "VE", "addressee_name": "Тегеран",
                "addressee_country": "IR", "addressee_organisation": None, "channel": "unspecified",
                **found, "evidence": [{**found, "attributed_to": "ТАСС", "requester_name": "Каракас"}],
                "items": []}
    sentences = [{"start": 0, "end": text.index(" По"), "attributed_to": "ТАСС"},
                 {"start": text.index("По"), "end": text.index(" Тегеран молчит"), "attributed_to": "ТАСС"}]
    out = propose({"language": "ru", "requests": [proposal], "citations": [], "sentences": sentences},
                  text, "a", "2030-03-04", Known(entities, SOURCES), ROOT)
    [request] = out.sections["requests"]
    assert (request["date"], request["date_basis"], request["channel"]) == (
        "[2030-02-25..2030-03-03]", "inferred", "verbal_message")
    assert [(e["quote"], e["attributed_to"]) for e in out.sections["evidence"]] == [
        ("Каракас попросил Тегеран поставить радары", "tass-report"),
        ("министр говорил на прошлой неделе во время телефонного разговора", "tass-report")]


def test_words_before_a_comma_that_precede_the_requester_are_not_quoted():
    entities = ENTITIES + [{"id": "venezuela-government", "type": "government_body", "country": "VE"}]
    text = "Помимо письма Путину, правительство Венесуэлы обращалось к России за помощью."
    found = span(text, "Путину, правительство Венесуэлы обращалось к России за помощью")
    proposal = {"requester_name": "правительство Венесуэлы", "requester_country": "VE",
                "addressee_name": "России", "addressee_country": "RU", "addressee_organisation": None,
                "channel": "unspecified", **found, "items": [],
                "evidence": [{**found, "attributed_to": None, "requester_name": "правительство Венесуэлы"}]}
    out = propose({"language": "ru", "requests": [proposal], "citations": []}, text, "a", "2030-03-04",
                  Known(entities, SOURCES), ROOT)
    assert [e["quote"] for e in out.sections["evidence"]] == [
        "правительство Венесуэлы обращалось к России за помощью"]


def test_a_range_told_again_in_another_sentence_is_the_items_range():
    entities = ENTITIES + [{"id": "armenia-government", "type": "government_body", "country": "AM"},
                           {"id": "france-government", "type": "government_body", "country": "FR"}]
    text = ("Ереван попросил Париж продать шесть гаубиц CAESAR. Гаубицы, которые поражают цели на "
            "расстоянии до 40 километров, усилят артиллерию. Об этом сообщает ТАСС.")
    found = span(text, "Ереван попросил Париж продать шесть гаубиц CAESAR")
    item = {"text": "гаубиц CAESAR", "category": "artillery", "sipri_category": "artillery", "action": "supply",
            "quantity": 6, "max_range_km": None, **{k: v for k, v in span(text, "гаубиц CAESAR").items()
                                                    if k != "quote"}}
    proposal = {"requester_name": "Ереван", "requester_country": "AM", "addressee_name": "Париж",
                "addressee_country": "FR", "addressee_organisation": None, "channel": "unspecified", **found,
                "evidence": [{**found, "attributed_to": "ТАСС", "requester_name": "Ереван"}], "items": [item]}
    sentences = [{"start": 0, "end": text.index(" Гаубицы"), "attributed_to": "ТАСС"},
                 {"start": text.index("Гаубицы"), "end": text.index(" Об этом"), "attributed_to": "ТАСС"},
                 {"start": text.index("Об этом"), "end": len(text), "attributed_to": "ТАСС"}]
    extraction = {"language": "ru", "requests": [proposal], "sentences": sentences,
                  "citations": [{"cited_name": "ТАСС", "via": None, **span(text, "сообщает ТАСС")}]}
    out = propose(extraction, text, "a", "2030-03-04", Known(entities, SOURCES), ROOT)
    [equipment] = out.sections["equipment"]
    assert (equipment["quantity"], equipment["max_range_km"]) == (6, 40)
    # "Об этом сообщает ТАСС" credits the report: it is no more evidence for the request. The
    # request's quote ends where its items' words begin (they have evidence of their own).
    assert [e["quote"] for e in out.sections["evidence"] if e.get("request")] == ["Ереван попросил Париж"]


def test_an_arrival_is_drafted_with_its_items_as_equipment_of_the_event():
    from scripts.curator.extract import extract

    entities = ENTITIES + [{"id": "russia-government", "type": "government_body", "country": "RU"},
                           {"id": "minsk", "type": "place", "name_ru": "Минск", "country": "BY"}]
    text = "В пятницу в Минск прибыли два российских самолета Ил-76."
    out = propose(extract(text, "ru"), text, "a", "2030-03-04", Known(entities, SOURCES), ROOT)
    [event] = out.sections["events"]
    assert (event["event_type"], event["actor"], event["place"], event["date"]) == (
        "arrival", "russia-government", "minsk", "2030-03-01")
    [item] = out.sections["equipment"]
    assert (item["event"], item["action"], item["category"], item["quantity"], item["supplier_country"],
            item["recipient_country"]) == (event["id"], "arrival", "aircraft", 2, "RU", "BY")


def test_an_alliance_named_by_its_code_is_its_entity_and_a_named_colleague_is_the_one_asked():
    entities = ENTITIES + [
        {"id": "european-union", "type": "organisation", "name_en": "European Union", "country": None},
        {"id": "moldova-government", "type": "government_body", "country": "MD"},
        {"id": "ionut-mosteanu", "type": "person", "name_uk": "Іонуц Моштяну", "country": "RO"}]
    text = "Міністр попросив ЄС про радари. Міністр попросив свого румунського колегу Іонуца Моштяну про снаряди."
    eu = span(text, "Міністр попросив ЄС про радари")
    ro = span(text, "Міністр попросив свого румунського колегу Іонуца Моштяну про снаряди")
    base = {"requester_name": "Міністр", "requester_country": "MD", "channel": "unspecified", "items": []}
    proposals = [
        {**base, **eu, "addressee_name": "ЄС", "addressee_country": None, "addressee_organisation": "EU",
         "evidence": [{**eu, "requester_name": "Міністр", "trigger": "verb", "addressee_named": True}]},
        {**base, **ro, "addressee_name": "румунського колегу", "addressee_country": "RO",
         "addressee_organisation": None,
         "evidence": [{**ro, "requester_name": "Міністр", "trigger": "verb", "addressee_named": True}]}]
    out = propose({"language": "uk", "requests": proposals, "citations": []}, text, "a", "2030-03-04",
                  Known(entities, SOURCES), ROOT)
    assert [r["addressee"] for r in out.sections["requests"]] == ["european-union", "ionut-mosteanu"]
    # A noun ("прохання прозвучало на переговорах з ...") does not say who was asked.
    proposals[1]["evidence"][0]["trigger"] = "noun"
    out = propose({"language": "uk", "requests": proposals[1:], "citations": []}, text, "a", "2030-03-04",
                  Known(entities, SOURCES), ROOT)
    assert out.sections["requests"][0]["addressee"] == "romania-government"


def test_an_event_told_with_a_pronoun_after_another_takes_its_actor_place_and_date():
    from scripts.curator.extract import extract

    entities = ENTITIES + [{"id": "belarus-government", "type": "government_body", "country": "BY"},
                           {"id": "maiquetia", "type": "place", "name_ru": "Майкетия", "country": "VE"}]
    text = ("В среду в аэропорт Майкетия прибыл белорусский самолет Ил-76. "
            "Он доставил первую партию запасных частей для вертолетов.")
    out = propose(extract(text, "ru"), text, "a", "2030-03-08", Known(entities, SOURCES), ROOT)
    arrival, shipment = out.sections["events"]
    assert (arrival["event_type"], arrival["actor"], arrival["place"], arrival["date"]) == (
        "arrival", "belarus-government", "maiquetia", "2030-03-06")
    assert (shipment["event_type"], shipment["actor"], shipment["place"], shipment["date"]) == (
        "shipment", "belarus-government", "maiquetia", "2030-03-06")


def test_two_items_of_one_category_asked_in_one_article_are_two_records():
    entities = ENTITIES + [{"id": "venezuela-government", "type": "government_body", "country": "VE"},
                           {"id": "china-government", "type": "government_body", "country": "CN"}]
    text = "Каракас попросил Пекин отремонтировать двенадцать радаров и поставить ещё две такие станции."
    found = span(text, text[:-1])

    def item(words: str, action: str, quantity: int) -> dict:
        return {"text": words, "category": "radar", "sipri_category": "sensors", "action": action,
                "quantity": quantity, "max_range_km": None,
                **{k: v for k, v in span(text, words).items() if k != "quote"}}
    proposal = {"requester_name": "Каракас", "requester_country": "VE", "addressee_name": "Пекин",
                "addressee_country": "CN", "addressee_organisation": None, "channel": "unspecified", **found,
                "evidence": [{**found, "attributed_to": None, "requester_name": "Каракас"}],
                "items": [item("радаров", "repair", 12), item("станции", "supply", 2)]}
    out = propose({"language": "ru", "requests": [proposal], "citations": []}, text, "a", "2030-03-04",
                  Known(entities, SOURCES), ROOT)
    assert [(e["action"], e["quantity"]) for e in out.sections["equipment"]] == [("repair", 12), ("supply", 2)]
    assert [e["quote"] for e in out.sections["evidence"] if e.get("item")] == [
        "отремонтировать двенадцать радаров", "поставить ещё две такие станции"]


def test_of_an_outlets_reports_the_one_no_article_credits_yet_is_this_articles():
    sources = SOURCES + [{"id": "tass-new-report", "type": "news_article", "publisher": "tass"}]
    text = "Мадуро попросил Путина о ракетах, сообщает ТАСС."
    extraction = {"language": "ru", "requests": [],
                  "citations": [{"cited_name": "ТАСС", "via": None, **span(text, "сообщает ТАСС")}]}
    cited = Known(ENTITIES, sources, cited={"tass-report"})
    assert propose(extraction, text, "a", None, cited, ROOT).sections["citations"][0]["cited"] == "tass-new-report"
    fresh = Known(ENTITIES, sources)   # neither cited: the first, as before
    assert propose(extraction, text, "a", None, fresh, ROOT).sections["citations"][0]["cited"] == "tass-report"


def test_a_sentence_recalling_a_known_request_gives_it_evidence_not_the_new_request_items():
    entities = ENTITIES + [{"id": "venezuela-government", "type": "government_body", "country": "VE"},
                           {"id": "iran-government", "type": "government_body", "country": "IR"},
                           {"id": "ramon-velasquez", "type": "person", "name_ru": "Рамон Веласкес", "country": "VE"},
                           {"id": "washington-post", "type": "media_outlet", "name_en": "The Washington Post"}]
    sources = SOURCES + [{"id": "wp-report", "type": "news_article", "publisher": "washington-post"}]
    known = Known(entities, sources,
                  requests=[{"request_id": "velasquez-iran", "requester_id": "ramon-velasquez",
                             "requester_country": "VE", "addressee_country": "IR", "addressee_id": "iran-government"}],
                  equipment=[{"item_id": "velasquez-drones", "request_id": "velasquez-iran", "category": "uav"}],
                  credited={"velasquez-iran": {"wp-report"}})
    text = ("Каракас попросил Тегеран поставить катера. Ранее The Washington Post писала, что Рамон Веласкес "
            "просил у Ирана дроны.")
    new, old = span(text, "Каракас попросил Тегеран поставить катера"), span(text, "Рамон Веласкес просил у Ирана дроны")

    def item(words, category):
        return {"text": words, "category": category, "sipri_category": None, "action": "supply", "quantity": None,
                "max_range_km": None, **{k: v for k, v in span(text, words).items() if k != "quote"}}
    proposal = {"requester_name": "Каракас", "requester_country": "VE", "addressee_name": "Тегеран",
                "addressee_country": "IR", "addressee_organisation": None, "channel": "unspecified", **new,
                "evidence": [{**new, "attributed_to": None, "requester_name": "Каракас"},
                             {**old, "attributed_to": "The Washington Post", "requester_name": "Рамон Веласкес"}],
                "items": [item("катера", "naval_forces"), item("дроны", "uav")]}
    out = propose({"language": "ru", "requests": [proposal], "citations": []}, text, "a", "2030-03-04", known, ROOT)
    assert [e["category"] for e in out.sections["equipment"]] == ["naval_forces"]
    facts = {(e.get("request") or e.get("item"), e["quote"]) for e in out.sections["evidence"]}
    assert ("velasquez-iran", old["quote"]) in facts and ("velasquez-drones", "дроны") in facts


def test_ids_already_used_by_any_curation_file_are_not_proposed_again():
    from scripts.curator.extract import extract

    entities = ENTITIES + [{"id": "russia-government", "type": "government_body", "country": "RU"}]
    text = "В Москве эти сведения опровергли."
    known = Known(entities, SOURCES, ids={"russia-government-denial"})
    [event] = propose(extract(text, "ru"), text, "a", "2030-01-01", known, ROOT).sections["events"]
    assert event["id"] == "russia-government-denial-2"


def test_an_outlet_written_in_latin_letters_is_proposed_with_its_english_name():
    text = "Сербия попросила Россию о ракетах, сообщает Reuters."
    extraction = {"language": "ru", "requests": [],
                  "citations": [{"cited_name": "Reuters", "via": None, **span(text, "сообщает Reuters")}]}
    out = propose(extraction, text, "a", None, Known(ENTITIES, SOURCES), ROOT)
    assert out.to_add["entities"] == [{"id": "reuters", "type": "media_outlet", "name_en": "Reuters",
                                       "country": None}]


def test_an_office_alone_is_the_person_of_that_state_who_asked_before_in_the_article():
    entities = ENTITIES + [{"id": "andris-spruds", "type": "person", "name_uk": "Андріс Спрудс", "country": "LV"},
                           {"id": "latvia-government", "type": "government_body", "country": "LV"},
                           {"id": "nato", "type": "organisation", "name_en": "North Atlantic Treaty Organization"}]
    text = "Андріс Спрудс попросив США про ракети. Окремо міністр надіслав до НАТО лист."
    first, second = span(text, "Андріс Спрудс попросив США про ракети"), span(text, "міністр надіслав до НАТО лист")
    base = {"channel": "unspecified", "items": [], "requester_country": "LV"}
    proposals = [{**base, **first, "requester_name": "Андріс Спрудс", "addressee_name": "США",
                  "addressee_country": "US", "addressee_organisation": None,
                  "evidence": [{**first, "requester_name": "Андріс Спрудс"}]},
                 {**base, **second, "requester_name": "міністр", "addressee_name": "НАТО",
                  "addressee_country": None, "addressee_organisation": "NATO",
                  "evidence": [{**second, "requester_name": "міністр"}]}]
    out = propose({"language": "uk", "requests": proposals, "citations": []}, text, "a", "2030-03-04",
                  Known(entities, SOURCES), ROOT)
    assert [(r["requester"], r["addressee"]) for r in out.sections["requests"]] == [
        ("andris-spruds", "united-states-government"), ("andris-spruds", "nato")]
