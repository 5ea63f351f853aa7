"""Settings: change passphrase (errors under the fields), backups (now, cancelled, to a missing drive,
restored, refused), auto-lock minutes, geometry."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from circles_desktop.models import Person
from circles_desktop.store.database import Database
from circles_desktop.store.errors import WrongPassphrase
from circles_desktop.ui.app.main_window import MainWindow
from support import PASSPHRASE, records
from support.ui import WAIT_MS, start_shell, unlock

NEW_PASSPHRASE = "violet harbour compass"


@pytest.fixture
def settings_page(qtbot, request, created):
    data_dir, _ = created
    shell = start_shell(qtbot, request, data_dir)
    unlock(qtbot, shell, PASSPHRASE)
    return shell, shell.window.show_area("Settings")


def _fill(qtbot, form, current: str, new: str, again: str) -> None:
    for field, text in ((form.current, current), (form.new, new), (form.confirm, again)):
        field.clear()
        qtbot.keyClicks(field, text)
    qtbot.keyClick(form.confirm, Qt.Key.Key_Return)  # Enter submits
    qtbot.waitUntil(form.change_button.isEnabled, timeout=WAIT_MS)


def test_change_passphrase_form(qtbot, settings_page):
    shell, page = settings_page
    form = page.passphrase
    data_dir = shell.state.paths.root

    _fill(qtbot, form, PASSPHRASE, "short", "short")
    assert "at least 10" in form.new_error.text() and form.new_error.isVisible()
    assert not form.current_error.isVisible()

    _fill(qtbot, form, PASSPHRASE, NEW_PASSPHRASE, NEW_PASSPHRASE + "s")
    assert "do not match" in form.confirm_error.text()
    assert not form.new_error.isVisible()

    _fill(qtbot, form, "not my passphrase", NEW_PASSPHRASE, NEW_PASSPHRASE)
    qtbot.waitUntil(form.current_error.isVisible, timeout=WAIT_MS)
    assert "not the current passphrase" in form.current_error.text()

    _fill(qtbot, form, PASSPHRASE, NEW_PASSPHRASE, NEW_PASSPHRASE)
    qtbot.waitUntil(lambda: "Passphrase changed" in form.status.text(), timeout=WAIT_MS)
    assert form.current.text() == form.new.text() == form.confirm.text() == ""
    assert not form.current_error.isVisible()

    shell.state.lock("test")
    with pytest.raises(WrongPassphrase):
        Database.open(data_dir, PASSPHRASE)
    Database.open(data_dir, NEW_PASSPHRASE).close()


def test_back_up_now(qtbot, settings_page, tmp_path):
    shell, page = settings_page
    box = page.backup
    assert "No backup has been made yet" in box.last.text()
    usb = tmp_path / "usb"
    usb.mkdir()
    box.policy.folder.setFocus()
    qtbot.keyClicks(box.policy.folder, str(usb))
    qtbot.mouseClick(box.policy.save_button, Qt.MouseButton.LeftButton)
    assert box.policy.status.text() == "Backup settings saved."
    qtbot.mouseClick(box.backup_button, Qt.MouseButton.LeftButton)
    assert box.job.isVisible() and not box.backup_button.isEnabled()
    qtbot.waitUntil(lambda: "verified" in box.status.text(), timeout=WAIT_MS)
    assert box.backup_button.isEnabled() and not box.job.isVisible()
    made = sorted(usb.iterdir())
    assert [p.suffix for p in made] == [".db", ".key"]
    assert "Last verified backup" in box.last.text() and str(usb) in box.last.text()
    audit = shell.window.show_area("Audit log")
    qtbot.waitUntil(lambda: audit.model.rowCount() > 0, timeout=WAIT_MS)
    assert audit.model.row(0)[audit.model.COL_ACTION] == "backup"
    assert audit.model.row(0)[audit.model.COL_OBJECT] == str(made[0])


def test_a_missing_drive_is_said_beside_the_folder(qtbot, settings_page, tmp_path):
    shell, page = settings_page
    box = page.backup
    usb = tmp_path / "usb"
    box.policy.folder.setText(str(usb))
    qtbot.mouseClick(box.policy.save_button, Qt.MouseButton.LeftButton)
    assert "is not there" in box.policy.errors["folder"].text() and box.policy.errors["folder"].isVisible()
    assert box.policy.folder.text() == str(usb)  # what was typed stays

    usb.mkdir()
    qtbot.mouseClick(box.policy.save_button, Qt.MouseButton.LeftButton)
    assert not box.policy.errors["folder"].isVisible()
    usb.rmdir()  # the drive is unplugged
    qtbot.mouseClick(box.backup_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: box.backup_button.isEnabled(), timeout=WAIT_MS)
    assert "plug the drive in" in box.policy.errors["folder"].text()
    assert not QApplication.topLevelWidgets() or not any(
        isinstance(w, QMessageBox) and w.isVisible() for w in QApplication.topLevelWidgets()
    )


def test_cancelling_a_backup_leaves_nothing(qtbot, settings_page, tmp_path, monkeypatch):
    from circles_desktop.store import backup as store_backup

    shell, page = settings_page
    box = page.backup
    reached, go = threading.Event(), threading.Event()
    copy_to = store_backup.copy_to

    def held_copy(src, target, key, *, progress, cancelled):
        def step(what, done, total):
            progress(what, done, total)
            reached.set()
            go.wait(WAIT_MS / 1000)

        return copy_to(src, target, key, progress=step, cancelled=cancelled)

    monkeypatch.setattr(store_backup, "copy_to", held_copy)
    box.back_up_to(tmp_path / "out" / "cancelled.db")
    qtbot.waitUntil(reached.is_set, timeout=WAIT_MS)
    qtbot.mouseClick(box.job.cancel_button, Qt.MouseButton.LeftButton)
    go.set()
    qtbot.waitUntil(lambda: box.backup_button.isEnabled(), timeout=WAIT_MS)
    assert box.status.text() == "Backup cancelled; nothing was written."
    assert list((tmp_path / "out").iterdir()) == []
    assert "No backup has been made yet" in box.last.text()


def test_backup_failure_is_a_message(qtbot, settings_page, tmp_path, monkeypatch):
    shell, page = settings_page
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    page.backup.back_up_to(blocker / "inside.db")
    qtbot.waitUntil(lambda: page.backup.backup_button.isEnabled(), timeout=WAIT_MS)
    assert page.backup.status.text().startswith("The backup could not be written")
    assert "Traceback" not in page.backup.status.text()


def _made_backup(shell, tmp_path):
    from circles_desktop.services.security import backups

    return Path(backups.back_up(shell.state.database, backups.BY_HAND, target=tmp_path / "b" / "monday.db").path)


def _people(shell) -> int:
    with shell.state.database.session() as s:
        return s.query(Person).count()


def test_restore_from_settings(qtbot, settings_page, tmp_path, monkeypatch):
    shell, page = settings_page
    box = page.backup
    backup = _made_backup(shell, tmp_path)
    with shell.state.database.session() as s:
        records.person(s, "Added", "Later")
    assert _people(shell) == 1
    asked = []

    def answer(parent, title, text, *_a):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(backup), ""))
    monkeypatch.setattr(QMessageBox, "question", answer)
    qtbot.mouseClick(box.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Backup restored" in box.status.text(), timeout=WAIT_MS)
    assert "Made " in asked[0] and "It holds 0 people" in asked[0]
    assert not shell.state.is_locked and _people(shell) == 0
    safety = list(shell.state.paths.safety.iterdir())
    assert safety, "the database as it was is kept"
    assert shell.window.body.currentIndex() == 0  # still unlocked, on the same screen


def test_restore_refused_or_declined_changes_nothing(qtbot, settings_page, tmp_path, monkeypatch):
    shell, page = settings_page
    box = page.backup
    backup = _made_backup(shell, tmp_path)
    before = sorted(p.name for p in shell.state.paths.root.iterdir())
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.No)
    box.restoring.start(backup)
    qtbot.waitUntil(lambda: "Not restored" in box.status.text(), timeout=WAIT_MS)
    assert box.status.text() == "Not restored; nothing was changed."

    data = bytearray(backup.read_bytes())
    data[len(data) // 2] ^= 0xFF
    backup.write_bytes(bytes(data))
    box.restoring.start(backup)
    qtbot.waitUntil(
        lambda: "nothing was changed" in box.status.text() and box.restore_button.isEnabled(), timeout=WAIT_MS
    )
    assert box.status.text().startswith("Not restored, and nothing was changed")
    assert box.restore_button.isEnabled()
    assert sorted(p.name for p in shell.state.paths.root.iterdir()) == before
    assert not shell.state.is_locked


def test_auto_lock_minutes_are_kept(qtbot, settings_page):
    shell, page = settings_page
    spin = page.auto_lock.minutes
    assert spin.value() == 5
    spin.setValue(12)
    assert int(shell.state.settings.value("security/auto_lock_minutes")) == 12
    assert shell.idle.timer.interval() == 12 * 60_000


def test_window_geometry_is_kept(qtbot, settings_page):
    shell, _ = settings_page
    shell.window.resize(760, 500)  # the offscreen screen is 800×600
    shell.window.save_geometry()
    again = MainWindow(shell.state)
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == (760, 500)
    assert shell.state.settings.value("window/geometry") is not None


def test_audit_page_search_and_verify(qtbot, settings_page):
    shell, _ = settings_page
    page = shell.window.show_area("Audit log")
    qtbot.waitUntil(lambda: page.model.rowCount() >= 2, timeout=WAIT_MS)
    qtbot.keyClicks(page.search, "create")
    assert page.model.rowCount() == 1 and page.count.text() == "1 entry"
    qtbot.mouseClick(page.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "intact" in page.verify_result.text(), timeout=WAIT_MS)
