"""Records the draft's tests share: known entities and sources, and where a quote is."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

ENTITIES = [
    {"id": "nicolas-maduro", "type": "person", "name_en": "Nicolás Maduro", "name_ru": "Николас Мадуро",
     "country": "VE"},
    {"id": "vladimir-putin", "type": "person", "name_en": "Vladimir Putin", "name_ru": "Владимир Путин",
     "country": "RU"},
    {"id": "tass", "type": "media_outlet", "name_en": "TASS", "name_ru": "ТАСС", "country": "RU"},
]
SOURCES = [{"id": "tass-report", "type": "news_article", "publisher": "tass"}]


def governments(**countries: str) -> list[dict]:
    """Government bodies by slug and country: governments(cuba="CU", south_korea="KR")."""
    return [{"id": f"{slug.replace('_', '-')}-government", "type": "government_body", "country": country}
            for slug, country in countries.items()]


def span(text: str, quote: str) -> dict:
    start = text.index(quote)
    return {"quote": quote, "start": start, "end": start + len(quote)}


def drafted(text: str, language: str, published: str, more_entities=(), **known):
    """The draft's proposals for a text, extracted as `make draft` extracts it, with the shared
    entities and sources plus more_entities, and the package's facts given as keywords of
    Known (requests=, events=, ...)."""
    from scripts.curator.draft.facts import propose
    from scripts.curator.draft.references import Known
    from scripts.curator.extract import extract

    return propose(extract(text, language), text, "a", published,
                   Known(ENTITIES + list(more_entities), SOURCES, **known), ROOT)


def caracas_request(text: str, quote: str, items: list[tuple[str, str]], **extra) -> dict:
    """An extractor proposal of Caracas asking Moscow, quoting `quote` of `text`, with its
    items as (word, category); `extra` sets the names and credits the tests vary."""
    found = span(text, quote)
    return {"requester_name": extra.pop("requester_name", "Каракас"), "requester_country": "VE",
            "addressee_name": "Москву", "addressee_country": "RU", "addressee_organisation": None,
            "channel": "unspecified", "attributed_to": None, **found,
            "evidence": [{**found, "attributed_to": extra.pop("attributed_to", None),
                          "requester_name": extra.pop("sentence_requester", None)}],
            "items": [{"text": word, "category": category, "sipri_category": None, "action": "supply",
                       "quantity": None, "max_range_km": None, "start": text.index(word),
                       "end": text.index(word) + len(word)} for word, category in items], **extra}
