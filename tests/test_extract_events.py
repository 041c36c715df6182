"""Events the extractor proposes (scripts/curator/extract/events.py): which sentences report
one, its type, actor, target, place, items, quote and credit."""
from __future__ import annotations

import pytest

from scripts.curator.extract import extract


def events(text: str, language: str) -> list[dict]:
    found = extract(text, language)["events"]
    for event in found:
        assert text[event["start"]:event["end"]] == event["quote"]
    return found


@pytest.mark.parametrize("language, text, expected", [
    ("ru", "В Москве эти сведения опровергли.", ("denial", "denied", "010", "RU", None, None)),
    ("uk", "У Києві цю інформацію спростували.", ("denial", "denied", "010", "UA", None, None)),
    ("ru", "В пятницу в Минск прибыл российский самолет Ил-76.", ("arrival", "reported", None, "RU", None, "BY")),
    ("uk", "Міністерство закордонних справ Польщі звинуватило Німеччину в затягуванні поставок.",
     ("accusation", "claimed", "112", "PL", "DE", None)),
    ("ru", "Официальный представитель МИД Индии заявил, что Индия не получала подобных обращений.",
     ("denial", "denied", "010", "IN", None, None)),
    ("ru", "В Минобороны Сербии заявили, что никаких просьб от Боливии не получали.",
     ("denial", "denied", "010", "RS", None, None)),
    ("uk", "Речник МЗС Туреччини назвав публікацію «вигадкою».", ("denial", "denied", "010", "TR", None, None)),
    # a request named in quotation marks by another side: an accusation of the side that asked
    ("uk", "Речниця МЗС Росії назвала звернення Варшави «доказом конфронтації».",
     ("accusation", "claimed", "112", "RU", "PL", None)),
    ("ru", "Представитель Кремля назвал литовские запросы «проявом истерии».",
     ("accusation", "claimed", "112", "RU", "LT", None)),
    ("ru", "Генеральный секретарь НАТО подтвердил, что обращение Молдовы получено.",
     ("statement", "reported", "014", None, None, None)),
    ("uk", "Речниця МЗС Польщі підтвердила, що Варшава отримала лист.",
     ("statement", "reported", "014", "PL", None, None)),
    ("ru", "Представитель МИД Японии не стал ни подтверждать, ни опровергать эти сведения.",
     ("statement", "reported", "010", "JP", None, None)),
    ("uk", "Речник МЗС Індії не став ні підтверджувати, ні спростовувати ці дані.",
     ("statement", "reported", "010", "IN", None, None)),
    ("ru", "В марте Россия и Мьянма подписали программу военного сотрудничества.",
     ("agreement", "reported", "057", "RU", "MM", None)),
    ("uk", "Торік Польща та Литва підписали угоду про спільну ППО.",
     ("agreement", "reported", "057", "PL", "LT", None)),
    ("ru", "В сентябре Турция передала Сомали 20 бронемашин.", ("shipment", "reported", "072", "TR", "SO", None)),
    ("ru", "В порт прибыли два катера, которые береговая охрана США передала эквадорскому флоту.",
     ("shipment", "reported", "072", "US", "EC", None)),
    ("uk", "Речник МЗС Туреччини підтвердив, що делегація Сомалі висловила низку побажань.",
     ("statement", "reported", "014", "TR", None, None)),
    ("ru", "В Пекине содержание письма не подтвердили, но и не опровергли.",
     ("statement", "reported", "010", "CN", None, None)),
    ("uk", "У серпні Росія перегнала Білорусі чотири літаки.", ("shipment", "reported", None, "RU", "BY", None)),
    # a document signed, in any word order
    ("ru", "Контракт на катера Индонезия и Южная Корея подписали в 2023 году.",
     ("agreement", "reported", "057", "ID", "KR", None)),
    # a warning or a threat
    ("uk", "Посольство Китаю в Манілі попередило, що передача ракет «не залишиться без наслідків».",
     ("pressure", "claimed", "130", "CN", None, None)),
    # the side asked, alone in its sentence, says it has the request
    ("ru", "В МИД Японии обращение получили.", ("statement", "reported", "014", "JP", None, None)),
    # a denial verb negated lets the report stand: a statement, not a denial
    ("ru", "Официальный Ташкент публикацию агентства не опроверг.", ("statement", "reported", "010", "UZ", None, None)),
    ("uk", "Міністерство оборони Чехії цю інформацію не спростувало.",
     ("statement", "reported", "010", "CZ", None, None)),
])
def test_event_type_parties_and_status(language, text, expected):
    [event] = events(text, language)
    assert (event["event_type"], event["claim_status"], event["cameo_code"], event["actor_country"],
            event["target_country"], event["place_country"]) == expected


