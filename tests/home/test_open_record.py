"""`open_record`, the one way Home's lines and the search's results open what they name: each kind
of record opens in its own area, at the part named (a circle's Reviews tab, a meeting's Actions with
the action selected, a learning circle's actions)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import QSettings

from circles_desktop.models import LearningCircle
from circles_desktop.services.common import record_ref as rr
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.app.area_links import open_record
from circles_desktop.ui.app.main_window import MainWindow
from circles_desktop.ui.meetings.meeting_screen import TAB_ACTIONS, MeetingScreen
from support.due import action, active_cosa, learning_circle, meeting
from support.records import accepted_cosa_referral, org, person

TODAY = date.today()


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


def test_each_kind_of_record_opens_in_its_area(window):
    with window.state.database.session() as s:
        pid = person(s, "Siân", "Smith-Jones")
        oid = org(s, "Severn Vale Probation Delivery Unit", "probation")
        rid = accepted_cosa_referral(s)
        lcid = learning_circle(s, meets_at=datetime.combine(TODAY - timedelta(days=3), datetime.min.time()))
        child_id = s.get(LearningCircle, lcid).child_id
    assert open_record(window, rr.RecordRef(rr.PERSON, pid)) is not None
    assert window.current_area() == "People" and window.area_widget("People").record_id == pid
    open_record(window, rr.RecordRef(rr.ORGANISATION, oid))
    assert window.current_area() == "Organisations" and window.area_widget("Organisations").record_id == oid
    open_record(window, rr.RecordRef(rr.REFERRAL, rid))
    assert window.current_area() == "Referrals" and window.area_widget("Referrals").page.referral_id == rid
    screen = open_record(window, rr.RecordRef(rr.LEARNING_CIRCLE, lcid, rr.CHECKLIST))
    assert window.current_area() == "Learning circles" and screen.tabs.currentWidget() is screen.checklist_view
    open_record(window, rr.RecordRef(rr.CHILD, child_id))
    assert window.current_area() == "Children" and window.area_widget("Children").panel.child_id == child_id


def test_a_circle_opens_at_its_reviews_and_a_meeting_at_the_action(window):
    with window.state.database.session() as s:
        cid = active_cosa(s)
        mid = meeting(s, cid, TODAY - timedelta(days=20))
        aid = action(s, cid, TODAY - timedelta(days=2), mid, description="Ring the housing officer")
    screen = open_record(window, rr.RecordRef(rr.CIRCLE, cid, rr.REVIEWS))
    assert window.current_area() == "Circles" and screen.tabs.currentWidget() is screen.reviews_tab
    opened = open_record(window, rr.RecordRef(rr.MEETING, mid, rr.ACTIONS, aid))
    assert isinstance(opened, MeetingScreen) and opened.tabs.currentIndex() == TAB_ACTIONS
    assert opened.actions_panel.selected_id() == aid


def test_a_record_deleted_meanwhile_opens_nothing_and_says_so(window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: said.append(text))
    assert open_record(window, rr.RecordRef(rr.MEETING, 999_999)) is None
    assert said and "could not be opened" in said[0]
