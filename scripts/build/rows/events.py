"""events: other reported facts (delivery, arrival, treaty, statement, denial, ...)."""


def row(record, scope) -> dict:
    edtf, earliest, latest = scope.edtf(record)
    actor, target, place = (scope.ref(record, key, "entities") for key in ("actor", "target", "place"))
    place_record = scope.known["entities"].get(place)
    return {
        "event_id": record["id"],
        "event_type": scope.category(record, "event_type", "events", "event_type"),
        "cameo_code": record.get("cameo_code"), "summary_en": record["summary_en"],
        "actor_id": actor, "actor_country": scope.entity_country(record, "actor", "events", "actor_country"),
        "target_id": target,
        "target_country": scope.entity_country(record, "target", "events", "target_country"),
        "place_id": place, "place_country": scope.entity_country(record, "place", "events", "place_country"),
        "place_subdivision": place_record.get("subdivision") if place_record else None,
        "date_edtf": edtf, "date_earliest": earliest, "date_latest": latest,
        "date_basis": scope.date_basis(record, "events"),
        "claim_status": scope.category(record, "claim_status", "events", "claim_status"),
        "note": record.get("note"),
    }
