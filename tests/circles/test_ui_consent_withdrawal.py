"""Withdrawing consent says at once what the recipient still holds under it, with "Ask for it back"
right there; the withdraw dialog names the consent; Give consent starts from the chosen cells; the
register's line under its rows never contradicts them."""

from __future__ import annotations

import re
from datetime import date

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QPushButton

from circles_desktop.models.vocab import Category
from circles_desktop.services.consent import consent
from circles_desktop.services.sharing import minutes_export, sharing
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.circles.circles_list import CirclesArea
from circles_desktop.ui.common.access_keys import access_key, duplicated, make_unique
from circles_desktop.ui.sharing.shared_documents import SharedDocumentsPanel
from support.exports import add_outer, build_meeting, give, recipient

WITHDRAWN_ON = date(2025, 4, 1)


@pytest.fixture
def state(db, tmp_path):
    st = AppState(str(tmp_path / "data"), settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    st.database = db
    return st


@pytest.fixture
def shared(db, tmp_path):
    """A police officer given consent to the minutes, who was sent the minutes of a meeting."""
    with db.session() as s:
        setup = build_meeting(s)
        member = add_outer(s, setup, "Priya", "Raghunathan")
        consent_ids = give(s, setup, member, [Category.MINUTES, Category.RISK_CONCERNS])
        to = recipient(s, member)
    export = minutes_export.export_minutes_file(db, setup.meeting_id, to, tmp_path / "a.pdf", today=date(2025, 3, 20))
    return setup, consent_ids, export.document_id


def consent_tab(qtbot, state, circle_id):
    area = CirclesArea(state)
    qtbot.addWidget(area)
    area.resize(1366, 768)
    area.show()
    screen = area.open_circle(circle_id)
    screen.tabs.setCurrentWidget(screen.consent_tab)
    return screen, screen.consent_tab


def choose_cell(tab, name: str, category: str) -> None:
    row = next(i for i, r in enumerate(tab.matrix_rows) if r.recipient.name == name)
    tab.matrix.setFocus()
    tab.matrix.setCurrentCell(row, 1 + consent.CATEGORIES.index(category))


def test_withdrawing_says_at_once_what_is_still_held_and_asks_for_it_back(qtbot, state, db, shared):
    setup, _ids, document_id = shared
    screen, tab = consent_tab(qtbot, state, setup.circle_id)
    choose_cell(tab, "Priya Raghunathan", Category.MINUTES)
    dialog = tab.withdraw()
    what = dialog.findChild(type(dialog.form.heading), "withdraw.what")
    # The consent it withdraws, named: who, what and when it was given.
    assert re.search(r"Priya Raghunathan \(Wessex Police \d+\): Meeting minutes, given 03/03/2025", what.text())
    dialog.form.field("withdrawn_on").setFocus()
    qtbot.keyClicks(dialog.form.field("withdrawn_on"), WITHDRAWN_ON.strftime("%d/%m/%Y"))
    qtbot.keyClicks(dialog.form.field("reason"), "Asked to stop sharing")
    qtbot.mouseClick(dialog.form.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted

    held = tab.held_dialog  # said at once, not left for the coordinator to find in Shared documents
    assert held is not None and held.isVisible()
    intro = held.findChild(type(what), "held_documents.intro").text()
    assert re.search(r"Priya Raghunathan, Wessex Police \d+ still holds 1 document", intro)
    assert held.table.rowCount() == 1 and held.table.item(0, 0).data(Qt.ItemDataRole.UserRole) == document_id
    assert held.focusWidget() is held.ask_button and held.ask_button.isDefault()  # the cursor is on it
    qtbot.keyClick(held.ask_button, Qt.Key.Key_Space)
    assert held.table.item(0, 5).text() != "not yet"
    assert "asked back today" in held.status.text()
    assert not held.ask_button.isEnabled()
    with db.session() as s:
        (row,) = sharing.list_shared(s, setup.circle_id)
        assert row.asked_back_on == date.today()


def test_withdrawing_consent_nothing_was_shared_under_says_nothing_more(qtbot, state, db, shared):
    setup, _ids, _doc = shared
    with db.session() as s:  # consent to someone who was never sent anything
        give(s, setup, add_outer(s, setup, "Łukasz", "Nowak"), [Category.MINUTES])
    _screen, tab = consent_tab(qtbot, state, setup.circle_id)
    choose_cell(tab, "Łukasz Nowak", Category.MINUTES)
    dialog = tab.withdraw()
    dialog.form.field("withdrawn_on").set_value(WITHDRAWN_ON)
    qtbot.mouseClick(dialog.form.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert tab.held_dialog is None


def test_give_consent_starts_from_the_chosen_cell(qtbot, state, db, shared):
    setup, _ids, _doc = shared
    with db.session() as s:
        add_outer(s, setup, "Łukasz", "Nowak")
    _screen, tab = consent_tab(qtbot, state, setup.circle_id)
    choose_cell(tab, "Łukasz Nowak", Category.ATTENDANCE)
    dialog = tab.give()
    values = dialog.form.values()
    assert values["recipient"].startswith("member:")
    assert "Łukasz Nowak" in dialog.form.field("recipient").currentText()
    assert list(values["categories"]) == [Category.ATTENDANCE]
    assert not dialog.form.is_dirty  # where it starts is not a change to be asked about


def test_the_registers_line_never_contradicts_its_rows(qtbot, state, db, tmp_path):
    with db.session() as s:
        setup = build_meeting(s)
        member = add_outer(s, setup)
        give(s, setup, member, [Category.MINUTES])
        to = recipient(s, member)
    panel = SharedDocumentsPanel(state, setup.circle_id)
    qtbot.addWidget(panel)
    panel.show()
    assert panel.table.rowCount() == 0
    assert panel.message.text() == "Nothing has been exported or printed from this circle yet."
    minutes_export.export_minutes_file(db, setup.meeting_id, to, tmp_path / "m.pdf", today=date(2025, 3, 20))
    panel.reload()
    assert panel.table.rowCount() == 1
    assert "Nothing has been" not in panel.message.text()


def test_a_tab_shown_later_gets_access_keys_of_its_own(qtbot, state, shared):
    """The window gives each access key one letter as an area is shown, but the circle opened from its
    list and then its Consent tab came later: its "&Give consent…" shared Alt+G with the "&Goals" tab,
    so Alt+G only moved the focus."""
    setup, _ids, _document = shared
    area = CirclesArea(state)
    qtbot.addWidget(area)
    area.resize(1366, 768)
    area.show()
    make_unique(area)  # what the main window does as the area is shown, before a circle is opened
    screen = area.open_circle(setup.circle_id)
    bar = screen.tabs.tabBar()
    bar.setFocus()
    while screen.tabs.currentWidget() is not screen.consent_tab:
        qtbot.keyClick(bar, Qt.Key.Key_Right)
    give_button = next(b for b in screen.consent_tab.findChildren(QPushButton) if "Give" in b.text())
    assert give_button.isVisible()
    assert duplicated(area) == {}
    assert access_key(give_button.text()) not in {access_key(bar.tabText(i)) for i in range(bar.count())}


def test_the_history_keeps_who_and_what_whole(qtbot, state, shared):
    """At 1366×768 a withdrawn consent's reason took the room of the key columns: the recipient read
    "Chloé Bhriain (Elmstead …" while the reason kept its length."""
    setup, _ids, _document = shared
    screen, tab = consent_tab(qtbot, state, setup.circle_id)
    screen.window().resize(1140, 700)  # the room an area has in the window at 1366×768, beside the areas
    choose_cell(tab, "Priya Raghunathan", Category.MINUTES)
    dialog = tab.withdraw()
    dialog.form.field("reason").setFocus()
    qtbot.keyClicks(dialog.form.field("reason"), "No longer needed by the police now that the licence has ended")
    qtbot.keyClick(dialog.form.field("reason"), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.held_dialog is not None and tab.held_dialog.isVisible())
    tab.held_dialog.close()
    table = tab.history_table
    qtbot.waitUntil(lambda: table.rowCount() == 2 and table.isVisible())
    header = table.horizontalHeader()
    texts = [table.item(0, c).text() if table.item(0, c) else "" for c in range(3)]
    assert texts[1].startswith("Priya Raghunathan (Wessex Police")
    for c in range(3):  # given on, recipient, category
        qtbot.waitUntil(lambda c=c: header.sectionSize(c) >= table.sizeHintForColumn(c), timeout=2000)
