"""What the sentences reporting a request give the draft besides who asked whom: dates
(dates.py), the words an item's evidence quotes (spans.py), follow-up sentences, channels,
request quotes and ranges told again (reports.py)."""
from __future__ import annotations

import datetime as dt

import pytest

from scripts.curator.draft.dates import DateReader
from scripts.curator.draft.facts import propose
from scripts.curator.draft.references import Known
from scripts.curator.draft.spans import Words
from tests.draft_records import ENTITIES, ROOT, SOURCES, drafted, governments, span

MONDAY = dt.date(2030, 3, 4)


def date_in(language: str, phrase: str):
    """The date a phrase gives in an article published on MONDAY, or None."""
    return DateReader(language, Words.of(language, ROOT).lemmas).find([phrase], MONDAY)


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
    ("ru", "батарею получили в апреле 2027 года", "2027-04", "stated"),    # a year written out
    ("uk", "літак прибув 5 травня 2028 року", "2028-05-05", "stated"),
    ("ru", "в конце мая 2026 года", "[2026-05-21..2026-05-31]", "inferred"),
    ("uk", "контракт підписали у 2025 році", "2025", "stated"),
    ("uk", "держдеп у п'ятницю звинуватив", "2030-03-01", "inferred"),      # any apostrophe
    ("uk", "держдеп у п’ятницю звинуватив", "2030-03-01", "inferred"),
    ("uk", "в інтерв'ю, опублікованому у вівторок, міністр закликав", "2030-02-26", "inferred"),
    ("ru", "в письме, датированном 3 марта, министр просит", "2030-03-03", "stated"),
])
def test_dates_read_from_the_reporting_words(language, phrase, edtf, basis):
    found = date_in(language, phrase)
    assert (found.edtf, found.basis) == (edtf, basis)


@pytest.mark.parametrize("language, phrase", [("ru", "в конце концов он попросил ракеты"),
                                              ("uk", "на початку війни він попросив ракети"),
                                              ("ru", "Каракас просил ракеты"),
                                              ("ru", "в 2031 году он попросит ракеты"),    # after publication
    # the order's date, not the ask's
    ("ru", "попросил ускорить поставку танков, заказанных в декабре 2028 года"),
    ("uk", "просить пришвидшити постачання 44 танків, замовлених у грудні 2028 року")])
def test_words_that_are_no_date_give_none(language, phrase):
    assert date_in(language, phrase) is None


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


@pytest.mark.parametrize("text, quote", [
    ("Окремо Куба попросила Росію про вертольоти.", "Окремо Куба попросила Росію"),
    ("В январе 2024 года Куба просила Россию о вертолетах.", "В январе 2024 года Куба просила Россию"),
    ("Кроме того, Куба просила Россию о вертолетах.", "Куба просила Россию"),   # a clause of its own
])
def test_a_few_words_opening_the_sentence_before_the_request_are_quoted_with_it(text, quote):
    entities = ENTITIES + [{"id": "cuba-government", "type": "government_body", "country": "CU"},
                           {"id": "russia-government", "type": "government_body", "country": "RU"}]
    found = span(text, quote[quote.index("Куба"):])
    proposal = {"requester_name": "Куба", "requester_country": "CU", "addressee_name": "Россию",
                "addressee_country": "RU", "addressee_organisation": None, "channel": "unspecified",
                **found, "items": [], "evidence": [{**found, "attributed_to": None, "requester_name": "Куба"}]}
    out = propose({"language": "ru", "requests": [proposal], "citations": []}, text, "a", "2030-03-04",
                  Known(entities, SOURCES), ROOT)
    assert [e["quote"] for e in out.sections["evidence"]] == [quote]


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


def test_a_name_with_a_soft_ending_is_found_in_any_case():
    from scripts.curator.draft.detect import word_matches

    assert word_matches("Цзюнь", "Цзюню") and word_matches("Цзюнь", "Цзюнем")
    assert not word_matches("Цзюнь", "Цзянь")


def test_a_sentence_that_opens_with_an_item_is_quoted_whole_as_its_evidence():
    text = ("Сербия попросила Китай поставить шесть беспилотников и две батареи ПВО, сообщает Reuters. "
            "Беспилотники, по словам источников, нужны для наблюдения за югом страны. Переговоры продолжатся.")
    out = drafted(text, "ru", "2030-03-04")
    drones = next(i["id"] for i in out.sections["equipment"] if i["category"] == "uav")
    quotes = [e["quote"] for e in out.sections["evidence"] if e.get("item") == drones]
    assert "Беспилотники, по словам источников, нужны для наблюдения за югом страны" in quotes
    assert not any(q.startswith("Переговоры") for e in out.sections["evidence"] for q in [e["quote"]])


