"""Article body detection (scripts/body.py) on the real pages and on built ones."""
from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from scripts.body import body_spans, caption_spans, find_body, is_title, parse_date_marker

ARTICLES = Path(__file__).resolve().parents[1] / "articles"
RU_TITLE = "Испуганный Мадуро запросил военную помощь у Путина"


def read(name: str) -> str:
    return (ARTICLES / name).read_text(encoding="utf-8")


def body_text(text: str) -> str:
    start, end = find_body(text)
    return text[start:end]


# -- date marker -----------------------------------------------------------

def test_marker_on_its_own_line():
    text = " date 2025-10-31\nЗаголовок статьи"
    assert parse_date_marker(text) == (datetime.date(2025, 10, 31), text.index("Заголовок"))


def test_marker_followed_by_text_on_the_same_line():
    text = " date 2024-02-29 Перше речення статті."
    assert parse_date_marker(text) == (datetime.date(2024, 2, 29), text.index("Перше"))


@pytest.mark.parametrize("text", ["", "Просто текст", "update 2025-10-31 x", " date 2025-10-3x"])
def test_no_marker(text):
    assert parse_date_marker(text) == (None, 0)


def test_impossible_marker_date_is_an_error():
    with pytest.raises(ValueError, match="2025-02-30"):
        parse_date_marker(" date 2025-02-30 текст")


# -- the real articles -----------------------------------------------------

def test_russian_page_body_runs_from_the_headline_to_the_last_paragraph():
    text = read("charter97-2025-10-31-maduro-putin.txt")
    start, end = find_body(text)
    body = text[start:end]
    # The headline, then its timestamp, then the lead image's copy of it, then the lede.
    assert body.startswith(RU_TITLE + "\n\n7\n  • 31.10.2025, 21:32")
    assert RU_TITLE + "\n\nНа фоне эскалации с США." in body
    assert body.endswith("Одна из причин - война РФ против Украины.")
    # Menus and the page clock ("22:23") before the headline stay outside.
    assert RU_TITLE not in text[:start] and "22:23" not in body
    for chrome in ("закрыть", "Рубрики", "Написать комментарий", "следите за аккаунтами",
                   "популярное за неделю", "Мнение", "Натальи Радиной", "Литву"):
        assert chrome not in body


def test_ukrainian_page_body_is_the_whole_article_after_the_marker():
    text = read("komentarii-2025-10-31-maduro-putin.txt")
    start, end = find_body(text)
    assert text[start:].startswith("Президент Венесуели")
    assert start == parse_date_marker(text)[1]
    assert text[:end].endswith("за контрабанду наркотиків до США\".")
    assert text[end:].strip() == ""


def test_ukrainian_caption_is_found_and_cut_out_of_body_spans():
    text = read("komentarii-2025-10-31-maduro-putin.txt")
    caption = "Ніколас Мадуро і Путін (фото з відкритих джерел)"
    assert [text[a:b] for a, b in caption_spans(text)] == [caption]
    spans = body_spans(text)
    assert len(spans) == 2
    assert text[spans[0][0]:spans[0][1]].endswith("The Washington Post.")
    assert text[spans[1][0]:spans[1][1]].startswith("Як зазначає видання")
    assert all(caption not in text[a:b] for a, b in spans)


def test_body_never_includes_the_date_marker():
    for name in ("charter97-2025-10-31-maduro-putin.txt", "komentarii-2025-10-31-maduro-putin.txt"):
        text = read(name)
        assert find_body(text)[0] >= parse_date_marker(text)[1]


# -- built pages -----------------------------------------------------------

PARAGRAPHS = [
    "Правительство Норвегии объявило во вторник о новом пакете помощи рыбакам северных районов страны.",
    "По словам министра, средства будут распределены до конца года через региональные фонды развития.",
    "Экономисты считают, что мера поможет сохранить рабочие места, но не решит проблему квот.",
]
SYNTHETIC_PAGE = "\n".join([
    " date 2025-11-02 Главная",
    "Новости",
    "Политика Экономика Спорт",
    "Войти",
    "",
    "Норвегия выделит рыбакам миллиард крон",
    "02.11.2025 14:05",
    "",
    "Фото: Reuters",
    *PARAGRAPHS,
    "Комментарии (12)",
    "Поделиться",
    "Популярное за неделю",
    "Курс валют на понедельник",
    "Погода в выходные: снег и ветер",
    "Самые читаемые новости месяца",
    "© 2025 Вестник. Все права защищены",
])


def test_synthetic_page_body_has_title_timestamp_and_paragraphs_only():
    body = body_text(SYNTHETIC_PAGE)
    assert body.startswith("Норвегия выделит рыбакам миллиард крон\n02.11.2025 14:05")
    assert body.endswith(PARAGRAPHS[-1])
    for chrome in ("Главная", "Войти", "Комментарии", "Популярное", "Курс валют", "©"):
        assert chrome not in body


