"""requests: a request for military help, from one party to another."""


def row(record, scope) -> dict:
    edtf, earliest, latest = scope.edtf(record)
    addressee = scope.known["entities"].get(record.get("addressee"))
    if addressee and addressee.get("country") is None and addressee.get("type") != "organisation":
        # Only an alliance or international organisation is asked without a country.
        scope.problem(record, f"addressee {addressee['id']!r} has no country",
                      f"set `country` of {addressee['id']!r} in reference/entities.yaml, or its "
                      "type to organisation if it is an alliance (CSTO, NATO, ...)", "addressee")
    return {
        "request_id": record["id"],
        "requester_id": scope.ref(record, "requester", "entities"),
        "requester_country": scope.entity_country(record, "requester", "requests", "requester_country"),
        "addressee_id": scope.ref(record, "addressee", "entities"),
        "addressee_country": scope.entity_country(record, "addressee", "requests", "addressee_country"),
        "channel": scope.category(record, "channel", "requests", "channel"),
        "cameo_code": record["cameo_code"], "summary_en": record["summary_en"],
        "purpose_en": record.get("purpose_en"),
        "date_edtf": edtf, "date_earliest": earliest, "date_latest": latest,
        "date_basis": scope.date_basis(record, "requests"),
        "note": record.get("note"),
    }
