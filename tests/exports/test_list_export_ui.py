"""Export… on the lists, driven as a coordinator would: it asks where, warns that the file is not
encrypted, writes what the list shows (its search and narrowing choice, in its order), and audits it;
Cancel at the warning writes nothing; a failure is said beside the list."""

from __future__ import annotations

import csv

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox
from sqlalchemy import select

from circles_desktop.models import AuditEntry
from circles_desktop.ui.circles.circles_list import CirclesArea
from circles_desktop.ui.people.people_page import PeopleArea
from support.due import active_cosa
from support.journeys import click, type_text
from support.records import person, volunteer
from support.ui import WAIT_MS

OK, CANCEL = QMessageBox.StandardButton.Ok, QMessageBox.StandardButton.Cancel


@pytest.fixture
def answers(monkeypatch):
    """What the coordinator answers: the file name typed in the save dialog, and the warning's button."""
    given = {"path": "", "button": OK, "warned": []}
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (given["path"], "Excel workbook (*.xlsx)"))

    def warning(_parent, title, text, *_a, **_k):
        given["warned"].append((title, text))
        return given["button"]

    monkeypatch.setattr(QMessageBox, "warning", warning)
    return given


def exports_audited(state) -> list[tuple[str, str]]:
    with state.database.session() as s:
        rows = s.execute(select(AuditEntry.object, AuditEntry.detail).where(AuditEntry.action == "list exported"))
        return [tuple(r) for r in rows]


def read_csv(path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def test_people_export_holds_what_the_list_shows_with_its_search_and_is_audited(qtbot, state, tmp_path, answers):
    with state.database.session() as s:
        person(s, "Siân", "Smith-Jones")
        volunteer(s, "Tomasz", "Smith")
        person(s, "Aled", "Price")
    area = PeopleArea(state)
    qtbot.addWidget(area)
    area.show()
    type_text(qtbot, area.search, "smith")
    qtbot.waitUntil(lambda: area.model.total == 2, timeout=WAIT_MS)
    answers["path"] = str(tmp_path / "people")  # no suffix typed: the chosen type's is added
    with qtbot.waitSignal(area.export.exported, timeout=WAIT_MS) as done:
        click(qtbot, area.export.button)
    [(title, text)] = answers["warned"]
    assert title == "The file will not be encrypted" and "Export 2 rows of people to people.xlsx" in text
    assert done.args[0].path == tmp_path / "people.xlsx" and done.args[0].rows == 2
    assert exports_audited(state) == [("people", "XLSX, 2 rows")]

    area.part.setCurrentIndex(area.part.findData("volunteer"))  # narrowed further: volunteers only
    qtbot.waitUntil(lambda: area.model.total == 1, timeout=WAIT_MS)
    answers["path"] = str(tmp_path / "volunteers.csv")
    with qtbot.waitSignal(area.export.exported, timeout=WAIT_MS):
        click(qtbot, area.export.button)
    rows = read_csv(tmp_path / "volunteers.csv")
    assert rows[0] == list(area.model.headers) and len(rows) == 2
    assert rows[1][0] == "Smith, Tomasz" and "Volunteer" in rows[1]
    assert exports_audited(state)[-1] == ("people", "CSV, 1 row")


def test_cancel_at_the_warning_writes_nothing_and_audits_nothing(qtbot, state, tmp_path, answers):
    area = PeopleArea(state)
    qtbot.addWidget(area)
    answers["path"], answers["button"] = str(tmp_path / "people.csv"), CANCEL
    assert area.export.start() is False
    answers["path"] = ""  # the save dialog closed with no name
    assert area.export.start() is False
    assert list(tmp_path.glob("people*")) == [] and exports_audited(state) == []


def test_a_file_that_cannot_be_written_is_said_beside_the_list(qtbot, state, tmp_path, answers):
    area = PeopleArea(state)
    qtbot.addWidget(area)
    area.show()
    answers["path"] = str(tmp_path / "no such folder" / "people.csv")
    with qtbot.waitSignal(area.export.failed, timeout=WAIT_MS) as failed:
        area.export.start()
    assert failed.args[0].startswith("Nothing was exported")
    qtbot.waitUntil(lambda: area.error.text().startswith("Nothing was exported"), timeout=WAIT_MS)
    assert exports_audited(state) == [] and area.export.button.isEnabled()


def test_the_circles_list_exports_each_circles_kind_in_words(qtbot, state, tmp_path, answers):
    with state.database.session() as s:
        active_cosa(s)
    area = CirclesArea(state)
    qtbot.addWidget(area)
    area.show()
    qtbot.waitUntil(lambda: area.model.total == 1, timeout=WAIT_MS)
    answers["path"] = str(tmp_path / "circles.csv")
    area.export.button.setFocus()
    with qtbot.waitSignal(area.export.exported, timeout=WAIT_MS):
        qtbot.keyClick(area.export.button, Qt.Key.Key_Space)  # by keyboard
    header, row = read_csv(tmp_path / "circles.csv")
    assert row[header.index("Kind")] == "CoSA circle"


def test_home_exports_every_line_of_what_needs_doing_not_only_the_first_few(qtbot, state, tmp_path, answers):
    from datetime import date, timedelta

    from circles_desktop.ui.home.home_area import HomeArea
    from support.due import action, meeting

    today = date.today()
    with state.database.session() as s:
        cid = active_cosa(s)
        mid = meeting(s, cid, today - timedelta(days=20))
        for n in range(30):  # more than the 25 Home lists of a kind
            action(s, cid, today - timedelta(days=3), mid, description=f"Overdue action {n:02d}")
    home = HomeArea(state)
    qtbot.addWidget(home)
    with qtbot.waitSignal(home.loaded, timeout=WAIT_MS):
        home.show()
    assert sum(t.startswith("Overdue action") for t, _ref in home.lines()) == 25
    answers["path"] = str(tmp_path / "due.csv")
    with qtbot.waitSignal(home.export.exported, timeout=WAIT_MS):
        click(qtbot, home.export.button)
    [(_title, text)] = answers["warned"]
    shown = sum(section.total for section in home.sections)
    assert f"Export {shown:,} rows of what needs doing to due.csv" in text
    rows = read_csv(tmp_path / "due.csv")
    assert rows[0] == ["Kind", "What", "Whose", "Due", "When"]
    assert sum(r[1].startswith("Overdue action") for r in rows[1:]) == 30
    assert exports_audited(state) == [("due", f"CSV, {len(rows) - 1} rows")]
