import datetime as dt

from scripts.build.rows.requests import row
from tests.tables.conftest import problems, record


def test_countries_come_from_the_entities_and_dates_are_bounded(scope):
    [request] = scope.curation.records("requests")
    built = row(request, scope)
    assert (built["requester_country"], built["addressee_country"]) == ("VE", "RU")
    assert (built["date_edtf"], built["date_earliest"], built["date_latest"]) == \
        ("../2030-01-02", None, dt.date(2030, 1, 2))


def test_a_requester_without_a_country_is_a_problem_because_the_schema_requires_one(scope):
    scope.known["entities"]["nobody"] = record(scope, {"id": "nobody", "type": "person",
                                                       "name_en": "Nobody"}, "reference/entities.yaml")
    [request] = scope.curation.records("requests")
    row(record(scope, {**request, "requester": "nobody"}), scope)
    assert problems(scope) == ["requester 'nobody' has no country"]


def test_a_date_needs_its_basis_and_a_basis_needs_a_date(scope):
    [request] = scope.curation.records("requests")
    without_basis = {key: value for key, value in request.items() if key != "date_basis"}
    row(record(scope, without_basis), scope)
    assert problems(scope) == ["date is set but date_basis is not"]
    scope.problems.items.clear()
    undated = {**without_basis, "date": None, "date_basis": "stated"}
    assert row(record(scope, undated), scope)["date_basis"] is None
    assert problems(scope) == ["date_basis is set but date is not"]


def test_an_alliance_may_be_asked_but_a_state_body_needs_its_country(scope):
    [request] = scope.curation.records("requests")
    for kind, expected in (("organisation", []), ("government_body", ["addressee 'alliance' has no country"])):
        scope.problems.items.clear()
        scope.known["entities"]["alliance"] = record(scope, {"id": "alliance", "type": kind,
                                                             "name_en": "Alliance"}, "reference/entities.yaml")
        built = row(record(scope, {**request, "addressee": "alliance"}), scope)
        assert built["addressee_country"] is None and problems(scope) == expected
