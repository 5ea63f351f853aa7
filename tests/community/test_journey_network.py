"""The connectors' network through the widgets: a regional connector and the connectors they support,
recorded in the Connectors area; the six-weekly community practice sessions the regional connector runs,
recorded with who came, the learning shared and the problems brought and solved; the next falling due six
weeks after the last; a session dated in the future refused beside its date; each connector seeing the
network's sessions."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox

from circles_desktop.services.common.words import uk_date
from circles_desktop.ui.community.network_area import ConnectorsArea
from support.journeys import choose, click, pick_record, type_text
from support.records import org, person
from support.ui import click_box

TODAY = date.today()
HELD = TODAY - timedelta(days=10)
LEARNING = "Circles that meet where the person feels at home keep going longer"


@pytest.fixture(autouse=True)
def no_message_boxes(monkeypatch):
    def unexpected(*args, **kwargs):
        raise AssertionError(f"unexpected message box: {args[1:3]}")

    for name in ("question", "warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, unexpected)


@pytest.fixture
def area(qtbot, state):
    with state.database.session() as s:
        org(s, "Mendip Circles Trust", "voluntary")
        for given, family in (("Kerry", "Jones"), ("Amara", "Okafor"), ("Björn", "Rees")):
            person(s, given, family)
    widget = ConnectorsArea(state)
    qtbot.addWidget(widget)
    widget.resize(1366, 720)
    widget.show()
    return widget


def record_connector(qtbot, area, search: str, regional: bool = False, supported_by: str | None = None):
    click(qtbot, area.new_button)
    dialog = area.dialog
    pick_record(qtbot, dialog.person, search)
    pick_record(qtbot, dialog.host, "Mendip")
    if regional:
        click_box(qtbot, dialog.regional)
        assert not dialog.supported_by.isEnabled()
    if supported_by:
        choose(dialog.supported_by, text=supported_by)
    dialog.started_on.set_value(TODAY - timedelta(days=400))
    click(qtbot, dialog.form.save_button)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.form.general_error.text()


def test_a_regional_connector_records_practice_sessions_for_the_network(qtbot, area):
    record_connector(qtbot, area, "Jones", regional=True)
    record_connector(qtbot, area, "Okafor", supported_by="Kerry Jones")
    record_connector(qtbot, area, "Rees", supported_by="Kerry Jones")
    assert [area.table.item(r, 0).text().strip() for r in range(3)] == ["Kerry Jones", "Amara Okafor", "Björn Rees"]
    assert area.count.text() == "2 connectors, 1 regional connector"

    area.table.selectRow(0)
    page = area.page
    assert "Regional connector supporting 2 of 12 local connectors" in page.heading.text()
    practice = page.practice
    page.tabs.setCurrentWidget(practice)
    assert "due today" in practice.due.text() or "was due" in practice.due.text()  # none held yet

    # A session in the future is refused beside its date; nothing typed is lost.
    click(qtbot, practice.record_button)
    dialog = practice.dialog
    dialog.held_on.set_value(TODAY + timedelta(days=3))
    type_text(qtbot, dialog.venue, "Online (video call)")
    for box in dialog.came.boxes.values():
        click_box(qtbot, box)
    type_text(qtbot, dialog.learning, LEARNING)
    type_text(qtbot, dialog.brought, "Two circles cannot find a facilitator free at weekends")
    type_text(qtbot, dialog.solved, "Share facilitators across the two partner organisations")
    click(qtbot, dialog.form.save_button)
    assert dialog.form.error_text("held_on").startswith("Record a session once it has been held")
    assert dialog.isVisible() and dialog.learning.toPlainText() == LEARNING
    dialog.held_on.set_value(HELD)
    click(qtbot, dialog.form.save_button)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.form.general_error.text()

    due = HELD + timedelta(weeks=6)
    assert f"due on {uk_date(due)}, in 32 days" in practice.due.text()
    assert practice.table.item(0, 0).text() == uk_date(HELD)
    assert practice.table.item(0, 2).text() == "Amara Okafor, Björn Rees"
    assert LEARNING in practice.detail.text()

    # A local connector sees the network's sessions, but does not record them.
    area.table.selectRow(1)
    assert "Supported by Kerry Jones" in page.heading.text()
    assert practice.table.item(0, 0).text() == uk_date(HELD)
    assert not practice.record_button.isVisibleTo(page)
