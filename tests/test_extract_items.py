"""Items the extractor proposes (scripts/curator/extract/items.py, numerals.py, details.py):
counts in words and digits, item phrases and categories, actions, ranges and trainees."""
from __future__ import annotations

import pytest

from scripts.curator.extract import extract
from scripts.curator.extract.text import split


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
    ("ru", "партию управляемых авиабомб и 200 бронежилетов", {("ammunition", "supply", None),
                                                             ("military_equipment_unspecified", "supply", 200)}),
    ("uk", "шість пускових установок Chunmoo", {("artillery", "supply", 6)}),
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


def test_ammunition_for_a_weapon_named_with_its_calibre_is_one_item():
    result = extract("Таджикистан попросил ОДКБ передать тридцать тысяч снарядов к 122-мм гаубицам Д-30.", "ru")
    assert [(i["text"], i["category"], i["quantity"]) for r in result["requests"] for i in r["items"]] == [
        ("снарядов к 122-мм гаубицам Д-30", "ammunition", 30000)]


@pytest.mark.parametrize("language, text", [("ru", "Каракас просит Москву обновить два комплекса С-300ВМ."),
                                            ("uk", "Каракас просить Москву оновити два комплекси С-300ВМ.")])
def test_updating_an_item_is_its_modernisation(language, text):
    [item] = [i for r in extract(text, language)["requests"] for i in r["items"]]
    assert (item["category"], item["action"], item["quantity"]) == ("air_defence", "modernisation", 2)


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


@pytest.mark.parametrize("language, text", [
    ("uk", "Молдова попросила Румунію про допомогу з протиповітряною обороною. Лист міністра надійшов у вівторок.\n\n"
           "Що в листі\n\nУ документі перелічено:\n\n- дві батареї зенітних комплексів «Бук»;\n"
           "- вісім радіолокаційних станцій;\n- щонайменше 300 ракет до комплексів «Оса-АКМ».\n\n"
           "Румунський уряд відповіді ще не дав."),
    ("ru", "Молдова попросила Румынию о помощи с противовоздушной обороной. Письмо министра пришло во вторник.\n\n"
           "Что в письме\n\nВ документе перечислены:\n\n• две батареи зенитных комплексов «Бук»;\n"
           "• восемь радиолокационных станций;\n• не менее 300 ракет к комплексам «Оса-АКМ».\n\n"
           "Румынское правительство пока не ответило."),
])
def test_each_line_of_a_list_the_request_opens_is_an_item_of_its_own(language, text):
    """A lead-in ending in a colon a little after the request ("У документі перелічено:"),
    then one point a line: each line's item joins the request, none merged into another (the
    help asked in the first sentence is told more precisely by the first line)."""
    [request] = extract(text, language)["requests"]
    assert [(i["category"], i["quantity"]) for i in request["items"]] == [
        ("air_defence", 2), ("radar", 8), ("missile", 300)]
    assert len(request["evidence"]) == 4


def test_a_list_needs_a_request_before_it_and_ends_with_its_lines():
    text = ("Министр перечислил, что армия получила в этом году:\n\n- две батареи «Бук»;\n- восемь радаров.\n\n"
            "Кроме того, Молдова попросила Румынию о вертолётах.\n\nВ Кишинёве прошли учения:\n\n- пуски ракет;\n")
    [request] = extract(text, "ru")["requests"]
    assert [i["category"] for i in request["items"]] == ["helicopter"]


def test_a_model_named_after_a_generic_head_gives_its_category():
    text = "Україна попросила Грецію передати чотири самохідні комплекси «Оса-АКМ»."
    [item] = extract(text, "uk")["requests"][0]["items"]
    assert (item["category"], item["quantity"]) == ("air_defence", 4)


def test_an_item_told_bare_is_the_one_told_later_with_its_action_and_count():
    """"про винищувачі" (no word for the action) and "розмістили ... вісім винищувачів" are one
    item, deployed; two items of one category in one sentence stay two."""
    text = ("Литва попросила НАТО про винищувачі та літаки AWACS. Вільнюс хоче, щоб союзники розмістили "
            "в країні вісім винищувачів.")
    [request] = extract(text, "uk")["requests"]
    fighters, awacs = request["items"]
    assert (fighters["action"], fighters["quantity"], len(fighters["mentions"])) == ("deployment", 8, 2)
    assert (awacs["category"], awacs["quantity"], len(awacs["mentions"])) == ("aircraft", None, 1)
    text = "Литва попросила НАТО нарастить выпуск снарядов. Кроме того, она просила 50 тысяч снарядов."
    assert len(extract(text, "ru")["requests"][0]["items"]) == 2
    # one thing named in the singular is bare too: "о корабле", then the ship to be sent
    text = "Гайана попросила Лондон о корабле. Джорджтаун хочет, чтобы Британия направила к побережью патрульный корабль."
    [ship] = extract(text, "ru")["requests"][0]["items"]
    assert (ship["action"], ship["quantity"], len(ship["mentions"])) == ("deployment", 1, 2)


