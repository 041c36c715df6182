"""countries: one row per ISO 3166-1 code that a country column of any table holds."""
from scripts import countries


def row(alpha_2: str, scope=None) -> dict:
    """Codes and names from pycountry, never typed by hand."""
    return countries.country_row(alpha_2)
