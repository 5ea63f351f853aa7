"""First run: the set-up wizard creates the database and shows the recovery key once."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWizard

from circles_desktop.store.database import Database
from circles_desktop.store.keyfile import parse_recovery_key
from circles_desktop.ui.common import clipboard
from support import PASSPHRASE
from support.ui import WAIT_MS, start_shell


def _to_key_page(qtbot, shell):
    wizard = shell.wizard
    page = wizard.passphrase_page
    qtbot.keyClicks(page.new, PASSPHRASE)
    qtbot.keyClicks(page.confirm, PASSPHRASE)
    commit = wizard.button(QWizard.WizardButton.CommitButton)
    qtbot.waitUntil(commit.isEnabled)
    qtbot.mouseClick(commit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.key_page, timeout=WAIT_MS)
    return wizard


def test_wizard_creates_database_and_shows_recovery_key(qtbot, request, data_dir):
    shell = start_shell(qtbot, request, data_dir)
    wizard = shell.wizard
    assert wizard is not None and wizard.isVisible() and shell.unlock_dialog is None
    page = wizard.passphrase_page
    commit = wizard.button(QWizard.WizardButton.CommitButton)

    qtbot.keyClicks(page.new, "short")
    assert page.new_error.isVisible() and "at least 10" in page.new_error.text()
    assert page.strength_label.text() in ("Very weak", "Weak") and page.strength.value() <= 1
    assert not commit.isEnabled()

    page.new.clear()
    qtbot.keyClicks(page.new, PASSPHRASE)
    assert not page.new_error.isVisible()
    assert page.strength.value() >= 2
    qtbot.keyClicks(page.confirm, "tangerine orbit lanterns")
    assert "do not match" in page.confirm_error.text()
    assert not commit.isEnabled()
    page.confirm.clear()
    qtbot.keyClicks(page.confirm, PASSPHRASE)
    assert not page.confirm_error.isVisible()
    assert commit.isEnabled() and commit.text() == "&Create database"

    qtbot.mouseClick(commit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.key_page, timeout=WAIT_MS)
    assert (data_dir / "circles.db").exists() and (data_dir / "circles.key").exists()
    shown = wizard.key_page.key.text()
    assert parse_recovery_key(shown) is not None
    assert wizard.key_page.key.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse

    # Finish waits for the confirmation, and the key page cannot be cancelled or escaped from.
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert not finish.isEnabled()
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert wizard.isVisible()
    qtbot.mouseClick(wizard.key_page.kept, Qt.MouseButton.LeftButton)
    assert finish.isEnabled()
    qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: shell.window is not None and shell.window.isVisible(), timeout=WAIT_MS)
    assert not shell.state.is_locked
    assert shell.window.area_titles() == [
        "Home",
        "People",
        "Organisations",
        "Referrals",
        "Circles",
        "Community Circles",
        "Connectors",
        "Learning circles",
        "Children",
        "Themes",
        "Conversations",
        "Communities of practice",
        "Retention review",
        "Audit log",
        "Settings",
    ]

    # The key that was shown really opens the database.
    shell.state.lock("test")
    Database.open(data_dir, shown).close()


def test_copy_puts_the_key_on_the_clipboard_then_clears_it(qtbot, request, data_dir, monkeypatch):
    monkeypatch.setattr(clipboard, "CLEAR_AFTER_MS", 150)
    shell = start_shell(qtbot, request, data_dir)
    wizard = _to_key_page(qtbot, shell)
    qtbot.mouseClick(wizard.key_page.copy_button, Qt.MouseButton.LeftButton)
    board = QGuiApplication.clipboard()
    assert board.text() == wizard.recovery_key
    assert "cleared" in wizard.key_page.copied.text()
    qtbot.waitUntil(lambda: board.text() == "", timeout=3_000)


def test_clearing_leaves_something_else_copied_meanwhile(qtbot, request, data_dir, monkeypatch):
    monkeypatch.setattr(clipboard, "CLEAR_AFTER_MS", 100)
    shell = start_shell(qtbot, request, data_dir)
    wizard = _to_key_page(qtbot, shell)
    qtbot.mouseClick(wizard.key_page.copy_button, Qt.MouseButton.LeftButton)
    board = QGuiApplication.clipboard()
    board.setText("minutes for Tuesday")
    qtbot.wait(300)  # past the clearing time
    assert board.text() == "minutes for Tuesday"
    board.clear()


def test_cancel_before_creating_leaves_no_files(qtbot, request, data_dir):
    shell = start_shell(qtbot, request, data_dir)
    with qtbot.waitSignal(shell.wizard.rejected):
        qtbot.keyClick(shell.wizard, Qt.Key.Key_Escape)
    assert list(data_dir.iterdir()) == []


def test_recovery_key_page_prints(qapp, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    from circles_desktop.ui.security.recovery_print import paint_recovery_page

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "key.pdf"))
    paint_recovery_page(printer, "ABCD-EFGH-IJKL", "/data")
    assert (tmp_path / "key.pdf").read_bytes().startswith(b"%PDF")
