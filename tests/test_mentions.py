"""Country-mention detector (scripts/mentions/): what it finds and what it refuses to find.
Its lexicon's coverage, strict loading and cache: tests/test_mention_lexicon.py."""
from __future__ import annotations


import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from scripts.bench.mentions import load_sample, score_sample
from scripts.body import find_body
from scripts.mentions import KINDS, Mention
from tests.conftest import ROOT

def found(det, text: str, language: str) -> list[tuple[str, str, str]]:
    return [(m.text, m.country, m.kind) for m in det.find(text, language)]


def texts(det, text: str, language: str) -> list[str]:
    return [m.text for m in det.find(text, language)]


# -- inflection ------------------------------------------------------------

def test_country_name_in_every_case_ru(det):
    s = "Венесуэла спорит, у Венесуэлы нефть, к Венесуэле плывут, за Венесуэлу, с Венесуэлой, о Венесуэле."
    assert {(c, k) for _, c, k in found(det, s, "ru")} == {("VE", "name")}
    assert texts(det, s, "ru") == ["Венесуэла", "Венесуэлы", "Венесуэле", "Венесуэлу", "Венесуэлой", "Венесуэле"]


def test_country_name_in_every_case_uk(det):
    s = "Венесуела відповіла; уряд Венесуели, допомога Венесуелі, про Венесуелу, разом із Венесуелою."
    assert texts(det, s, "uk") == ["Венесуела", "Венесуели", "Венесуелі", "Венесуелу", "Венесуелою"]
    assert {m.country for m in det.find(s, "uk")} == {"VE"}


def test_plural_country_names(det):
    assert found(det, "Туристы вернулись с Мальдив и Филиппин.", "ru") == [
        ("Мальдив", "MV", "name"), ("Филиппин", "PH", "name")]


def test_adjectives_in_all_genders_numbers_and_cases_ru(det):
    s = "иранский танкер, иранская нефть, иранское посольство, иранские дроны, иранских ракет, иранскому чиновнику"
    assert found(det, s, "ru") == [(w, "IR", "adjective") for w in
                                   ["иранский", "иранская", "иранское", "иранские", "иранских", "иранскому"]]


def test_adjectives_in_all_genders_numbers_and_cases_uk(det):
    s = "український прапор, українська мова, українське село, українські військові, українських міст, українською"
    assert [m.text for m in det.find(s, "uk")] == [
        "український", "українська", "українське", "українські", "українських", "українською"]
    assert {(m.country, m.kind) for m in det.find(s, "uk")} == {("UA", "adjective")}


def test_capitals_in_several_cases(det):
    assert found(det, "Москва ответила: из Москвы в Каракас, над Каракасом, к Москве.", "ru") == [
        ("Москва", "RU", "capital"), ("Москвы", "RU", "capital"), ("Каракас", "VE", "capital"),
        ("Каракасом", "VE", "capital"), ("Москве", "RU", "capital")]
    assert found(det, "Київ і Пекін: до Києва, у Пекіні, за Києвом.", "uk") == [
        ("Київ", "UA", "capital"), ("Пекін", "CN", "capital"), ("Києва", "UA", "capital"),
        ("Пекіні", "CN", "capital"), ("Києвом", "UA", "capital")]


def test_a_capital_in_both_ukrainian_spellings_and_a_river_of_a_capitals_name(det):
    assert found(det, "Могадишо і Могадішо; розвідка в долині річки Джуба.", "uk") == [
        ("Могадишо", "SO", "capital"), ("Могадішо", "SO", "capital")]
    assert found(det, "Разведка в долине реки Джуба.", "ru") == []


def test_capitals_only_when_capitalised(det):
    assert found(det, "вена на руке и киев", "ru") == []
    assert found(det, "Туристы прилетели в Вену.", "ru") == [("Вену", "AT", "capital")]


# -- abbreviations and multi-word names -------------------------------------

