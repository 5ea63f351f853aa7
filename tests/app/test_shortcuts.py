"""The window-wide keys: Ctrl+N a new record where the screen has one (and a word where it has none),
F1 the offline guide, Ctrl+F the search, none of which reach anything while locked."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt

from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.app.main_window import MainWindow
from support.journeys import go_to

CTRL = Qt.KeyboardModifier.ControlModifier


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


def test_ctrl_n_presses_the_new_button_of_the_area_shown(qtbot, window):
    people = go_to(qtbot, window, "People")
    qtbot.keyClick(people.search, Qt.Key.Key_N, CTRL)
    assert people.showing_form and people.record_id is None  # a new, empty person
    home = go_to(qtbot, window, "Home")
    qtbot.keyClick(home.search.box, Qt.Key.Key_N, CTRL)
    assert window.statusBar().currentMessage() == "There is nothing new to add here."
    qtbot.keyClick(home.search.box, Qt.Key.Key_P, CTRL)
    assert window.statusBar().currentMessage() == "Nothing on this screen prints."


def test_f1_opens_the_guide_to_consent_and_sharing(qtbot, window):
    qtbot.keyClick(window.nav, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: window.guide is not None and window.guide.isVisible())
    text = window.guide.text.toPlainText()
    assert "Consent and sharing" in text and "not encrypted" in text


def test_ctrl_f_on_home_goes_to_its_own_box(qtbot, window):
    home = go_to(qtbot, window, "Home")
    qtbot.keyClick(window.nav, Qt.Key.Key_F, CTRL)
    assert window.focusWidget() is home.search.box and window.search_dialog is None


def test_while_locked_the_shortcuts_reach_nothing(qtbot, window):
    window.state.lock("test")
    search, new, print_, guide = window.shortcut_actions
    assert not search.isEnabled() and not new.isEnabled() and not print_.isEnabled()
    assert guide.isEnabled()  # the guide holds no records
