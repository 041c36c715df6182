from scripts.build.rows.entities import row
from tests.tables.conftest import problems, record


def test_an_entity_row(scope):
    built = row(record(scope, {"id": "caracas", "type": "place", "name_en": "Caracas",
                               "country": "VE", "subdivision": "VE-A"}, "reference/entities.yaml"), scope)
    assert built["entity_id"] == "caracas" and built["subdivision"] == "VE-A"
    assert problems(scope) == []


def test_a_subdivision_of_another_country_is_a_problem(scope):
    row(record(scope, {"id": "x", "type": "place", "name_en": "X", "country": "RU",
                       "subdivision": "VE-A"}, "reference/entities.yaml"), scope)
    assert problems(scope) == ["subdivision 'VE-A' is not a subdivision of country RU"]
