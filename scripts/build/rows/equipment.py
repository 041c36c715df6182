"""equipment: an item or capability requested (request_id) or transferred (event_id)."""


def row(record, scope) -> dict:
    return {
        "item_id": record["id"],
        "request_id": scope.ref(record, "request", "requests"),
        "event_id": scope.ref(record, "event", "events"),
        "description_en": record["description_en"],
        "action": scope.category(record, "action", "equipment", "action"),
        "category": scope.category(record, "category", "equipment", "category"),
        "sipri_category": scope.category(record, "sipri_category", "equipment", "sipri_category"),
        "supplier_country": scope.country(record, "supplier_country"),
        "recipient_country": scope.country(record, "recipient_country"),
        "quantity": record.get("quantity"), "max_range_km": record.get("max_range_km"),
        "note": record.get("note"),
    }
