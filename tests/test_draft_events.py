"""Facts a draft proposes besides the article's own requests (events.py): events with their
items, and evidence for requests of the package an article mentions or recalls."""
from __future__ import annotations

import pytest

from scripts.curator.draft.facts import propose
from scripts.curator.draft.references import Known
from scripts.curator.draft.spans import with_full_stop
from tests.draft_records import ENTITIES, ROOT, SOURCES, drafted, governments, span

CUBA_AND_RUSSIA = [{"id": "cuba-government", "type": "government_body", "country": "CU"},
                   {"id": "russia-government", "type": "government_body", "country": "RU"}]


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
    # a whole sentence is quoted with its full stop, as curators quote it
    assert (evidence["attributed_to"], evidence["quote"]) == ("a", "В Москве эти сведения опровергли.")


@pytest.mark.parametrize("text, quote, quoted", [
    ("Запрос пришел. В Анкаре получение письма подтвердили. Ответа нет.", "В Анкаре получение письма подтвердили",
     "В Анкаре получение письма подтвердили."),
    ("Літак Пісторіуса приземлився у Вільнюсі.\n", "Літак Пісторіуса приземлився у Вільнюсі",
     "Літак Пісторіуса приземлився у Вільнюсі."),
    ("Запрос пришел, и в Анкаре его получение подтвердили.", "в Анкаре его получение подтвердили",
     "в Анкаре его получение подтвердили"),                # a clause: as it is
    ("В Анкаре получение письма подтвердили, но ответа нет.", "В Анкаре получение письма подтвердили",
     "В Анкаре получение письма подтвердили"),
])
def test_a_whole_sentence_is_quoted_with_its_full_stop(text, quote, quoted):
    start = text.index(quote)
    assert text[start:with_full_stop(text, start, start + len(quote))] == quoted


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


def test_an_event_of_the_package_is_the_same_only_with_the_same_target_and_a_place_is_where_it_happened():
    entities = [{"id": "us-government", "type": "government_body", "country": "US"},
                {"id": "china-government", "type": "government_body", "country": "CN"},
                {"id": "cuba-government", "type": "government_body", "country": "CU"},
                {"id": "havana", "type": "place", "name_ru": "Гавана", "country": "CU"}]
    events = [{"event_id": "us-accuses-cuba", "event_type": "accusation", "actor_id": "us-government",
               "target_id": "cuba-government", "place_id": None}]
    text = "Госдепартамент США обвинил Китай в поставках оружия, которые расширяют сотрудничество Пекина и Гаваны."
    out = drafted(text, "ru", "2030-03-04", entities, events=events)
    [event] = out.sections["events"]   # a new accusation: another target
    assert (event["actor"], event["target"], event["place"]) == ("us-government", "china-government", None)


def test_an_agreement_of_unnamed_sides_is_between_the_sides_of_the_request_before_it():
    text = ("Куба попросила Россию поставить четыре вертолета, разговор состоялся во вторник. "
            "По итогам переговоров министры подписали меморандум о сотрудничестве.")
    out = drafted(text, "ru", "2030-03-07", CUBA_AND_RUSSIA)
    [request] = out.sections["requests"]
    [event] = out.sections["events"]
    assert (event["event_type"], event["actor"], event["target"]) == ("agreement", "cuba-government",
                                                                      "russia-government")
    assert (event["date"], event["date_basis"]) == (request["date"], request["date_basis"]) == ("2030-03-05", "inferred")


def test_a_side_that_does_not_confirm_speaks_through_the_person_named_next_and_their_date():
    entities = [{"id": "china-government", "type": "government_body", "country": "CN"},
                {"id": "mao-ning", "type": "person", "name_ru": "Мао Нин", "country": "CN"}]
    text = ("В Пекине содержание письма не подтвердили, но и не опровергли. Официальный представитель МИД КНР "
            "Мао Нин на брифинге во вторник заявила, что сотрудничество не направлено против третьих стран.")
    out = drafted(text, "ru", "2030-03-07", entities)
    [event] = out.sections["events"]
    assert (event["event_type"], event["actor"], event["date"]) == ("statement", "mao-ning", "2030-03-05")


def test_words_said_again_another_day_are_another_event():
    events = [{"event_id": "old-denial", "event_type": "denial", "actor_id": "russia-government",
               "target_id": None, "place_id": None, "date_edtf": "2029-05-02"}]
    text = "Во вторник в Москве эти сведения опровергли."
    out = drafted(text, "ru", "2030-03-07", CUBA_AND_RUSSIA, events=events)
    assert [e["event_type"] for e in out.sections["events"]] == ["denial"]
    assert out.existing == []


def test_a_capital_that_does_not_deny_is_its_government_not_the_place():
    entities = [{"id": "azerbaijan-government", "type": "government_body", "country": "AZ"},
                {"id": "pakistan-government", "type": "government_body", "country": "PK"},
                {"id": "baku", "type": "place", "name_ru": "Баку", "country": "AZ"}]
    text = "Азербайджан попросил Пакистан поставить ракеты, сообщает ТАСС. Официальный Баку сообщение не опроверг."
    [event] = drafted(text, "ru", "2030-06-04", entities).sections["events"]
    assert (event["event_type"], event["actor"]) == ("statement", "azerbaijan-government")


def test_a_shipment_of_no_named_sides_goes_from_the_state_asked_to_the_state_that_asked():
    entities = governments(kyrgyzstan="KG", turkey="TR")
    text = ("Киргизия попросила Турцию передать три беспилотника. "
            "Первые беспилотники Bayraktar TB2 прибыли в республику в декабре 2021 года.")
    out = drafted(text, "ru", "2030-03-04", entities)
    [shipment] = [e for e in out.sections["events"] if e["event_type"] == "shipment"]
    assert (shipment["actor"], shipment["target"]) == ("turkey-government", "kyrgyzstan-government")
    [item] = [i for i in out.sections["equipment"] if i.get("event") == shipment["id"]]
    assert (item["supplier_country"], item["recipient_country"], item["action"]) == ("TR", "KG", "supply")
