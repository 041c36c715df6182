"""The spreadsheet (scripts/build/spreadsheet.py)."""
from __future__ import annotations

import datetime as dt
import zipfile

import pyarrow as pa
import pytest

from scripts import registry
from scripts.build.spreadsheet import WIDTH, write_spreadsheet
from tests.formats.conftest import FILES, pk_sorted, sha256, write_twice


# -- spreadsheet ---------------------------------------------------------------------------

def xlsx_value(kind: str, value):
    if value is None:
        return None
    return dt.datetime.combine(value, dt.time()) if kind == "date" else value


def test_spreadsheet_is_byte_reproducible(tables, context, tmp_path):
    a, b = write_twice(write_spreadsheet, tables, context, tmp_path, pause=1.1)
    assert a.name == FILES["xlsx"]
    assert sha256(a) == sha256(b)
    with zipfile.ZipFile(a) as archive:
        assert {info.date_time[0] for info in archive.infolist()} == {1980}
        core = archive.read("docProps/core.xml").decode()
        from scripts.build.package import created

        assert "<dcterms:created" in core and created(tables) in core  # from the data, as datapackage.json


def test_spreadsheet_has_every_table_typed(any_package, tmp_path):
    from openpyxl import load_workbook

    package, tables, context = any_package
    workbook = load_workbook(write_spreadsheet(tables, context, tmp_path)[0])
    assert workbook.sheetnames == [*registry.NAMES, "dictionary"]
    cell_types = {"string": "s", "date": "d", "boolean": "b", "integer": "n", "number": "n"}
    for name in registry.NAMES:
        schema, sheet = context.schema(name), workbook[name]
        fields = schema["fields"]
        header, *rows = sheet.iter_rows()
        assert [c.value for c in header] == [f["name"] for f in fields]
        assert all(c.font.b for c in header) and sheet.freeze_panes == "A2"
        widths = [sheet.column_dimensions[c.column_letter].width for c in header]
        assert all(WIDTH[0] <= w <= WIDTH[1] + 1 for w in widths), (name, widths)
        expected = [[xlsx_value(f["type"], row[f["name"]]) for f in fields]
                    for row in pk_sorted(tables[name].to_pylist(), schema)]
        assert [[c.value for c in row][:len(fields)] for row in rows] == expected, name
        for row in rows:
            for field, cell in zip(fields, row):
                if cell.value is not None:
                    assert cell.data_type == cell_types[field["type"]], (name, field["name"])
                    if field["type"] == "date":
                        assert cell.number_format == "yyyy-mm-dd"
    requests = {r[0].value: r for r in workbook["requests"].iter_rows(min_row=2)}
    assert requests["request-maduro-putin-letter"][6].value == "0232"


def test_spreadsheet_dictionary_sheet_describes_every_field(written, context):
    from openpyxl import load_workbook

    sheet = load_workbook(written / FILES["xlsx"])["dictionary"]
    header, *rows = sheet.iter_rows(values_only=True)
    assert header == ("table", "field", "type", "required", "description", "allowed values")
    expected = [(name, f["name"], f["type"], "yes" if f.get("constraints", {}).get("required") else None,
                 f["description"], "; ".join(f"{c['value']}: {c['label']}" for c in f.get("categories", []))
                 or None)
                for name in registry.NAMES for f in context.schema(name)["fields"]]
    assert rows == expected


FORMULA_LIKE = ["=1+1", "+SUM(A1:A2)", "-2+3", "@SUM(A1)", "=HYPERLINK(\"http://x\",\"y\")", "0232"]


def test_spreadsheet_never_turns_text_into_a_formula_or_a_number(tables, context, tmp_path):
    from openpyxl import load_workbook

    entities = tables["entities"]
    notes = [FORMULA_LIKE[i] if i < len(FORMULA_LIKE) else v
             for i, v in enumerate(entities["note"].to_pylist())]
    changed = {**tables, "entities": entities.set_column(
        entities.schema.get_field_index("note"), "note", pa.array(notes, pa.string()))}
    path = write_spreadsheet(changed, context, tmp_path)[0]
    sheet = load_workbook(path)["entities"]
    column = [c.value for c in sheet[1]].index("note")
    cells = [row[column] for row in sheet.iter_rows(min_row=2)]
    ordered = pk_sorted(changed["entities"].to_pylist(), context.schema("entities"))
    by_value = {row["note"]: cell for row, cell in zip(ordered, cells)}
    for text in FORMULA_LIKE:
        assert by_value[text].value == text and by_value[text].data_type == "s", text
    with zipfile.ZipFile(path) as archive:
        assert not any(b"<f>" in archive.read(n) or b"<f " in archive.read(n)
                       for n in archive.namelist() if n.startswith("xl/worksheets/"))


def test_spreadsheet_refuses_text_longer_than_a_cell(tables, context, tmp_path):
    entities = tables["entities"]
    notes = ["x" * 40_000] + entities["note"].to_pylist()[1:]
    changed = {**tables, "entities": entities.set_column(
        entities.schema.get_field_index("note"), "note", pa.array(notes, pa.string()))}
    with pytest.raises(ValueError, match="more than a cell holds"):
        write_spreadsheet(changed, context, tmp_path)


def test_spreadsheet_continues_a_table_beyond_the_row_limit_on_more_sheets(tables, context, tmp_path,
                                                                          monkeypatch):
    from openpyxl import load_workbook

    from scripts.build import spreadsheet

    monkeypatch.setattr(spreadsheet, "EXCEL_ROWS", 31)  # 30 rows and the header per sheet
    workbook = load_workbook(write_spreadsheet(tables, context, tmp_path)[0])
    rows = len(tables["mentions"])
    parts = ["mentions"] + [f"mentions ({n})" for n in range(2, (rows + 29) // 30 + 1)]
    assert [name for name in workbook.sheetnames if name.startswith("mentions")] == parts
    values = [row for name in parts for row in list(workbook[name].iter_rows(values_only=True))[1:]]
    assert [row[:2] for row in values] == [(m["source_id"], m["start"]) for m in pk_sorted(
        tables["mentions"].to_pylist(), context.schema("mentions"))]


def test_spreadsheet_keeps_spaces_escapes_and_characters_xml_cannot_carry(tables, context, tmp_path):
    """Cells made by scripts/build/sheetxml.py read back as XlsxWriter's own cells of the same
    text do (characters XML cannot carry, and text that looks like such an escape, are
    Excel's _xHHHH_ escapes, which Excel decodes and openpyxl shows as written)."""
    import xlsxwriter
    from openpyxl import load_workbook

    odd = [" leading and trailing ", "a_x0041_b", "bell\x07 and tab\t", "<b>&amp;</b>"]
    reference = tmp_path / "reference.xlsx"
    workbook = xlsxwriter.Workbook(str(reference), {"constant_memory": True})
    sheet = workbook.add_worksheet()
    for row, text in enumerate(odd):
        sheet.write_string(row, 0, text)
    workbook.close()
    expected = {row[0] for row in load_workbook(reference).active.iter_rows(values_only=True)}
    entities = tables["entities"]
    notes = odd + entities["note"].to_pylist()[len(odd):]
    changed = {**tables, "entities": entities.set_column(
        entities.schema.get_field_index("note"), "note", pa.array(notes, pa.string()))}
    (tmp_path / "out").mkdir()
    sheet = load_workbook(write_spreadsheet(changed, context, tmp_path / "out")[0])["entities"]
    column = [c.value for c in sheet[1]].index("note")
    assert expected <= {row[column] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert " leading and trailing " in expected and "<b>&amp;</b>" in expected