def test_abbreviations(det):
    s = "США, РФ, КНР, КНДР, ОАЭ, ФРГ, ЮАР, ДРК, ЦАР и БиХ"
    assert [(t, c) for t, c, _ in found(det, s, "ru")] == [
        ("США", "US"), ("РФ", "RU"), ("КНР", "CN"), ("КНДР", "KP"), ("ОАЭ", "AE"), ("ФРГ", "DE"),
        ("ЮАР", "ZA"), ("ДРК", "CD"), ("ЦАР", "CF"), ("БиХ", "BA")]
    assert {k for _, _, k in found(det, s, "ru")} == {"abbreviation"}
    assert [(t, c) for t, c, _ in found(det, "ОАЕ, ФРН, ПАР, БіГ", "uk")] == [
        ("ОАЕ", "AE"), ("ФРН", "DE"), ("ПАР", "ZA"), ("БіГ", "BA")]


def test_abbreviations_only_in_their_own_spelling(det):
    assert found(det, "сша и рф, Сша", "ru") == []


def test_multi_word_names(det):
    assert found(det, "Соединённые Штаты Америки, Соединенных Штатов, Южной Корее и Саудовскую Аравию", "ru") == [
        ("Соединённые Штаты Америки", "US", "name"), ("Соединенных Штатов", "US", "name"),
        ("Южной Корее", "KR", "name"), ("Саудовскую Аравию", "SA", "name")]
    assert found(det, "Сполучені Штати, Південної Кореї, Саудівській Аравії, Об’єднаних Арабських Еміратів", "uk") == [
        ("Сполучені Штати", "US", "alias"), ("Південної Кореї", "KR", "name"),
        ("Саудівській Аравії", "SA", "name"), ("Об’єднаних Арабських Еміратів", "AE", "name")]


def test_longest_match_wins(det):
    assert found(det, "Гвинея-Бисау и Экваториальная Гвинея, но не Гвинея.", "ru") == [
        ("Гвинея-Бисау", "GW", "name"), ("Экваториальная Гвинея", "GQ", "name"), ("Гвинея", "GN", "name")]
    assert found(det, "Российская Федерация и Южный Судан", "ru") == [
        ("Российская Федерация", "RU", "name"), ("Южный Судан", "SS", "name")]


def test_exclusions_win_over_the_country_word_inside(det):
    assert found(det, "В Латинской Америке и Южной Америке, а также на Новой Гвинее.", "ru") == []
    assert found(det, "Америка и Латинська Америка", "uk") == [("Америка", "US", "alias")]


# -- sentence starts and quotations -----------------------------------------

def test_sentence_initial_adjective_is_a_mention(det):
    assert found(det, "Российские войска отошли. Китайская делегация прибыла.", "ru") == [
        ("Российские", "RU", "adjective"), ("Китайская", "CN", "adjective")]


def test_sentence_initial_common_words_are_not_countries(det):
    assert found(det, "Того же дня посол Того уехал.", "ru") == [("Того", "TG", "name")]
    assert found(det, "Малі діти. Мали місце події. Того ж дня в Малі спокійно.", "uk") == [("Малі", "ML", "name")]


def test_quoted_speech_keeps_its_mentions(det):
    assert found(det, "Он сказал: «Мы поддержим Украину и Молдову».", "ru") == [
        ("Украину", "UA", "name"), ("Молдову", "MD", "alias")]
    assert found(det, 'Він заявив, що "Росія програє".', "uk") == [("Росія", "RU", "alias")]


def test_quoted_titles_are_organisations(det):
    assert found(det, "«Единая Россия», «Голос Америки» и «Российская газета»", "ru") == []
    assert found(det, 'Видання "Голос України" і "Українська правда"', "uk") == []


def test_quoted_title_starting_with_a_country_keeps_it(det):
    assert found(det, "Колонка «Беларусь завтрашнего дня» вышла вчера.", "ru") == [("Беларусь", "BY", "name")]


# -- words that must not match ----------------------------------------------

@pytest.mark.parametrize("text", [
    "Самолёт Ил-76 и ИЛ-62, GPS, WP, ЗМІ, км, КМ.",
    "В и С, а также К и Х.",             # one-letter words: never a subdivision
    "Ла и Ли, ВС и ВВС.",
    "штаты сотрудников и штат больницы",  # "штаты" is an alias only when capitalised
    "Мы видели чад от костра и того хватило.",
])
def test_common_words_and_codes(det, text):
    assert found(det, text, "ru") == []


