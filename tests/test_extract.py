"""The rule-based extractor (scripts/curator/extract): requests, parties and addressees,
body detection, offsets, and a quality floor on the labelled evaluation set and the seed
articles (items: test_extract_items.py; events, credits, the command line: their own files)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scripts.bench.extraction import TARGETS, eval_cases, evaluate, seed_cases
from scripts.body import Layout, parse_date_marker
from scripts.curator.extract import detect_language, extract

ROOT = Path(__file__).resolve().parents[1]
SEED_IDS = ("charter97-2025-10-31-maduro-putin", "komentarii-2025-10-31-maduro-putin")
MARGIN = 0.05


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


@pytest.mark.parametrize("language, text, pair", [
    ("ru", "Бишкек опроверг закупку турецких танков, но попросил Анкару о беспилотниках.", ("KG", "TR")),
    ("uk", "Кишинів спростував чутки про закупівлю винищувачів, але попросив Бухарест про радари.", ("MD", "RO")),
])
def test_a_denial_does_not_reach_past_a_new_clause(language, text, pair):
    """A denial cancels the ask it reports, not one told after "но" / "але"."""
    assert requests_of(extract(text, language)) == {pair}


@pytest.mark.parametrize("language, text, asked", [
    ("ru", "Армения попросила Францию о военной помощи. По словам источника, в перечне значатся шесть гаубиц Caesar "
           "и бронежилеты.", [("artillery", 6), ("military_equipment_unspecified", None)]),
    ("uk", "Вірменія попросила Францію про військову допомогу. За словами джерела, у переліку значаться шість гаубиць "
           "Caesar.", [("artillery", 6)]),
    ("ru", "Армения попросила Францию о военной помощи. Речь идет не об истребителях, а о радарах.", [("radar", None)]),
])
def test_a_sentence_detailing_the_ask_after_a_credit_and_not_what_is_not_asked(language, text, asked):
    """A detailing sentence may open on a credit ("По словам источника, в перечне значатся ...");
    an item after "не" ("не об истребителях, а о радарах") is what is not asked."""
    (request,) = extract(text, language)["requests"]
    assert [(i["category"], i["quantity"]) for i in request["items"]] == asked


@pytest.mark.parametrize("language, text, asked", [
    ("uk", "Естонія попросила Південну Корею передати ракети — їхньої кількості міністр не назвав — і навчити "
           "тридцять артилеристів.", [("missile", None), ("training", 30)]),
    ("ru", "Эстония попросила Южную Корею передать ракеты — их число министр не назвал — и обучить тридцать "
           "артиллеристов.", [("missile", None), ("training", 30)]),
    ("ru", "Эстония попросила Южную Корею передать ракеты — это ее главная просьба.", [("missile", None)]),
])
def test_an_aside_between_dashes_does_not_end_the_ask(language, text, asked):
    """"X — an aside — и Y": the ask goes on after the aside; a single dash still ends it."""
    (request,) = extract(text, language)["requests"]
    assert [(i["category"], i["quantity"]) for i in request["items"]] == asked


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


def test_the_same_requester_named_again_far_on_asks_the_same_addressee():
    text = ("Сербия попросила Китай поставить две батареи ПВО. Разговор состоялся в среду. Переговоры шли два дня. "
            "Стороны обсудили экономику. Делегации посетили завод. Кроме того, сербская сторона просит продать "
            "партию ракет.")
    [request] = extract(text, "ru")["requests"]
    assert (request["requester_country"], request["addressee_country"]) == ("RS", "CN")
    assert len(request["evidence"]) == 2


def test_the_requester_of_an_earlier_ask_wanting_more_asks_the_same_addressee():
    text = ("Лукашенко попросив Путіна про радари. Список оприлюднив телеграм-канал «Пул». "
            "Мінськ хоче отримати ще вісім винищувачів Су-30СМ2.")
    [request] = extract(text, "uk")["requests"]
    assert (request["requester_country"], request["addressee_country"]) == ("BY", "RU")
    assert ("aircraft", 8) in {(i["category"], i["quantity"]) for i in request["items"]}


@pytest.mark.parametrize("language, text", [
    ("ru", "Тунис попросил Италию поставить патрульные катера. В том же письме тунисская сторона предлагает "
           "продать партию противокорабельных ракет."),
    ("uk", "Туніс попросив Італію передати патрульні катери. У тому ж листі туніська сторона пропонує "
           "продати партію протикорабельних ракет."),
])
def test_the_requester_proposing_what_the_side_asked_should_do_asks_more(language, text):
    [request] = extract(text, language)["requests"]
    assert (request["requester_country"], request["addressee_country"]) == ("TN", "IT")
    assert [i["category"] for i in request["items"]] == ["naval_forces", "missile"]
    assert len(request["evidence"]) == 2


@pytest.mark.parametrize("language, text", [
    ("ru", "Россия предложила Венесуэле поставить ракеты."),
    ("uk", "Міністр заявив, що Франція пропонує Індії продати винищувачі."),
])
def test_anyone_else_proposing_is_no_request(language, text):
    assert extract(text, language)["requests"] == []


@pytest.mark.parametrize("language, text", [
    ("ru", "Гана попросила ЭКОВАС прислать на север страны батальон и вертолеты."),
    ("uk", "Гана попросила ЕКОВАС надіслати на північ країни батальйон і гелікоптери."),
])
def test_an_abbreviation_asked_does_not_decline(language, text):
    [request] = extract(text, language)["requests"]
    assert (request["requester_country"], request["addressee_organisation"]) == ("GH", "ECOWAS")
    assert [i["category"] for i in request["items"]] == ["troops", "helicopter"]


def test_a_determiner_before_an_item_is_not_its_text():
    text = "Бенин обратился к ЭКОВАС за военной помощью. Котону, согласно письму, нужен прежде всего батальон."
    [request] = extract(text, "ru")["requests"]
    assert [i["text"] for i in request["items"]] == ["батальон"]


def test_someone_speaking_of_the_request_does_not_report_it_again():
    text = ("Монголия попросила Южную Корею о радарах. Представитель министерства обороны Южной Кореи сказал "
            "агентству Yonhap, что просьбу Улан-Батора рассмотрят до конца года.")
    [request] = extract(text, "ru")["requests"]
    assert len(request["evidence"]) == 1


def test_seeking_is_a_request_only_for_military_help():
    text = ("Польща просить США про ракети Patriot. «Ми просимо, щоб вони не залишали прогалини саме тоді, "
            "коли Росія її шукає», — сказав міністр.")
    [request] = extract(text, "uk")["requests"]
    assert [e["requester_name"] for e in request["evidence"]] == ["Польща", "Ми"]
    [request] = extract("Венесуела шукала військову підтримку в Китаю.", "uk")["requests"]
    assert request["addressee_country"] == "CN"


def test_a_letter_named_as_another_requests_is_not_this_ones_channel():
    text = ("Помимо письма Мадуро Путину, правительство Венесуэлы обращалось к России за военной помощью: "
            "Каракас просил поставить ему беспилотники.")
    assert {r["channel"] for r in extract(text)["requests"]} == {"unspecified"}
