"""Small pure pieces: quote location, EDTF bounds, YAML strictness, CSV cells."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, strategies as st

from scripts.dates import edtf_bounds
from scripts.quotes import QuoteError, locate
from scripts.write import csv_cell


@given(st.text(min_size=1), st.text(min_size=1), st.text())
def test_a_located_quote_round_trips(before, quote, after):
    text = before + quote + after
    occurrence = [i for i in range(len(text)) if text.startswith(quote, i)].index(len(before)) + 1
    start, end = locate(text, quote, occurrence)
    assert (start, end) == (len(before), len(before) + len(quote))
    assert text[start:end] == quote


@given(st.text(), st.text(min_size=1))
def test_locate_never_returns_a_wrong_span(text, quote):
    try:
        start, end = locate(text, quote)
    except QuoteError:
        assert text.count(quote) != 1 or quote not in text
    else:
        assert text[start:end] == quote


@pytest.mark.parametrize("edtf, bounds", [
    ("2025-10-26", (dt.date(2025, 10, 26), dt.date(2025, 10, 26))),
    ("2025-10", (dt.date(2025, 10, 1), dt.date(2025, 10, 31))),
    ("[2025-08..2025-10]", (dt.date(2025, 8, 1), dt.date(2025, 10, 31))),
    ("../2025-10-31", (None, dt.date(2025, 10, 31))),
    ("2025-10-01/..", (dt.date(2025, 10, 1), None)),
])
def test_edtf_bounds(edtf, bounds):
    assert edtf_bounds(edtf) == bounds


@pytest.mark.parametrize("edtf", ["2025-02-30", "yesterday", "2025-10-31/2025-10-01"])
def test_bad_edtf_is_refused(edtf):
    with pytest.raises(ValueError):
        edtf_bounds(edtf)


@pytest.mark.parametrize("value, cell", [
    (None, ""), (True, "true"), (False, "false"), (dt.date(2025, 1, 2), "2025-01-02"), (36, "36"),
    ("036", "036"),
])
def test_csv_cells(value, cell):
    assert csv_cell(value) == cell
