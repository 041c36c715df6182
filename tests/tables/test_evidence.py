from scripts.build.rows.evidence import row


def test_evidence_rows_point_at_one_fact_with_exact_offsets(scope):
    text = scope.curation.articles["mini-article"].text
    for evidence in scope.curation.records("evidence"):
        built = row(evidence, scope)
        assert text[built["start"]:built["end"]] == built["quote"]
        assert sum(built[k] is not None for k in ("request_id", "item_id", "event_id")) == 1
        assert built["language"] == "ru" and built["source_id"] == "mini-article"