@pytest.mark.parametrize("language, text", [
    ("ru", "Россия может поставить Венесуэле ракеты."),                      # an infinitive
    ("ru", "Каракас попросил Москву поставить ракеты."),                      # a request
    ("uk", "Якщо Київ отримає винищувачі, Москва може заперечувати це."),     # hypothetical
    ("ru", "Армия не получала зарплату три месяца."),                        # no request noun
    ("uk", "Лист передали через посольство Індії в Парижі минулого тижня."),   # a letter handed over
    ("ru", "Послание передал посол Кубы в Москве."),
    ("ru", "Разговор состоялся в среду в Пекине, куда министр Сербии прилетел с визитом."),  # where the talks were
    ("ru", "Письмо, адресованное министру обороны Китая, он передал через посла Китая в Камбодже."),
    ("uk", "Вербальну ноту посольство Грузії передало до МЗС Японії наприкінці жовтня."),   # a note handed over
    ("ru", "Письмо министра обороны Перу в среду получил министр обороны Японии."),   # the request itself
    ("ru", "Президент подписал указ о призыве."),                               # no document of two sides
    ("ru", "Дипломатическую ноту посольство Перу передало в МИД Южной Кореи."),
    ("uk", "Про лист написала газета, журналісти якої отримали його копію."),   # nobody asked or asking
    ("ru", "Министр передал японскому коллеге Таро Сато список того, что нужно армии."),   # a list handed over
    ("ru", "Министр назвал сумму контракта «разумной»."),                        # no request named
    ("uk", "Посол передасть литовському колезі перелік із п'яти пунктів."),
])
def test_no_event(language, text):
    assert events(text, language) == []


def test_an_arrival_lists_its_items_with_the_event_type_as_action():
    [event] = events("Вчера в Каракас прибыли два российских самолета Ил-76.", "ru")
    [item] = event["items"]
    assert (item["category"], item["action"], item["quantity"]) == ("aircraft", "arrival", 2)


def test_a_rank_or_command_in_a_persons_title_is_no_item_of_the_arrival():
    [event] = events("В четверг в Ереван прилетел командующий ВВС Индии главный маршал авиации Амар Прит Сингх.", "ru")
    assert (event["event_type"], event["items"]) == ("arrival", [])
    [event] = events("У вівторок до Вільнюса прибув командувач Повітряних сил Польщі генерал броні Ян Ковальський "
                     "і два літаки F-16.", "uk")
    assert [(i["category"], i["quantity"]) for i in event["items"]] == [("aircraft", 2)]


def test_the_quote_leaves_out_an_opening_credit_a_lead_in_and_a_contrasting_clause():
    text = ("Как сообщает ТАСС, в Минск прибыл российский самолет Ил-76. "
            "В Баку отреагировали резко: МИД Азербайджана обвинил Францию в эскалации, а Париж промолчал.")
    arrival, accusation = events(text, "ru")
    assert arrival["quote"] == "в Минск прибыл российский самолет Ил-76"
    assert arrival["attributed_to"] == "ТАСС"
    assert accusation["quote"] == "МИД Азербайджана обвинил Францию в эскалации"
    assert accusation["attributed_to"] is None   # the credit of an earlier sentence is not carried


def test_a_statement_of_the_same_side_right_after_continues_the_event():
    text = ("В Москве публикацию опровергли. Представитель российского правительства заявил, что "
            "никаких просьб не поступало. Погода в Каракасе хорошая.")
    [event] = events(text, "ru")
    assert [e["quote"] for e in event["evidence"]] == [
        "В Москве публикацию опровергли",
        "Представитель российского правительства заявил, что никаких просьб не поступало"]


def test_the_earliest_trigger_and_a_persons_name_rather_than_their_office_open_the_quote():
    [accusation] = events("Официальный представитель МИД России Мария Захарова обвинила Кишинев в "
                          "эскалации.", "ru")
    assert accusation["quote"] == "Мария Захарова обвинила Кишинев в эскалации"
    [denial] = events("В Минобороны Сербии заявили, что никаких просьб от Боливии не получали, а "
                      "публикацию назвали вбросом.", "ru")
    assert denial["quote"] == "В Минобороны Сербии заявили, что никаких просьб от Боливии не получали"


