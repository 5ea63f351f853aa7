"""The unlock dialog by keyboard alone: typing goes into the passphrase field at once, Enter unlocks
after a wrong try, and Quit on the lock screen really ends the process."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from support import PASSPHRASE
from support.ui import WAIT_MS, start_shell, wait_for_unlock_dialog


def test_at_start_up_typing_goes_into_the_passphrase_field(qtbot, request, created):
    data_dir, _ = created
    shell = start_shell(qtbot, request, data_dir)
    dialog = wait_for_unlock_dialog(qtbot, shell)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.secret, timeout=WAIT_MS)
    qtbot.keyClicks(QApplication.focusWidget(), PASSPHRASE)
    assert dialog.secret.text() == PASSPHRASE


def test_enter_unlocks_after_a_wrong_passphrase(qtbot, request, created):
    data_dir, _ = created
    shell = start_shell(qtbot, request, data_dir)
    dialog = wait_for_unlock_dialog(qtbot, shell)
    qtbot.keyClicks(dialog.secret, "not the passphrase")
    qtbot.keyClick(dialog.secret, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog._busy and dialog.error.text() != "", timeout=WAIT_MS)
    assert dialog.unlock_button.isDefault()
    assert QApplication.focusWidget() is dialog.secret or not dialog.isActiveWindow()
    # The wrong text is selected: typing replaces it, and Enter unlocks.
    qtbot.keyClicks(dialog.secret, PASSPHRASE)
    assert dialog.secret.text() == PASSPHRASE
    with qtbot.waitSignal(dialog.unlocked, timeout=WAIT_MS):
        qtbot.keyClick(dialog.secret, Qt.Key.Key_Return)


def test_enter_while_a_remembered_key_is_looked_for_unlocks_once_the_look_is_over(qtbot, request, created):
    """Under Xvfb the passphrase typed at once and Enter did nothing: Enter came while the dialog was
    still looking for a remembered key, and was dropped."""
    data_dir, _ = created
    shell = start_shell(qtbot, request, data_dir)
    dialog = wait_for_unlock_dialog(qtbot, shell)
    dialog.begin_remembered_check()  # as at start-up with the keyring slow to answer
    qtbot.keyClicks(dialog.secret, PASSPHRASE)
    qtbot.keyClick(dialog.secret, Qt.Key.Key_Return)
    assert "as soon as" in dialog.status.text()
    with qtbot.waitSignal(dialog.unlocked, timeout=WAIT_MS):
        dialog.remembered_done(None)  # no key remembered: the typed passphrase is used


QUIT_FROM_LOCK = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox
    from circles_desktop.store import keyfile
    keyfile.DEFAULT_SCRYPT = {{"n": 2**10, "r": 8, "p": 1}}
    from circles_desktop.services.security.keyring_vault import KeyVault
    from circles_desktop.ui.app.shell import Shell
    from support.ui import MemoryKeyring

    app = QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)
    settings = QSettings({settings!r}, QSettings.Format.IniFormat)
    shell = Shell({data_dir!r}, vault=KeyVault(backend=MemoryKeyring()), settings=settings)
    QMessageBox.question = staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes)

    def unlocked():
        if shell.window is None or shell.state.is_locked:
            return QTimer.singleShot(50, unlocked)
        shell.lock("test")
        QTimer.singleShot(200, quit_from_lock_screen)

    def quit_from_lock_screen():
        shell.unlock_dialog.quit_button.click()  # Quit, then Yes to "Quit Circles Desktop?"

    def start():
        dialog = shell.unlock_dialog
        if dialog is None or dialog._busy:
            return QTimer.singleShot(50, start)
        dialog.secret.setText({passphrase!r})
        dialog.try_unlock()
        unlocked()

    shell.start()
    QTimer.singleShot(100, start)
    # Only a guard for the failure (a process that never ends), long enough for a loaded machine.
    QTimer.singleShot(60000, lambda: (print("still running"), sys.stdout.flush(), app.exit(3)))
    sys.exit(app.exec())
    """
)


def test_quit_on_the_lock_screen_ends_the_process(created, tmp_path):
    data_dir, _ = created
    script = QUIT_FROM_LOCK.format(
        settings=str(tmp_path / "settings.ini"), data_dir=str(data_dir), passphrase=PASSPHRASE
    )
    tests = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": tests}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120)
    assert "still running" not in done.stdout, done.stderr
    assert done.returncode == 0, done.stderr
