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