def test_a_second_claim_of_the_same_side_is_more_evidence():
    [denial] = events("Речник МЗС Ірану назвав публікацію «вигадкою» і заявив, що Тегеран не постачає зброю "
                      "до Латинської Америки.", "uk")
    assert [e["quote"] for e in denial["evidence"]] == [
        "Речник МЗС Ірану назвав публікацію «вигадкою»", "Тегеран не постачає зброю до Латинської Америки"]
    [denial] = events("В Минобороны Сербии заявили, что никаких просьб от Боливии не получали, а сотрудничество "
                      "идет по плану.", "ru")
    assert [e["quote"] for e in denial["evidence"]] == [
        "В Минобороны Сербии заявили, что никаких просьб от Боливии не получали", "сотрудничество идет по плану"]
    [denial] = events("Посольство Росії назвало рішення «провокацією» і заперечило, що дрони належать "
                      "російській армії.", "uk")
    assert [e["quote"] for e in denial["evidence"]] == [
        "Посольство Росії назвало рішення «провокацією»", "заперечило, що дрони належать російській армії"]
    [statement] = events("Речник уряду Японії підтвердив, що Токіо отримав прохання Маніли, і пообіцяв ухвалити "
                         "рішення до кінця року.", "uk")
    assert [e["quote"] for e in statement["evidence"]] == [
        "Речник уряду Японії підтвердив, що Токіо отримав прохання Маніли", "пообіцяв ухвалити рішення до кінця року"]


@pytest.mark.parametrize("language, text, actor, target, item", [
    ("uk", "У вересні Латвія вже отримала від США перші шість пускових установок HIMARS.",
     "US", "LV", "пускових установок HIMARS"),
    ("ru", "В октябре пограничники Таджикистана получили по линии ОДКБ шесть бронеавтомобилей «Тигр».",
     None, "TJ", "бронеавтомобилей «Тигр»"),
])
def test_receiving_an_item_is_a_shipment_from_the_side_it_came_from(language, text, actor, target, item):
    [event] = events(text, language)
    assert (event["event_type"], event["actor_country"], event["target_country"]) == ("shipment", actor, target)
    assert [i["text"] for i in event["items"]] == [item]


def test_receiving_no_item_is_no_event():
    assert events("Латвія отримала лист від США.", "uk") == []


@pytest.mark.parametrize("language, text, quotes", [
    ("uk", "Минулого тижня до Тбілісі прибула перша партія польської техніки — чотири радари, контракт на які "
           "уклали торік.", ["Минулого тижня до Тбілісі прибула перша партія польської техніки"]),
    ("uk", "У березні Естонія вже отримала від Франції дві гаубиці CAESAR, контракт на які підписали 2023 року.",
     ["У березні Естонія вже отримала від Франції дві гаубиці CAESAR"]),
    ("uk", "У травні Італія безоплатно передала Тунісу шість катерів, які суховантаж доставив до порту Бізерта.",
     ["У травні Італія безоплатно передала Тунісу шість катерів", "суховантаж доставив до порту Бізерта"]),
    ("ru", "В мае в порт Дуала прибыло судно с 12 бронемашинами — их Анкара передала камерунской армии.",
     ["В мае в порт Дуала прибыло судно с 12 бронемашинами", "их Анкара передала камерунской армии"]),
])
def test_a_delivery_ends_before_a_dash_colon_or_relative_clause_which_is_evidence_if_it_delivers(
        language, text, quotes):
    [event] = events(text, language)
    assert [e["quote"] for e in event["evidence"]] == quotes
    assert all(text[e["start"]:e["end"]] == e["quote"] for e in event["evidence"])


def test_an_arrival_of_people_with_no_items_is_a_visit():
    [event] = events("Во вторник в Душанбе прилетел министр обороны Ирана.", "ru")
    assert (event["event_type"], event["cameo_code"]) == ("arrival", "042")
    [event] = events("Во вторник в Душанбе прилетели два иранских самолета Ил-76.", "ru")
    assert (event["event_type"], event["cameo_code"]) == ("arrival", None)


@pytest.mark.parametrize("language, text, expected", [
    ("uk", "Україна попросила Грецію передати зенітні комплекси. Речник грецького уряду Павлос Марінакіс "
           "заявив, що системи, які прикривають острови, «не є предметом жодних переговорів».",
     [("statement", "1222", "GR")]),
    ("ru", "Индия попросила Францию о вертолетах. Министр обороны Франции сказал, что просьбу изучат.",
     [("statement", "010", "FR")]),
    ("uk", "Індія попросила Францію про гелікоптери. Міністр оборони Франції відповів, що жодне прохання "
           "союзника не залишиться без уваги.", [("statement", "010", "FR")]),
    ("ru", "Индия попросила Францию о вертолетах. Министр обороны Франции сказал, что погода хорошая.", []),
    ("ru", "Индия попросила Францию о вертолетах. Министр обороны Франции пока не ответил на письмо.", []),
    ("ru", "Индия попросила Францию о вертолетах. Министр обороны Бразилии сказал, что просьбу изучат.", []),
])
def test_a_side_of_the_request_speaking_of_it_makes_a_statement_or_rejects_it(language, text, expected):
    assert [(e["event_type"], e["cameo_code"], e["actor_country"]) for e in events(text, language)] == expected


