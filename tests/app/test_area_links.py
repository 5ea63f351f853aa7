"""An accepted referral hands the coordinator on to the Circles area with the new-circle form filled in."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox

from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.app.main_window import MainWindow
from support.records import accepted_cosa_referral


@pytest.fixture
def window(qtbot, db, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    state = AppState(str(db.paths.root), settings=settings)
    state.set_database(db)
    win = MainWindow(state)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    return win


def test_create_circle_from_an_accepted_referral_opens_the_filled_form(qtbot, window):
    with window.state.database.session() as s:
        referral_id = accepted_cosa_referral(s)
    referrals = window.show_area("Referrals")
    referrals.open_referral(referral_id)
    button = referrals.page.create_circle_button
    qtbot.waitUntil(button.isVisible)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.current_area() == "Circles"
    dialog = window.area_widget("Circles").dialog
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.form.field("referral_id").value() == referral_id


def test_unsaved_referral_changes_kept_means_no_hand_on(qtbot, window, monkeypatch):
    with window.state.database.session() as s:
        referral_id = accepted_cosa_referral(s)
    referrals = window.show_area("Referrals")
    referrals.open_referral(referral_id)
    purpose = referrals.page.editor.field("purpose")
    purpose.setPlainText("More to say")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Cancel)
    referrals.create_circle_requested.emit(referral_id)
    assert window.current_area() == "Referrals"
    assert getattr(window.area_widget("Circles"), "dialog", None) is None
    assert purpose.toPlainText() == "More to say"
    # Let the window close at teardown: a window kept open by "Cancel" would hold the window-wide
    # shortcuts (Ctrl+N, F1) and make them ambiguous for the tests after this one.
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
