"""Small pure pieces: quote location, EDTF bounds, YAML strictness, CSV cells."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import example, given, strategies as st

from scripts.dates import edtf_bounds
from scripts.quotes import QuoteError, locate
from scripts.build.write import csv_cell


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


# Any text a curator may write: commas, quotes, newlines, leading "=", emoji, RTL, NUL-free.
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r"),
               min_size=1)


@given(st.lists(TEXT, min_size=1, max_size=5))
@example(["\t"])
@example(['=1+2', 'a,b', '"quoted"', 'line\nbreak', '🙂', 'עברית', ' lead'])
def test_csv_writer_round_trips_any_text(tmp_path_factory, values):
    import csv

    import pandas as pd
    import pyarrow as pa
    import pyarrow.csv as pacsv

    from scripts.build.write import write_csv

    # Two columns, like every table of the package: in a one-column CSV a whitespace-only
    # value ("\t") is a line pandas cannot tell from a blank line, and skips.
    schema = {"fields": [{"name": "key", "type": "string", "description": "x"},
                         {"name": "value", "type": "string", "description": "x"}]}
    path = tmp_path_factory.mktemp("csv") / "t.csv"
    write_csv(pa.Table.from_pylist([{"key": "k", "value": v} for v in values]), schema, path)
    with path.open(encoding="utf-8", newline="") as handle:
        assert [row["value"] for row in csv.DictReader(handle)] == values
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert frame["key"].tolist() == ["k"] * len(values)
    assert frame["value"].tolist() == values
    table = pacsv.read_csv(path, convert_options=pacsv.ConvertOptions(
        column_types={"key": "string", "value": "string"}, strings_can_be_null=False))
    assert table.column("value").to_pylist() == values


SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"


@given(st.from_regex(SLUG, fullmatch=True))
def test_valid_slugs_pass_the_curation_schema(slug):
    from scripts.build.read import curation_validator
    from tests.conftest import ROOT

    validator = curation_validator(ROOT / "schemas", "slug")
    assert validator.is_valid(slug)


@given(st.text())
def test_the_slug_rule_refuses_anything_else(text):
    import re

    from scripts.build.read import curation_validator
    from tests.conftest import ROOT

    validator = curation_validator(ROOT / "schemas", "slug")
    expected = bool(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", text))
    # The fast gate and the detailed validator must agree, or bad input could slip past.
    assert validator.is_valid(text) == validator.full.is_valid(text) == expected


@given(st.text(max_size=3))
def test_country_lookup_accepts_exactly_iso_alpha_2(code):
    import pycountry

    from scripts.countries import lookup

    iso = {c.alpha_2 for c in pycountry.countries}
    assert (lookup(code) is not None) == (code in iso)


# Python 3.11's csv module leaves a lone "\r" unquoted (only the line terminator's "\n" is
# special to it), which a reader then takes for a line break; write_csv quotes it (below).
ROWS = st.lists(st.tuples(st.one_of(st.none(), st.text(alphabet=st.characters(blacklist_categories=("Cs",),
                                                                              blacklist_characters="\r"))),
                          st.one_of(st.none(), st.integers(-2**63, 2**63 - 1)),
                          st.one_of(st.none(), st.booleans()),
                          st.one_of(st.none(), st.dates())), max_size=20)


@given(ROWS)
@example([("a,b", 1, True, dt.date(2025, 10, 31)), ('say "x"', None, False, None), ("\n", -5, None, None),
          ("", 0, None, dt.date(1, 1, 1)), (None, None, None, None)])
def test_csv_files_are_written_exactly_as_the_csv_module_writes_them(tmp_path_factory, rows):
    import csv
    import io

    import pyarrow as pa

    from scripts.build.write import csv_cell, write_csv

    names = ["text", "number", "flag", "day"]
    schema = {"fields": [{"name": n, "type": t, "description": "x"}
                         for n, t in zip(names, ["string", "integer", "boolean", "date"])]}
    table = pa.Table.from_pylist([dict(zip(names, row)) for row in rows], schema=pa.schema(
        [("text", pa.string()), ("number", pa.int64()), ("flag", pa.bool_()), ("day", pa.date32())]))
    path = tmp_path_factory.mktemp("csv") / "t.csv"
    write_csv(table, schema, path)
    expected = io.StringIO()
    writer = csv.writer(expected, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(names)
    writer.writerows([csv_cell(value) for value in row] for row in rows)
    assert path.read_bytes() == expected.getvalue().encode("utf-8")


def test_a_carriage_return_in_a_value_is_quoted_and_reads_back(tmp_path):
    import csv

    import pyarrow as pa

    from scripts.build.write import write_csv

    schema = {"fields": [{"name": n, "type": "string", "description": "x"} for n in ("a", "b")]}
    path = tmp_path / "t.csv"
    write_csv(pa.Table.from_pylist([{"a": "x\ry", "b": "\r"}]), schema, path)
    assert path.read_bytes() == b'a,b\n"x\ry","\r"\n'
    with path.open(encoding="utf-8", newline="") as handle:
        assert list(csv.DictReader(handle)) == [{"a": "x\ry", "b": "\r"}]
