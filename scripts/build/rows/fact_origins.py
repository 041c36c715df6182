"""fact_origins: each origin a fact's evidence traces to, with the chain of credits.

The record is computed by scripts/build/across.py (count_support) from evidence and
citations: the root, whether it is an input article speaking on its own authority, the
shortest path of credits, and how many input articles reach it."""


def row(record: dict, scope=None) -> dict:
    return {key: record[key] for key in ("fact_table", "fact_id", "root_source_id", "root_is_input",
                                         "path", "article_count")}
