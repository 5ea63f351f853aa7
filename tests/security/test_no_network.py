"""The app makes no network connection: a whole GUI session with every socket connect patched to fail."""

from __future__ import annotations

import socket

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from support import PASSPHRASE
from support.ui import WAIT_MS, click_box, start_shell, unlock


@pytest.fixture
def no_network(monkeypatch):
    attempts: list[object] = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        pytest.fail(f"network connection attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    yield attempts
    assert attempts == []  # also catches attempts made (and swallowed) in worker threads


def test_whole_session_makes_no_connection(qtbot, request, data_dir, no_network):
    shell = start_shell(qtbot, request, data_dir)

    # Wizard: choose a passphrase, create, confirm the recovery key was kept.
    wizard = shell.wizard
    qtbot.keyClicks(wizard.passphrase_page.new, PASSPHRASE)
    qtbot.keyClicks(wizard.passphrase_page.confirm, PASSPHRASE)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CommitButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.key_page, timeout=WAIT_MS)
    click_box(qtbot, wizard.key_page.kept)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shell.window is not None and shell.window.isVisible(), timeout=WAIT_MS)

    # Lock, unlock, the audit log and its chain check, then settings with a backup.
    window = shell.window
    window.activateWindow()  # shortcuts need an active window; the offscreen platform is lazy about it
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: shell.state.is_locked, timeout=WAIT_MS)
    unlock(qtbot, shell, PASSPHRASE)
    audit = window.show_area("Audit log")
    qtbot.waitUntil(lambda: audit.model.rowCount() >= 3, timeout=WAIT_MS)
    qtbot.mouseClick(audit.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "intact" in audit.verify_result.text(), timeout=WAIT_MS)
    settings = window.show_area("Settings")
    qtbot.waitUntil(settings.remember.remember.isEnabled, timeout=WAIT_MS)
    settings.backup.back_up_to(data_dir.parent / "backup.db")
    qtbot.waitUntil(lambda: "verified" in settings.backup.status.text(), timeout=WAIT_MS)
    shell.quit()
    assert not shell.state.database
    assert no_network == []


def test_the_guard_can_fail(no_network):
    with pytest.raises(pytest.fail.Exception):
        socket.create_connection(("192.0.2.1", 9))
    no_network.clear()