def test_surnames_that_look_like_adjectives(det):
    assert found(det, "Депутат Русских и тренер Немецкий встретились с Китайским.", "ru") == []
    assert found(det, "Сенатор Американський і суддя Польський", "uk") == []


def test_organisation_names_joined_by_hyphen(det):
    assert found(det, "Сообщает РБК-Украина; эфир Россия-1 и Беларусь-24.", "ru") == []
    assert found(det, "Як пише РБК-Україна та Euronews-Україна.", "uk") == []


def test_hyphen_compounds_of_countries_count_each_part(det):
    assert found(det, "Переговоры Россия-Украина и российско-американские отношения.", "ru") == [
        ("Россия", "RU", "alias"), ("Украина", "UA", "name"),
        ("российско", "RU", "adjective"), ("американские", "US", "adjective")]


def test_capitalised_adjectives_inside_proper_names(det):
    assert found(det, "В Мексиканском заливе и в Южно-Китайском море.", "ru") == []


def test_people_named_like_places(det):
    assert found(det, "Джордж Вашингтон и Симон Боливар.", "ru") == []
    assert found(det, "Виктория Бекхэм прилетела в Викторию.", "ru") == [("Викторию", "SC", "capital")]
    assert found(det, "Слава Україні!", "uk") == [("Україні", "UA", "name")]


# -- subdivisions ------------------------------------------------------------

def test_subdivision_with_type_word(det):
    ms = det.find("В штате Арагуа и в штате Лара.", "ru")
    assert [(m.text, m.country, m.kind, m.subdivision) for m in ms] == [
        ("Арагуа", "VE", "subdivision", "VE-D"), ("Лара", "VE", "subdivision", "VE-K")]


def test_subdivision_supported_by_a_country_mention(det):
    assert [m.subdivision for m in det.find("В Мериде и Сулии, на западе Венесуэлы.", "ru")
            if m.kind == "subdivision"] == ["VE-L", "VE-V"]


def test_ambiguous_subdivision_without_support_is_dropped(det):
    assert found(det, "Фестиваль прошёл в Мериде.", "ru") == []
    assert found(det, "Сукре — столица Боливии.", "ru") == [("Сукре", "BO", "capital"), ("Боливии", "BO", "name")]


def test_standalone_subdivisions(det):
    ms = det.find("Крым, Донецкая область и Северная Ирландия.", "ru")
    assert [(m.text, m.country, m.subdivision) for m in ms] == [
        ("Крым", "UA", "UA-43"), ("Донецкая область", "UA", "UA-14"), ("Северная Ирландия", "GB", "GB-NIR")]


def test_subdivision_field_only_for_subdivisions(det):
    for m in det.find("Каракас и штат Арагуа, Венесуэла, РФ, российский.", "ru"):
        assert (m.subdivision is not None) == (m.kind == "subdivision")
        assert m.kind in KINDS


# -- the real articles -------------------------------------------------------

