"""Locking: after idle time and with Ctrl+L the database closes and every window's content is hidden;
unlocking brings the coordinator back to the same area with text typed but not saved still there."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QMessageBox, QVBoxLayout, QWidget

from circles_desktop.ui.security.lock_cover import LockCover
from support import PASSPHRASE
from support.ui import WAIT_MS, start_shell, unlock, wait_for_unlock_dialog


class DraftForm(QWidget):
    """A stand-in for a later feature's form, added through the area registry."""

    def __init__(self, _state) -> None:
        super().__init__()
        self.note = QLineEdit()
        self.note.setAccessibleName("Note")
        QVBoxLayout(self).addWidget(self.note)


def test_auto_lock_closes_the_database_and_unlock_restores_the_screen(qtbot, request, created):
    data_dir, _ = created
    shell = start_shell(qtbot, request, data_dir)
    unlock(qtbot, shell, PASSPHRASE)
    window = shell.window
    form = window.add_area("Drafts", DraftForm)
    assert window.area_titles()[-3:] == ["Audit log", "Settings", "Drafts"]
    window.show_area("Drafts")
    form.note.setFocus()
    qtbot.keyClicks(form.note, "Met J at the library; follow up Friday")
    db = shell.state.database

    # Waits on the signals themselves, never on time: the lock, the unlock dialog's answer, the audit
    # log read as it is shown. Under load the idle timer once fired again while the test was still checking the
    # unlocked screen (150 ms is short): once locked, the interval goes back to minutes.
    with qtbot.waitSignal(shell.state.locked, timeout=WAIT_MS):
        shell.idle.set_interval_ms(150)
    shell.idle.set_minutes(15)
    assert not db.is_open
    assert window.body.currentWidget() is window.locked_panel
    assert window.lock_state.text() == "Locked"
    assert not window.nav.isEnabled()
    dialog = wait_for_unlock_dialog(qtbot, shell)
    assert dialog.isVisible() and dialog.isModal()

    with qtbot.waitSignal(shell.state.unlocked, timeout=WAIT_MS):
        dialog.secret.clear()
        qtbot.keyClicks(dialog.secret, PASSPHRASE)
        qtbot.keyClick(dialog.secret, Qt.Key.Key_Return)
    assert shell.state.database is not db and shell.state.database.is_open
    assert window.body.currentIndex() == 0
    assert window.current_area() == "Drafts"
    assert form.note.text() == "Met J at the library; follow up Friday"
    assert form.note.hasFocus() or not window.isActiveWindow()

    # The lock was written to the audit log with its reason (the page reads its rows as it is shown).
    page = window.show_area("Audit log")
    entries = [page.model.row(r) for r in range(page.model.rowCount())]
    assert any(e[page.model.COL_ACTION] == "lock" and "idle" in e[page.model.COL_DETAIL] for e in entries)


def test_input_keeps_the_app_unlocked(qtbot, request, created):
    data_dir, _ = created
    shell = start_shell(qtbot, request, data_dir)
    unlock(qtbot, shell, PASSPHRASE)
    shell.idle.set_interval_ms(400)
    search = shell.window.show_area("Audit log").search
    for _ in range(6):  # 6 × 100 ms of typing outlasts the 400 ms interval
        qtbot.keyClick(search, Qt.Key.Key_A)
        qtbot.wait(100)
        assert not shell.state.is_locked
    qtbot.waitUntil(lambda: shell.state.is_locked, timeout=WAIT_MS)


def test_ctrl_l_locks_and_covers_other_windows(qtbot, request, created):
    data_dir, _ = created
    shell = start_shell(qtbot, request, data_dir)
    unlock(qtbot, shell, PASSPHRASE)
    other = QWidget()
    other.setWindowTitle("A form in its own window")
    field = QLineEdit(other)
    field.setText("unsaved words")
    other.show()
    request.addfinalizer(other.deleteLater)

    qtbot.keyClick(shell.window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: shell.state.is_locked, timeout=WAIT_MS)
    covers = other.findChildren(LockCover)
    assert len(covers) == 1 and covers[0].isVisible()
    assert covers[0].geometry() == other.rect()
    assert wait_for_unlock_dialog(qtbot, shell).findChildren(LockCover) == []

    unlock(qtbot, shell, PASSPHRASE)
    qtbot.waitUntil(lambda: not any(c.isVisible() for c in other.findChildren(LockCover)), timeout=WAIT_MS)
    assert field.text() == "unsaved words"


def test_escape_on_the_lock_dialog_asks_before_quitting(qtbot, request, created, monkeypatch):
    data_dir, _ = created
    shell = start_shell(qtbot, request, data_dir)
    unlock(qtbot, shell, PASSPHRASE)
    shell.lock("test")
    dialog = wait_for_unlock_dialog(qtbot, shell)
    asked = []

    def answer_no(*args, **kwargs):
        asked.append(args[2])
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer_no)
    qtbot.keyClick(dialog.secret, Qt.Key.Key_Escape)
    assert asked and "not yet saved" in asked[0]
    assert dialog.isVisible() and shell.window.isVisible()


def test_text_copied_from_the_app_is_cleared_from_the_clipboard_on_locking(qtbot, request, created):
    from PySide6.QtGui import QGuiApplication

    data_dir, _ = created
    shell = start_shell(qtbot, request, data_dir)
    unlock(qtbot, shell, PASSPHRASE)
    form = shell.window.add_area("Drafts", DraftForm)
    shell.window.show_area("Drafts")
    form.note.setFocus()
    qtbot.keyClicks(form.note, "Lives at 4 Mill Lane")
    qtbot.keyClick(form.note, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(form.note, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    board = QGuiApplication.clipboard()
    assert board.text() == "Lives at 4 Mill Lane"

    qtbot.keyClick(shell.window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: shell.state.is_locked, timeout=WAIT_MS)
    assert board.text() == ""
    assert form.note.text() == "Lives at 4 Mill Lane"  # the field keeps it: only the clipboard is cleared
