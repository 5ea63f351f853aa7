"""The main window in everyday use: it opens maximised the first time and as it was left after that,
each area shows what the records hold now when it is shown, and no two things on a screen share an
access key (Alt+letter)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from circles_desktop.services.people import people
from circles_desktop.services.people.people import PersonForm
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.app.main_window import MainWindow
from circles_desktop.ui.common.access_keys import access_key, duplicated, make_unique


@pytest.fixture
def app_state(db, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    state = AppState(str(db.paths.root), settings=settings)
    state.set_database(db)
    return state


def window_of(qtbot, state) -> MainWindow:
    window = MainWindow(state)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_window_opens_maximised_the_first_time_then_as_it_was_left(qtbot, app_state):
    first = window_of(qtbot, app_state)
    assert first.windowState() & Qt.WindowState.WindowMaximized
    first.showNormal()
    first.resize(700, 500)  # within the offscreen test screen
    left = (first.width(), first.height())  # as small as its layout allows, off the maximised size
    assert left != (first.screen().availableGeometry().width(), first.screen().availableGeometry().height())
    first.save_geometry()
    first.close()
    again = window_of(qtbot, app_state)
    assert not again.windowState() & Qt.WindowState.WindowMaximized
    assert (again.width(), again.height()) == left


def test_an_area_shows_what_the_records_hold_now_each_time_it_is_shown(qtbot, app_state, db):
    window = window_of(qtbot, app_state)
    area = window.show_area("People")
    assert area.model.rowCount() == 0
    window.show_area("Organisations")
    with db.session() as s:  # recorded elsewhere (another screen, an import) while People is hidden
        people.create_person(s, PersonForm("Maryam", "Haddad"))
    window.show_area("People")
    assert area.model.rowCount() == 1
    assert area.count.text() == "1 person"


NEW_RECORD = {
    "People": "new_person",
    "Organisations": "new_organisation",
    "Children": "new_child",
    "Referrals": "new_referral",
}


@pytest.mark.parametrize("title", ["People", "Organisations", "Children", "Referrals", "Circles", "Themes"])
def test_no_two_things_on_a_screen_share_an_access_key(qtbot, app_state, title):
    """People once had &New person and &Notes, Organisations &Open and N&otes: Alt+N and Alt+O each
    reached only one of them."""
    window = window_of(qtbot, app_state)
    window.resize(1366, 768)
    area = window.show_area(title)
    assert duplicated(window) == {}
    if title in NEW_RECORD:
        getattr(area, NEW_RECORD[title])()
        assert duplicated(window) == {}, f"{title} with a new record open"


def test_a_later_claim_moves_to_another_of_its_letters_and_the_key_still_works(qtbot):
    page = QWidget()
    column = QVBoxLayout(page)
    new = QPushButton("&New person")
    notes = QLabel("&Notes")
    box = QPushButton("Notes box")
    notes.setBuddy(box)
    for w in (new, notes, box):
        column.addWidget(w)
    qtbot.addWidget(page)
    page.show()
    make_unique(page)
    assert new.text() == "&New person"  # the button keeps its letter
    assert access_key(notes.text()) not in {None, "n"}
    assert notes.text().replace("&", "") == "Notes"
    assert duplicated(page) == {}
