"""The coordinator's day, through the real application: unlock, Home (the first area) lists an overdue
action under its owner; Enter opens its meeting at the Actions tab with that action selected; Mark done;
back on Home the action is gone and the count is down. Also: Ctrl+F searches from anywhere and opens."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt

from circles_desktop.services.security import access
from circles_desktop.ui.meetings.meeting_screen import TAB_ACTIONS, MeetingScreen
from support import PASSPHRASE
from support.due import action, active_cosa, meeting
from support.journeys import click, go_to
from support.records import person
from support.ui import WAIT_MS, start_shell, unlock

TODAY = date.today()
ACTION = "Ring the housing officer about the flat"


def make_overdue_action(data_dir) -> None:
    db = access.Unlocker(data_dir).unlock(PASSPHRASE)
    with db.session() as s:
        cid = active_cosa(s)
        mid = meeting(s, cid, TODAY - timedelta(days=20))
        owner = person(s, "Siân", "Pritchard")
        action(s, cid, TODAY - timedelta(days=6), mid, description=ACTION, owner=owner)
    db.close()


def unlocked_window(qtbot, request, created):
    """The real application on a database with an overdue action, unlocked as a coordinator does."""
    data_dir, _ = created
    make_overdue_action(data_dir)
    shell = start_shell(qtbot, request, data_dir)
    unlock(qtbot, shell, PASSPHRASE)
    return shell.window


def home_lines(home) -> list[str]:
    return [text for text, _ref in home.lines()]


def overdue_heading(home) -> str:
    return next(h for h in home.due.headings() if h.startswith("Overdue actions"))


def test_home_shows_an_overdue_action_which_opens_and_once_done_leaves_home(qtbot, request, created):
    window = unlocked_window(qtbot, request, created)
    assert window.current_area() == "Home"  # the first area after unlocking
    home = window.pages.currentWidget()
    qtbot.waitUntil(lambda: any(t.startswith(ACTION) for t in home_lines(home)), timeout=WAIT_MS)
    assert overdue_heading(home) == "Overdue actions, by owner (1)"

    # Keyboard: into the list, down to the action's line, Enter.
    line = next(i for i, t in enumerate(home_lines(home)) if t.startswith(ACTION))
    home.due.setFocus()
    target = [ref for _t, ref in home.lines()][line]
    while home.due.ref_at(home.due.currentIndex()) != target:
        qtbot.keyClick(home.due, Qt.Key.Key_Down)
    row = home.due.currentIndex()
    assert row.siblingAtColumn(1).data() == "Siân Pritchard"
    assert row.siblingAtColumn(2).data() == f"6 days overdue (due {(TODAY - timedelta(days=6)):%d/%m/%Y})"
    qtbot.keyClick(home.due, Qt.Key.Key_Return)

    assert window.current_area() == "Circles"
    screen = window.area_widget("Circles").stack.currentWidget()
    assert isinstance(screen, MeetingScreen)
    assert screen.tabs.currentIndex() == TAB_ACTIONS
    panel = screen.actions_panel
    assert panel.selected() is not None and panel.selected().description == ACTION
    click(qtbot, panel.done_button)
    qtbot.waitUntil(lambda: panel.selected() is not None and panel.selected().status == "done", timeout=WAIT_MS)

    home = go_to(qtbot, window, "Home")
    qtbot.waitUntil(lambda: overdue_heading(home) == "Overdue actions, by owner: none", timeout=WAIT_MS)
    assert not any(t.startswith(ACTION) for t in home_lines(home))


def test_ctrl_f_searches_from_any_area_and_enter_opens_the_record(qtbot, request, created):
    window = unlocked_window(qtbot, request, created)
    go_to(qtbot, window, "Organisations")
    qtbot.keyClick(window.pages.currentWidget(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    dialog = window.search_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT_MS)
    box = dialog.panel.box
    assert dialog.focusWidget() is box  # ready to type (offscreen windows are never active)
    qtbot.keyClicks(box, "sian")  # finds Siân, accents aside
    qtbot.waitUntil(lambda: any("Pritchard" in t for t, _r in dialog.panel.results.lines()), timeout=WAIT_MS)
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert window.current_area() == "People"
