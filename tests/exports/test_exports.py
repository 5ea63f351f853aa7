"""Lists leaving as spreadsheets: CSV and XLSX as a spreadsheet reads them, every export audited with
the list's name and row count (never a name), bad input refused with nothing written; and the
`export-list` command, as a real process."""

from __future__ import annotations

import csv
import zipfile
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from circles_desktop.models import AuditEntry
from circles_desktop.services.common.validation import ValidationError
from circles_desktop.services.exports import lists
from circles_desktop.services.exports.export import export_table
from support.due import action, active_cosa, meeting
from support.records import person

KIND_IN_WORDS = "CoSA circle"
HEADERS = ("Name", "Born", "Count")
ROWS = [("Siân Smith-Jones", date(1990, 5, 14), 3), ('=HYPERLINK("http://x")', None, 0)]


def audit_entries(s) -> list[AuditEntry]:
    return list(s.scalars(select(AuditEntry).where(AuditEntry.action == "list exported")))


def read_csv(path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def xlsx_cells(path) -> str:
    """The sheet's XML (XlsxWriter writes strings inline in constant-memory mode)."""
    with zipfile.ZipFile(path) as z:
        return z.read("xl/worksheets/sheet1.xml").decode()


def test_csv_keeps_accents_and_dates_and_quotes_formulas_and_is_audited_without_names(db, tmp_path):
    out = tmp_path / "people.csv"
    with db.session() as s:
        result = export_table(s, "people", out, "People", HEADERS, ROWS)
    assert (result.format, result.rows) == ("CSV", 2)
    assert read_csv(out) == [
        list(HEADERS),
        ["Siân Smith-Jones", "14/05/1990", "3"],
        ['\'=HYPERLINK("http://x")', "", "0"],
    ]
    with db.session() as s:
        [entry] = audit_entries(s)
        assert (entry.object, entry.detail) == ("people", "CSV, 2 rows")
        assert "Siân" not in entry.detail + entry.object


def test_xlsx_has_the_header_and_every_row_and_writes_formula_text_as_text(db, tmp_path):
    out = tmp_path / "people.xlsx"
    with db.session() as s:
        result = export_table(s, "people", out, "People: all [2025]", HEADERS, ROWS)
    assert (result.format, result.rows) == ("XLSX", 2)
    sheet = xlsx_cells(out)
    assert "Siân Smith-Jones" in sheet and "<f>" not in sheet  # no cell became a formula
    assert sheet.count("<row ") == 3
    with zipfile.ZipFile(out) as z:
        assert 'name="People  all  2025"' in z.read("xl/workbook.xml").decode()  # a sheet name Excel accepts
    with db.session() as s:
        assert [e.detail for e in audit_entries(s)] == ["XLSX, 2 rows"]


@pytest.mark.parametrize("name", ["people.pdf", "people", "people.csv.txt"])
def test_a_file_not_named_csv_or_xlsx_is_refused_with_nothing_written_or_audited(db, tmp_path, name):
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(ValidationError) as caught, db.session() as s:
        export_table(s, "people", folder / name, "People", HEADERS, ROWS)
    assert "Name the file .csv or .xlsx" in caught.value.errors["path"]
    assert list(folder.iterdir()) == []
    with db.session() as s:
        assert audit_entries(s) == []


def test_a_failure_while_writing_leaves_no_file_and_no_audit_entry(db, tmp_path):
    def rows():
        yield ROWS[0]
        raise OSError("disk full")

    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(OSError), db.session() as s:
        export_table(s, "people", folder / "people.csv", "People", HEADERS, rows())
    assert list(folder.iterdir()) == []
    with db.session() as s:
        assert audit_entries(s) == []


def test_every_list_the_command_line_knows_exports(db, tmp_path):
    today = date.today()
    with db.session() as s:
        cid = active_cosa(s)
        mid = meeting(s, cid, today - timedelta(days=10))
        action(s, cid, today - timedelta(days=3), mid, description="Ring the housing officer",
               owner=person(s, "Zoë", "Ó Briain"))  # fmt: skip
    for name, table in lists.LISTS.items():
        with db.session() as s:
            result = lists.export_list(s, name, tmp_path / f"{name}.csv", today)
        rows = read_csv(tmp_path / f"{name}.csv")
        assert rows[0] == list(table.headers) and len(rows) == result.rows + 1, name
        assert result.rows >= 1, name
    assert read_csv(tmp_path / "circles.csv")[1][1] == KIND_IN_WORDS
    [owed] = [row for row in read_csv(tmp_path / "due.csv") if row[2] == "Zoë Ó Briain"]
    assert owed[:2] == ["Overdue actions, by owner", "Ring the housing officer (" + owed[1].split(" (")[1]]
    assert owed[4].startswith("3 days overdue")
    with db.session() as s:
        assert sorted(e.object for e in audit_entries(s)) == sorted(lists.LISTS)


def test_an_unknown_list_is_refused(db, tmp_path):
    with pytest.raises(ValidationError) as caught, db.session() as s:
        lists.export_list(s, "volunteers", tmp_path / "v.csv")
    assert "choose one of people, organisations" in caught.value.errors["list"]
