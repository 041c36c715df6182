"""Large packages are checked by arrowcheck instead of frictionless: both must refuse the same
broken packages, and both must accept the real one."""
from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from scripts.build import arrowcheck
from scripts.build.validate import check_frictionless, check_tables
from tests.conftest import ROOT


def copy_package(tmp_path: Path) -> Path:
    out = tmp_path / "datapackage"
    for name in ("csv", "schemas"):
        shutil.copytree(ROOT / "datapackage" / name, out / name)
    shutil.copy(ROOT / "datapackage" / "datapackage.json", out)
    return out


def rows_of(out: Path, table: str) -> list[list[str]]:
    with (out / "csv" / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def write_rows(out: Path, table: str, rows: list[list[str]]) -> None:
    with (out / "csv" / f"{table}.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def set_cell(table: str, column: str, value: str):
    """A corruption: `column` of the first row where it is filled gets `value`."""
    def corrupt(out: Path) -> None:
        rows = rows_of(out, table)
        i = rows[0].index(column)
        row = next(r for r in rows[1:] if r[i])
        row[i] = value
        write_rows(out, table, rows)
    return corrupt


def duplicate_row(table: str):
    def corrupt(out: Path) -> None:
        rows = rows_of(out, table)
        write_rows(out, table, rows + [rows[1]])
    return corrupt


def rename_header(table: str, column: str):
    def corrupt(out: Path) -> None:
        rows = rows_of(out, table)
        rows[0][rows[0].index(column)] = column + "_x"
        write_rows(out, table, rows)
    return corrupt


def drop_last_cell(table: str):
    def corrupt(out: Path) -> None:
        rows = rows_of(out, table)
        rows[1] = rows[1][:-1]
        write_rows(out, table, rows)
    return corrupt


CORRUPTIONS = {
    "pattern": set_cell("entities", "wikidata_id", "q42"),
    "pattern-and-foreign-key": set_cell("entities", "country", "ru"),
    "required": set_cell("evidence", "quote", ""),
    "unique": set_cell("countries", "alpha_3", "RUS"),
    "primary-key": duplicate_row("requests"),
    "composite-primary-key": duplicate_row("mentions"),
    "foreign-key": set_cell("evidence", "source_id", "nowhere"),
    "foreign-key-to-fact": set_cell("equipment", "request_id", "request-nowhere"),
    "enum": set_cell("equipment", "action", "stolen"),
    "enum-boolean-column": set_cell("mentions", "mention_kind", "nickname"),
    "integer": set_cell("evidence", "start", "x"),
    "integer-decimal": set_cell("evidence", "end", "12.5"),
    "minimum": set_cell("evidence", "start", "-1"),
    "minimum-count": set_cell("requests", "article_count", "0"),
    "date-shape": set_cell("requests", "date_latest", "31.10.2025"),
    "date-impossible": set_cell("requests", "date_latest", "2025-02-30"),
    "boolean": set_cell("mentions", "in_body", "yes"),
    "header": rename_header("events", "summary_en"),
    "missing-cell": drop_last_cell("sources"),
}


def test_both_validators_accept_the_real_package(tmp_path):
    out = copy_package(tmp_path)
    assert check_frictionless(out) == []
    assert arrowcheck.check_package(out) == []


@pytest.mark.parametrize("corrupt", CORRUPTIONS.values(), ids=CORRUPTIONS.keys())
def test_both_validators_refuse_a_broken_package(tmp_path, corrupt):
    out = copy_package(tmp_path)
    corrupt(out)
    assert check_frictionless(out), "frictionless accepted the corrupted package"
    assert arrowcheck.check_package(out), "arrowcheck accepted the corrupted package"
    # The build shares the resources between two processes: together they find the same.
    shared = check_frictionless(out, share=(0, 2)) + check_frictionless(out, share=(1, 2))
    assert sorted(shared) == sorted(check_frictionless(out))


@pytest.mark.parametrize("corrupt", CORRUPTIONS.values(), ids=CORRUPTIONS.keys())
def test_arrowcheck_finds_the_same_a_few_rows_at_a_time(tmp_path, monkeypatch, corrupt):
    """arrowcheck reads each CSV a block at a time: blocks of a few rows change nothing it
    reports (rows, counts, values, order)."""
    out = copy_package(tmp_path)
    corrupt(out)
    whole = arrowcheck.check_package(out)
    monkeypatch.setattr(arrowcheck, "BLOCK_BYTES", 1024)
    assert arrowcheck.check_package(out) == whole


def test_arrowcheck_names_table_line_value_and_rule(tmp_path):
    out = copy_package(tmp_path)
    set_cell("entities", "country", "ru")(out)
    line = next(i for i, row in enumerate(rows_of(out, "entities")) if "ru" in row) + 1
    assert arrowcheck.check_package(out) == [
        f"entities: row {line}: country='ru': does not match the pattern ^[A-Z]{{2}}$",
        f"entities: row {line}: country='ru': not found in countries.alpha_2 (foreign key)"]


def test_a_large_package_is_checked_by_arrowcheck(tmp_path, monkeypatch):
    out = copy_package(tmp_path)
    set_cell("evidence", "source_id", "nowhere")(out)
    monkeypatch.setattr("scripts.build.validate.ARROW_BYTES", 0)
    monkeypatch.setattr("scripts.build.validate.check_frictionless", lambda out: pytest.fail("not large"))
    assert check_tables(out) == arrowcheck.check_package(out) != []


def test_a_constraint_arrowcheck_does_not_know_stops_it(tmp_path):
    import json

    out = copy_package(tmp_path)
    path = out / "schemas" / "countries.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    schema["fields"][0]["constraints"]["exclusiveMinimum"] = 0
    path.write_text(json.dumps(schema), encoding="utf-8")
    with pytest.raises(arrowcheck.UnsupportedSchema, match="exclusiveMinimum"):
        arrowcheck.check_package(out)


def test_quote_check_names_each_quote_and_article_that_differ(tmp_path):
    """check_quotes takes rows in article order, a batch at a time: it still reports every
    differing quote, in the table's row order, and an article whose bytes changed."""
    from scripts.build import validate

    out = copy_package(tmp_path)
    articles = tmp_path / "articles"
    shutil.copytree(ROOT / "articles", articles)
    assert validate.check_quotes(out, articles) == []
    rows = rows_of(out, "evidence")
    header = rows[0]
    start, end, record = (header.index(name) for name in ("start", "end", "evidence_id"))
    shifted = [rows[1], rows[-1]]  # the first and the last row, of whichever articles
    for row in shifted:
        row[start], row[end] = str(int(row[start]) + 1), str(int(row[end]) + 1)
    write_rows(out, "evidence", rows)
    article = sorted(articles.glob("*.txt"))[0]
    article.write_bytes(article.read_bytes() + b" ")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(validate, "QUOTE_BATCH", 2)  # many batches, articles met again across them
        patch.setattr(arrowcheck, "BLOCK_BYTES", 2048)  # many blocks, each with its own articles
        found = validate.check_quotes(out, articles)
    assert found[0] == f"sources: {article.stem}: text_sha256 does not match the article"
    assert found[1:] == [f"evidence: {row[record]}: quote differs from the article text at "
                         f"{row[start]}:{row[end]}" for row in shifted]


def test_parquet_check_compares_csv_and_parquet_a_block_at_a_time(tmp_path, monkeypatch):
    """check_parquet reads both files in pieces: a value that differs is still found, at its
    row, and so is a row missing from either file."""
    from scripts.build import validate

    out = copy_package(tmp_path)
    shutil.copytree(ROOT / "datapackage" / "parquet", out / "parquet")
    monkeypatch.setattr(arrowcheck, "BLOCK_BYTES", 2048)  # many blocks of a few rows
    assert validate.check_parquet(out) == []
    rows = rows_of(out, "evidence")
    column = rows[0].index("quote")
    rows[-2][column] += " (changed)"
    write_rows(out, "evidence", rows)
    assert validate.check_parquet(out) == [f"evidence: CSV and Parquet differ in quote at row {len(rows) - 2}"]
    write_rows(out, "evidence", rows[:-1])
    assert validate.check_parquet(out) == [f"evidence: CSV and Parquet differ ({len(rows) - 2} vs "
                                           f"{len(rows) - 1} rows)"]
