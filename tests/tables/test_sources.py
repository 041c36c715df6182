from scripts.build.rows.sources import row


def test_an_input_article_gets_its_hash_and_body_computed(scope):
    [source] = scope.curation.records("sources")
    built = row(source, scope)
    article = scope.curation.articles["mini-article"]
    assert built["is_input"] and built["text_sha256"] == article.sha256
    assert str(built["archive_date"]) == "2030-01-02"
    assert 0 < built["body_start"] < built["body_end"] <= len(article.text)


def test_a_credited_source_has_no_article_columns(scope):
    credited = scope.known["sources"]["vestnik-report"]
    built = row(credited, scope)
    assert not built["is_input"] and built["text_sha256"] is None and built["body_start"] is None
