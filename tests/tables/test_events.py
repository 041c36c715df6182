from scripts.build.rows.events import row


def test_place_country_and_subdivision_come_from_the_place_entity(scope):
    [event] = scope.curation.records("events")
    built = row(event, scope)
    assert (built["place_id"], built["place_country"], built["place_subdivision"]) == ("caracas", "VE", "VE-A")
    assert built["actor_country"] == "RU" and built["target_id"] is None