def test_synthetic_page_caption_line():
    assert [SYNTHETIC_PAGE[a:b] for a, b in caption_spans(SYNTHETIC_PAGE)] == ["Фото: Reuters"]


def test_page_with_menu_right_before_the_lede_has_no_title():
    page = "Главная\nВойти\nРубрики\n\n" + "\n\n".join(PARAGRAPHS) + "\nПодписывайтесь на нас"
    assert body_text(page) == "\n\n".join(PARAGRAPHS)


def test_subheading_inside_the_article_is_kept():
    page = "\n".join(["Меню", PARAGRAPHS[0], "Что дальше", PARAGRAPHS[1], PARAGRAPHS[2], "Реклама"])
    assert body_text(page) == "\n".join(PARAGRAPHS[:1] + ["Что дальше"] + PARAGRAPHS[1:])


def test_text_without_prose_is_returned_whole():
    page = " date 2025-01-01\nТолько заголовок без точки\nИ ещё строка"
    start, end = find_body(page)
    assert page[start:end] == "Только заголовок без точки\nИ ещё строка"


def test_empty_text():
    assert find_body("") == (0, 0)
    assert body_spans("") == []
    marker_only = " date 2025-01-01\n"
    assert find_body(marker_only) == (len(marker_only), len(marker_only))


@pytest.mark.parametrize("line, is_caption", [
    ("Володимир Зеленський (фото: Офіс президента)", True),
    ("Photo: AP", True),
    ("Фото: Reuters", True),
    ("Демонстранты у здания парламента. Фото: AFP", True),
    ("Мы сделали фото на память, и это было прекрасно.", False),
    ("Фотограф из Киева получил премию", False),
])
def test_caption_rules(line, is_caption):
    assert bool(caption_spans(line)) is is_caption


def test_headline_repeated_as_image_text_starts_the_body_at_the_headline():
    title = "Норвегия выделит рыбакам миллиард крон"
    page = "\n".join(["Главная", "Новости", "", title, "", "12", "  • 02.11.2025, 14:05", "  • 3,104",
                      title, "", *PARAGRAPHS, "Популярное за неделю", "Курс валют на понедельник"])
    body = body_text(page)
    assert body.startswith(title + "\n\n12\n  • 02.11.2025, 14:05")
    assert body.count(title) == 2 and "Главная" not in body and "Популярное" not in body


# -- other layouts (texts written for these tests) ----------------------------------

CAPTION_FIRST = (" date 2025-11-05\nНіколас Мадуро на параді у Каракасі (Фото: EPA/Мігель Гутьєррес)\n"
                 "Президент Венесуели звернувся до Москви з проханням про нові поставки зброї. Про це "
                 "повідомляє агентство, посилаючись на власні джерела.\nУ зверненні йдеться про ремонт "
                 "літаків і постачання ракет. Як стверджується, лист передали через посольство.\n")
CUT_OFF = ("Головна\nНовини\nПолітика\nМинистр обороны Армении попросил партнеров по ОДКБ ускорить "
           "поставки вооружений, оплаченных еще два года назад. Об этом сообщило ведомство.\nПо словам "
           "министра, речь идет о зенитных ракетных комплексах и бронетехнике, которые так и не были "
           "переданы армянской стороне в установленный ср")
HEADLINE_LEDE = ("Сербия запросила у России партии зенитных комплексов\nБелград направил в Москву "
                 "официальный запрос о поставке комплексов ПВО.\nВ ведомстве уточнили, что речь идет о "
                 "двух батареях, которые должны прикрыть столицу. Решение пока не принято, отметили в "
                 "министерстве обороны.\n")


def test_a_photo_caption_is_never_the_headline():
    start, end = find_body(CAPTION_FIRST)
    assert not is_title("Ніколас Мадуро на параді у Каракасі (Фото: EPA/Мігель Гутьєррес)")
    assert CAPTION_FIRST[start:].startswith("Президент Венесуели")


def test_a_last_paragraph_cut_off_mid_word_is_still_body():
    start, end = find_body(CUT_OFF)
    assert CUT_OFF[start:].startswith("Министр обороны") and end == len(CUT_OFF)


def test_a_menu_line_of_capitalised_words_is_not_prose():
    menu = "Главная Новости Политика Экономика Общество Происшествия Спорт Культура Наука Авто Мнения Видео Фото"
    start, end = find_body(menu + "\n" + HEADLINE_LEDE)
    assert start == len(menu) + 1


def test_a_headline_and_lede_at_the_top_are_body():
    start, end = find_body(HEADLINE_LEDE)
    assert (start, end) == (0, len(HEADLINE_LEDE) - 1)
