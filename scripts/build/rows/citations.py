"""citations: "source A credits source B", as stated (with a quote) in an input article."""
from scripts.build.read import stated_in


def row(record, scope) -> dict:
    citing = scope.ref(record, "citing", "sources")
    cited = scope.ref(record, "cited", "sources")
    start, end = scope.quote(record)
    return {"citing_source_id": citing, "cited_source_id": cited,
            "stated_in_id": stated_in(record), "quote": record["quote"], "start": start, "end": end,
            "note": record.get("note")}


def check_repeats(records, rows, scope) -> None:
    """The same credit stated twice in one article is a curation slip."""
    seen = set()
    for record, built in zip(records, rows):
        key = (built["citing_source_id"], built["cited_source_id"], built["stated_in_id"])
        if key in seen:
            scope.problem(record, f"citation {key[0]} -> {key[1]} is stated twice in this article",
                          "keep one of the two records")
        seen.add(key)
