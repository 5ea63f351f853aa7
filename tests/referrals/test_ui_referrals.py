"""The Referrals area driven as a coordinator would: real widgets on a real encrypted database.

People, organisations and professionals are made through the services; everything about the
referral itself goes through the widgets (pickers, form, step buttons, risk report dialogs).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from circles_desktop.services.common import attachments
from circles_desktop.services.referrals import referral_list, referrals
from circles_desktop.services.security import access
from circles_desktop.services.security.keyring_vault import KeyVault
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.referrals.referral_form import ReferralPage
from circles_desktop.ui.referrals.referrals_area import ReferralsArea, referrals_area
from circles_desktop.ui.referrals.risk_report_files import TEMP_COPIES
from support import PASSPHRASE
from support.records import D, org, person, professional
from support.ui import WAIT_MS, MemoryKeyring

LEFT = Qt.MouseButton.LeftButton
PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
REFERRER_MESSAGE = (
    "A CoSA referral must come from a professional, such as a probation officer or police offender manager. "
    "Choose the referrer."
)


# --- set-up ------------------------------------------------------------------------------------------
@pytest.fixture(autouse=True)
def no_unexpected_prompts(monkeypatch):
    """A modal box nobody answers would hang the test run: fail instead (tests expecting one patch it)."""

    def unexpected(*args, **kwargs):
        raise AssertionError(f"unexpected message box: {args[1:3]}")

    for name in ("question", "warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, unexpected)


@pytest.fixture
def state(db, data_dir, tmp_path, qtbot):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    st = AppState(str(data_dir), vault=KeyVault(backend=MemoryKeyring()), settings=settings)
    st.database = db
    yield st
    st.background.wait()
    for _ in range(50):
        if not st.background.busy:
            break
        QApplication.processEvents()
    if st.database is not None and st.database is not db:
        st.database.close()
    TEMP_COPIES.remove_all()


@pytest.fixture
def people_made(db):
    """A probation officer (referrer), a core member, and a signposting charity."""
    with db.session() as s:
        probation = org(s, "Severn Probation Delivery Unit", "probation")
        charity = org(s, "Bristol Community Hub", "voluntary")
        role = professional(s, "Priya", "Shah", probation)
        core = person(s, "Bjorn", "Lindqvist", date_of_birth=D(1980, 2, 3))
        focus = person(s, "Zainab", "Begum")
    return {"role": role, "core": core, "focus": focus, "charity": charity}


def make_area(qtbot, state) -> ReferralsArea:
    area = referrals_area(state)
    assert isinstance(area, ReferralsArea)
    qtbot.addWidget(area)
    area.resize(1280, 720)
    area.show()
    return area


def choose(qtbot, picker, text: str) -> None:
    """Open a picker, type the start of a name and press Enter, as a coordinator would."""
    qtbot.keyClick(picker, Qt.Key.Key_Space)
    dialog = picker.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.search, text)
    qtbot.waitUntil(lambda: dialog.model.rowCount() >= 1, timeout=WAIT_MS)
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert not dialog.isVisible()


RECEIVED = D(2025, 1, 6)


def new_cosa(qtbot, area, received=RECEIVED, referrer: bool = True) -> ReferralPage:
    qtbot.mouseClick(area.list.new_button, LEFT)
    page = area.page
    assert area.currentWidget() is page
    ed = page.editor
    choose(qtbot, ed.person, "Lindq")
    if referrer:
        choose(qtbot, ed.referrer, "Shah")
    ed.received_on.set_value(received)
    return page


def step_dialog(qtbot, page, status: str, on_date, reason: str = ""):
    qtbot.mouseClick(page.step_buttons.buttons[status], LEFT)
    dialog = page.step_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.on_date.set_value(on_date)
    if reason:
        dialog.reason.setFocus()
        qtbot.keyClicks(dialog.reason, reason)
    qtbot.mouseClick(dialog.form.save_button, LEFT)
    return dialog


def stored_referrals(db):
    with db.session() as s:
        return referral_list.list_referrals(s, limit=100)


# --- the journey -----------------------------------------------------------------------------------
def test_cosa_referral_created_and_walked_to_accepted(qtbot, state, db, people_made):
    area = make_area(qtbot, state)
    page = new_cosa(qtbot, area)
    ed = page.editor
    assert ed.person.label() == "Bjorn Lindqvist"
    assert ed.referrer.label() == "Priya Shah — Probation officer, Severn Probation Delivery Unit"
    ed.mappa_category.setCurrentIndex(ed.mappa_category.findData(2))
    ed.mappa_level.setCurrentIndex(ed.mappa_level.findData(1))
    ed.eligibility.setFocus()
    qtbot.keyClicks(ed.eligibility, "Convicted of a sexual offence; living locally")
    assert page.step_buttons.buttons == {}  # nothing to walk until saved
    qtbot.mouseClick(ed.save_button, LEFT)
    assert ed.general_error.isHidden(), ed.general_error.text()
    rid = page.referral_id
    assert rid is not None and not ed.is_dirty
    assert page.view.status == "received"
    assert set(page.step_buttons.buttons) == {"initial_discussion", "declined", "withdrawn"}

    assert step_dialog(qtbot, page, "initial_discussion", D(2025, 1, 13)).result() == 1
    assert step_dialog(qtbot, page, "full_referral", D(2025, 1, 27)).result() == 1
    assert page.view.status == "full_referral"
    assert page.stepper.chips["full_referral"].property("step_state") == "current"
    assert not page.create_circle_button.isVisible()
    step_dialog(qtbot, page, "accepted", D(2025, 2, 10))

    assert page.view.status == "accepted"
    assert [(st.status, st.on_date) for st in page.view.steps] == [
        ("received", D(2025, 1, 6)),
        ("initial_discussion", D(2025, 1, 13)),
        ("full_referral", D(2025, 1, 27)),
        ("accepted", D(2025, 2, 10)),
    ]
    assert "10/02/2025" in page.stepper.chips["outcome"].text()
    assert page.stepper.chips["received"].property("step_state") == "done"
    assert set(page.step_buttons.buttons) == {"withdrawn"}
    assert page.create_circle_button.isVisible() and page.create_circle_button.isEnabled()
    with qtbot.waitSignal(area.create_circle_requested, timeout=1000) as signal:
        qtbot.mouseClick(page.create_circle_button, LEFT)
    assert signal.args == [rid]

    with db.session() as s:
        ref = referrals.get_referral(s, rid)
        assert (ref.mappa_category, ref.mappa_level) == (2, 1)
        assert ref.eligibility_notes == "Convicted of a sexual offence; living locally"
        assert ref.agency.name == "Severn Probation Delivery Unit"

    # Back on the list, the status filter shows it under Accepted (with the count on the tab).
    qtbot.mouseClick(page.back_button, LEFT)
    assert area.currentWidget() is area.list
    tabs = area.list.tabs
    labels = [tabs.tabText(i) for i in range(tabs.count())]
    assert "Accepted (1)" in labels and "Received (0)" in labels and "All (1)" in labels
    area.list.set_status_filter("accepted")
    assert area.list.row_ids() == [rid]
    row = area.list.model.row(0)
    assert row[area.list.model.COL_STATUS] == "Accepted" and row[area.list.model.COL_PERSON] == "Bjorn Lindqvist"
    assert row[area.list.model.COL_SINCE] == "10/02/2025"
    area.list.set_status_filter("received")
    assert area.list.row_ids() == []
    # Search and kind filter run in SQL too.
    area.list.set_status_filter(None)
    qtbot.keyClicks(area.list.search, "Begum")
    assert area.list.row_ids() == []
    area.list.search.clear()
    area.list.kind.setCurrentIndex(area.list.kind.findData("community"))
    assert area.list.row_ids() == []
    area.list.kind.setCurrentIndex(area.list.kind.findData("cosa"))
    assert area.list.row_ids() == [rid]
    # Enter on a row opens it.
    area.list.table.setFocus()
    area.list.table.selectRow(0)
    qtbot.keyClick(area.list.table, Qt.Key.Key_Return)
    assert area.currentWidget() is area.page and area.page.referral_id == rid


def test_cosa_referral_without_a_referrer_shows_the_services_message(qtbot, state, db, people_made):
    area = make_area(qtbot, state)
    page = new_cosa(qtbot, area, referrer=False)
    qtbot.mouseClick(page.editor.save_button, LEFT)
    assert page.editor.error_text("referrer_id") == REFERRER_MESSAGE
    assert page.referral_id is None and stored_referrals(db) == []
    assert page.editor.person.label() == "Bjorn Lindqvist"  # nothing typed is lost
    choose(qtbot, page.editor.referrer, "Priya")
    qtbot.mouseClick(page.editor.save_button, LEFT)
    assert page.editor.error_text("referrer_id") == ""
    assert len(stored_referrals(db)) == 1


def test_community_circle_hides_the_referrer_and_takes_a_self_referral(qtbot, state, db, people_made):
    area = make_area(qtbot, state)
    qtbot.mouseClick(area.list.new_button, LEFT)
    ed = area.page.editor
    choose(qtbot, ed.referrer, "Shah")  # chosen first as CoSA, then the kind changes
    ed.kind.setCurrentIndex(ed.kind.findData("community"))
    assert not ed.referrer.isVisible() and ed.signposted_by.isVisible()
    assert not ed.mappa_category.isVisible()
    assert "full_referral" not in area.page.stepper.chips  # a Community Circle needs no full referral
    choose(qtbot, ed.person, "Begum")
    choose(qtbot, ed.signposted_by, "Bristol")
    ed.received_on.set_value(D(2025, 3, 3))
    qtbot.mouseClick(ed.save_button, LEFT)
    assert ed.error_text("purpose") == "Enter the person's purpose: what they want a circle for."
    ed.purpose.setFocus()
    qtbot.keyClicks(ed.purpose, "To feel less alone and get back into work")
    qtbot.mouseClick(ed.save_button, LEFT)
    assert all(ed.error_text(k) == "" for k in ("referrer_id", "signposted_by_id", "purpose", "person_id"))
    assert ed.general_error.isHidden()
    rid = area.page.referral_id
    assert rid is not None
    with db.session() as s:
        ref = referrals.get_referral(s, rid)
        assert ref.self_referral and ref.referrer_id is None
        assert ref.signposted_by.name == "Bristol Community Hub"
    assert area.page.view.referrer_label == ""
    assert set(area.page.step_buttons.buttons) == {"initial_discussion", "accepted", "declined", "withdrawn"}
    # Back to CoSA: the referrer chosen earlier is still there (hidden, not lost).
    ed.kind.setCurrentIndex(ed.kind.findData("cosa"))
    assert ed.referrer.label().startswith("Priya Shah")


def test_declining_without_a_reason_shows_the_message(qtbot, state, db, people_made):
    area = make_area(qtbot, state)
    page = new_cosa(qtbot, area)
    qtbot.mouseClick(page.editor.save_button, LEFT)
    dialog = step_dialog(qtbot, page, "declined", D(2025, 1, 20))
    assert dialog.isVisible()
    assert dialog.form.error_text("reason") == "Give the reason the referral was declined."
    assert page.view.status == "received"
    dialog.reason.setFocus()
    qtbot.keyClicks(dialog.reason, "Not eligible: no conviction for a sexual offence")
    qtbot.mouseClick(dialog.form.save_button, LEFT)
    assert not dialog.isVisible()
    assert page.view.status == "declined"
    assert page.step_buttons.buttons == {}
    assert "Not eligible" in page.step_note.text()
    assert page.stepper.chips["outcome"].property("step_state") == "declined"


def test_a_step_dated_before_the_previous_one_is_refused(qtbot, state, db, people_made, monkeypatch):
    area = make_area(qtbot, state)
    page = new_cosa(qtbot, area, received=RECEIVED)
    qtbot.mouseClick(page.editor.save_button, LEFT)
    dialog = step_dialog(qtbot, page, "initial_discussion", D(2025, 1, 2))
    assert dialog.isVisible()
    assert dialog.form.error_text("on_date") == (
        "The date of this step (02/01/2025) cannot be before the date of the previous step (06/01/2025)."
    )
    assert page.view.status == "received"
    # Escape closes the dialog (after asking, since the date was changed); nothing moved.
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    qtbot.keyClick(dialog.on_date, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    with db.session() as s:
        assert referrals.get_referral(s, page.referral_id).status == "received"


# --- risk reports ----------------------------------------------------------------------------------
def _saved_referral(qtbot, state, people_made):
    area = make_area(qtbot, state)
    page = new_cosa(qtbot, area)
    qtbot.mouseClick(page.editor.save_button, LEFT)
    assert page.referral_id is not None
    return area, page


def _attach(qtbot, monkeypatch, page, path: Path, description: str = ""):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    qtbot.mouseClick(page.reports.attach_button, LEFT)
    dialog = page.reports.attach_dialog
    assert dialog is not None and dialog.isVisible()
    if description:
        dialog.description.setFocus()
        qtbot.keyClicks(dialog.description, description)
    qtbot.mouseClick(dialog.form.save_button, LEFT)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT_MS)
    return dialog


def test_attach_open_and_temporary_copy_removed_on_lock(qtbot, state, db, data_dir, people_made, tmp_path, monkeypatch):
    area, page = _saved_referral(qtbot, state, people_made)
    report = tmp_path / "OASys summary.pdf"
    report.write_bytes(PDF)
    dialog = _attach(qtbot, monkeypatch, page, report, "Pre-release assessment")
    assert not dialog.isVisible(), dialog.form.error_text("file")
    panel = page.reports
    assert panel.model.rowCount() == 1
    assert panel.model.data(panel.model.index(0, panel.model.COL_TYPE)) == "OASys"  # guessed from the name
    assert panel.model.data(panel.model.index(0, panel.model.COL_FILE)) == "OASys summary.pdf"
    assert panel.model.data(panel.model.index(0, panel.model.COL_DESCRIPTION)) == "Pre-release assessment"
    assert "leaves the encrypted store" in panel.open_button.toolTip()

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    panel.table.selectRow(0)
    qtbot.mouseClick(panel.open_button, LEFT)
    assert len(opened) == 1
    path = Path(opened[0].toLocalFile())
    assert path.name == "OASys summary.pdf"
    assert path.read_bytes() == PDF
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
        assert stat.S_IMODE(path.parent.parent.stat().st_mode) == 0o700
    with db.session() as s:
        from circles_desktop.services.security import audit_search

        assert any(r.action == "risk report opened" for r in audit_search.page(s, "risk report opened", 0, 10))

    # Unsaved typing survives the lock; the copy and every row read from the database do not.
    page.editor.suitability.setFocus()
    qtbot.keyClicks(page.editor.suitability, "Keen to take part")
    state.lock("test")
    assert not path.exists() and not path.parent.exists()
    assert panel.model.rowCount() == 0 and area.list.model.rowCount() == 0
    assert page.stepper.chips["received"].property("step_state") == "todo"
    assert page.editor.suitability.toPlainText() == "Keen to take part"

    db2 = access.Unlocker(data_dir).unlock(PASSPHRASE)
    state.set_database(db2)
    assert panel.model.rowCount() == 1
    assert page.view is not None and page.view.status == "received"
    assert page.editor.suitability.toPlainText() == "Keen to take part" and page.editor.is_dirty


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("setup.exe", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + bytes(range(256)) * 4, "is not a type of file that can"),
        ("OASys.pdf", PNG, "is named as a PDF but is really a PNG picture"),
        ("huge.pdf", b"%PDF-1.7\n" + b"\x00" * attachments.MAX_BYTES, "files can be at most 20 MB"),
    ],
)
def test_refused_files_show_the_message_and_store_nothing(
    qtbot, state, db, people_made, tmp_path, monkeypatch, name, content, message
):
    _area, page = _saved_referral(qtbot, state, people_made)
    bad = tmp_path / name
    bad.write_bytes(content)
    dialog = _attach(qtbot, monkeypatch, page, bad, "From the referrer")
    assert dialog.isVisible()  # still open with what was entered
    assert message in dialog.form.error_text("file")
    assert dialog.description.text() == "From the referrer"
    assert page.reports.model.rowCount() == 0
    with db.session() as s:
        assert referrals.risk_reports(s, page.referral_id) == []
    # The right file then goes in without typing anything again.
    good = tmp_path / "asset.pdf"
    good.write_bytes(PDF)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(good), ""))
    qtbot.mouseClick(dialog.choose_again, LEFT)
    dialog.report_type.setCurrentIndex(dialog.report_type.findData("asset"))
    qtbot.mouseClick(dialog.form.save_button, LEFT)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)
    assert page.reports.model.rowCount() == 1


def test_remove_asks_first(qtbot, state, db, people_made, tmp_path, monkeypatch):
    _area, page = _saved_referral(qtbot, state, people_made)
    report = tmp_path / "arms.pdf"
    report.write_bytes(PDF)
    _attach(qtbot, monkeypatch, page, report)
    panel = page.reports
    panel.table.selectRow(0)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    qtbot.mouseClick(panel.remove_button, LEFT)
    assert panel.model.rowCount() == 1
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(panel.remove_button, LEFT)
    assert panel.model.rowCount() == 0


# --- leaving, keys, pickers ------------------------------------------------------------------------
def test_unsaved_changes_prompt_on_leaving(qtbot, state, db, people_made, monkeypatch):
    area, page = _saved_referral(qtbot, state, people_made)
    page.editor.suitability.setFocus()
    qtbot.keyClicks(page.editor.suitability, "Motivated")
    assert page.editor.is_dirty
    asked = []

    def answer(button):
        def question(*args, **kwargs):
            asked.append(args[2])
            return button

        return question

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Cancel))
    qtbot.mouseClick(page.back_button, LEFT)
    assert asked and "not saved" in asked[0]
    assert area.currentWidget() is page and page.editor.suitability.toPlainText() == "Motivated"
    assert area.can_leave() is False

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Save))
    assert area.can_leave() is True  # saved on the way out
    with db.session() as s:
        assert referrals.get_referral(s, page.referral_id).suitability_notes == "Motivated"

    qtbot.keyClicks(page.editor.suitability, " and reliable")
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Discard))
    qtbot.mouseClick(page.back_button, LEFT)
    assert area.currentWidget() is area.list
    with db.session() as s:
        assert referrals.get_referral(s, page.referral_id).suitability_notes == "Motivated"
    assert area.can_leave() is True


def test_enter_saves_and_escape_cancels(qtbot, state, db, people_made):
    area = make_area(qtbot, state)
    qtbot.mouseClick(area.list.new_button, LEFT)
    ed = area.page.editor
    ed.received_on.setFocus()
    qtbot.keyClick(ed.received_on, Qt.Key.Key_Return)  # Enter saves: the service's messages appear
    assert ed.error_text("person_id") == "Choose the person referred."
    assert ed.error_text("referrer_id") == REFERRER_MESSAGE
    choose(qtbot, ed.person, "Lindq")
    choose(qtbot, ed.referrer, "Shah")
    qtbot.keyClick(ed.referrer, Qt.Key.Key_Return)
    rid = area.page.referral_id
    assert rid is not None and not ed.is_dirty

    # Enter in the step dialog records the step.
    qtbot.mouseClick(area.page.step_buttons.buttons["initial_discussion"], LEFT)
    dialog = area.page.step_dialog
    qtbot.keyClick(dialog.on_date, Qt.Key.Key_Return)
    assert not dialog.isVisible() and area.page.view.status == "initial_discussion"

    # Escape on the clean form goes back to the list.
    ed.person.setFocus()
    qtbot.keyClick(ed.person, Qt.Key.Key_Escape)
    assert area.currentWidget() is area.list


def test_picker_searches_in_sql_and_delete_clears(qtbot, state, db, people_made):
    area = make_area(qtbot, state)
    qtbot.mouseClick(area.list.new_button, LEFT)
    picker = area.page.editor.person
    qtbot.keyClick(picker, Qt.Key.Key_Space)
    dialog = picker.dialog
    qtbot.keyClicks(dialog.search, "zz-nobody")
    assert dialog.model.rowCount() == 0
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert dialog.isVisible() and "No person matches" in dialog.error.text()
    dialog.search.clear()
    qtbot.keyClicks(dialog.search, "03/02/1980")  # by date of birth
    assert dialog.model.rowCount() == 1
    qtbot.keyClick(dialog.search, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert picker.value() == people_made["core"] and area.page.editor.is_dirty
    qtbot.keyClick(picker, Qt.Key.Key_Delete)
    assert picker.value() is None
    # Escape closes the search without choosing.
    qtbot.keyClick(picker, Qt.Key.Key_Space)
    qtbot.keyClick(dialog.search, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and picker.value() is None


def test_typing_on_the_person_field_starts_its_search(qtbot, state, people_made):
    """The field reads "Search for a person…": a new coordinator types a name there. The letters were
    lost (a closed drop-down ignores them); now they open the search with what was typed, in order."""
    area = make_area(qtbot, state)
    qtbot.mouseClick(area.list.new_button, LEFT)
    picker = area.page.editor.person
    picker.setFocus()
    qtbot.keyClicks(picker, "Lindq")  # each letter to the field, as when typing outruns the dialog
    dialog = picker.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.search.text() == "Lindq"
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=WAIT_MS)
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert "Lindqvist" in picker.currentText()


def test_the_referrer_search_shows_every_column_whole(qtbot, state, people_made):
    """Its columns were stretched past the dialog's width: "Organisation" showed as "Organis", behind a
    sideways scroll bar."""
    area = make_area(qtbot, state)
    qtbot.mouseClick(area.list.new_button, LEFT)
    picker = area.page.editor.referrer
    picker.setFocus()
    qtbot.keyClick(picker, Qt.Key.Key_Space)
    dialog = picker.dialog
    qtbot.keyClicks(dialog.search, "Shah")
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=WAIT_MS)
    header = dialog.table.horizontalHeader()
    headings = [dialog.model.headerData(c, Qt.Orientation.Horizontal) for c in range(header.count())]
    assert "Organisation" in headings
    room = dialog.table.viewport().width()
    qtbot.waitUntil(lambda: sum(header.sectionSize(c) for c in range(header.count())) <= room, timeout=WAIT_MS)
    assert not dialog.table.horizontalScrollBar().isVisible()
    for c in range(header.count()):
        assert header.sectionSize(c) >= header.sectionSizeFromContents(c).width(), headings[c]
    qtbot.keyClick(dialog.search, Qt.Key.Key_Escape)


def test_each_step_hands_the_keyboard_to_the_next(qtbot, state, people_made):
    """After a step's dialog the keyboard went back to the areas list; now it is on the next step, so a
    referral walks from received to accepted by Enter alone."""
    area = make_area(qtbot, state)
    page = new_cosa(qtbot, area)
    qtbot.mouseClick(page.editor.save_button, LEFT)
    qtbot.waitUntil(lambda: bool(page.step_buttons.buttons), timeout=WAIT_MS)
    area.activateWindow()  # the keyboard belongs to an active window
    qtbot.waitUntil(area.isActiveWindow, timeout=WAIT_MS)
    walked = []
    for _ in range(3):  # initial discussion, full referral, accepted
        button = next(iter(page.step_buttons.buttons.values()))
        if not walked:
            button.setFocus()
        qtbot.waitUntil(lambda b=button: QApplication.focusWidget() is b, timeout=WAIT_MS)
        walked.append(button.text().replace("&", ""))
        qtbot.keyClick(button, Qt.Key.Key_Space)
        dialog = page.step_dialog
        qtbot.waitUntil(dialog.isVisible, timeout=WAIT_MS)
        qtbot.keyClick(dialog.on_date, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda d=dialog: not d.isVisible(), timeout=WAIT_MS)
        area.activateWindow()  # what the window manager does as the dialog goes (offscreen does not)
    assert walked == ["Initial discussion held…", "Full referral received…", "Accept…"]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.create_circle_button, timeout=WAIT_MS)
    assert page.saved_note.text() == "Moved to accepted."
