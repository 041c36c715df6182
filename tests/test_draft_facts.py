"""The draft's proposals become curation records resolved against what the repository knows:
requests, items and citations, known entities, sources and facts (facts.py, references.py)."""
from __future__ import annotations

import pytest

from scripts.curator.draft.facts import propose
from scripts.curator.draft.references import Known
from tests.draft_records import ENTITIES, ROOT, SOURCES, caracas_request, drafted, governments, span

TEXT = ("Министр обороны Армении попросил ОДКБ о поставках ракет, сообщает ТАСС. Мадуро попросил "
        "Путина отремонтировать восемь двигателей.")
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
    out = propose({"requests": [caracas_request(text, text[:-1], items)], "citations": []}, text, "a",
                  "2030-01-01", known, ROOT)
    assert bool(out.sections["requests"]) == new
    assert ("letter" in out.existing) == (not new)


def test_a_headline_is_credited_to_the_source_the_body_credits_for_the_same_fact():
    text = "Каракас просил Москву о ракетах\n\nКаракас просил Москву поставить ракеты, сообщает ТАСС."
    headline = span(text, "Каракас просил Москву о ракетах")
    body = span(text, "Каракас просил Москву поставить ракеты")
    proposal = {**caracas_request(text, headline["quote"], []),
                "evidence": [{**headline, "attributed_to": None}, {**body, "attributed_to": "ТАСС"}]}
    out = propose({"requests": [proposal], "citations": []}, text, "a", "2030-01-01",
                  Known(ENTITIES, SOURCES), ROOT, headline=(headline["start"], headline["end"]))
    assert [e["attributed_to"] for e in out.sections["evidence"]] == ["tass-report", "tass-report"]


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


def test_an_earlier_ask_told_in_passing_is_a_request_of_its_own_with_its_items_and_date():
    entities = governments(cuba="CU", russia="RU")
    text = ("Куба попросила Россию поставить четыре вертолета. Это не первое обращение Гаваны к Москве. "
            "Ещё в марте Куба просила Россию продать два фрегата.")
    out = drafted(text, "ru", "2030-06-04", entities)
    first, earlier = out.sections["requests"]
    assert earlier["date"] == "2030-03" and first["date"] != "2030-03"
    assert {(i["request"], i["category"]) for i in out.sections["equipment"]} == {
        (first["id"], "helicopter"), (earlier["id"], "naval_forces")}


@pytest.mark.parametrize("language, text", [
    ("uk", "Куба попросила Росію поставити чотири гелікоптери. У березні, після навчань, Куба просила Росію "
           "продати два фрегати."),
    ("ru", "Куба просит Россию поставить четыре вертолета. В марте 2030 года Куба просила Россию продать "
           "два фрегата."),
])
def test_an_ask_dated_months_before_publication_by_its_first_words_is_a_request_of_its_own(language, text):
    entities = governments(cuba="CU", russia="RU")
    out = drafted(text, language, "2030-06-04", entities)
    first, earlier = out.sections["requests"]
    assert earlier["date"] == "2030-03" and first["date"] != "2030-03"
    assert {(i["request"], i["category"]) for i in out.sections["equipment"]} == {
        (first["id"], "helicopter"), (earlier["id"], "naval_forces")}


def test_an_ask_dated_in_the_month_before_publication_is_the_same_request():
    entities = governments(cuba="CU", russia="RU")
    text = "Куба просит Россию поставить четыре вертолета. В мае Куба просила Россию продать два фрегата."
    [request] = drafted(text, "ru", "2030-06-04", entities).sections["requests"]
    assert request["requester"] == "cuba-government"


def test_more_points_of_the_same_ask_are_no_earlier_ask():
    entities = governments(cuba="CU", russia="RU")
    text = ("Куба попросила Россию поставить четыре вертолета. Ещё два пункта касаются флота: Куба просит "
            "Россию продать два фрегата.")
    [request] = drafted(text, "ru", "2030-06-04", entities).sections["requests"]
    assert request["requester"] == "cuba-government"


@pytest.mark.parametrize("headline, whole", [
    ("Молдова попросила ЄС і Румунію допомогти з ППО: що відомо", True),    # one clause, two asked
    ("Україна попросила Німеччину про IRIS-T, а Швецію — про бойові машини CV90", False),   # a clause each
])
def test_a_headline_reporting_requests_is_quoted_whole_unless_it_tells_each_in_its_own_clause(headline, whole):
    from scripts.curator.extract import extract

    text = f"{headline}\n\nЦе прохання надіслали в понеділок, повідомляє ТАСС."
    out = propose(extract(text, "uk"), text, "a", "2030-01-01", Known(ENTITIES, SOURCES), ROOT,
                  headline=(0, len(headline)))
    quoted = [e["quote"] for e in out.sections["evidence"] if e.get("request") and e["quote"] in headline]
    assert quoted and all((quote == headline) == whole for quote in quoted)


def test_a_quote_does_not_stop_between_an_office_and_the_name_after_it():
    from scripts.curator.extract import extract

    text = "Прохання прозвучало в середу під час розмови Теодоро з міністром оборони Японії Сіндзіро Коїдзумі."
    [request] = extract("Філіппіни попросили Японію про радари. " + text, "uk")["requests"]
    assert request["evidence"][-1]["quote"].endswith("міністром оборони Японії Сіндзіро Коїдзумі")


