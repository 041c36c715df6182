"""Who asked whom in a drafted request (scripts/curator/draft/sides.py): the person named as
the subject, an office standing for the one person named in it, the sender and recipient of
the letter, an alliance by its code, not a go-between."""
from __future__ import annotations

from scripts.curator.draft.facts import propose
from scripts.curator.draft.references import Known
from tests.draft_records import ENTITIES, ROOT, SOURCES, caracas_request, drafted, governments, span


def test_the_requester_is_a_person_only_when_named_as_the_subject():
    entities = ENTITIES + [{"id": "venezuela-government", "type": "government_body", "country": "VE"}]
    text = "Помимо письма Николаса Мадуро, Каракас просил Москву поставить дроны."
    genitive = caracas_request(text, "Каракас просил Москву поставить дроны", [("дроны", "uav")],
                        sentence_requester="Каракас")
    out = propose({"language": "ru", "requests": [genitive], "citations": [],
                   "people": [{"name": "Николаса Мадуро", "country": "VE", **span(text, "Николаса Мадуро")}]},
                  text, "a", "2030-01-01", Known(entities, SOURCES), ROOT)
    assert out.sections["requests"][0]["requester"] == "venezuela-government"
    text = "Николас Мадуро просил Москву поставить дроны."
    nominative = caracas_request(text, text[:-1], [("дроны", "uav")], sentence_requester="Николас Мадуро")
    out = propose({"language": "ru", "requests": [nominative], "citations": []}, text, "a", "2030-01-01",
                  Known(entities, SOURCES), ROOT)
    assert out.sections["requests"][0]["requester"] == "nicolas-maduro"


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
    # A letter with a request does: "надіслав ... колезі Іонуцу Моштяну листа з проханням".
    proposals[1]["evidence"][0]["channel"] = "letter"
    out = propose({"language": "uk", "requests": proposals[1:], "citations": []}, text, "a", "2030-03-04",
                  Known(entities, SOURCES), ROOT)
    assert out.sections["requests"][0]["addressee"] == "ionut-mosteanu"


def test_a_known_person_is_the_requester_though_the_given_name_is_spelt_otherwise():
    entities = ENTITIES + [{"id": "vpl", "type": "person", "name_uk": "Володимир Падріно Лопес", "country": "VE"},
                           {"id": "vp", "type": "person", "name_uk": "Мігель Падріно Лопес", "country": "VE"}]
    text = "Владімір Падріно Лопес попросив Росію про радари."
    ask = span(text, text[:-1])
    proposal = {**ask, "requester_name": "Владімір Падріно Лопес", "requester_country": "VE",
                "addressee_name": "Росію", "addressee_country": "RU", "addressee_organisation": None,
                "channel": "unspecified", "items": [],
                "evidence": [{**ask, "requester_name": "Владімір Падріно Лопес", "trigger": "verb"}]}
    out = propose({"language": "uk", "requests": [proposal], "citations": []}, text, "a", "2030-03-04",
                  Known(entities, SOURCES), ROOT)
    assert out.sections["requests"][0]["requester"] == "vpl"   # not Мігель: another initial


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


def test_an_office_alone_is_the_one_person_the_article_names_in_it():
    """"Польський міністр просить американського колегу": the minister the article names in an
    apposition; the recipient of the letter the request went in, a person of the state asked."""
    people = [{"id": "jan-nowak", "type": "person", "name_uk": "Ян Новак", "country": "PL"},
              {"id": "robert-wilson", "type": "person", "name_uk": "Роберт Вілсон", "country": "US"}]
    text = ("Польща просить США про ракети: що відомо про лист. Міністр оборони Польщі Ян Новак прокоментував свій лист до "
            "очільника Пентагону Роберта Вілсона. Польський міністр просить американського колегу продати "
            "вісім ракет.")
    [request] = drafted(text, "uk", "2030-06-04", people + governments(poland="PL", us="US")).sections["requests"]
    assert (request["requester"], request["addressee"]) == ("jan-nowak", "robert-wilson")


def test_the_sender_and_recipient_of_the_letter_are_the_sides():
    people = [{"id": "andrzej-kowalski", "type": "person", "name_ru": "Анджей Ковальский", "country": "PL"},
              {"id": "robert-wilson", "type": "person", "name_ru": "Роберт Уилсон", "country": "US"}]
    text = ("Польша попросила США о ракетах. Президент Ковальский направил письмо министру Роберту "
            "Уилсону 24 мая, сообщила газета.")
    [request] = drafted(text, "ru", "2030-06-04", people + governments(poland="PL", us="US")).sections["requests"]
    assert (request["requester"], request["addressee"]) == ("andrzej-kowalski", "robert-wilson")
    # a headline naming the sender only does not stop the search for the recipient
    text = ("Что известно о письме Анджея Ковальского\n\nПольша попросила США о ракетах в письме. "
            "Президент Ковальский направил письмо министру Роберту Уилсону 24 мая, сообщила газета.")
    [request] = drafted(text, "ru", "2030-06-04", people + governments(poland="PL", us="US")).sections["requests"]
    assert (request["requester"], request["addressee"]) == ("andrzej-kowalski", "robert-wilson")


