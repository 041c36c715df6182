"""The draft's proposals become curation records resolved against what the repository knows."""
from __future__ import annotations

from scripts.curator.draft.facts import Known, propose

TEXT = ("Министр обороны Армении попросил ОДКБ о поставках ракет, сообщает ТАСС. Мадуро попросил "
        "Путина отремонтировать восемь двигателей.")
ENTITIES = [
    {"id": "nicolas-maduro", "type": "person", "name_en": "Nicolás Maduro", "name_ru": "Николас Мадуро",
     "country": "VE"},
    {"id": "vladimir-putin", "type": "person", "name_en": "Vladimir Putin", "name_ru": "Владимир Путин",
     "country": "RU"},
    {"id": "tass", "type": "media_outlet", "name_en": "TASS", "name_ru": "ТАСС", "country": "RU"},
]
SOURCES = [{"id": "tass-report", "type": "news_article", "publisher": "tass"}]


def span(text: str, quote: str) -> dict:
    start = text.index(quote)
    return {"quote": quote, "start": start, "end": start + len(quote)}


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
