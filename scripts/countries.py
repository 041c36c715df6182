"""ISO 3166 lookups through pycountry; nothing here is typed by hand.

Russian and Ukrainian names come from pycountry's gettext catalogues (the Debian
iso-codes translations). Some translations carry a combining acute accent (U+0301) as a
stress mark, which is not part of the spelling and would break matching and sorting,
so it is removed.
"""
from __future__ import annotations

import gettext
from functools import cache

import pycountry

STRESS_MARK = "\u0301"


@cache
def translator(language: str) -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])


def localised(name: str, language: str) -> str:
    return translator(language).gettext(name).replace(STRESS_MARK, "")


def lookup(alpha_2: str):
    """The pycountry record for an upper-case alpha-2 code, or None."""
    if not (isinstance(alpha_2, str) and len(alpha_2) == 2 and alpha_2.isascii() and alpha_2.isupper()):
        return None
    return pycountry.countries.get(alpha_2=alpha_2)


def is_subdivision(code: str) -> bool:
    return isinstance(code, str) and pycountry.subdivisions.get(code=code) is not None


def country_row(alpha_2: str) -> dict:
    """One row of the countries table. Raises KeyError for a code ISO does not assign."""
    country = lookup(alpha_2)
    if country is None:
        raise KeyError(alpha_2)
    return {
        "alpha_2": country.alpha_2,
        "alpha_3": country.alpha_3,
        "numeric": country.numeric,
        "name_en": country.name,
        "name_ru": localised(country.name, "ru"),
        "name_uk": localised(country.name, "uk"),
    }


def short_name(alpha_2: str) -> str:
    """The name people use in running English ("Russia", "Iran", "Venezuela"): the Unicode
    CLDR territory name (through Babel), where ISO's is formal ("Russian Federation",
    "Venezuela, Bolivarian Republic of"). The code itself if neither knows it."""
    from babel import Locale  # only the figures and the draft need it

    name = Locale("en").territories.get(alpha_2)
    if name:
        return name
    country = lookup(alpha_2)
    return country.name.split(",")[0] if country else alpha_2
