"""evidence: a quote in an input article that supports one request, item or event."""
from scripts import registry
from scripts.build.read import stated_in


def row(record, scope) -> dict:
    source_id = stated_in(record)
    start, end = scope.quote(record)
    facts = {table.id_column: scope.ref(record, table.ref_key, table.name) for table in registry.counted()}
    return {
        "evidence_id": record["id"], "source_id": source_id,
        "request_id": facts["request_id"], "item_id": facts["item_id"], "event_id": facts["event_id"],
        "attributed_to_id": scope.ref(record, "attributed_to", "sources"),
        "quote": record["quote"], "start": start, "end": end,
        "language": scope.known["sources"][source_id].get("language"),
        "note": record.get("note"),
    }
