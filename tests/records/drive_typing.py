"""Run as a program by test_draft_survives_sigkill: the real app on a data folder, unlocked by typing
the passphrase, a new person typed into the People form; prints "kept" once the draft is written,
then carries on running until it is killed."""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QSettings, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QKeyEvent  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

data_dir, settings_file, secret, given, family = sys.argv[1:6]
app = QApplication([])
app.setQuitOnLastWindowClosed(False)

from keyring.backends import fail  # noqa: E402

from circles_desktop.services.security.keyring_vault import KeyVault  # noqa: E402
from circles_desktop.ui.app.shell import Shell  # noqa: E402
from circles_desktop.ui.records.draft_keeper import DraftKeeper  # noqa: E402

shell = Shell(
    data_dir, vault=KeyVault(backend=fail.Keyring()), settings=QSettings(settings_file, QSettings.Format.IniFormat)
)
shell.start()
stage = ["unlock"]


def step() -> None:
    """One look at where the app is; a subprocess has no qtbot, so it checks again every 50 ms."""
    if stage[0] == "unlock":
        dialog = shell.unlock_dialog
        if dialog is not None and dialog.isVisible() and not dialog._busy:
            QTest.keyClicks(dialog.secret, secret)
            QTest.keyClick(dialog.secret, Qt.Key.Key_Return)
            stage[0] = "window"
    elif stage[0] == "window":
        if shell.window is not None and shell.window.isVisible() and not shell.state.is_locked:
            area = shell.window.show_area("People")
            area.new_person()
            form = area.form
            form.findChild(DraftKeeper).kept.connect(lambda: print("kept", flush=True))
            for key, text in (("given_name", given), ("family_name", family)):
                form.field(key).setFocus()
                for ch in text:  # key events carrying the text (QTest.keyClicks aborts on non-ASCII)
                    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                        QApplication.sendEvent(form.field(key), QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))
            stage[0] = "typed"


timer = QTimer()
timer.timeout.connect(step)
timer.start(50)
sys.exit(app.exec())
