"""Credits the extractor finds (scripts/curator/extract/citations.py, attribution.py): who
an article credits, chains "X со ссылкой на Y", anaphors, hedges and what is no credit."""
from __future__ import annotations

import pytest

from scripts.curator.extract import extract


def requests_of(result: dict) -> set[tuple]:
    return {(r["requester_country"], r["addressee_country"] or r["addressee_organisation"])
            for r in result["requests"]}


def test_credit_chain():
    text = "Мадуро попросил Путина о военной помощи, сообщает РБК-Украина со ссылкой на The Washington Post."
    result = extract(text)
    cited = {c["cited_name"]: c for c in result["citations"]}
    assert cited["РБК-Украина"]["via"] is None
    assert cited["The Washington Post"]["via"] == "РБК-Украина"
    assert result["requests"][0]["attributed_to"] == "РБК-Украина"


@pytest.mark.parametrize("language, text", [
    ("uk", "Мовник LRT з посиланням на два джерела в уряді пише, що Литва попросила Німеччину про гаубиці."),
    ("ru", "Агентство Reuters со ссылкой на три источника в правительстве пишет, что Литва попросила Германию о гаубицах."),
])
def test_an_outlet_citing_unnamed_sources_before_its_verb_is_credited(language, text):
    result = extract(text, language)
    assert [c["cited_name"] for c in result["citations"]] == [text.split()[1]]
    assert result["requests"][0]["attributed_to"] == text.split()[1]


def test_documents_of_a_body_and_a_quoted_outlet_in_a_chain():
    text = ("Венесуэла попросила Китай о радарах. Об этом сообщает Reuters со ссылкой на документы "
            "венесуэльского министерства обороны.")
    cited = {c["cited_name"]: c for c in extract(text)["citations"]}
    assert cited["документы венесуэльского министерства обороны"]["via"] == "Reuters"
    assert cited["документы венесуэльского министерства обороны"]["kind"] == "documents"
    text = ("Молдова попросила Румунію про радари, повідомляє «Європейська правда» з посиланням на молдовське "
            "агентство IPN.")
    result = extract(text, "uk")
    chained = next(c for c in result["citations"] if c["cited_name"] == "IPN")
    assert chained["quote"].startswith("«Європейська правда»") and chained["via"] == "Європейська правда"
    assert all(text[c["start"]:c["end"]] == c["quote"] for c in result["citations"])


def test_recalled_anaphoric_and_interrupted_credits():
    text = ("Вірменія попросила Францію про гаубиці, повідомляє агентство «Арменпрес». Того ж дня сторони "
            "підписали план співробітництва, йдеться в повідомленні агентства. Як нагадує «Арменпрес», до "
            "Єревана прибули радари.")
    result = extract(text, "uk")
    assert [s["attributed_to"] for s in result["sentences"]] == ["Арменпрес"] * 3
    assert {e["attributed_to"] for e in result["events"]} == {"Арменпрес"}
    text = "El País также сообщает, что в Каракас прибыл самолёт Ил-76."
    assert [c["quote"] for c in extract(text)["citations"]] == ["El País также сообщает"]
    # the paper's sources are the paper's; sources alone are nobody's
    for sources, credited in (("источники газеты", "El País"), ("источники", None)):
        text = f"Каракас попросил Минск о вертолётах, пишет El País. Как утверждают {sources}, он доставил запчасти."
        assert extract(text)["events"][0]["attributed_to"] == credited


def test_hedges_and_retro_credits_carry_the_source():
    text = ("Каракас запросил у Москвы ракеты. Об этом пишет газета The Washington Post. "
            "Согласно тем же документам, Венесуэла обращалась за военной поддержкой и к Ирану.")
    result = extract(text)
    assert {r["attributed_to"] for r in result["requests"]} == {"The Washington Post"}
    text = ("Про це повідомляє Bloomberg. Зазначається, що Каракас попросив Іран про постачання дронів.")
    assert extract(text)["requests"][0]["attributed_to"] == "Bloomberg"