RU_EXPECTED = [  # (text, country, kind, inside find_body's span)
    ("США", "US", "abbreviation", True), ("Венесуэльский", "VE", "adjective", True),
    ("российского", "RU", "adjective", True), ("США", "US", "abbreviation", True),
    ("Венесуэлу", "VE", "name", True), ("США", "US", "abbreviation", True),
    ("Венесуэла", "VE", "name", True), ("Китаю", "CN", "name", True), ("Ирану", "IR", "name", True),
    ("КНР", "CN", "abbreviation", True), ("США", "US", "abbreviation", True),
    ("Венесуэлой", "VE", "name", True), ("китайское", "CN", "adjective", True),
    ("Венесуэлы", "VE", "name", True), ("иранского", "IR", "adjective", True), ("Иран", "IR", "name", True),
    ("американского", "US", "adjective", True), ("иранскому", "IR", "adjective", True),
    ("Венесуэле", "VE", "name", True), ("Россия", "RU", "alias", True), ("Венесуэлой", "VE", "name", True),
    ("Каракас", "VE", "capital", True), ("российский", "RU", "adjective", True),
    ("Москва", "RU", "capital", True), ("Каракасом", "VE", "capital", True),
    ("венесуэльском", "VE", "adjective", True), ("Арагуа", "VE", "subdivision", True),
    ("Москвы", "RU", "capital", True), ("РФ", "RU", "abbreviation", True), ("Украины", "UA", "name", True),
    ("Беларусь", "BY", "name", False), ("Беларусь", "BY", "name", False),
    ("Литву", "LT", "name", False), ("Литву", "LT", "name", False),
]
UK_EXPECTED = [
    ("Венесуели", "VE", "name", True), ("російського", "RU", "adjective", True),
    ("Сполучених Штатів", "US", "alias", True), ("США", "US", "abbreviation", True),
    ("Венесуела", "VE", "name", True), ("Китаю", "CN", "name", True), ("Ірану", "IR", "name", True),
    ("КНР", "CN", "abbreviation", True), ("США", "US", "abbreviation", True),
    ("Венесуелою", "VE", "name", True), ("Пекіна", "CN", "capital", True),
    ("китайську", "CN", "adjective", True), ("США", "US", "abbreviation", True),
    ("Венесуели", "VE", "name", True), ("іранського", "IR", "adjective", True), ("Ірану", "IR", "name", True),
    ("іранської", "IR", "adjective", True), ("Каракасу", "VE", "capital", True),
    ("Каракаса", "VE", "capital", True), ("російський", "RU", "adjective", True),
    ("Москва", "RU", "capital", True), ("венесуельським", "VE", "adjective", True),
    ("Арагуа", "VE", "subdivision", True), ("Росії", "RU", "alias", True), ("РФ", "RU", "abbreviation", True),
    ("України", "UA", "name", True), ("Москви", "RU", "capital", True), ("України", "UA", "name", True),
    ("США", "US", "abbreviation", True), ("Венесуелі", "VE", "name", True), ("США", "US", "abbreviation", True),
    ("Венесуелі", "VE", "name", True), ("Вашингтон", "US", "capital", True),
    ("американський", "US", "adjective", True), ("Венесуели", "VE", "name", True),
    ("Венесуели", "VE", "name", True), ("США", "US", "abbreviation", True),
]


@pytest.mark.parametrize("name, language, expected", [
    ("charter97-2025-10-31-maduro-putin.txt", "ru", RU_EXPECTED),
    ("komentarii-2025-10-31-maduro-putin.txt", "uk", UK_EXPECTED),
])
def test_real_articles(det, name, language, expected):
    text = (ROOT / "articles" / name).read_text(encoding="utf-8")
    start, end = find_body(text)
    mentions = det.find(text, language)
    assert [(m.text, m.country, m.kind, start <= m.start and m.end <= end) for m in mentions] == expected
    assert all(text[m.start:m.end] == m.text for m in mentions)
    assert [m.subdivision for m in mentions if m.kind == "subdivision"] == ["VE-D"]


# -- labelled sample ------------------------------------------------------------

def test_labelled_sample_precision_and_recall(det):
    result = score_sample(det, load_sample())
    assert result["wrong"] == []
    assert (result["precision"], result["recall"]) == (1.0, 1.0)
    assert result["sentences"] >= 30


# -- invariants ---------------------------------------------------------------

WORDS = ["Россия", "России", "РФ", "США", "Венесуэлы", "Каракас", "штате", "Арагуа", "российско", "американский",
         "Україна", "України", "Київ", "В’єтнам", "пов’язаний", "РБК", "Ил", "76", "Того", "того", "Слава",
         "Мексиканский", "залив", "Латинская", "Америка", "Гвинея", "Бисау", "Северная", "Ирландия"]
SEPARATORS = [" ", "-", " — ", ", ", ". ", "\n", "«", "»", '"', "’", "\u0301"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@example(pieces=["\U00017000", "Россия"], language="ru")  # a letter without a Unicode name
@given(pieces=st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(SEPARATORS), st.text(max_size=6)),
                       max_size=30),
       language=st.sampled_from(["ru", "uk"]))
def test_mentions_are_exact_sorted_and_disjoint(det, pieces, language):
    text = "".join(pieces)
    mentions = det.find(text, language)
    for m in mentions:
        assert isinstance(m, Mention)
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text
        assert m.kind in KINDS and len(m.country) == 2 and m.country.isupper()
    for left, right in zip(mentions, mentions[1:]):
        assert left.end <= right.start


def test_unknown_language(det):
    with pytest.raises(ValueError, match="language"):
        det.find("Россия", "be")
