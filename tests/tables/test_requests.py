import datetime as dt

from scripts.build.rows.requests import row
from tests.tables.conftest import problems, record


def test_countries_come_from_the_entities_and_dates_are_bounded(scope):
    [request] = scope.curation.records("requests")
    built = row(request, scope)
    assert (built["requester_country"], built["addressee_country"]) == ("VE", "RU")
    assert (built["date_edtf"], built["date_earliest"], built["date_latest"]) == \
        ("../2030-01-02", None, dt.date(2030, 1, 2))


def test_an_addressee_without_a_country_is_a_problem_because_the_schema_requires_one(scope):
    scope.known["entities"]["nobody"] = record(scope, {"id": "nobody", "type": "person",
                                                       "name_en": "Nobody"}, "reference/entities.yaml")
    [request] = scope.curation.records("requests")
    row(record(scope, {**request, "addressee": "nobody"}), scope)
    assert problems(scope) == ["addressee 'nobody' has no country"]


def test_a_date_needs_its_basis_and_a_basis_needs_a_date(scope):
    [request] = scope.curation.records("requests")
    without_basis = {key: value for key, value in request.items() if key != "date_basis"}
    row(record(scope, without_basis), scope)
    assert problems(scope) == ["date is set but date_basis is not"]
    scope.problems.items.clear()
    undated = {**without_basis, "date": None, "date_basis": "stated"}
    assert row(record(scope, undated), scope)["date_basis"] is None
    assert problems(scope) == ["date_basis is set but date is not"]
