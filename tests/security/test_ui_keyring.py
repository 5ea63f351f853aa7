"""'Remember on this computer': with an in-memory keyring the app then opens without asking and
Settings can forget the key; with no keyring the option is disabled and says why."""

from __future__ import annotations

from keyring.backends import fail
from PySide6.QtCore import Qt

from circles_desktop.services.security.keyring_vault import SERVICE, KeyVault
from support import PASSPHRASE
from support.ui import WAIT_MS, MemoryKeyring, click_box, start_shell, unlock, wait_for_unlock_dialog


def test_remember_then_open_without_asking_then_forget(qtbot, request, created):
    data_dir, _ = created
    backend = MemoryKeyring()
    vault = KeyVault(backend=backend)
    first = start_shell(qtbot, request, data_dir, vault)
    dialog = wait_for_unlock_dialog(qtbot, first)
    qtbot.waitUntil(dialog.remember.isEnabled, timeout=WAIT_MS)
    click_box(qtbot, dialog.remember)
    assert dialog.remember.isChecked()
    unlock(qtbot, first, PASSPHRASE)
    database_id = first.state.database.database_id
    qtbot.waitUntil(lambda: (SERVICE, database_id) in backend.passwords, timeout=WAIT_MS)
    assert PASSPHRASE not in backend.passwords[(SERVICE, database_id)]
    first.quit()

    # Next start: nothing typed, the main window opens.
    second = start_shell(qtbot, request, data_dir, vault)
    qtbot.waitUntil(lambda: second.window is not None and second.window.isVisible(), timeout=WAIT_MS)
    assert not second.state.is_locked
    page = second.window.show_area("Audit log")
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=WAIT_MS)
    assert page.model.row(0)[page.model.COL_DETAIL] == "with remembered key"

    # Settings shows it is remembered, and Forget removes it from the keyring.
    settings = second.window.show_area("Settings")
    box = settings.remember
    qtbot.waitUntil(lambda: box.remember.isChecked() and box.forget_button.isEnabled(), timeout=WAIT_MS)
    qtbot.mouseClick(box.forget_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: backend.passwords == {}, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not box.remember.isChecked(), timeout=WAIT_MS)
    assert "Forgotten" in box.status.text()
    second.shutdown()

    # And the next start asks again.
    third = start_shell(qtbot, request, data_dir, vault)
    dialog = wait_for_unlock_dialog(qtbot, third)
    assert third.window is None and dialog.isVisible()


def test_remember_from_settings(qtbot, request, created):
    data_dir, _ = created
    backend = MemoryKeyring()
    shell = start_shell(qtbot, request, data_dir, KeyVault(backend=backend))
    unlock(qtbot, shell, PASSPHRASE)
    box = shell.window.show_area("Settings").remember
    qtbot.waitUntil(box.remember.isEnabled, timeout=WAIT_MS)
    assert not box.remember.isChecked() and not box.forget_button.isEnabled()
    click_box(qtbot, box.remember)
    qtbot.waitUntil(lambda: len(backend.passwords) == 1, timeout=WAIT_MS)
    qtbot.waitUntil(box.forget_button.isEnabled, timeout=WAIT_MS)


def test_no_keyring_disables_the_option_with_the_reason(qtbot, request, created):
    data_dir, _ = created
    shell = start_shell(qtbot, request, data_dir, KeyVault(backend=fail.Keyring()))
    dialog = wait_for_unlock_dialog(qtbot, shell)
    qtbot.waitUntil(lambda: "No system keyring" in dialog.remember_reason.text(), timeout=WAIT_MS)
    assert dialog.remember_reason.isVisible()
    assert not dialog.remember.isEnabled() and not dialog.remember.isChecked()
    assert dialog.remember.toolTip() == dialog.remember_reason.text()

    unlock(qtbot, shell, PASSPHRASE)
    box = shell.window.show_area("Settings").remember
    assert not box.remember.isEnabled() and not box.forget_button.isEnabled()
    assert "No system keyring" in box.reason.text() and box.reason.isVisible()
