"""The rule-based extractor (scripts/curator/extract): each piece, offsets, lexicon checks,
the command line, and a quality floor on the labelled evaluation set and the seed articles."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scripts.bench.extraction import TARGETS, eval_cases, evaluate, seed_cases
from scripts.body import Layout, parse_date_marker
from scripts.curator.extract import Extractor, detect_language, extract
from scripts.curator.extract.text import split

ROOT = Path(__file__).resolve().parents[1]
SEED_IDS = ("charter97-2025-10-31-maduro-putin", "komentarii-2025-10-31-maduro-putin")
MARGIN = 0.05


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(ROOT)


def requests_of(result: dict) -> set[tuple]:
    return {(r["requester_country"], r["addressee_country"] or r["addressee_organisation"])
            for r in result["requests"]}


def spans(result: dict):
    """Every (quote, start, end) the result proposes."""
    for request in result["requests"]:
        yield request["quote"], request["start"], request["end"]
        for evidence in request["evidence"]:
            yield evidence["quote"], evidence["start"], evidence["end"]
        for item in request["items"]:
            yield item["text"], item["start"], item["end"]
    for key in ("citations", "people"):
        for entry in result[key]:
            yield entry["quote"], entry["start"], entry["end"]


def assert_offsets(text: str, result: dict) -> None:
    for quote, start, end in spans(result):
        assert text[start:end] == quote, (quote, start, end)


# -- numerals -----------------------------------------------------------------

@pytest.mark.parametrize("language, phrase, value", [
    ("ru", "восьми двигателей", 8), ("ru", "двух батарей", 2), ("ru", "трёх радаров", 3),
    ("ru", "пятнадцать танков", 15), ("ru", "шестью вертолётами", 6), ("ru", "одну систему", 1),
    ("ru", "2 тысячи солдат", 2000), ("ru", "100 тысяч снарядов", 100000), ("ru", "миллион снарядов", 1000000),
    ("ru", "двадцать четыре дрона", 24), ("uk", "п'яти радарів", 5), ("uk", "трьох систем", 3),
    ("uk", "семи двигунів", 7), ("uk", "дві тисячі солдатів", 2000), ("uk", "чотирнадцяти винищувачів", 14),
    ("uk", "мільйон снарядів", 1000000), ("ru", "трёх десятков бронемашин", 30), ("ru", "пяти сотен дронов", 500),
    ("ru", "полтора десятка установок", 15), ("uk", "два десятки бронемашин", 20), ("uk", "півтори тисячі дронів", 1500),
    ("ru", "2 тыс. ракет", 2000), ("uk", "2 тис. ракет", 2000), ("ru", "10 000 снарядов", 10000),
    ("uk", "1 500 000 набоїв", 1500000), ("ru", "2-х батарей", 2), ("ru", "20-ти танков", 20),
    ("ru", "полсотни дронов", 50), ("uk", "півсотні дронів", 50), ("ru", "тысячу двести снарядов", 1200),
    ("uk", "дві тисячі п'ятсот двадцять дронів", 2520),
])
def test_numerals_in_any_case(extractor, language, phrase, value):
    rules = extractor.rules(language)
    tokens = split(phrase, [(0, len(phrase))], rules.morph)[0].tokens
    count = rules.numerals.read(tokens, 0)
    assert count is not None and count.value == value and not count.unit


@pytest.mark.parametrize("language, phrase", [
    ("ru", "несколько сотен беспилотников"), ("ru", "десятки танков"), ("uk", "кількох десятків ракет"),
    ("uk", "кілька тисяч військових"), ("ru", "десяток ракет"), ("ru", "сотни дронов"), ("uk", "десятки танків"),
    ("ru", "полтора батальона"), ("ru", "пару истребителей"),
])
def test_vague_counts_have_no_number(extractor, language, phrase):
    rules = extractor.rules(language)
    tokens = split(phrase, [(0, len(phrase))], rules.morph)[0].tokens
    assert rules.numerals.read(tokens, 0).value is None


def test_quantities_ranges_and_calibres_in_requests():
    result = extract("Украина попросила Германию поставить восемь гаубиц калибра 155 мм и ракеты "
                     "дальностью до 300 км.")
    items = {i["category"]: i for i in result["requests"][0]["items"]}
    assert items["artillery"]["quantity"] == 8
    assert items["missile"]["quantity"] is None and items["missile"]["max_range_km"] == 300
    result = extract("Киев попросил Вашингтон ускорить выпуск 155-мм снарядов и передать танки Leopard 2.")
    assert all(i["quantity"] is None for i in result["requests"][0]["items"])


def test_counts_over_adjectives_abbreviations_and_trainees():
    """A count in the nominative before adjectives and a genitive singular noun, an abbreviated
    thousand whose full stop does not end the clause, a count of trainees after the verb."""
    items = extract("Мали попросила Россию поставить четыре транспортных вертолета.")["requests"][0]["items"]
    assert [(i["category"], i["quantity"]) for i in items] == [("helicopter", 4)]
    result = extract("Армения попросила Индию продать 2 тыс. противотанковых ракет и шесть РСЗО Pinaka.")
    assert {(i["category"], i["quantity"]) for i in result["requests"][0]["items"]} == {("missile", 2000),
                                                                                       ("artillery", 6)}
    items = extract("Сомали призвало Турцию обучить 150 операторов дронов.")["requests"][0]["items"]
    assert [(i["category"], i["quantity"], i["text"]) for i in items] == [("training", 150, "операторов дронов")]


@pytest.mark.parametrize("language, text, expected", [
    # counters, a count after the item, a calibre between count and noun; a batch is no count
    ("ru", "пять единиц бронетехники и 30 штук танков", {("armoured_vehicle", "supply", 5),
                                                        ("armoured_vehicle", "supply", 30)}),
    ("uk", "гаубиці М777 у кількості дванадцяти одиниць", {("artillery", "supply", 12)}),
    ("ru", "150 тысяч 155-мм снарядов и две партии мин", {("ammunition", "supply", 150000),
                                                         ("ammunition", "supply", None)}),
    # what the item is for, against or after is no item; nor is what a description names
    ("uk", "засоби ППО для захисту від ракет і дронів", {("air_defence", "supply", None)}),
    ("ru", "противотанковые ракеты против танков после атаки дронов", {("missile", "supply", None)}),
    ("ru", "ракеты, способные поражать самолеты", {("missile", "supply", None)}),
    ("ru", "гаубицы, повреждённые дронами, танки, бронированные машины", {("artillery", "supply", None),
                                                                         ("armoured_vehicle", "supply", None)}),
    ("ru", "двигатели РД-33 для перехватчиков МиГ-29", {("engine", "supply", None)}),
    # spare parts for a repair are part of it; the purpose noun reaches its own object only
    ("ru", "запчасти для ремонта шести гаубиц, а также топливо для армии", {("artillery", "repair", 6),
                                                                           ("logistics", "supply", None)}),
    ("uk", "профінансувати утримання двох тисяч миротворців", {("troops", "financing", 2000)}),
    ("uk", "про навчання своїх військових", {("training", "training", None)}),
    ("ru", "пеленгаторы, ГСМ и 40 бронированных автомобилей", {("passive_sensor", "supply", None),
                                                              ("logistics", "supply", None),
                                                              ("armoured_vehicle", "supply", 40)}),
    ("ru", "пятьсот приборов ночного видения и 30 тепловизоров", {("passive_sensor", "supply", 500),
                                                                  ("passive_sensor", "supply", 30)}),
    ("uk", "продати три тисячі приладів нічного бачення", {("passive_sensor", "supply", 3000)}),
    ("ru", "антидронные комплексы и два AWACS", {("air_defence", "supply", None), ("aircraft", "supply", 2)}),
])
def test_item_phrases(language, text, expected):
    opening = {"ru": "Сербия попросила Россию поставить ", "uk": "Сербія попросила Росію "}[language]
    items = extract(opening + text + ".", language)["requests"][0]["items"]
    assert {(i["category"], i["action"], i["quantity"]) for i in items} == expected


def test_spare_parts_ask_for_repair_and_such_items_refer_back():
    text = ("Венесуэла обратилась к Китаю с новой просьбой о военно-технической помощи: Каракас хочет получить "
            "запасные части для двенадцати радиолокационных станций JY-27 и ещё две такие станции.")
    items = [(i["category"], i["action"], i["quantity"]) for i in extract(text)["requests"][0]["items"]]
    assert items == [("radar", "repair", 12), ("radar", "supply", 2)]


def test_who_is_asked_is_no_item():
    text = "Перечень просьб о поставке радаров венесуэльская делегация передала китайским военным."
    assert [i["category"] for i in extract(text)["requests"][0]["items"]] == ["radar"]
    text = ("Вірменія попросила Францію про гаубиці. Прохання прозвучало на переговорах Папікяна з міністеркою "
            "збройних сил Франції Катрін Вотрен.")
    assert [i["category"] for r in extract(text, "uk")["requests"] for i in r["items"]] == ["artillery"]


def test_range_in_a_relative_clause():
    text = "Украина попросила США передать ракеты ATACMS, дальность которых составляет 300 км."
    assert extract(text)["requests"][0]["items"][0]["max_range_km"] == 300


def test_need_after_a_colon_and_an_elaborating_sentence_give_items():
    text = ("Президент Сербии обратился к Москве с просьбой о военной помощи: Белграду нужны шесть "
            "истребителей МиГ-29 и зенитные комплексы.")
    items = extract(text)["requests"][0]["items"]
    assert {(i["category"], i["quantity"]) for i in items} == {("aircraft", 6), ("air_defence", None)}
    text = ("Лукашенко попросив Сі Цзіньпіна допомогти з модернізацією ППО. Йдеться про постачання радарів "
            "і двох дивізіонів HQ-9.")
    result = extract(text, "uk")
    assert requests_of(result) == {("BY", "CN")}
    assert {(i["category"], i["quantity"]) for i in result["requests"][0]["items"]} >= {("radar", None),
                                                                                       ("air_defence", 2)}
    # Not after a sentence that reported no request.
    assert extract("Лукашенко встретился с Си Цзиньпином. Речь идёт о поставке радаров.")["requests"] == []
    # A point of the list, after a code ending in a capital letter (no initial: a sentence ends).
    text = ("Лаос попросил Китай поставить две батареи ЗРК FB-10A. Отдельным пунктом в письме значится ремонт "
            "шести вертолетов Z-9.")
    items = extract(text)["requests"][0]["items"]
    assert {(i["category"], i["action"], i["quantity"]) for i in items} == {
        ("air_defence", "supply", 2), ("helicopter", "repair", 6)}


def test_a_sentence_ends_after_a_code_but_not_after_an_initial():
    from scripts.curator.extract.text import sentence_spans

    text = "Просят батареи FB-10A. Отдельный пункт. Письмо подписал В. Путин. Конец."
    assert [text[a:b] for a, b, _ in sentence_spans(text, [(0, len(text))])] == [
        "Просят батареи FB-10A.", "Отдельный пункт.", "Письмо подписал В. Путин.", "Конец."]


# -- parties, addressees, organisations -----------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Венесуэла попросила у Москвы поставить ракеты.", {("VE", "RU")}),
    ("Мадуро направил российскому лидеру Путину письмо с просьбой о военной помощи.", {("VE", "RU")}),
    ("Венесуэла обратилась к России, Китаю и Ирану с просьбой о поставках оружия.",
     {("VE", "RU"), ("VE", "CN"), ("VE", "IR")}),
    ("Каракас добивается от Пекина поставок радаров.", {("VE", "CN")}),
    ("Венесуела звернулася до Росії з проханням про військову допомогу.", {("VE", "RU")}),
    ("Каракас просив у Ірану безпілотники.", {("VE", "IR")}),
    ("Украина попросила Германию передать Украине танки.", {("UA", "DE")}),
    ("Ниамей ходатайствовал перед Анкарой о продаже беспилотников.", {("NE", "TR")}),
    ("Ніамей клопотав перед Анкарою про продаж безпілотників.", {("NE", "TR")}),
    ("За военной помощью к Москве обратился президент Сербии.", {("RS", "RU")}),
    ("По військову допомогу до Москви звернувся президент Сербії.", {("RS", "RU")}),
    ("С просьбой о поставке истребителей к России обратилась Сербия.", {("RS", "RU")}),
    ("До Вашингтона звернувся Київ з проханням передати ракети.", {("UA", "US")}),
    ("Запрос на поставку истребителей Сербия направила в Москву.", {("RS", "RU")}),
    ("Премьер Молдовы направил в Еврокомиссию письмо с просьбой оплатить покупку радаров.", {("MD", "EU")}),
    ("Суверенный совет Судана попросил Египет поставить беспилотники.", {("SD", "EG")}),
    ("Ортега в телевизионном обращении призвал Россию поставить катера.", {("NI", "RU")}),
    ("Министр Армении в разговоре с коллегой из Индии попросил ускорить поставки гаубиц.", {("AM", "IN")}),
    ("Посол України в Німеччині передав прохання Києва про постачання ракет Taurus.", {("UA", "DE")}),
])
def test_addressee_by_case(text, expected):
    assert requests_of(extract(text)) == expected


def test_organisations_are_addressees():
    assert requests_of(extract("Армения обратилась в ОДКБ с просьбой о военной помощи.")) == {("AM", "CSTO")}
    assert requests_of(extract("Зеленський закликав союзників по НАТО передати Україні системи Patriot.")) == {
        ("UA", "NATO")}
    assert requests_of(extract("Того обратилось к ЭКОВАС за военной помощью и попросило прислать батальон.")) == {
        ("TG", "ECOWAS")}
    assert requests_of(extract("Чад попросив Африканський союз надіслати миротворців.", "uk")) == {("TD", "AU")}


def test_follow_ups_keep_requester_and_addressee():
    result = extract("Каракас запросил у Москвы ракеты. Кроме того, он просил отремонтировать вертолёты.")
    assert requests_of(result) == {("VE", "RU")}
    assert {i["category"] for i in result["requests"][0]["items"]} == {"missile", "helicopter"}
    result = extract("Венесуэла попросила Россию поставить радары. Венесуэльские власти направили "
                     "аналогичные запросы Китаю и Ирану.")
    assert requests_of(result) == {("VE", "RU"), ("VE", "CN"), ("VE", "IR")}
    assert all(r["items"] for r in result["requests"])


@pytest.mark.parametrize("text", [
    "В Кремле заявили, что не получали от Каракаса никаких обращений о поставках оружия.",
    "Глава республики не исключил, что в случае эскалации придётся обратиться к Москве за военной помощью.",
    "Украина призвала Иран прекратить поставки дронов в Россию.",
    "Ереван попросил Евросоюз направить гуманитарную помощь беженцам.",
    "Білорусь попросила Росію надати кредит на будівництво електростанції.",
    "Россия передала Сербии шесть истребителей МиГ-29.",
    "Міністр спростував повідомлення про те, що Ізраїль нібито просив Індію поставити снаряди.",
])
def test_not_requests(text):
    assert extract(text)["requests"] == []


def test_a_gapped_second_ask_is_a_request_of_its_own():
    text = ("Ранее The Washington Post писала, что Николас Мадуро направил письмо председателю КНР Си Цзиньпину "
            "с просьбой о расширении военного сотрудничества, а у Владимира Путина просил помочь с ремонтом "
            "военной техники.")
    result = extract(text)
    by_addressee = {r["addressee_country"]: r for r in result["requests"]}
    assert set(by_addressee) == {"CN", "RU"}
    assert by_addressee["CN"]["items"] == [] and by_addressee["CN"]["quote"].endswith("военного сотрудничества")
    assert by_addressee["RU"]["quote"] == "у Владимира Путина просил помочь с ремонтом военной техники"
    assert [(i["category"], i["action"]) for i in by_addressee["RU"]["items"]] == [
        ("military_equipment_unspecified", "repair")]
    assert result["citations"][0]["quote"] == "Ранее The Washington Post писала"


def test_a_press_inquiry_or_a_bare_request_noun_adds_no_claim():
    assert extract("Министерство обороны Венесуэлы на запрос «Тестовой ленты» не ответило.")["requests"] == []
    assert extract("Міністерство збройних сил Франції запит «Тестової стрічки» не прокоментувало.", "uk")[
        "requests"] == []
    text = ("Сербия попросила Россию поставить зенитные комплексы. Агентство подчёркивает, что речь идёт об "
            "отдельном обращении.")
    assert [len(r["evidence"]) for r in extract(text)["requests"]] == [1]
    text = ("Молдова попросила Румунію про постачання радарів. Кишинів пояснює своє прохання тим, що дрони "
            "залітають у повітряний простір країни.")
    assert requests_of(extract(text, "uk")) == {("MD", "RO")}


def test_channels():
    assert extract("Мадуро направил Путину письмо с просьбой поставить ракеты.")["requests"][0]["channel"] == "letter"
    assert extract("На встрече с Путиным Лукашенко попросил поставить ракеты.")["requests"][0]["channel"] == "meeting"
    assert extract("Зеленский призвал Германию передать ракеты Taurus.")["requests"][0]["channel"] == "statement"
    # saying that one asked earlier reports the request; the request itself gave no channel
    assert extract("Лукашенко заявил, что обратился к Кремлю с просьбой о поставке вертолётов.")[
        "requests"][0]["channel"] == "unspecified"


def test_who_needs_the_items_is_not_an_item():
    result = extract("Ісламабад повідомив Пекіну, що пакистанському флоту потрібні ще два фрегати.", "uk")
    assert [(i["category"], i["quantity"]) for i in result["requests"][0]["items"]] == [("naval_forces", 2)]


def test_people_with_role_and_country():
    text = "Кроме того, министр транспорта Венесуэлы Рамон Селестино Веласкес попросил Иран прислать дроны."
    person = next(p for p in extract(text)["people"] if "Веласкес" in p["name"])
    assert (person["name"], person["role"], person["country"]) == (
        "Рамон Селестино Веласкес", "министр транспорта", "VE")


def test_a_person_after_a_role_without_a_known_first_name():
    text = "Официальный представитель МИД КНР Линь Цзянь заявил, что Китай не получал подобных обращений."
    person = next(p for p in extract(text)["people"] if p["name"] == "Линь Цзянь")
    assert (person["role"], person["country"]) == ("представитель МИД", "CN")


# -- credits ------------------------------------------------------------------

def test_captions_are_never_body():
    text = (" date 2030-01-02 Заголовок статьи о просьбах Каракаса\n\n"
            "Пашинян попросил Путина о военной помощи (фото: РИА Новости)\n\n"
            "Министр обороны Венесуэлы попросил Россию о поставках ракет, сообщает газета «Вестник».\n")
    layout = Layout.of(text)
    result = extract(text)
    assert requests_of(result) == {("VE", "RU")}
    assert all(layout.contains(start, end) for _, start, end in spans(result))


def test_text_without_date_line_gives_the_same_proposals():
    path = ROOT / "articles" / f"{SEED_IDS[1]}.txt"
    text = path.read_text(encoding="utf-8")
    date, shift = parse_date_marker(text)
    body_only = text[shift:]
    with_date, without = extract(text), extract(body_only)
    assert date is not None and requests_of(with_date) == requests_of(without)
    assert [s - shift for _, s, _ in spans(with_date)] == [s for _, s, _ in spans(without)]
    assert_offsets(body_only, without)


# -- offsets everywhere -------------------------------------------------------------

def test_offsets_exact_on_every_eval_case_and_seed_article(extractor):
    for case in eval_cases(ROOT) + seed_cases(ROOT):
        result = extractor.extract(case["text"], case["language"])
        json.dumps(result, ensure_ascii=False)
        assert_offsets(case["text"], result)


_ALPHABET = st.sampled_from(list("абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґ'’АБВКМПРСУЧ  \n.,;:—-«»\"()0123456789%"
                                 "ABCFPSTXaeimnorst") + ["попросил ", "Россию ", "к Ирану ", "с просьбой ",
                                                       "ракет ", "двух ", "сообщает ", "со ссылкой на ",
                                                       "Мадуро ", "звернулася до ", "Китаю ", "дрони ",
                                                       "31.10.2025 ", "1,5 млн ", "« ", " date 2025-10-31 "])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_ALPHABET, max_size=80).map("".join))
def test_random_text_never_breaks_offsets(extractor, text):
    result = extractor.extract(text)
    assert result["language"] in ("ru", "uk")
    assert_offsets(text, result)


def test_language_detection():
    assert detect_language("Україна попросила Німеччину передати ракети.") == "uk"
    assert detect_language("Украина попросила Германию передать ракеты.") == "ru"
    assert extract("Україна попросила Німеччину передати ракети.")["language"] == "uk"


# -- lexicon checks -------------------------------------------------------------------

# -- quality floor ----------------------------------------------------------------------------


def test_quality_floor_on_the_evaluation_set_and_seed_articles():
    """The targets hold on what the rules were tuned on (development set and seed). The report's
    `targets` are measured on the held-out set: reported by the bench, never asserted here."""
    report = evaluate(ROOT, runs=1)
    assert all(entry["value"] == report["holdout2"][name] for name, entry in report["targets"].items()
               if name != "ms_per_article")
    for name, target in TARGETS.items():
        if name == "ms_per_article":
            continue  # timed by `python -m scripts.bench.extraction`, too noisy for a test
        for group in ("all", "eval_ru", "eval_uk"):
            value = report[group][name]
            assert value is not None and value >= target - MARGIN, (group, name, value, target)
    for source_id in SEED_IDS:
        assert report[source_id]["requests_recall"] >= TARGETS["requests_recall"] - MARGIN
        assert report[source_id]["items_f1"] >= TARGETS["items_f1"] - MARGIN


def test_ammunition_for_a_weapon_named_with_its_calibre_is_one_item():
    result = extract("Таджикистан попросил ОДКБ передать тридцать тысяч снарядов к 122-мм гаубицам Д-30.", "ru")
    assert [(i["text"], i["category"], i["quantity"]) for r in result["requests"] for i in r["items"]] == [
        ("снарядов к 122-мм гаубицам Д-30", "ammunition", 30000)]


@pytest.mark.parametrize("language, text", [("ru", "Каракас просит Москву обновить два комплекса С-300ВМ."),
                                            ("uk", "Каракас просить Москву оновити два комплекси С-300ВМ.")])
def test_updating_an_item_is_its_modernisation(language, text):
    [item] = [i for r in extract(text, language)["requests"] for i in r["items"]]
    assert (item["category"], item["action"], item["quantity"]) == ("air_defence", "modernisation", 2)


def test_a_known_person_whose_given_name_is_spelt_another_way_is_named_whole(extractor):
    """A known person ("Жоао Мануел Гонсалвеш Лоуренсу" of a reference) written with another
    spelling of the given name ("Жуан") is the whole name, not the surname alone."""
    from scripts.curator.extract.parties import People
    from scripts.curator.extract.text import tokenise

    people = People(extractor.lexicon, [{"id": "jl", "type": "person", "country": "AO",
                                         "name_ru": "Жоао Мануэл Гонсалвеш Лоуренсу"}], "ru")
    text = "Президент Анголы Жуан Мануэл Гонсалвеш Лоуренсу попросил"
    tokens = tokenise(text, 0, len(text), extractor.rules("ru").morph)
    at = next(t.index for t in tokens if t.text == "Жуан")
    assert people.match(tokens, at) == (4, {"country": "AO", "id": "jl", "role": None})
    # A role noun in front is no given name.
    text = "Президент Мануэл Гонсалвеш Лоуренсу попросил"
    tokens = tokenise(text, 0, len(text), extractor.rules("ru").morph)
    assert people.match(tokens, 0) is None


@pytest.mark.parametrize("language, text, expected", [
    ("ru", "Кроме того, кубинская сторона просит, чтобы российские инструкторы подготовили в Гаване 30 пилотов.",
     ("training", 30)),
    ("uk", "Крім того, кубинська сторона просить, щоб російські фахівці навчили п'ятдесят техніків.",
     ("training", 50)),
])
def test_training_in_a_purpose_clause_counts_its_trainees(language, text, expected):
    opening = {"ru": "Куба попросила Россию поставить четыре вертолета. ",
               "uk": "Куба попросила Росію поставити чотири вертольоти. "}[language]
    [request] = extract(opening + text, language)["requests"]
    assert [(i["category"], i["quantity"]) for i in request["items"] if i["category"] == "training"] == [expected]


def test_the_requesters_own_forces_in_the_dative_receive_and_are_no_item():
    text = "Міністр оборони Куби попросив Росію передати кубинському флоту два фрегати."
    [request] = extract(text, "uk")["requests"]
    assert [(i["category"], i["quantity"]) for i in request["items"]] == [("naval_forces", 2)]


def test_the_same_requester_named_again_far_on_asks_the_same_addressee():
    text = ("Сербия попросила Китай поставить две батареи ПВО. Разговор состоялся в среду. Переговоры шли два дня. "
            "Стороны обсудили экономику. Делегации посетили завод. Кроме того, сербская сторона просит продать "
            "партию ракет.")
    [request] = extract(text, "ru")["requests"]
    assert (request["requester_country"], request["addressee_country"]) == ("RS", "CN")
    assert len(request["evidence"]) == 2


def test_what_the_requester_wants_in_a_purpose_clause_belongs_to_the_ask():
    text = ("Сомалі попросило Туреччину про гелікоптери. Крім того, сомалійська сторона просить 15 тисяч мін "
            "і хоче, щоб турецькі інструктори підготували пілотів.")
    [request] = extract(text, "uk")["requests"]
    assert {i["category"] for i in request["items"]} == {"helicopter", "ammunition", "training"}


def test_a_list_after_the_asking_verb_and_a_colon_is_asked():
    text = ("Пномпень просит: дюжину реактивных систем залпового огня, 20 тыс. снарядов к ним и две батареи ПВО. "
            "«Нам не нужно ни одного танка сверх этого», — сказал министр.")
    [request] = extract("Камбоджа попросила Китай о помощи. " + text, "ru")["requests"]
    assert sorted((i["category"], i["quantity"]) for i in request["items"]) == [
        ("air_defence", 2), ("ammunition", 20000), ("artillery", 12)]


def test_a_lower_bound_is_no_maximum_range_and_production_there_is_local():
    text = "Білорусь попросила Росію допомогти налагодити випуск ударних дронів із дальністю понад тисячу кілометрів."
    [item] = extract(text, "uk")["requests"][0]["items"]
    assert (item["category"], item["action"], item["max_range_km"]) == ("uav", "local_production", None)
    text = "Україна попросила ЄС пришвидшити виробництво снарядів."
    [item] = extract(text, "uk")["requests"][0]["items"]
    assert item["action"] == "production_acceleration"


def test_the_requester_of_an_earlier_ask_wanting_more_asks_the_same_addressee():
    text = ("Лукашенко попросив Путіна про радари. Список оприлюднив телеграм-канал «Пул». "
            "Мінськ хоче отримати ще вісім винищувачів Су-30СМ2.")
    [request] = extract(text, "uk")["requests"]
    assert (request["requester_country"], request["addressee_country"]) == ("BY", "RU")
    assert ("aircraft", 8) in {(i["category"], i["quantity"]) for i in request["items"]}
