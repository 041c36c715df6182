from scripts.build.rows.citations import check_repeats, row
from tests.tables.conftest import problems


def test_a_citation_row_has_the_offsets_of_its_quote(scope):
    [citation] = scope.curation.records("citations")
    built = row(citation, scope)
    text = scope.curation.articles["mini-article"].text
    assert text[built["start"]:built["end"]] == built["quote"] == "сообщает газета «Вестник»"
    assert (built["citing_source_id"], built["cited_source_id"], built["stated_in_id"]) == \
        ("mini-article", "vestnik-report", "mini-article")


def test_the_same_credit_twice_in_one_article_is_a_problem(scope):
    [citation] = scope.curation.records("citations")
    check_repeats([citation, citation], [row(citation, scope)] * 2, scope)
    assert problems(scope) == ["citation mini-article -> vestnik-report is stated twice in this article"]