def test_sentences_opening_on_the_letter_are_evidence_of_the_request_it_carried():
    """"Лист датований 27 листопада.": evidence of the request that went by letter, and its
    date; a sentence about something else is not."""
    entities = ENTITIES + [{"id": "poland-government", "type": "government_body", "country": "PL"},
                           {"id": "us-government", "type": "government_body", "country": "US"}]
    text = ("Польща надіслала США лист із проханням про ракети Patriot.\n\nЩо відомо\n\n"
            "Лист, за даними газети, датований 27 листопада. Ракети мають прибути взимку.")
    out = drafted(text, "uk", "2030-12-03", entities)
    [request] = out.sections["requests"]
    assert (request["channel"], request["date"]) == ("letter", "2030-11-27")
    quotes = [e["quote"] for e in out.sections["evidence"] if e.get("request")]
    assert "Лист, за даними газети, датований 27 листопада." in quotes
    assert not any("взимку" in q for q in quotes)


@pytest.mark.parametrize("text, quoted", [
    ("Гайана направила Британии письмо с просьбой о радарах.\n\n«Мы не готовимся к войне. Мы хотим мира», — "
     "приводит газета фразу из письма.", True),
    ("Министр обороны Гайаны Роберт Уилсон попросил Британию о радарах.\n\n«Нам нужны радары», — добавил министр.",
     True),
    ("Гайана попросила Британию о радарах.\n\nБританский министр ответил журналистам. «Мы ответим позже», — "
     "сказал он.", False),   # someone else, after a sentence that is not the request's
])
def test_a_quotation_of_the_requesters_side_is_evidence_of_the_request(text, quoted):
    entities = [{"id": "robert-wilson", "type": "person", "name_ru": "Роберт Уилсон", "country": "GY"},
                {"id": "guyana-government", "type": "government_body", "country": "GY"},
                {"id": "uk-government", "type": "government_body", "country": "GB"}]
    out = drafted(text, "ru", "2030-06-04", entities)
    quotes = [e["quote"] for e in out.sections["evidence"] if e.get("request")]
    said = text[text.index("«"):text.index("»", text.index("«") + 1) + 1]
    assert (said in quotes) == quoted


def test_the_date_of_a_request_by_letter_is_the_letters_and_a_sentence_ends_at_its_full_stop():
    entities = ENTITIES + [{"id": "poland-government", "type": "government_body", "country": "PL"},
                           {"id": "us-government", "type": "government_body", "country": "US"}]
    text = ("Польща надіслала США лист із проханням про ракети Patriot, повідомила у вівторок газета.\n\n"
            "Лист датований 27 листопада. Ще 20 листопада міністр говорив про ракети.")
    [request] = drafted(text, "uk", "2030-12-03", entities).sections["requests"]
    assert request["date"] == "2030-11-27"


@pytest.mark.parametrize("language, text, told", [
    ("ru", "Баку попросил Исламабад поставить истребители JF-17 и ракеты. Сколько ракет нужно Баку, источники не уточнили.",
     {"missile": ["Сколько ракет нужно Баку, источники не уточнили."]}),
    ("uk", "Вірменія попросила Францію передати бронежилети й прилади нічного бачення — їх кількість у листі не вказано.",
     {"military_equipment_unspecified": ["їх кількість у листі не вказано"],
      "passive_sensor": ["їх кількість у листі не вказано"]}),
])
def test_how_many_of_an_item_were_asked_is_its_evidence(language, text, told):
    """A sentence asking how many of the item (or saying the number is not given), or the
    clause after a dash that does so of the items before it, is each item's evidence."""
    out = drafted(text, language, "2030-03-04", governments(azerbaijan="AZ", pakistan="PK", armenia="AM", france="FR"))
    category = {i["id"]: i["category"] for i in out.sections["equipment"]}
    found = {}
    for e in out.sections["evidence"]:
        if e.get("item") in category and ("колич" in e["quote"].casefold() or "кільк" in e["quote"].casefold()
                                          or e["quote"].startswith("Сколько")):
            found.setdefault(category[e["item"]], []).append(e["quote"])
    assert found == told


@pytest.mark.parametrize("language, text, reason", [
    ("uk", "Молдова попросила Румунію про радари. Кишинів пояснює своє прохання тим, що дрони залітають у "
           "повітряний простір країни.",
     "Кишинів пояснює своє прохання тим, що дрони залітають у повітряний простір країни"),
    ("ru", "Азербайджан попросил Пакистан ускорить поставку истребителей. Собеседники газеты объясняют спешку "
           "тем, что МиГ-29 устарели.", "Собеседники газеты объясняют спешку тем, что МиГ-29 устарели"),
])
def test_the_reason_given_for_the_request_is_its_evidence(language, text, reason):
    out = drafted(text, language, "2030-03-04", governments(moldova="MD", romania="RO", azerbaijan="AZ", pakistan="PK"))
    assert reason in [e["quote"].rstrip(".") for e in out.sections["evidence"] if e.get("request")]