def test_an_unnamed_source_is_neither_a_citation_nor_a_channel():
    result = extract("Как сообщил источник, знакомый с ситуацией, Ереван попросил ОДКБ направить миротворцев.")
    assert result["citations"] == [] and requests_of(result) == {("AM", "CSTO")}
    assert result["requests"][0]["channel"] == "unspecified"


@pytest.mark.parametrize("language, text", [
    ("ru", "Как рассказал Testwire источник в правительстве, Бишкек попросил Анкару о беспилотниках."),
    ("uk", "Як розповіло Testwire джерело в уряді, Бішкек попросив Анкару про безпілотники."),
])
def test_an_unnamed_source_telling_the_outlet_is_no_citation_of_it(language, text):
    """The outlet after the verb is who was told ("рассказал Testwire источник"): nobody named
    is credited."""
    result = extract(text, language)
    assert result["citations"] == [] and requests_of(result) == {("KG", "TR")}


def test_telling_is_not_crediting():
    result = extract("Веласкес сообщил иранскому чиновнику, что Венесуэле необходимы дроны.")
    assert result["citations"] == [] and requests_of(result) == {("VE", "IR")}
    assert result["requests"][0]["channel"] == "verbal_message"


# -- body, captions, date line ----------------------------------------------------


def test_a_chain_to_an_outlet_named_behind_adjectives_and_a_descriptor():
    text = ("Министр попросил ОДКБ о помощи, сообщает «Интерфакс» со ссылкой на таджикское "
            "государственное агентство «Ховар».")
    cited = {(c["cited_name"], c["via"]) for c in extract(text, "ru")["citations"]}
    assert cited == {("Интерфакс", None), ("Ховар", "Интерфакс")}


def test_an_outlet_behind_a_descriptor_that_starts_with_an_adjective():
    text = "Латвія попросила США про радари, повідомляє латвійське суспільне мовлення LSM."
    assert [c["cited_name"] for c in extract(text, "uk")["citations"]] == ["LSM"]


def test_a_chain_behind_an_adjective_that_reads_first_as_a_noun():
    """pymorphy3 reads "турецьку" first as a noun; before a descriptor it is its adjective."""
    text = "Сомалі попросило Туреччину про гелікоптери, повідомляє агентство Reuters з посиланням на турецьку газету Sabah."
    cited = {(c["cited_name"], c["via"]) for c in extract(text, "uk")["citations"]}
    assert cited == {("Reuters", None), ("Sabah", "Reuters")}


def test_a_recalling_credit_holds_for_its_paragraph_only():
    text = ("Эквадор попросил США о вертолетах, сообщает агентство EFE.\n"
            "Как напоминает EFE, в августе Эквадор уже получил катера. Их передала береговая охрана.\n"
            "Еще в марте Эквадор просил США о беспилотниках.")
    by_start = {s["start"]: s["attributed_to"] for s in extract(text, "ru")["sentences"]}
    assert [by_start[text.index(words)] for words in ("Эквадор попросил", "Как напоминает", "Их передала",
                                                       "Еще в марте")] == ["EFE", "EFE", "EFE", None]


def test_publishing_quoting_and_a_closing_credit_of_a_paragraph():
    text = ("«Мы просим только то, что нужно». Так министр объяснил обращение Камбоджи к Китаю. "
            "Выступление министра передает агентство AKP.\n"
            "Список обнародовала газета Khmer Times. «Ответ будет», — цитирует его «Интерфакс».")
    result = extract(text, "ru")
    assert {c["cited_name"] for c in result["citations"]} == {"AKP", "Khmer Times", "Интерфакс"}
    by_start = {s["start"]: s["attributed_to"] for s in result["sentences"]}
    assert [by_start[text.index(words)] for words in ("«Мы просим", "Так министр")] == ["AKP", "AKP"]