def test_a_contrasting_word_before_the_event_is_not_quoted():
    [event] = events("Однако в среду в Ереван прилетел министр обороны Индии.", "ru")
    assert event["quote"] == "в среду в Ереван прилетел министр обороны Индии"


@pytest.mark.parametrize("language, text, action", [
    ("ru", "В сентябре Турция передала Сомали 20 бронемашин.", "supply"),
    ("uk", "У вересні Латвія отримала від США шість установок HIMARS.", "supply"),
    ("ru", "В сентябре Иран отправил в Каракас партию дронов.", "shipment"),
])
def test_items_handed_over_are_supplied_and_items_sent_are_shipped(language, text, action):
    [event] = events(text, language)
    assert [i["action"] for i in event["items"]] == [action]


@pytest.mark.parametrize("language, text, more", [
    ("uk", "Речник Пентагону Шон Парнелл підтвердив, що лист отримали. За його словами, рішення ухвалять пізніше. "
           "Про терміни Парнелл не сказав.", 2),
    ("ru", "Пресс-секретарь Минобороны Анар Эйвазов опроверг сообщение газеты. Раскрывать содержание "
           "переписки он не стал.", 1),
    ("ru", "Пресс-секретарь Минобороны Анар Эйвазов опроверг сообщение газеты.\n\nРаскрывать содержание "
           "переписки он не стал.", 0),   # another paragraph
])
def test_the_same_speaker_going_on_is_more_evidence_of_what_was_said(language, text, more):
    [event] = events(text, language)
    assert len(event["evidence"]) == 1 + more


@pytest.mark.parametrize("language, text", [
    ("ru", "В сентябре в порт Сиануквиль прибыло судно с 24 бронетранспортерами VN1 — их Пекин передал "
           "камбоджийской армии безвозмездно."),
    ("ru", "В августе в порт Гуаякиль прибыли два патрульных катера, которые береговая охрана США безвозмездно "
           "передала эквадорскому флоту."),
])
def test_an_arrival_told_as_handed_over_is_a_shipment_of_items_supplied(language, text):
    [event] = events(text, language)
    assert (event["event_type"], event["cameo_code"]) == ("shipment", "072")
    assert [i["action"] for i in event["items"]] == ["supply"]   # the fleet that received is no item


@pytest.mark.parametrize("language, text, expected", [
    ("ru", "Первые беспилотники Bayraktar TB2 прибыли в Бишкек в декабре 2021 года.",
     ("shipment", None, "KG", "supply")),
    ("uk", "Минулого тижня до Єревана прибула партія французьких радарів.", ("shipment", "FR", "AM", "supply")),
    # what flies or sails in itself, or brings people, arrives
    ("ru", "В среду в Каракас прибыл грузовой самолет Ил-76.", ("arrival", None, None, "arrival")),
])
def test_goods_arriving_were_shipped_to_where_they_arrived(language, text, expected):
    [event] = events(text, language)
    assert (event["event_type"], event["actor_country"], event["target_country"],
            event["items"][0]["action"]) == expected


def test_he_accusing_a_party_named_after_the_verb_is_the_speaker_before_and_that_party_the_target():
    text = ("Министр иностранных дел Венесуэлы Иван Хиль в понедельник отверг причастность военных к стрельбе. "
            "В том же посте он обвинил Джорджтаун в провокации.")
    denial, accusation = events(text, "ru")
    assert (accusation["event_type"], accusation["actor_country"], accusation["target_country"]) == (
        "accusation", "VE", "GY")


def test_a_denial_spoken_of_by_its_noun_is_the_one_told_before_not_a_new_one():
    text = ("Министерство обороны Узбекистана опровергло сообщения о закупке истребителей. "
            "Поводом для опровержения стала публикация индийской газеты. Кремль выступил с опровержением.")
    uzbek, kremlin = events(text, "ru")
    assert (uzbek["actor_country"], len(uzbek["evidence"])) == ("UZ", 2)
    assert (kremlin["event_type"], kremlin["actor_country"]) == ("denial", "RU")
