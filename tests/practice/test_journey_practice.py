"""The community of practice journey through the widgets of the real application: people recorded, a
community of practice set up, a season with its chair, a session with a lived-experience presentation
(refused until the presenter's consent is recorded), who took part by sector, a barrier raised and what
changed, the mailing list with someone removed at their request and the list exported (without them);
then the app is shut down, started again and unlocked, and it is all found again on screen."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from circles_desktop.services.sharing import sharing
from circles_desktop.ui.sharing import print_pdf
from support import PASSPHRASE
from support.exports import printer_to_file
from support.journeys import add_person, click, go_to, search_pick, type_text
from support.ui import WAIT_MS, start_shell, unlock

TODAY = date.today()
STARTED = TODAY - timedelta(days=120)
SESSION = datetime.combine(TODAY - timedelta(days=20), time(12))


def save(qtbot, dialog) -> None:
    click(qtbot, dialog.form.save_button)
    assert not dialog.isVisible(), dialog.form.general_error.text()


def test_practice_journey_survives_a_restart(qtbot, request, created, tmp_path, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    data_dir, _ = created
    shell = start_shell(qtbot, request, data_dir)
    unlock(qtbot, shell, PASSPHRASE)
    people = go_to(qtbot, shell.window, "People")
    for given, family in (("Steve", "Freeman"), ("Anna", "Mather"), ("Siân", "Pritchard"), ("Tomasz", "Wójcik")):
        add_person(qtbot, people, given, family)

    area = go_to(qtbot, shell.window, "Communities of practice")
    click(qtbot, area.new_button)
    new = area.dialog
    type_text(qtbot, new.form.field("title"), "Severnside Community of Practice")
    new.form.field("started_on").set_value(STARTED)
    save(qtbot, new)
    screen = area.opened

    click(qtbot, screen.seasons_tab.add_button)
    season = screen.dialog
    type_text(qtbot, season.form.field("theme"), "Prison Release")
    search_pick(qtbot, season.form.field("chair_id"), "Freeman", "Steve Freeman")
    season.form.field("starts_on").set_value(STARTED + timedelta(days=7))
    save(qtbot, season)
    assert "season “Prison Release”: due" in screen.due.text()

    sessions = screen.sessions_tab
    screen.tabs.setCurrentWidget(sessions)
    click(qtbot, sessions.add_button)
    session = screen.dialog
    session.form.field("starts_at").set_value(SESSION)
    type_text(qtbot, session.form.field("refreshments"), "Refreshments and a working lunch")
    save(qtbot, session)
    assert sessions.table.rowCount() == 1

    # A named lived-experience presentation waits for the presenter's consent.
    click(qtbot, sessions.add_talk)
    talk = screen.dialog
    type_text(qtbot, talk.form.field("title"), "A journey of prison release")
    search_pick(qtbot, talk.form.field("presenter_id"), "Mather", "Anna Mather")
    talk.form.field("lived_experience").setChecked(True)
    click(qtbot, talk.form.save_button)
    assert "Record the presenter's consent" in talk.form.error_text("consent_on")
    talk.form.field("consent_on").set_value(SESSION.date() - timedelta(days=3))
    save(qtbot, talk)
    assert sessions.talks.item(0, 2).text() == "Lived experience, named"

    sessions.how_many.selectAll()
    qtbot.keyClicks(sessions.how_many, "3")
    click(qtbot, sessions.add_people)  # people with lived experience, no organisation
    assert "Lived experience: 3" in sessions.by_sector.text()

    # The session note, saved with a password (refused until the two match).
    sessions.table.selectRow(0)
    note_file = tmp_path / "note.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(note_file), "PDF files (*.pdf)"))
    click(qtbot, sessions.note_button)
    note = screen.dialog
    assert note.focusWidget() is note.pdf_password.protect  # the first field has the focus
    note.pdf_password.protect.setChecked(True)
    type_text(qtbot, note.pdf_password.password, "severnside-2026")
    type_text(qtbot, note.pdf_password.confirm, "severnside-2025")
    click(qtbot, note.save_button)
    assert note.pdf_password.error.text() and not note_file.exists()
    note.pdf_password.confirm.selectAll()
    type_text(qtbot, note.pdf_password.confirm, "severnside-2026")
    click(qtbot, note.save_button)
    qtbot.waitUntil(lambda: note.saved_path is not None or "not" in note.status.text(), timeout=WAIT_MS)
    assert PdfReader(note_file).is_encrypted, note.status.text()
    note.reject()

    # An action agreed at the session, taken on by Siân.
    screen.tabs.setCurrentWidget(screen.actions_tab)
    agreed = screen.actions_tab.agreed
    click(qtbot, agreed.carrier_button)
    carrier = agreed.dialog
    search_pick(qtbot, carrier.form.field("person_id"), "Pritchard", "Siân Pritchard")
    save(qtbot, carrier)
    panel = screen.actions_tab.panel
    action = panel.open_dialog()
    action.show()  # the panel runs it with exec(); shown here so the test can drive it
    qtbot.keyClicks(action.description, "Ask the bus company about a release-day ticket")
    action.owner.setCurrentIndex(action.owner.findText("Siân Pritchard", Qt.MatchFlag.MatchStartsWith))
    action.due_on.set_value(TODAY + timedelta(days=21))
    click(qtbot, action.form.save_button)
    panel.after_change(action.action_id)
    assert panel.model.rowCount() == 1

    screen.tabs.setCurrentWidget(screen.barriers_tab)
    click(qtbot, screen.barriers_tab.add_button)
    barrier = screen.dialog
    type_text(qtbot, barrier.form.field("description"), "Release appointments cannot be reached by bus")
    type_text(qtbot, barrier.form.field("raised_with"), "Reducing Reoffending Board")
    barrier.form.field("raised_on").set_value(TODAY - timedelta(days=10))
    type_text(qtbot, barrier.form.field("what_changed"), "Appointments in one place on the day")
    barrier.form.field("changed_on").set_value(TODAY - timedelta(days=1))
    save(qtbot, barrier)
    assert "1 of 1 barrier" in screen.barriers_tab.impact.text()

    # The mailing list: two asked to be added; one asked to be removed; the export leaves them out.
    mailing = screen.mailing_tab
    screen.tabs.setCurrentWidget(mailing)
    for family, email in (("Pritchard", "sian@example.org"), ("Wójcik", "tomasz@example.org")):
        click(qtbot, mailing.add_button)
        entry = screen.dialog
        search_pick(qtbot, entry.form.field("person_id"), family, "")
        type_text(qtbot, entry.form.field("email"), email)
        click(qtbot, entry.form.save_button)
        assert "tick that they agreed" in entry.form.error_text("consented")
        entry.form.field("consented").setChecked(True)
        save(qtbot, entry)
    assert mailing.table.rowCount() == 2
    mailing.table.selectRow(1)  # by family name: Wójcik after Pritchard
    click(qtbot, mailing.remove_button)
    save(qtbot, screen.dialog)
    assert mailing.table.rowCount() == 1
    target = tmp_path / "list.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "CSV files (*.csv)"))
    click(qtbot, mailing.csv_button)
    qtbot.waitUntil(lambda: mailing.exported is not None or "Nothing" in mailing.status.text(), timeout=WAIT_MS)
    exported = target.read_text(encoding="utf-8-sig")
    assert "sian@example.org" in exported and "tomasz@example.org" not in exported

    # The season summary, printed (to a file standing in for paper); then the community ends, with why.
    screen.tabs.setCurrentWidget(screen.seasons_tab)
    screen.seasons_tab.table.selectRow(0)
    paper = tmp_path / "printed.pdf"
    monkeypatch.setattr(print_pdf, "make_printer", printer_to_file(paper))
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    click(qtbot, screen.seasons_tab.summary_button)
    summary = screen.dialog
    click(qtbot, summary.print_button)
    qtbot.waitUntil(lambda: "Sent to the printer" in summary.status.text(), timeout=WAIT_MS)
    assert "Prison Release" in PdfReader(paper).pages[0].extract_text() or paper.stat().st_size > 1000
    summary.reject()
    click(qtbot, screen.end_button)
    end = screen.dialog
    type_text(qtbot, end.form.field("reason"), "Became part of the Reducing Reoffending Board")
    save(qtbot, end)
    assert not screen.end_button.isEnabled()

    window = shell.window
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: shell.state.is_locked, timeout=WAIT_MS)
    shell.shutdown()

    again = start_shell(qtbot, request, data_dir)
    unlock(qtbot, again, PASSPHRASE)
    area = go_to(qtbot, again.window, "Communities of practice")
    assert area.count.text() == "1 community"
    area.table.selectRow(0)
    click(qtbot, area.open_button)
    screen = area.opened
    assert "Severnside Community of Practice" in screen.heading.text()
    assert screen.seasons_tab.table.item(0, 1).text() == "Steve Freeman"
    screen.tabs.setCurrentWidget(screen.sessions_tab)
    assert screen.sessions_tab.talks.item(0, 0).text() == "A journey of prison release"
    screen.tabs.setCurrentWidget(screen.barriers_tab)
    assert screen.barriers_tab.table.item(0, 4).text() == "Appointments in one place on the day"
    screen.tabs.setCurrentWidget(screen.mailing_tab)
    screen.mailing_tab.show_removed.setChecked(True)
    assert screen.mailing_tab.table.rowCount() == 2
    assert screen.mailing_tab.table.item(1, 5).text().startswith(TODAY.strftime("%d/%m/%Y"))
    screen.tabs.setCurrentWidget(screen.actions_tab)
    assert screen.actions_tab.panel.model.rowCount() == 1
    assert "ended" in screen.heading.text()
    with again.state.database.session() as s:
        hows = sorted(d.how for d in sharing.list_shared(s, screen.circle_id))
        protected = [d.password_protected for d in sharing.list_shared(s, screen.circle_id) if d.how == "export"]
    assert hows == ["export", "print"] and protected == [True]