def test_telling_an_outlet_named_by_its_kind_credits_that_outlet():
    """"сказал агентству AFP", "в ефірі телеканалу ERT", "у коментарі агентству Reuters": the
    outlet someone spoke to is credited; telling a person is not crediting (above)."""
    cases = [
        ("ru", "Генсек альянса в пятницу сказал агентству AFP, что просьбу Ганы обсудят министры.",
         "сказал агентству AFP", "AFP"),
        ("uk", "Посол у Празі в ефірі державного телеканалу ČT24 підтвердив, що звернення існує.",
         "в ефірі державного телеканалу ČT24", "ČT24"),
        ("uk", "У коментарі агентству Bloomberg речниця пообіцяла розглянути прохання Кишинева.",
         "У коментарі агентству Bloomberg", "Bloomberg"),
        ("ru", "В интервью телеканалу NHK министр сказал, что Манила просит Токио о радарах.",
         "В интервью телеканалу NHK", "NHK"),
    ]
    for language, text, quote, name in cases:
        result = extract(text, language)
        assert [(c["quote"], c["cited_name"]) for c in result["citations"]] == [(quote, name)], text
        assert all(s["attributed_to"] == name for s in result["sentences"])
    assert extract("Министр сказал, что армии нужны ракеты.", "ru")["citations"] == []


def test_a_credit_with_a_day_between_verb_and_outlet():
    text = "Министр направил Сеулу письмо с просьбой о радарах, сообщила во вторник газета The Korea Herald."
    assert [c["cited_name"] for c in extract(text, "ru")["citations"]] == ["The Korea Herald"]


def test_an_institution_credited_by_name_holds_for_its_paragraph():
    """"По данным Сил обороны Гайаны": the whole name of the institution (a capitalised noun
    and its genitives), credited for its own paragraph; the next paragraph speaks for the
    article again."""
    text = ("Гайана попросила Британию о радарах, сообщила газета The Times.\n\n"
            "По данным Сил обороны Гайаны, 20 ноября был обстрелян патруль.\n\n"
            "В январе 2024 года Гайана просила США о вертолётах.")
    result = extract(text)
    cited = {c["cited_name"]: c for c in result["citations"]}
    assert cited["Сил обороны Гайаны"]["kind"] == "body"
    assert [s["attributed_to"] for s in result["sentences"]] == ["The Times", "Сил обороны Гайаны", None]


def test_words_said_on_air_are_credited_for_their_paragraph_only():
    text = ("Польща просить США про ракети Patriot, написала газета Rzeczpospolita.\n\n"
            "Міністр в ефірі радіо RMF FM пояснив поспіх загрозою з півночі.\n\n"
            "У вересні міністр просив Вашингтон пришвидшити постачання ракет PAC-3.")
    assert [s["attributed_to"] for s in extract(text, "uk")["sentences"]] == ["Rzeczpospolita", "RMF FM", None]


def test_a_report_credited_in_the_lede_covers_the_lede_before_it():
    """"Гайана обратилась к Великобритании ... . Президент ... направил письмо ..., сообщила
    газета The Times": the lede's first sentence is The Times' too; the next paragraph with
    a credit of its own is not changed."""
    text = ("Гайана просит Лондон о радарах\n\n"
            "Гайана обратилась к Великобритании за военной помощью. Президент Али направил письмо "
            "премьеру, сообщила газета The Times.\n\nПо данным агентства Reuters, письмо короткое.")
    assert [s["attributed_to"] for s in extract(text)["sentences"]] == [None, "The Times", "The Times", "Reuters"]


@pytest.mark.parametrize("language, text, poster, quote", [
    ("uk", "Міністр оборони Румунії Іонуц Моштяну пояснив у Facebook рішення ради. У НАТО лист отримали.",
     "Іонуц Моштяну", "у Facebook"),
    ("ru", "Министр иностранных дел Венесуэлы Иван Хиль отверг в своем Telegram-канале причастность военных. "
           "В том же посте он обвинил Джорджтаун.", "Иван Хиль", "в своем Telegram-канале"),
    ("ru", "Президент Ирфаан Али написал в Facebook, что письмо отправлено.", "Ирфаан Али", "в Facebook"),
])
def test_a_post_on_a_social_network_is_credited_to_the_one_who_posted(language, text, poster, quote):
    result = extract(text, language)
    [credit] = result["citations"]
    assert (credit["cited_name"], credit["kind"], credit["quote"]) == (poster, "post", quote)
    assert result["sentences"][0]["attributed_to"] == poster
