"""EDTF dates and their bounds.

Curators write one EDTF string per fact ("2025-10-26", "[2025-08..2025-10]" for
"recently", "../2025-10-31" for "before publication"); the earliest and latest possible
calendar dates are computed here so the two can never disagree.
"""
from __future__ import annotations

import datetime as dt
import math
from functools import lru_cache

from edtf import parse_edtf, struct_time_to_date


def _bound(value) -> dt.date | None:
    # An open interval end ("../2025-10-31") comes back as +/- infinity.
    if isinstance(value, float) and math.isinf(value):
        return None
    return struct_time_to_date(value)


@lru_cache(maxsize=4096)
def edtf_bounds(text: str) -> tuple[dt.date | None, dt.date | None]:
    """(earliest, latest) for an EDTF string; ValueError if it does not parse or is reversed.

    Cached: parsing with the EDTF grammar (pyparsing) is slow, and a corpus repeats its
    date strings ("../2025-10-31") across thousands of facts (BENCHMARKS.md).
    """
    try:
        parsed = parse_edtf(text)
        earliest, latest = _bound(parsed.lower_strict()), _bound(parsed.upper_strict())
    except Exception as exc:  # the library raises its own exception types, and ValueError
        raise ValueError(f"{text!r} is not a valid EDTF date ({exc})") from None
    if earliest and latest and earliest > latest:
        raise ValueError(f"{text!r} ends ({latest}) before it starts ({earliest})")
    return earliest, latest


def iso_date(text: str) -> dt.date:
    """A calendar date that exists; ValueError otherwise (2025-02-30 is refused)."""
    return dt.date.fromisoformat(text)
