"""The unlock dialog, driven as a coordinator would: wrong then right, recovery key, the delay, errors."""

from __future__ import annotations

import time
from types import SimpleNamespace

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from circles_desktop.services.security import access
from support import PASSPHRASE
from support.ui import WAIT_MS, start_shell, type_and_unlock, unlock, wait_for_unlock_dialog


def test_wrong_then_right_passphrase(qtbot, request, created):
    data_dir, _ = created
    shell = start_shell(qtbot, request, data_dir)
    dialog = wait_for_unlock_dialog(qtbot, shell)
    assert dialog.secret.echoMode() == dialog.secret.EchoMode.Password
    assert not dialog.remember.isChecked()  # off by default

    type_and_unlock(qtbot, shell, "tangerine orbit lantern?")
    assert dialog.error.isVisible()
    assert "not right" in dialog.error.text()
    assert shell.window is None and shell.state.is_locked

    unlock(qtbot, shell, PASSPHRASE)
    assert shell.window.current_area() == "Home"  # the first area: what needs doing today (issue 12)
    assert shell.window.lock_state.text() == "Unlocked"
    assert str(data_dir) in shell.window.location.text()
    assert shell.unlock_dialog is None  # dismissed


def test_recovery_key_unlocks(qtbot, request, created):
    data_dir, recovery = created
    shell = start_shell(qtbot, request, data_dir)
    unlock(qtbot, shell, recovery.lower().replace("-", " "))
    page = shell.window.show_area("Audit log")
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=WAIT_MS)
    details = [page.model.row(r)[page.model.COL_DETAIL] for r in range(page.model.rowCount())]
    assert "with recovery key" in details


def test_growing_delay_after_five_wrong_tries(qtbot, request, created, monkeypatch):
    data_dir, _ = created
    # The Unlocker's clock runs at 0.4× speed here, so its 1-second wait lasts 2.5 s: room for the
    # checks below on a loaded machine.
    monkeypatch.setattr(access, "time", SimpleNamespace(monotonic=lambda: time.monotonic() * 0.4))
    shell = start_shell(qtbot, request, data_dir)
    dialog = wait_for_unlock_dialog(qtbot, shell)
    for attempt in range(access.FREE_TRIES):
        assert dialog.unlock_button.isEnabled(), attempt
        type_and_unlock(qtbot, shell, f"not the passphrase {attempt}")
    assert len(shell.state.unlocker.failures) == access.FREE_TRIES

    # The sixth try has to wait: Unlock is disabled with a countdown, and Enter does nothing.
    assert not dialog.unlock_button.isEnabled()
    assert "Too many wrong tries" in dialog.status.text()
    qtbot.keyClick(dialog.secret, Qt.Key.Key_Return)
    assert len(shell.state.unlocker.failures) == access.FREE_TRIES

    # The window stays responsive meanwhile, and the button comes back when the wait is over.
    QTest.keyClicks(dialog.secret, "x")
    qtbot.waitUntil(dialog.unlock_button.isEnabled, timeout=WAIT_MS)
    assert not dialog.status.isVisible()
    unlock(qtbot, shell, PASSPHRASE)


def test_missing_key_file_is_explained_and_nothing_changes(qtbot, request, created):
    data_dir, _ = created
    key_file = data_dir / "circles.key"
    key_file.rename(data_dir / "elsewhere.key")
    before = {p.name: p.read_bytes() for p in data_dir.iterdir()}
    shell = start_shell(qtbot, request, data_dir)
    type_and_unlock(qtbot, shell, PASSPHRASE)
    dialog = shell.unlock_dialog
    assert "key file" in dialog.error.text() and "missing" in dialog.error.text()
    assert "Traceback" not in dialog.error.text()
    assert {p.name: p.read_bytes() for p in data_dir.iterdir()} == before


def test_foreign_file_is_explained(qtbot, request, created):
    data_dir, _ = created
    (data_dir / "circles.db").write_bytes(b"SQLite format 3\x00" + bytes(4096))
    shell = start_shell(qtbot, request, data_dir)
    type_and_unlock(qtbot, shell, PASSPHRASE)
    assert "not a Circles Desktop database" in shell.unlock_dialog.error.text()


def test_empty_field_asks_for_the_passphrase(qtbot, request, created):
    data_dir, _ = created
    shell = start_shell(qtbot, request, data_dir)
    dialog = wait_for_unlock_dialog(qtbot, shell)
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    assert dialog.error.text() == "Type your passphrase or recovery key."
    assert shell.state.delay_remaining() == 0


def test_a_lone_key_file_is_not_overwritten_by_the_wizard(qtbot, request, created):
    data_dir, _ = created
    (data_dir / "circles.db").rename(data_dir.parent / "moved.db")
    key_before = (data_dir / "circles.key").read_bytes()
    shell = start_shell(qtbot, request, data_dir)
    assert shell.wizard is None
    type_and_unlock(qtbot, shell, PASSPHRASE)
    assert "no Circles Desktop database" in shell.unlock_dialog.error.text()
    assert (data_dir / "circles.key").read_bytes() == key_before
