"""The Circles list and the Circle screen, driven through their widgets on a real encrypted database:
a young person's circle from an accepted referral through to active, the consent matrix, the ring
drawing, the release countdown, reviews, goals, developments, and the life-cycle rules' messages."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox

from circles_desktop.models import ProfessionalRole
from circles_desktop.models.vocab import Category, CosaVariant, MemberRole, Ring
from circles_desktop.services.circles import circles, members
from circles_desktop.services.consent import consent
from circles_desktop.services.meetings import meetings
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.circles.circles_list import CirclesArea, CirclesModel
from support.records import accepted_cosa_referral, org, person, professional, volunteer

WAIT = 5_000
TODAY = date.today()
START = TODAY - timedelta(days=100)


@pytest.fixture
def state(db, tmp_path, qtbot):
    st = AppState(str(tmp_path / "data"), settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    st.database = db
    return st


@pytest.fixture
def area(state, qtbot):
    widget = CirclesArea(state)
    qtbot.addWidget(widget)
    widget.resize(1176, 700)
    widget.show()
    return widget


def person_of(s, role_id: int) -> int:
    return s.get(ProfessionalRole, role_id).person_id


def make_circle(state, variant=CosaVariant.ADULT_COMMUNITY, start=START, **kw) -> int:
    with state.database.session() as s:
        ref = accepted_cosa_referral(s, person(s, "Ciaran", "Doyle"))
        form = circles.CircleForm(
            kind="cosa",
            variant=variant,
            referral_id=ref,
            started_on=start,
            coordinator_id=person(s, "Ana", "Bevan"),
            **kw,
        )
        return circles.create_circle(s, form).id


def save(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.form.save_button, Qt.MouseButton.LeftButton)


def test_young_person_circle_from_referral_to_active(qtbot, state, area, monkeypatch):
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: pytest.fail(f"unexpected warning {a[2]}"))
    with state.database.session() as s:
        young = person(s, "Tyler", "Brooks", date_of_birth=date(2010, 5, 4))
        ref_id = accepted_cosa_referral(s, young)
        coordinator = person(s, "Maya", "Coordinator")
        vol1 = volunteer(s, "Ruth", "Fielding")
        vol2 = volunteer(s, "Omar", "Haddad")
        parent = person(s, "Joanne", "Brooks")
        yot = org(s, "Riverside Youth Offending Team", "youth_offending")
        yoo_role = professional(s, "Keisha", "Grant", yot, "Youth offending officer")
        yoo = person_of(s, yoo_role)

    # The Referrals screen asks for a circle from the accepted referral: the form comes filled in.
    dialog = area.create_from_referral(ref_id)
    assert dialog.kind.currentData() == "cosa"
    assert dialog.referral.value() == ref_id
    dialog.variant.setCurrentIndex(dialog.variant.findData(CosaVariant.YOUNG_PERSON))
    assert not dialog.release.isEnabled()  # only prison circles have a release date
    qtbot.keyClicks(dialog.coordinator.search, "Maya")
    qtbot.waitUntil(lambda: dialog.coordinator.value() == coordinator, timeout=WAIT)
    dialog.started.set_value(START)
    save(qtbot, dialog)
    qtbot.waitUntil(lambda: area.opened is not None, timeout=WAIT)
    screen = area.opened
    assert screen.info.circle.cosa.variant == CosaVariant.YOUNG_PERSON
    assert screen.info.circle.status == "forming"
    assert "Tyler Brooks" in screen.heading.text()

    # Members: two volunteers and a parent in the inner circle, a youth offending officer outside.
    tab = screen.members_tab
    for pid, role, name in (
        (vol1, MemberRole.VOLUNTEER, "Ruth Fielding"),
        (vol2, MemberRole.VOLUNTEER, "Omar"),
        (parent, MemberRole.PARENT_CARER, "Joanne"),
        (yoo, MemberRole.YOUTH_OFFENDING_OFFICER, "Keisha"),
    ):
        d = tab.add_member()
        d.role.setCurrentIndex(d.role.findData(role))
        d.person.set_value(pid, name)
        d.joined.set_value(START + timedelta(days=2))
        save(qtbot, d)
        assert d.result() == d.DialogCode.Accepted, d.form.general_error.text()
    inner = [tab.inner_table.item(r, 0).text() for r in range(tab.inner_table.rowCount())]
    outer = [tab.outer_table.item(r, 0).text() for r in range(tab.outer_table.rowCount())]
    assert inner == ["Tyler Brooks", "Omar Haddad", "Ruth Fielding", "Joanne Brooks"]  # by role, then name
    assert outer == ["Keisha Grant"]
    assert tab.outer_table.item(0, 2).text() == "Riverside Youth Offending Team"  # from her job
    assert tab.outer_table.item(0, 1).text() == "Youth offending officer"

    # Activation is refused, with the reason, until a parent or carer has consented.
    check = screen.overview.change_status("activate")
    assert "parent's or carer's consent" in check.problems.text()
    assert not check.ok.isEnabled()
    check.reject()
    assert "No parent's or carer's consent is recorded yet" in screen.consent_tab.young.text()

    give = screen.consent_tab.give()
    give.recipient.setCurrentIndex(give.recipient.findData(f"member:{screen.info.outer[0].id}"))
    give.categories.boxes[Category.ATTENDANCE].setChecked(True)
    give.categories.boxes[Category.MINUTES].setChecked(True)
    give.given_on.set_value(START + timedelta(days=5))
    assert give.parent_carer.currentData() == parent
    save(qtbot, give)
    assert give.result() == give.DialogCode.Accepted, give.form.general_error.text()
    assert "consent is recorded" in screen.consent_tab.young.text()
    assert screen.consent_tab.cell_text("Keisha Grant", Category.ATTENDANCE).startswith("✓ Given")
    assert screen.consent_tab.cell_text("Keisha Grant", Category.RISK_CONCERNS) == ""

    check = screen.overview.change_status("activate")
    check.on_date.set_value(START + timedelta(days=10))
    assert check.ok.isEnabled(), check.problems.text()
    qtbot.mouseClick(check.ok, Qt.MouseButton.LeftButton)
    assert screen.info.circle.status == "active"
    assert screen.overview.values["status"].text() == "Active"
    assert not screen.overview.activate_button.isEnabled()

    # Back to the list: the new circle is there.
    qtbot.mouseClick(screen.back, Qt.MouseButton.LeftButton)
    assert area.stack.currentWidget() is area.list_page
    rows = [area.model.row(r) for r in range(area.model.rowCount())]
    assert any(r[CirclesModel.COL_CORE] == "Tyler Brooks" and r[CirclesModel.COL_STATUS] == "Active" for r in rows)


def test_consent_matrix_on_a_date_and_withdrawal(qtbot, state, area, monkeypatch):
    cid = make_circle(state)
    given, withdrawn = START + timedelta(days=3), START + timedelta(days=40)
    with state.database.session() as s:
        police = org(s, "Vale Constabulary", "police")
        pid = person_of(s, professional(s, "Tomasz", "MacLeod", police, "Police offender manager"))
        mid = members.add_member(s, cid, pid, Ring.OUTER, MemberRole.POLICE_OFFENDER_MANAGER, START).id
        core = circles.get_circle(s, cid).focus_person_id
        consent.give_consent(
            s,
            cid,
            categories=[Category.MINUTES, Category.RISK_CONCERNS],
            given_on=given,
            given_by_id=core,
            recipient_member_id=mid,
        )
        consent.give_consent(
            s,
            cid,
            categories=[Category.SIGNIFICANT_DEVELOPMENTS],
            given_on=given,
            given_by_id=core,
            recipient_organisation_id=police,
        )
    screen = area.open_circle(cid)
    tab = screen.consent_tab
    screen.tabs.setCurrentWidget(tab)
    assert tab.cell_text("Tomasz MacLeod", Category.MINUTES) == f"✓ Given {given:%d/%m/%Y}"
    assert tab.cell_text("Tomasz MacLeod", Category.ATTENDANCE) == ""
    assert tab.cell_text("Tomasz MacLeod", Category.SIGNIFICANT_DEVELOPMENTS) == "Via organisation"
    assert tab.cell_text("Vale Constabulary", Category.SIGNIFICANT_DEVELOPMENTS).startswith("✓ Given")

    # Before consent was given, nothing.
    tab.on_date.set_value(given - timedelta(days=1))
    assert tab.cell_text("Tomasz MacLeod", Category.MINUTES) == ""

    # Withdraw "meeting minutes" through the matrix.
    tab.on_date.set_value(TODAY)
    row = next(i for i, r in enumerate(tab.matrix_rows) if r.recipient.name == "Tomasz MacLeod")
    col = 1 + consent.CATEGORIES.index(Category.MINUTES)
    tab.matrix.setCurrentCell(row, col)
    dialog = tab.withdraw()
    dialog.form.field("withdrawn_on").set_value(given - timedelta(days=2))
    save(qtbot, dialog)
    assert "cannot be before" in dialog.form.error_text("withdrawn_on")  # dates may not run backwards
    dialog.form.field("withdrawn_on").set_value(withdrawn)
    qtbot.keyClicks(dialog.form.field("reason"), "Asked to stop")
    save(qtbot, dialog)
    assert dialog.result() == dialog.DialogCode.Accepted

    tab.on_date.set_value(withdrawn - timedelta(days=1))
    assert tab.cell_text("Tomasz MacLeod", Category.MINUTES) == (
        f"✓ Given {given:%d/%m/%Y}\nwithdrawn from {withdrawn:%d/%m/%Y}"
    )
    tab.on_date.set_value(withdrawn)
    assert tab.cell_text("Tomasz MacLeod", Category.MINUTES) == ""
    assert tab.cell_text("Tomasz MacLeod", Category.RISK_CONCERNS).startswith("✓ Given")
    history = [tab.history_table.item(r, 6).text() for r in range(tab.history_table.rowCount())]
    assert "Asked to stop" in history


def test_ring_drawing_lists_each_ring(qtbot, state, area):
    cid = make_circle(state)
    with state.database.session() as s:
        for given, family in (("Siân", "Jones"), ("Łukasz", "Nowak"), ("Zoë", "Hartley"), ("Nguyễn", "An")):
            members.add_member(s, cid, volunteer(s, given, family), Ring.INNER, MemberRole.VOLUNTEER, START)
        gone = volunteer(s, "Gone", "Before")
        members.add_member(s, cid, gone, Ring.INNER, MemberRole.VOLUNTEER, START)
        probation = org(s, "Avonford Probation Delivery Unit", "probation")
        prison = org(s, "HMP Harrowdene", "prison")
        for given, family, o, role in (
            ("Björn", "Roberts", probation, MemberRole.PROBATION_OFFICER),
            ("Uchenna", "O'Connor", prison, MemberRole.PRISON_STAFF),
        ):
            pid = person_of(s, professional(s, given, family, o, role))
            members.add_member(s, cid, pid, Ring.OUTER, role, START)
        left = members.members(s, cid)
        members.member_leaves(s, next(m.id for m in left if m.person_id == gone), START + timedelta(days=5))
    screen = area.open_circle(cid)
    drawing = screen.overview.rings
    text = drawing.text_alternative()
    lines = text.splitlines()
    assert lines[0] == "At the centre, core member: Ciaran Doyle."
    assert lines[1].startswith("Inner circle (4): ")
    for name in ("Siân Jones", "Łukasz Nowak", "Zoë Hartley", "Nguyễn An"):
        assert name in lines[1] and name not in lines[2]
    assert "Gone Before" not in text  # left the circle
    assert lines[2].startswith("Outer circle (2): ")
    assert "Björn Roberts (probation officer, Avonford Probation Delivery Unit)" in lines[2]
    assert "Uchenna O'Connor (prison staff, HMP Harrowdene)" in lines[2]
    assert screen.overview.who.text() == text
    assert drawing.accessibleDescription() == text
    drawing.resize(700, 520)
    image = drawing.grab().toImage()  # runs paintEvent
    assert image.width() == 700 and not image.isNull()
    assert len(drawing._cards) == 1 + 4 + 2  # core, inner, outer cards drawn


def test_prison_circle_countdown(qtbot, state, area):
    soon = make_circle(state, CosaVariant.PRISON, expected_release_on=TODAY + timedelta(days=75))
    past = make_circle(state, CosaVariant.PRISON, expected_release_on=TODAY - timedelta(days=12))
    area.refresh()
    rows = {area.model.row(r)[-1]: area.model.row(r) for r in range(area.model.rowCount())}
    assert rows[soon][CirclesModel.COL_RELEASE] == "in 75 days"
    assert rows[past][CirclesModel.COL_RELEASE] == "12 days ago"
    screen = area.open_circle(soon)
    assert screen.overview.countdown.text() == "Release in 75 days"
    assert screen.overview.countdown.isVisibleTo(screen)
    screen = area.open_circle(past)
    assert screen.overview.countdown.text() == "Released 12 days ago"
    plain = area.open_circle(make_circle(state))
    assert not plain.overview.countdown.isVisibleTo(plain)


def test_review_due_and_history(qtbot, state, area):
    cid = make_circle(state, start=TODAY - timedelta(days=120))
    screen = area.open_circle(cid)
    assert "OVERDUE" in screen.overview.review.text()
    assert "OVERDUE" in screen.reviews_tab.due.text()
    with state.database.session() as s:
        meetings.create_meeting(
            s,
            cid,
            meetings.MeetingForm(
                kind="quarterly_review",
                starts_at=datetime.combine(TODAY - timedelta(days=10), datetime.min.time()),
                venue="Community hall",
            ),
        )
    screen.reload()
    due = TODAY - timedelta(days=10)
    assert "OVERDUE" not in screen.overview.review.text()
    assert "Quarterly review due on" in screen.overview.review.text()
    assert screen.reviews_tab.table.rowCount() == 1
    assert screen.reviews_tab.table.item(0, 1).text() == "Quarterly review"
    assert due.strftime("%d/%m/%Y") in screen.reviews_tab.table.item(0, 0).text()
    # The Meetings tab lists it and asks the Meeting screen to open it.
    screen.meetings_tab.reload()
    assert screen.meetings_tab.model.rowCount() == 1
    screen.meetings_tab.table.selectRow(0)
    with qtbot.waitSignal(area.open_meeting_requested, timeout=WAIT) as opened:
        qtbot.mouseClick(screen.meetings_tab.open_button, Qt.MouseButton.LeftButton)
    assert opened.args == [screen.meetings_tab.model.meeting_id(0)]
    with qtbot.waitSignal(area.new_meeting_requested, timeout=WAIT) as asked:
        qtbot.mouseClick(screen.meetings_tab.new_button, Qt.MouseButton.LeftButton)
    assert asked.args == [cid]


def test_goal_with_progress_note(qtbot, state, area):
    cid = make_circle(state)
    screen = area.open_circle(cid)
    tab = screen.goals_tab
    dialog = tab.add_goal()
    save(qtbot, dialog)
    assert dialog.form.error_text("title") == "Enter the goal."
    qtbot.keyClicks(dialog.form.field("title"), "Find a volunteering role")
    dialog.form.field("set_on").set_value(START + timedelta(days=7))
    save(qtbot, dialog)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert [g.title for g in tab.goals] == ["Find a volunteering role"]
    tab.select_goal(tab.goals[0].id)
    note = tab.add_progress()
    note.form.field("noted_on").set_value(START + timedelta(days=30))
    note.form.field("note").setPlainText("Visited the food bank; starts next week")
    save(qtbot, note)
    assert note.result() == note.DialogCode.Accepted
    goal = tab.goals[0]
    assert [p.note for p in goal.progress] == ["Visited the food bank; starts next week"]
    assert tab.tree.topLevelItem(0).child(0).text(0) == "Visited the food bank; starts next week"
    tab.select_goal(goal.id)
    edit = tab.edit_goal()
    edit.form.field("status").setCurrentIndex(edit.form.field("status").findData("achieved"))
    assert edit.form.field("closed_on").value() == TODAY
    save(qtbot, edit)
    assert tab.goals[0].status == "achieved"
    assert screen.overview.counts.text().endswith("1 goal")


def test_recording_a_development(qtbot, state, area):
    cid = make_circle(state)
    with state.database.session() as s:
        police = org(s, "Vale Constabulary", "police")
        pid = person_of(s, professional(s, "Tomasz", "MacLeod", police, "Police offender manager"))
        members.add_member(s, cid, pid, Ring.OUTER, MemberRole.POLICE_OFFENDER_MANAGER, START)
    screen = area.open_circle(cid)
    tab = screen.developments_tab
    screen.tabs.setCurrentWidget(tab)
    qtbot.mouseClick(tab.form.save_button, Qt.MouseButton.LeftButton)
    assert tab.form.error_text("description") == "Enter what happened."
    when = TODAY - timedelta(days=3)
    tab.form.field("occurred_on").set_value(when)
    tab.kind.setCurrentIndex(tab.kind.findData("risk"))
    tab.description.setPlainText("Seen near a school; raised with police")
    tab.reported_by.setCurrentIndex(tab.reported_by.findData(pid))
    tab.shared.tick(pid)
    tab.shared.shared_on.set_value(when)
    texts = [tab.shared.people.item(i).text() for i in range(tab.shared.people.count())]
    assert f"Tomasz MacLeod (police offender manager), {when:%d/%m/%Y}" in texts  # the date it will be saved with
    tab.escalated.setChecked(True)
    tab.escalated_on.set_value(when + timedelta(days=1))
    qtbot.mouseClick(tab.form.save_button, Qt.MouseButton.LeftButton)
    assert len(tab.rows) == 1, tab.form.general_error.text()
    d = tab.rows[0]
    assert (d.kind, d.reported_by, d.escalated_to_mappa) == ("risk", "Tomasz MacLeod", True)
    assert d.shared_with == (("Tomasz MacLeod", when),)
    assert tab.table.item(0, 5).text() == f"Yes, {when + timedelta(days=1):%d/%m/%Y}"
    assert not tab.form.is_dirty and tab.can_leave()
    # Editing: choosing it in the list loads the form.
    tab.table.selectRow(0)
    assert tab.editing == d.id
    assert tab.description.toPlainText() == "Seen near a school; raised with police"
    # Whom it was shared with, each beside the day they were told; those not told have no date.
    told = {tab.shared.people.item(i).text() for i in range(tab.shared.people.count())}
    assert f"Tomasz MacLeod (police offender manager), {when:%d/%m/%Y}" in told
    assert all(text.endswith(")") for text in told - {f"Tomasz MacLeod (police offender manager), {when:%d/%m/%Y}"})


def test_member_left_before_joined_shows_the_message(qtbot, state, area):
    cid = make_circle(state)
    with state.database.session() as s:
        members.add_member(
            s, cid, volunteer(s, "Ruth", "Fielding"), Ring.INNER, MemberRole.VOLUNTEER, START + timedelta(days=10)
        )
    screen = area.open_circle(cid)
    tab = screen.members_tab
    assert tab.select_member(next(r.id for r in tab.rows.values() if r.name == "Ruth Fielding"))
    dialog = tab.member_leaves()
    dialog.form.field("left_on").set_value(START + timedelta(days=5))
    save(qtbot, dialog)
    message = dialog.form.error_text("left_on")
    assert "cannot be before the date they joined" in message
    assert dialog.isVisible()
    dialog.form.field("left_on").set_value(START + timedelta(days=50))
    save(qtbot, dialog)
    assert dialog.result() == dialog.DialogCode.Accepted
    row = next(r for r in range(tab.inner_table.rowCount()) if tab.inner_table.item(r, 0).text() == "Ruth Fielding")
    assert tab.inner_table.item(row, 4).text() == (START + timedelta(days=50)).strftime("%d/%m/%Y")


def test_close_refused_without_end_of_circle_review(qtbot, state, area):
    cid = make_circle(state)
    screen = area.open_circle(cid)
    dialog = screen.overview.change_status("close")
    assert "end-of-circle review" in dialog.problems.text()
    assert not dialog.ok.isEnabled()
    dialog.reject()
    with state.database.session() as s:
        meetings.create_meeting(
            s,
            cid,
            meetings.MeetingForm(
                kind="end_of_circle_review", starts_at=datetime.combine(TODAY - timedelta(days=2), datetime.min.time())
            ),
        )
    dialog = screen.overview.change_status("close")
    assert dialog.ok.isEnabled(), dialog.problems.text()
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert screen.info.circle.status == "closed"
    assert not screen.members_tab.add_button.isEnabled()


def test_new_circle_form_shows_errors_and_prison_release(qtbot, state, area):
    dialog = area.new_circle()
    save(qtbot, dialog)
    assert dialog.form.error_text("variant") == "Choose kind of CoSA circle."
    assert "Choose the accepted referral" in dialog.form.error_text("referral_id")
    dialog.variant.setCurrentIndex(dialog.variant.findData(CosaVariant.PRISON))
    assert dialog.release.isEnabled()
    with state.database.session() as s:
        ref = accepted_cosa_referral(s, person(s, "Liam", "Mensah"))
    dialog.referral.refresh()
    dialog.referral.set_value(ref)
    dialog.release.set_value(TODAY + timedelta(days=75))
    dialog.started.set_value(TODAY - timedelta(days=30))
    save(qtbot, dialog)
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.form.general_error.text()
    assert area.opened.overview.countdown.text() == "Release in 75 days"


def test_list_filters_pages_and_lock(qtbot, state, area, monkeypatch):
    from circles_desktop.services.demo import demo

    demo.fill(state.database, size=60)
    area.refresh()
    total = area.model.total
    assert total > 0 and area.count.text() == f"{total} circles"
    area.variant.setCurrentIndex(area.variant.findData(CosaVariant.YOUNG_PERSON))
    rows = [area.model.row(r) for r in range(area.model.rowCount())]
    assert rows and all(r[CirclesModel.COL_VARIANT] == "Young person" for r in rows)
    area.variant.setCurrentIndex(0)
    area.status.setCurrentIndex(area.status.findData("closed"))
    # A closed learning circle is said by its stage, as the Learning circles list says it.
    closed = {area.model.row(r)[CirclesModel.COL_STATUS] for r in range(area.model.rowCount())}
    assert "Closed" in closed and closed <= {"Closed", "Complete"}
    area.status.setCurrentIndex(0)
    first = area.model.row(0)
    qtbot.keyClicks(area.search, first[CirclesModel.COL_REFERENCE])
    qtbot.waitUntil(lambda: area.model.rowCount() == 1, timeout=WAIT)
    area.table.selectRow(0)
    qtbot.mouseClick(area.open_button, Qt.MouseButton.LeftButton)
    screen = area.opened
    assert screen.circle_id == first[-1]
    assert screen.overview.rings.inner or screen.overview.rings.outer

    # Locking forgets what was read; typed text stays; unlocking reads again.
    tab = screen.developments_tab
    tab.description.setPlainText("half-typed note")
    db = state.database
    state.database = None
    state.locked.emit()
    assert area.model.rowCount() == 0
    assert screen.members_tab.inner_table.rowCount() == 0
    assert screen.overview.rings.core is None and screen.consent_tab.matrix.rowCount() == 0
    assert tab.description.toPlainText() == "half-typed note"
    state.database = db
    state.unlocked.emit(db)
    assert screen.members_tab.inner_table.rowCount() > 0
    assert area.model.rowCount() == 1
    assert tab.description.toPlainText() == "half-typed note"
    # Leaving with that unsaved text asks first; Cancel stays on the circle.
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Cancel)
    assert not area.can_leave()
    qtbot.mouseClick(screen.back, Qt.MouseButton.LeftButton)
    assert area.opened is screen and area.stack.currentWidget() is screen
