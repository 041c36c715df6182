"""sources: the input articles (with their hash and body offsets) and every source they credit."""


def row(record, scope) -> dict:
    article = scope.curation.articles.get(record["id"])
    layout = scope.layouts.get(record["id"])
    language = scope.language(record, "language")
    if article and language is None:
        scope.problem(record, "an input article needs its language", "set language: ru or uk")
    return {
        "source_id": record["id"],
        "source_type": scope.category(record, "type", "sources", "source_type"),
        "publisher_id": scope.ref(record, "publisher", "entities"),
        "title": record.get("title"), "language": language,
        "published_date": scope.date(record, "published_date"), "url": record.get("url"),
        "is_input": article is not None,
        "text_sha256": article.sha256 if article else None,
        "archive_date": layout.archive_date if layout else None,
        "body_start": layout.body[0] if layout else None,
        "body_end": layout.body[1] if layout else None,
        "note": record.get("note"),
    }
