"""A meeting's actions at 1366×768: the list fits its width (no sideways bar, empty or full), and who
carries each action, when it is due and its status stay whole while the action's words take the rest."""

from __future__ import annotations

from datetime import date, timedelta

from circles_desktop.ui.meetings.actions_model import ActionsModel
from circles_desktop.ui.meetings.actions_panel import ActionsPanel
from support.due import action, active_cosa, meeting
from support.records import person
from support.ui import WAIT_MS

HELD = date.today() - timedelta(days=20)


def shown_panel(qtbot, state, cid: int, mid: int) -> ActionsPanel:
    panel = ActionsPanel(state, mid)
    qtbot.addWidget(panel)
    panel.resize(1100, 600)  # beside the areas and the meeting's header at 1366×768
    panel.show()
    panel.set_meeting(cid, HELD)
    panel.reload()
    return panel


def fits(panel: ActionsPanel) -> bool:
    header = panel.table.horizontalHeader()
    total = sum(header.sectionSize(c) for c in range(header.count()) if not header.isSectionHidden(c))
    return total <= panel.table.viewport().width() + 1 and not panel.table.horizontalScrollBar().isVisible()


def test_an_empty_list_of_actions_fits_its_width(qtbot, state):
    with state.database.session() as s:
        cid = active_cosa(s)
        mid = meeting(s, cid, HELD)
    panel = shown_panel(qtbot, state, cid, mid)
    qtbot.waitUntil(lambda: fits(panel), timeout=WAIT_MS)


def test_who_when_and_status_stay_whole_beside_a_long_action(qtbot, state):
    with state.database.session() as s:
        cid = active_cosa(s)
        mid = meeting(s, cid, HELD)
        owner = person(s, "Siobhán", "Ní Mhaoldomhnaigh-Featherstonehaugh")
        words = "Ring the housing officer about the flat on the second floor and ask about the lift " * 3
        action(s, cid, date.today() - timedelta(days=6), mid, description=words, owner=owner)
    panel = shown_panel(qtbot, state, cid, mid)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=WAIT_MS)
    table, header = panel.table, panel.table.horizontalHeader()
    kept = (ActionsModel.COL_OWNER, ActionsModel.COL_DUE, ActionsModel.COL_STATUS)
    qtbot.waitUntil(lambda: fits(panel) and all(header.sectionSize(c) >= table.sizeHintForColumn(c) for c in kept),
                    timeout=WAIT_MS)  # fmt: skip