def test_a_go_between_is_not_the_one_asked():
    entities = ENTITIES + [{"id": "andrei-belousov", "type": "person", "name_uk": "Андрій Білоусов", "country": "RU"},
                           {"id": "vladimir-putin-uk", "type": "person", "name_uk": "Володимир Путін", "country": "RU"}]
    text = "Лукашенко через Білоусова попросив Путіна про радари."
    ask = span(text, text[:-1])
    proposal = {**ask, "requester_name": "Лукашенко", "requester_country": "BY", "addressee_name": "Путіна",
                "addressee_country": "RU", "addressee_organisation": None, "channel": "unspecified", "items": [],
                "evidence": [{**ask, "requester_name": "Лукашенко", "trigger": "verb", "addressee_named": True}]}
    out = propose({"language": "uk", "requests": [proposal], "citations": []}, text, "a", "2030-03-04",
                  Known(entities, SOURCES), ROOT)
    assert out.sections["requests"][0]["addressee"] == "vladimir-putin-uk"


def test_the_sender_named_after_the_letter_is_the_requester():
    people = [{"id": "zakir-hasanov", "type": "person", "name_ru": "Закир Гасанов", "country": "AZ"},
              {"id": "khawaja-asif", "type": "person", "name_ru": "Хаваджа Асиф", "country": "PK"}]
    text = ("Азербайджан направил Пакистану письмо с просьбой о поставке истребителей. Письмо министра обороны "
            "Азербайджана Закира Гасанова получил министр обороны Пакистана Хаваджа Асиф.")
    [request] = drafted(text, "ru", "2030-06-04", people + governments(azerbaijan="AZ", pakistan="PK")
                        ).sections["requests"]
    assert (request["requester"], request["addressee"]) == ("zakir-hasanov", "khawaja-asif")


def test_a_letter_told_after_who_announced_the_request_gives_channel_date_and_sides():
    """"Об этом ... заявил министр" tells who announced it, not how it was asked; "По словам
    министра, письмо на имя ... он подписал в конце ноября" says it went by letter, when,
    from whom (the one named before "он") and to whom."""
    people = [{"id": "ruslan-ivanov", "type": "person", "name_ru": "Руслан Иванов", "country": "KG"},
              {"id": "yasar-guler", "type": "person", "name_ru": "Яшар Гюлер", "country": "TR"}]
    text = ("Киргизия направила Турции запрос о поставке бронемашин. Об этом на пресс-конференции заявил министр "
            "обороны Руслан Иванов. По словам министра, письмо на имя министра обороны Турции Яшара Гюлера он "
            "подписал в конце ноября.")
    [request] = drafted(text, "ru", "2030-12-05", people + governments(kyrgyzstan="KG", turkey="TR")
                        ).sections["requests"]
    assert (request["channel"], request["date"]) == ("letter", "[2030-11-21..2030-11-30]")
    assert (request["requester"], request["addressee"]) == ("ruslan-ivanov", "yasar-guler")


def test_another_person_told_asking_the_same_state_makes_a_request_of_their_own():
    """The minister's asks, then the president's public call to the same state: two requests,
    each with its own asker, its own items and the one it names as asked."""
    entities = [{"id": "liis-tamm", "type": "person", "name_uk": "Лііс Тамм", "country": "EE"},
                {"id": "karl-saar", "type": "person", "name_uk": "Карл Саар", "country": "EE"},
                {"id": "olaf-berg", "type": "person", "name_uk": "Олаф Берг", "country": "DE"},
                *governments(estonia="EE", germany="DE")]
    text = ("Міністр оборони Естонії Лііс Тамм на переговорах попросила Берлін продати шість гаубиць. "
            "Президент Естонії Карл Саар у соцмережі закликав Німеччину розгорнути батальйон у країні.")
    out = drafted(text, "uk", "2030-03-04", entities)
    assert [(r["requester"], r["addressee"], r["channel"]) for r in out.sections["requests"]] == [
        ("liis-tamm", "germany-government", "meeting"), ("karl-saar", "germany-government", "statement")]
    assert [(i["request"], i["category"]) for i in out.sections["equipment"]] == [
        (out.sections["requests"][0]["id"], "artillery"), (out.sections["requests"][1]["id"], "troops")]


def test_a_list_handed_over_is_evidence_of_the_request():
    """"передасть колезі перелік із трьох пунктів": the list of asks handed over tells the
    request, quoted from the clause of the one who hands it."""
    entities = [{"id": "liis-tamm", "type": "person", "name_uk": "Лііс Тамм", "country": "EE"},
                *governments(estonia="EE", germany="DE")]
    text = ("Міністр оборони Естонії Лііс Тамм попросила Берлін продати шість гаубиць. "
            "Газета пише, що Тамм передасть німецькому колезі перелік із трьох пунктів.")
    out = drafted(text, "uk", "2030-03-04", entities)
    (request,) = out.sections["requests"]
    quotes = [e["quote"] for e in out.sections["evidence"] if e.get("request") == request["id"]]
    assert "Тамм передасть німецькому колезі перелік із трьох пунктів" in quotes
