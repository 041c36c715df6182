"""mentions: a country mention found automatically in an input article.

The record is a scripts.mentions.Mention found by the detector in article `source_id`."""


def row(record, scope, source_id: str) -> dict:
    layout = scope.layouts[source_id]
    return {"source_id": source_id, "start": record.start, "end": record.end, "text": record.text,
            "country": record.country, "mention_kind": record.kind,
            "subdivision": record.subdivision, "in_body": layout.contains(record.start, record.end)}