def test_an_items_evidence_takes_in_its_purpose_or_relative_clause():
    entities = governments(peru="PE", japan="JP")
    text = ("Перу попросило Японію передати два катери і чотири радари для виявлення малих суден. "
            "Ліма також просить японських інструкторів, які навчили б операторів і техніків.")
    quotes = [e["quote"] for e in drafted(text, "uk", "2030-06-04", entities).sections["evidence"] if e.get("item")]
    assert "передати два катери" in quotes and "чотири радари для виявлення малих суден" in quotes
    assert any(q.endswith("інструкторів, які навчили б операторів і техніків") for q in quotes)


@pytest.mark.parametrize("text, quote", [
    ("Камбоджа попросила Китай о снарядах. «Мы просим ровно то, что нужно для защиты границы», — сказал министр.",
     "«Мы просим ровно то, что нужно для защиты границы»"),
    ("Камбоджа попросила Китай о снарядах. «Граница горит. Поэтому мы просим союзников о снарядах и радарах». "
     "Так министр объяснил решение.", "Поэтому мы просим союзников о снарядах и радарах"),
])
def test_an_ask_in_the_requesters_own_words_is_quoted_as_the_sentence_said(text, quote):
    entities = governments(cambodia="KH", china="CN")
    quotes = [e["quote"] for e in drafted(text, "ru", "2030-06-04", entities).sections["evidence"] if e.get("request")]
    assert quote in quotes


def test_a_lists_lead_in_and_lines_are_evidence_of_its_items_not_of_the_request_again():
    entities = governments(mongolia="MN", south_korea="KR")
    text = ("Монголия попросила Южную Корею о военной помощи.\n\nВ письме перечислены:\n\n"
            "- четыре радиолокационные станции;\n- шесть учебных самолетов KT-1.\n")
    out = drafted(text, "ru", "2030-06-04", entities)
    asked = [e["quote"] for e in out.sections["evidence"] if e.get("request")]
    items = [e["quote"] for e in out.sections["evidence"] if e.get("item")]
    assert asked == ["Монголия попросила Южную Корею о военной помощи."]   # a whole sentence
    assert items == ["четыре радиолокационные станции", "шесть учебных самолетов KT-1"]


@pytest.mark.parametrize("language, text, line", [
    ("uk", "Литва попросила Німеччину:\n\n- прискорити постачання 12 гаубиць, перші з яких мають прибути 2027 року;\n"
           "- передати дві батареї ППО.\n", "прискорити постачання 12 гаубиць, перші з яких мають прибути 2027 року"),
    ("ru", "Литва попросила Германию:\n\n• передать две батареи ПВО;\n• продать 12 гаубиц.\n", "передать две батареи ПВО"),
])
def test_an_item_alone_on_a_list_line_is_quoted_by_the_whole_line(language, text, line):
    entities = governments(lithuania="LT", germany="DE")
    out = drafted(text, language, "2030-06-04", entities)
    assert line in [e["quote"] for e in out.sections["evidence"] if "item" in e]


def test_a_headline_naming_both_sides_of_a_request_is_its_evidence():
    from scripts.curator.extract import extract, extractor

    entities = governments(azerbaijan="AZ", pakistan="PK")
    text = ("Баку хочет получить пакистанские истребители раньше срока\n\n"
            "Азербайджан попросил Пакистан ускорить поставку истребителей JF-17, сообщила газета Dawn.")
    mentions = extractor().detector.find(text, "ru")
    out = propose(extract(text, "ru"), text, "a", "2030-06-04", Known(ENTITIES + entities, SOURCES), ROOT,
                  (0, text.index("\n")), mentions)
    [request] = out.sections["requests"]
    assert "Баку хочет получить пакистанские истребители раньше срока" in [
        e["quote"] for e in out.sections["evidence"] if e.get("request") == request["id"]]


def test_a_post_credited_is_a_social_media_post_of_the_one_who_posted():
    text = "Куба попросила Россию о вертолетах, написал в Facebook министр Хуан Перес Гарсия."
    out = drafted(text, "ru", "2030-06-04", governments(cuba="CU", russia="RU"))
    [citation] = out.sections["citations"]
    [source] = [s for s in out.to_add["sources"] if s["id"] == citation["cited"]]
    assert source["type"] == "social_media_post"
    [person] = [e for e in out.to_add["entities"] if e["id"] == source["publisher"]]
    assert person["type"] == "person"


def test_an_ask_dated_months_before_is_its_own_request_even_with_items_told_again():
    """"Окремо, як сказав міністр, Куба ще в березні попросила Росію продати фрегати": the
    frigates are told in the first sentence too, yet the March ask is a request of its own."""
    text = ("Куба попросила Росію про гелікоптери і фрегати. Окремо, як сказав міністр, Куба ще в березні "
            "попросила Росію продати два фрегати.")
    requests = drafted(text, "uk", "2030-06-04", governments(cuba="CU", russia="RU")).sections["requests"]
    assert sorted(r["date"] for r in requests) == ["../2030-06-04", "2030-03"]
