"""entities: people, organisations, government bodies, media outlets and places."""


def row(record, scope) -> dict:
    country = scope.country(record, "country")
    return {
        "entity_id": record["id"],
        "entity_type": scope.category(record, "type", "entities", "entity_type"),
        "name_en": record["name_en"], "name_ru": record.get("name_ru"),
        "name_uk": record.get("name_uk"), "country": country,
        "subdivision": scope.subdivision(record, "subdivision", country),
        "role_en": record.get("role_en"), "wikidata_id": record.get("wikidata_id"),
        "note": record.get("note"),
    }
