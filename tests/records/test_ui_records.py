"""The records' screens driven as a coordinator would: delete a circle (reason, reference typed),
the refusal to delete a person others refer to, a subject-access export, and the retention review."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from sqlalchemy import text

from circles_desktop.models import Circle, Person
from circles_desktop.services.records.deletion import DeletionReason
from circles_desktop.ui.common import operations
from circles_desktop.ui.records.delete_circle_dialog import open_delete_circle
from circles_desktop.ui.records.delete_person_dialog import (
    DeletePersonDialog,
    PersonInUseDialog,
    open_delete_person,
)
from circles_desktop.ui.records.retention_page import YEARS_KEY, RetentionPage
from circles_desktop.ui.records.subject_access_dialog import open_subject_access
from support import records
from support.journeys import choose, type_text
from support.ui import WAIT_MS


def _circle(state) -> tuple[int, str, int]:
    def make(s):
        cid = records.cosa_circle(s)
        records.inner_volunteer(s, cid)
        c = s.get(Circle, cid)
        return cid, c.reference, c.focus_person_id

    return operations.write(state, make).value


def test_deleting_a_circle_asks_for_a_reason_and_its_reference(qtbot, state):
    cid, reference, _ = _circle(state)
    dialog = open_delete_circle(state, cid)
    qtbot.addWidget(dialog)
    goes = [dialog.goes.item(i).text() for i in range(dialog.goes.count())]
    assert "1 circle" in goes and "1 referral" in goes and any(g.endswith("circle members") for g in goes)
    assert any(g.endswith("referral steps") for g in goes)
    assert dialog.windowTitle() == "Delete circle" and reference in dialog.form.heading.text()
    qtbot.keyClick(dialog.form.field("confirmation"), Qt.Key.Key_Return)  # Enter tries to delete
    assert dialog.form.error_text("reason") == "Choose a reason for deleting."
    assert reference in dialog.form.error_text("confirmation")
    assert operations.read(state, lambda s: s.get(Circle, cid) is not None, False)

    choose(dialog.form.field("reason"), DeletionReason.ENTERED_IN_ERROR)
    type_text(qtbot, dialog.form.field("confirmation"), reference.lower())
    with qtbot.waitSignal(dialog.deleted, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.form.save_button, Qt.MouseButton.LeftButton)
    assert operations.read(state, lambda s: s.get(Circle, cid), "unread") is None


def test_a_person_others_refer_to_is_refused_with_the_list(qtbot, state):
    _cid, reference, core_member = _circle(state)
    dialog = open_delete_person(state, core_member)
    qtbot.addWidget(dialog)
    assert isinstance(dialog, PersonInUseDialog)
    listed = [dialog.uses.item(i).text() for i in range(dialog.uses.count())]
    assert f"circle members (person): 1 ({reference})" in listed
    assert any(line.startswith("referral (person): 1") for line in listed)
    qtbot.keyClick(dialog.uses, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_a_person_nothing_refers_to_is_deleted_with_a_reason(qtbot, state):
    pid = operations.write(state, lambda s: records.volunteer(s, "Wiremu", "Tāwhai")).value
    dialog = open_delete_person(state, pid)
    qtbot.addWidget(dialog)
    assert isinstance(dialog, DeletePersonDialog)
    choose(dialog.form.field("reason"), DeletionReason.NO_LONGER_NEEDED)
    with qtbot.waitSignal(dialog.deleted, timeout=WAIT_MS):
        qtbot.keyClick(dialog.form.field("reason"), Qt.Key.Key_Return)
    assert operations.read(state, lambda s: s.get(Person, pid), "unread") is None


def test_subject_access_writes_both_files_and_says_so(qtbot, state, tmp_path):
    _cid, _reference, core_member = _circle(state)
    dialog = open_subject_access(state, core_member, "Dáithí Ó Briain")
    qtbot.addWidget(dialog)
    qtbot.keyClick(dialog.form.field("folder"), Qt.Key.Key_Return)
    assert dialog.form.error_text("folder") == "Choose the folder to write the files to."
    type_text(qtbot, dialog.form.field("folder"), str(tmp_path / "missing"))
    qtbot.keyClick(dialog.form.field("folder"), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "does not exist" in dialog.form.error_text("folder"), timeout=WAIT_MS)
    dialog.form.field("folder").setText(str(tmp_path))
    with qtbot.waitSignal(dialog.written, timeout=WAIT_MS) as done:
        qtbot.mouseClick(dialog.form.save_button, Qt.MouseButton.LeftButton)
    written = done.args[0]
    assert written.pdf.exists() and written.json.exists()
    assert written.pdf.name in dialog.status.text()


def test_retention_review_lists_circles_closed_past_the_years(qtbot, state):
    cid, reference, _ = _circle(state)
    old = date(date.today().year - 8, 1, 15)
    operations.write(
        state,
        lambda s: s.execute(
            text("UPDATE circles SET status = 'closed', started_on = :d, ended_on = :d WHERE id = :c"),
            {"d": old, "c": cid},
        ),
    )
    page = RetentionPage(state)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.count.text() == "1 circle due for review", timeout=WAIT_MS)
    assert page.model.row(0)[0] == reference
    page.years.setFocus()
    page.years.selectAll()
    qtbot.keyClicks(page.years, "9")
    qtbot.waitUntil(lambda: page.count.text() == "0 circles due for review", timeout=WAIT_MS)
    assert int(state.settings.value(YEARS_KEY)) == 9
    qtbot.keyClick(page.delete_button, Qt.Key.Key_Space)
    assert page.error.text() == "Choose a circle in the list first."