@pytest.mark.parametrize("language, text", [
    ("uk", "Естонія попросила Фінляндію:\n\n- передати естонському війську системи протидії дронам;\n"
           "- продати шість гаубиць."),
    ("ru", "Эстония попросила Финляндию:\n\n- передать эстонской армии системы противодействия дронам;\n"
           "- продать шесть гаубиц."),
])
def test_a_list_line_names_the_requesters_own_forces_as_recipient_and_counter_drone_systems_as_air_defence(
        language, text):
    """The requester's own forces in the dative on a list line receive (no item); systems
    countering drones are air defence, one item with both words of what they counter."""
    [request] = extract(text, language)["requests"]
    assert [(i["category"], i["quantity"]) for i in request["items"]] == [("air_defence", None), ("artillery", 6)]
    assert request["items"][0]["text"].split()[-1] in ("дронам",)


@pytest.mark.parametrize("language, text, quantity", [
    ("uk", "Литва просить США залишити в країні бригаду армії США — це приблизно 4,5 тисячі військових.", 4500),
    ("ru", "Литва просит США оставить в стране бригаду армии США — это около 3 тысяч военных.", 3000),
    ("ru", "Бенин просит ЭКОВАС прислать батальон резервных сил — 850 военнослужащих, которые охраняли бы границу.",
     850),
])
def test_forces_told_again_after_a_dash_as_how_many_they_are_are_one_item(language, text, quantity):
    [request] = extract(text, language)["requests"]
    [item] = request["items"]
    assert (item["category"], item["quantity"]) == ("troops", quantity)


@pytest.mark.parametrize("language, text", [
    ("uk", "Польща просить США прискорити постачання 96 гелікоптерів Apache."),
    ("uk", "Литва попросила Німеччину пришвидшити передачу двох батарей IRIS-T."),
    ("ru", "Азербайджан попросил Пакистан ускорить выполнение контракта на истребители JF-17."),
])
def test_delivering_what_is_on_order_sooner_is_production_acceleration(language, text):
    """As the hand curations code it: the items are made and handed over sooner."""
    [item] = extract(text, language)["requests"][0]["items"]
    assert item["action"] == "production_acceleration"


@pytest.mark.parametrize("language, text, quantity", [
    ("ru", "Гайана попросила Великобританию направить к побережью патрульный корабль.", 1),
    ("uk", "Гаяна попросила Британію направити до узбережжя патрульний корабель.", 1),
    ("ru", "Монголия попросила Россию о поставке бронетехники.", None),   # a mass noun
    ("ru", "Нигер попросил Россию поставить систему ПВО.", None),         # a generic head
    ("uk", "Гаяна попросила Британію направити патрульні кораблі.", None),
])
def test_an_item_named_in_the_singular_is_one(language, text, quantity):
    [item] = extract(text, language)["requests"][0]["items"]
    assert item["quantity"] == quantity


@pytest.mark.parametrize("language, text", [
    ("uk", "Венесуела просить Іран надіслати фахівців, які допомогли б з обслуговуванням двигунів катерів."),
    ("ru", "Венесуэла просит Иран прислать специалистов, которые помогли бы с обслуживанием двигателей катеров."),
])
def test_what_experts_asked_for_would_do_is_asked(language, text):
    """Experts sent to repair: the clause after them says what is asked, not how they are."""
    [item] = extract(text, language)["requests"][0]["items"]
    assert (item["category"], item["action"]) == ("engine", "repair")


@pytest.mark.parametrize("language, text, action", [
    ("uk", "Естонія попросила Південну Корею раніше передати їй реактивні системи залпового вогню Chunmoo.",
     "production_acceleration"),
    ("ru", "Эстония попросила Южную Корею досрочно поставить ей системы залпового огня Chunmoo.",
     "production_acceleration"),
    ("uk", "Литва просить Німеччину пришвидшити Leopard.", "production_acceleration"),
])
def test_delivering_sooner_is_acceleration(language, text, action):
    (request,) = extract(text, language)["requests"]
    assert [i["action"] for i in request["items"]] == [action]


@pytest.mark.parametrize("language, text, count", [
    ("ru", "Лаос попросил Россию принять в российские военные вузы 40 лаосских офицеров.", 40),
    ("ru", "Азербайджан попросил Пакистан принять в пакистанские летные училища еще 24 летчика.", 24),
    ("ru", "Узбекистан попросил Индию выделить места для 40 узбекских офицеров на курсах в военных академиях.", 40),
    ("uk", "Лаос попросив Росію прийняти до військових вишів сорок лаоських офіцерів.", 40),
])
def test_places_at_schools_for_people_are_training_counted_by_the_people(language, text, count):
    [item] = extract(text, language)["requests"][0]["items"]
    assert (item["category"], item["action"], item["quantity"]) == ("training", "training", count)


def test_a_school_with_no_count_of_people_is_no_item():
    assert extract("Лаос попросил Россию передать танки, о которых писала военная академия в 2020 году.")[
        "requests"][0]["items"][0]["category"] == "armoured_vehicle"
    assert len(extract("Лаос попросил Россию передать танки для училища в Вьентьяне.")["requests"][0]["items"]) == 1
