"""Shared helpers for the GUI tests (no tests here): an in-memory keyring and starting the app."""

from __future__ import annotations

from pathlib import Path

from keyring.backend import KeyringBackend
from PySide6.QtCore import QPoint, QSettings, Qt

from circles_desktop.services.security.keyring_vault import KeyVault
from circles_desktop.ui.app.shell import Shell

WAIT_MS = 10_000


class MemoryKeyring(KeyringBackend):
    """A keyring that keeps passwords in a dict: a fixed backend, as Vorta's tests use."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        from keyring.errors import PasswordDeleteError

        if self.passwords.pop((service, username), None) is None:
            raise PasswordDeleteError("not found")


def click_box(qtbot, box) -> None:
    """Click a checkbox on its box (its centre may be empty space past the label)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def start_shell(qtbot, request, data_dir: Path, vault: KeyVault | None = None) -> Shell:
    """The real application flow on a temporary data folder and settings file; shut down afterwards."""
    settings = QSettings(str(Path(data_dir).parent / "settings.ini"), QSettings.Format.IniFormat)
    shell = Shell(str(data_dir), vault=vault or KeyVault(backend=MemoryKeyring()), settings=settings)
    request.addfinalizer(shell.shutdown)
    shell.start()
    return shell


def wait_for_unlock_dialog(qtbot, shell: Shell):
    """The unlock dialog, once its start-up work (keyring check, remembered key) has finished."""
    qtbot.waitUntil(lambda: shell.unlock_dialog is not None and shell.unlock_dialog.isVisible(), timeout=WAIT_MS)
    dialog = shell.unlock_dialog
    qtbot.waitUntil(lambda: not dialog._busy, timeout=WAIT_MS)
    return dialog


def type_and_unlock(qtbot, shell: Shell, secret: str) -> None:
    """Type into the unlock dialog and press Enter, as a coordinator would; waits for the answer."""
    dialog = wait_for_unlock_dialog(qtbot, shell)
    dialog.secret.clear()
    qtbot.keyClicks(dialog.secret, secret)
    qtbot.keyClick(dialog.secret, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog._busy, timeout=WAIT_MS)


def unlock(qtbot, shell: Shell, secret: str) -> None:
    type_and_unlock(qtbot, shell, secret)
    qtbot.waitUntil(lambda: shell.window is not None and shell.window.isVisible(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not shell.state.is_locked, timeout=WAIT_MS)
