from scripts.build.rows.equipment import row
from tests.tables.conftest import problems, record


def test_an_item_of_a_request(scope):
    [item] = scope.curation.records("equipment")
    built = row(item, scope)
    assert (built["request_id"], built["category"], built["supplier_country"]) == \
        ("request-missiles", "missile", "RU")


def test_a_category_the_schema_does_not_list_is_a_problem(scope):
    [item] = scope.curation.records("equipment")
    assert row(record(scope, {**item, "category": "lasers"}), scope)["category"] is None
    assert problems(scope) == ["category 'lasers' is not an allowed value"]


def test_a_reference_to_another_articles_request_is_deferred(scope):
    [item] = scope.curation.records("equipment")
    row(record(scope, {**item, "request": "request-elsewhere"}), scope)
    assert problems(scope) == [] and [d.value for d in scope.deferred] == ["request-elsewhere"]
