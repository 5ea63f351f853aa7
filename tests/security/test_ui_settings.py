"""Settings: change passphrase (errors under the fields), back up now, auto-lock minutes, geometry."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from circles_desktop.store.database import Database
from circles_desktop.store.errors import WrongPassphrase
from circles_desktop.ui.app.main_window import MainWindow
from support import PASSPHRASE
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


def test_back_up_now(qtbot, settings_page, tmp_path, monkeypatch):
    shell, page = settings_page
    target = tmp_path / "chosen" / "tuesday.db"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(page.backup.backup_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "verified" in page.backup.status.text(), timeout=WAIT_MS)
    assert target.exists() and target.with_suffix(".key").exists()
    audit = shell.window.show_area("Audit log")
    qtbot.waitUntil(lambda: audit.model.rowCount() > 0, timeout=WAIT_MS)
    assert audit.model.row(0)[audit.model.COL_ACTION] == "backup"
    assert audit.model.row(0)[audit.model.COL_OBJECT] == str(target)


def test_backup_failure_is_a_message(qtbot, settings_page, tmp_path, monkeypatch):
    shell, page = settings_page
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    page.backup.back_up_to(blocker / "inside.db")
    qtbot.waitUntil(lambda: page.backup.backup_button.isEnabled(), timeout=WAIT_MS)
    assert page.backup.status.text().startswith("The backup could not be written")
    assert "Traceback" not in page.backup.status.text()


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
