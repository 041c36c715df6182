from scripts.build.rows.countries import row


def test_codes_and_names_come_from_pycountry_without_stress_marks():
    venezuela = row("VE")
    assert (venezuela["alpha_2"], venezuela["alpha_3"], venezuela["numeric"]) == ("VE", "VEN", "862")
    assert venezuela["name_en"] == "Venezuela, Bolivarian Republic of"
    assert "\u0301" not in venezuela["name_ru"] + venezuela["name_uk"] and venezuela["name_ru"]
