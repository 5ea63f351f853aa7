"""Issue 3's journey, end to end through the widgets of the real application: a coordinator records the
organisations and people, walks a CoSA referral of a young person to accepted, forms the circle, fills
both rings, records consent (young person and parent), activates it, holds a meeting with attendance,
minutes and an action; then the app is shut down, started again on the same data folder and unlocked,
and everything is found again on screen.

Only modal static boxes are patched (any message box fails the test: none is expected on this path).
"""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from circles_desktop.models.vocab import Category
from circles_desktop.ui.meetings.meeting_screen import TAB_ACTIONS, TAB_MINUTES, MeetingScreen
from support import PASSPHRASE
from support.journeys import answer_modal, choose, click, go_to, pick_record, search_pick, type_text
from support.ui import WAIT_MS, click_box, start_shell, unlock

TODAY = date.today()
BORN = date(TODAY.year - 15, 5, 14)
RECEIVED = TODAY - timedelta(days=90)
DISCUSSED = TODAY - timedelta(days=80)
FULL = TODAY - timedelta(days=70)
ACCEPTED = TODAY - timedelta(days=60)
STARTED = TODAY - timedelta(days=50)
JOINED = TODAY - timedelta(days=45)
CONSENTED = TODAY - timedelta(days=40)
ACTIVE_ON = TODAY - timedelta(days=35)
MEETING_DAY = TODAY - timedelta(days=7)
DUE = TODAY + timedelta(days=14)


def uk(d: date) -> str:
    return d.strftime("%d/%m/%Y")


PROBATION = "Severn Vale Probation Delivery Unit"
POLICE = "Wessex Constabulary"
SOCIAL_CARE = "Marlbrook Children's Social Care"
ORGANISATIONS = ((PROBATION, "probation"), (POLICE, "police"), (SOCIAL_CARE, "social_care"))

YOUNG = "Jayden Okoro"
PARENT = "Grace Okoro"
VOL1, VOL2 = "Siân Pritchard", "Tomasz Wójcik"
OFFICER, POLICE_OM, SOCIAL_WORKER = "Priya Shah", "Gareth Rees", "Amara Nwosu"
COORDINATOR = "Ellen Marsh"

INNER = [YOUNG, VOL1, VOL2, PARENT]  # core member, volunteers, parent/carer (by role, then name)
OUTER = [OFFICER, POLICE_OM, SOCIAL_WORKER]
OFFICER_CATEGORIES = (Category.ATTENDANCE, Category.GOALS_PROGRESS, Category.MINUTES)
POLICE_CATEGORIES = (Category.RISK_CONCERNS,)
SECTIONS = [
    ("Check-in", "Everyone arrived on time; Jayden talked about college.", "minutes"),
    ("Who came", "Gareth sent apologies; Amara could not attend.", "attendance"),
    ("Goals", "Applied for the bricklaying course; practising for the interview.", "goals_progress"),
    ("Risk and concerns", "Some low mood after a row at home; no contact with the victim.", "risk_concerns"),
    ("Volunteers' debrief", "We felt the session went well; keep to shorter meetings.", "internal"),
]
TAGS = ["Meeting minutes", "Attendance", "Goals and progress", "Risk and concerns", "Internal — never shared"]
ACTION = "Bring the college application form"


@pytest.fixture(autouse=True)
def no_message_boxes(monkeypatch):
    """Nothing on this path should ask or warn; a box nobody answers would hang the run."""

    def unexpected(*args, **kwargs):
        raise AssertionError(f"unexpected message box: {args[1:3]}")

    for name in ("question", "warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, unexpected)


# --- the journey, step by step ---------------------------------------------------------------------
def add_organisations(qtbot, window) -> None:
    area = go_to(qtbot, window, "Organisations")
    for name, kind in ORGANISATIONS:
        click(qtbot, area.new_button)
        form = area.form
        type_text(qtbot, form.field("name"), name)
        choose(form.field("kind"), kind)
        qtbot.keyClick(form.field("name"), Qt.Key.Key_Return)  # Enter saves
        assert form.general_error.isHidden() and form.error_text("name") == "", form.error_text("name")
        assert area.organisation_id is not None and not form.is_dirty
    assert area.count.text() == "3 organisations"


def new_person(qtbot, area, given: str, family: str):
    click(qtbot, area.new_button)
    form = area.form
    type_text(qtbot, form.field("given_name"), given)
    type_text(qtbot, form.field("family_name"), family)
    return form


def save_person(qtbot, area) -> int:
    click(qtbot, area.form.save_button)
    assert area.editor.duplicate_dialog is None, "unexpected likely-duplicate warning"
    assert area.form.general_error.isHidden(), area.form.general_error.text()
    assert not area.form.is_dirty
    assert area.editor.person_id is not None
    return area.editor.person_id


def add_volunteer(qtbot, area, given, family, certificate) -> None:
    form = new_person(qtbot, area, given, family)
    click_box(qtbot, form.part_boxes["volunteer"])
    vol = form.volunteer
    assert vol.isVisible()
    type_text(qtbot, vol.location, "Marlbrook")
    click_box(qtbot, vol.availability.boxes[("wed", "evening")])
    choose(vol.dbs_level, "enhanced")
    vol.dbs_checked_on.set_value(TODAY - timedelta(days=200))
    type_text(qtbot, vol.dbs_certificate, certificate)
    type_text(qtbot, vol.training_course, "CoSA volunteer training")
    vol.training_completed_on.set_value(TODAY - timedelta(days=150))
    save_person(qtbot, area)
    assert vol.dbs_table.item(0, 0).text() == "Enhanced"
    assert vol.training_table.item(0, 0).text() == "CoSA volunteer training"


def add_professional(qtbot, area, given, family, organisation, job_title) -> None:
    form = new_person(qtbot, area, given, family)
    click_box(qtbot, form.part_boxes["professional"])
    prof = form.professional
    assert prof.isVisible()
    choose(prof.organisation, text=organisation)
    type_text(qtbot, prof.job_title, job_title)
    save_person(qtbot, area)
    assert prof.roles_table.item(0, 0).text().startswith(organisation)
    assert prof.roles_table.item(0, 1).text() == job_title


def add_people(qtbot, window) -> None:
    area = go_to(qtbot, window, "People")
    form = new_person(qtbot, area, "Jayden", "Okoro")
    form.field("date_of_birth").set_value(BORN)
    type_text(qtbot, form.field("reference"), "YP2291")
    save_person(qtbot, area)

    add_volunteer(qtbot, area, "Siân", "Pritchard", "001234567890")
    add_volunteer(qtbot, area, "Tomasz", "Wójcik", "009876543210")
    add_professional(qtbot, area, "Priya", "Shah", PROBATION, "Probation officer")
    add_professional(qtbot, area, "Gareth", "Rees", POLICE, "Police offender manager")
    add_professional(qtbot, area, "Amara", "Nwosu", SOCIAL_CARE, "Social worker")

    form = new_person(qtbot, area, "Grace", "Okoro")
    click_box(qtbot, form.part_boxes["parent_carer"])
    save_person(qtbot, area)
    form = new_person(qtbot, area, "Ellen", "Marsh")
    click_box(qtbot, form.part_boxes["coordinator"])
    save_person(qtbot, area)
    assert area.count.text() == "8 people"


def walk_referral(qtbot, window) -> int:
    area = go_to(qtbot, window, "Referrals")
    click(qtbot, area.list.new_button)
    page = area.page
    ed = page.editor
    assert ed.kind.currentData() == "cosa"
    pick_record(qtbot, ed.person, "Jayden")
    pick_record(qtbot, ed.referrer, "Shah")
    assert ed.person.label() == YOUNG
    assert ed.referrer.label() == f"{OFFICER} — Probation officer, {PROBATION}"
    ed.received_on.set_value(RECEIVED)
    choose(ed.mappa_category, 2)
    choose(ed.mappa_level, 1)
    type_text(qtbot, ed.eligibility, "Harmful sexual behaviour; lives locally with his mother")
    click(qtbot, ed.save_button)
    assert ed.general_error.isHidden(), ed.general_error.text()
    referral_id = page.referral_id
    assert referral_id is not None and page.view.status == "received"

    for status, on in (("initial_discussion", DISCUSSED), ("full_referral", FULL), ("accepted", ACCEPTED)):
        click(qtbot, page.step_buttons.buttons[status])
        dialog = page.step_dialog
        assert dialog is not None and dialog.isVisible()
        dialog.on_date.set_value(on)
        click(qtbot, dialog.form.save_button)
        assert not dialog.isVisible(), dialog.form.general_error.text()
        assert page.view.status == status
    assert [(s.status, s.on_date) for s in page.view.steps] == [
        ("received", RECEIVED),
        ("initial_discussion", DISCUSSED),
        ("full_referral", FULL),
        ("accepted", ACCEPTED),
    ]
    click(qtbot, page.create_circle_button)
    return referral_id


def referral_has_its_circle(qtbot, window) -> None:
    """Back on the referral: it no longer offers to form a circle, since one has been formed."""
    area = go_to(qtbot, window, "Referrals")
    assert area.currentWidget() is area.page
    button = area.page.create_circle_button
    assert button.isVisible() and not button.isEnabled()
    assert button.toolTip() == "A circle has already been formed from this referral."


def form_circle(qtbot, window, referral_id: int):
    assert window.current_area() == "Circles"
    circles = window.area_widget("Circles")
    dialog = circles.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT_MS)
    assert dialog.kind.currentData() == "cosa"
    assert dialog.referral.value() == referral_id
    assert YOUNG in dialog.referral.choice.currentText()
    choose(dialog.variant, "young_person")
    assert not dialog.release.isEnabled()  # only prison circles count down to release
    search_pick(qtbot, dialog.coordinator, "Marsh", COORDINATOR)
    dialog.started.set_value(STARTED)
    click(qtbot, dialog.form.save_button)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.form.general_error.text()
    qtbot.waitUntil(lambda: circles.opened is not None, timeout=WAIT_MS)
    screen = circles.opened
    assert YOUNG in screen.heading.text() and "Young person CoSA circle" in screen.heading.text()
    assert screen.overview.values["status"].text() == "Forming"
    assert screen.overview.values["coordinator"].text() == COORDINATOR
    return circles, screen


def add_members(qtbot, screen) -> None:
    tab = screen.members_tab
    screen.tabs.setCurrentWidget(tab)
    for role, search, name, ring in (
        ("volunteer", "Pritchard", VOL1, "inner"),
        ("volunteer", "wojcik", VOL2, "inner"),
        ("parent_carer", "Grace", PARENT, "inner"),
        ("probation_officer", "Shah", OFFICER, "outer"),
        ("police_offender_manager", "Rees", POLICE_OM, "outer"),
        ("social_worker", "Nwosu", SOCIAL_WORKER, "outer"),
    ):
        click(qtbot, tab.add_button)
        dialog = tab.dialog
        assert dialog is not None and dialog.isVisible()
        choose(dialog.role, role)
        assert dialog.ring.currentData() == ring
        search_pick(qtbot, dialog.person, search, name)
        dialog.joined.set_value(JOINED)
        click(qtbot, dialog.form.save_button)
        assert dialog.result() == QDialog.DialogCode.Accepted, (name, dialog.form.general_error.text())
    assert table_names(tab.inner_table) == INNER
    assert table_names(tab.outer_table) == OUTER
    assert [tab.outer_table.item(r, 2).text() for r in range(3)] == [PROBATION, POLICE, SOCIAL_CARE]


def table_names(table) -> list[str]:
    return [table.item(r, 0).text() for r in range(table.rowCount())]


def try_activate_refused(qtbot, screen) -> None:
    screen.tabs.setCurrentWidget(screen.overview)
    click(qtbot, screen.overview.activate_button)
    check = screen.overview.dialog
    assert check is not None and check.isVisible()
    check.on_date.set_value(ACTIVE_ON)
    problems = check.problems.text()
    assert "For a young person's circle, record a parent's or carer's consent" in problems
    assert "volunteer" not in problems and "accepted referral" not in problems  # those are in place
    assert not check.ok.isEnabled()
    qtbot.keyClick(check, Qt.Key.Key_Escape)
    assert not check.isVisible()
    assert screen.overview.values["status"].text() == "Forming"


def give_consent(qtbot, screen, recipient: str, categories) -> None:
    tab = screen.consent_tab
    screen.tabs.setCurrentWidget(tab)
    click(qtbot, tab.give_button)
    dialog = tab.dialog
    assert dialog is not None and dialog.isVisible()
    choose(dialog.recipient, text=recipient)
    for category in categories:
        click_box(qtbot, dialog.categories.boxes[category])
    dialog.given_on.set_value(CONSENTED)
    assert dialog.given_by.currentText() == f"{YOUNG} (core member)"
    assert dialog.parent_carer.currentText() == PARENT  # the parent consents alongside
    click(qtbot, dialog.form.save_button)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.form.general_error.text()


def activate(qtbot, screen) -> None:
    screen.tabs.setCurrentWidget(screen.overview)
    click(qtbot, screen.overview.activate_button)
    check = screen.overview.dialog
    check.on_date.set_value(ACTIVE_ON)
    assert check.problems.text() == "Everything needed is in place."
    click(qtbot, check.ok)
    assert not check.isVisible()
    assert screen.overview.values["status"].text() == "Active"
    assert screen.overview.values["activated"].text() == uk(ACTIVE_ON)


def hold_meeting(qtbot, circles, screen) -> None:
    screen.tabs.setCurrentWidget(screen.meetings_tab)
    click(qtbot, screen.meetings_tab.new_button)
    dialog = circles.new_meeting_dialog
    assert dialog is not None and dialog.isVisible()
    form = dialog.form
    choose(form.kind, "circle_meeting")
    form.day.set_value(MEETING_DAY)
    form.start.set_value(time(18, 30))
    form.end.set_value(time(20, 0))
    type_text(qtbot, form.venue, "St Anne's church hall")
    click(qtbot, form.save_button)
    assert dialog.result() == QDialog.DialogCode.Accepted, form.general_error.text()
    qtbot.waitUntil(lambda: isinstance(circles.stack.currentWidget(), MeetingScreen), timeout=WAIT_MS)
    meeting = circles.meeting
    assert "Circle meeting" in meeting.title.text() and uk(MEETING_DAY) in meeting.title.text()

    # Attendance: everyone present, then the police officer's apologies and the social worker absent.
    grid = meeting.attendance
    rows = {line.name.text(): line for line in grid.rows.values()}
    assert list(rows) == sorted(INNER) + sorted(OUTER)  # inner ring first, each by name
    click(qtbot, grid.mark_all)
    click(qtbot, rows[POLICE_OM].buttons["apologies"])
    click(qtbot, rows[SOCIAL_WORKER].buttons["absent"])
    click(qtbot, grid.save_button)
    assert not grid.is_dirty and grid.general_error.isHidden()
    assert grid.summary.text().startswith("5 present, 1 apologies, 1 absent")

    # Minutes: a section in each category, the volunteers' debrief marked internal.
    meeting.show_tab(TAB_MINUTES)
    panel = meeting.sections
    for heading, body, category in SECTIONS:
        click(qtbot, panel.add_button)
        type_text(qtbot, panel.heading, heading)
        type_text(qtbot, panel.body, body)
        choose(panel.category, category)
        click(qtbot, panel.save_button)
        assert panel.error_text("heading") == "" and not panel.is_dirty
    assert panel.titles() == [s[0] for s in SECTIONS]

    # An action with its owner and due date (the dialog runs modally).
    meeting.show_tab(TAB_ACTIONS)
    actions = meeting.actions_panel

    def fill(dialog) -> None:
        type_text(qtbot, dialog.description, ACTION)
        choose(dialog.owner, text=f"{VOL1} (Volunteer)")
        assert dialog.created_on.value() == MEETING_DAY
        dialog.due_on.set_value(DUE)
        click(qtbot, dialog.form.save_button)
        assert dialog.result() == QDialog.DialogCode.Accepted, dialog.form.general_error.text()

    answer_modal(qtbot, lambda: click(qtbot, actions.add_button), fill)
    assert actions.model.rowCount() == 1
    assert meeting.tabs.tabText(TAB_ACTIONS) == "Actions (1)"

    click(qtbot, meeting.close_button)
    assert circles.meeting is None and circles.stack.currentWidget() is screen
    assert screen.meetings_tab.model.rowCount() == 1


# --- finding it all again --------------------------------------------------------------------------
def people_found(qtbot, window) -> None:
    area = go_to(qtbot, window, "People")
    model = area.model
    qtbot.waitUntil(lambda: model.total == 8, timeout=WAIT_MS)

    def search(text: str) -> dict[str, str]:
        area.search.clear()
        type_text(qtbot, area.search, text)
        return {model.row(r)[model.COL_NAME]: model.row(r)[model.COL_PARTS] for r in range(model.rowCount())}

    okoros = search("okoro")
    assert set(okoros) == {"Okoro, Jayden", "Okoro, Grace"}
    assert "Parent or carer" in okoros["Okoro, Grace"]
    assert search(uk(BORN)) == {"Okoro, Jayden": okoros["Okoro, Jayden"]}
    assert set(search("sian")) == {"Pritchard, Siân"}  # accents folded
    assert set(search("wojcik")) == {"Wójcik, Tomasz"}
    area.search.clear()
    choose(area.part, "volunteer")
    assert {model.row(r)[model.COL_NAME] for r in range(model.rowCount())} == {"Pritchard, Siân", "Wójcik, Tomasz"}
    choose(area.part, "professional")
    assert model.total == 3
    choose(area.part, None)

    # A volunteer's vetting and a professional's job, in their records.
    search("pritchard")
    area.table.setFocus()
    area.table.selectRow(0)
    qtbot.keyClick(area.table, Qt.Key.Key_Return)
    vol = area.form.volunteer
    assert area.form.field("given_name").text() == "Siân" and vol.isVisible()
    assert vol.dbs_table.item(0, 0).text() == "Enhanced"
    assert any(vol.dbs_table.item(0, c).text() == "001234567890" for c in range(vol.dbs_table.columnCount()))
    assert vol.location.text() == "Marlbrook"
    search("shah")
    area.table.selectRow(0)
    click(qtbot, area.open_button)
    prof = area.form.professional
    assert prof.roles_table.item(0, 0).text().startswith(PROBATION)
    assert prof.roles_table.item(0, 1).text() == "Probation officer"


def organisations_found(qtbot, window) -> None:
    area = go_to(qtbot, window, "Organisations")
    qtbot.waitUntil(lambda: area.model.total == 3, timeout=WAIT_MS)
    found = {area.model.row(r)[area.model.COL_NAME]: area.model.row(r)[area.model.COL_KIND] for r in range(3)}
    assert found == {PROBATION: "Probation", POLICE: "Police", SOCIAL_CARE: "Social care"}


def referral_found(qtbot, window, referral_id: int) -> None:
    area = go_to(qtbot, window, "Referrals")
    lst = area.list
    labels = [lst.tabs.tabText(i) for i in range(lst.tabs.count())]
    assert "Accepted (1)" in labels and "Received (0)" in labels
    accepted = labels.index("Accepted (1)")
    qtbot.mouseClick(lst.tabs, Qt.MouseButton.LeftButton, pos=lst.tabs.tabRect(accepted).center())
    assert lst.row_ids() == [referral_id]
    row = lst.model.row(0)
    assert row[lst.model.COL_PERSON] == YOUNG and row[lst.model.COL_STATUS] == "Accepted"
    assert row[lst.model.COL_SINCE] == uk(ACCEPTED)
    lst.table.setFocus()
    lst.table.selectRow(0)
    qtbot.keyClick(lst.table, Qt.Key.Key_Return)
    page = area.page
    assert area.currentWidget() is page and page.referral_id == referral_id
    assert [s.status for s in page.view.steps] == ["received", "initial_discussion", "full_referral", "accepted"]
    assert page.editor.referrer.label().startswith(OFFICER)
    assert page.editor.mappa_category.currentData() == 2 and page.editor.mappa_level.currentData() == 1
    assert not page.create_circle_button.isEnabled()  # a circle has been formed from it
    click(qtbot, page.back_button)


def circle_found(qtbot, window):
    circles = go_to(qtbot, window, "Circles")
    model = circles.model
    qtbot.waitUntil(lambda: model.total == 1, timeout=WAIT_MS)
    row = model.row(0)
    assert (row[model.COL_CORE], row[model.COL_STATUS], row[model.COL_VARIANT]) == (YOUNG, "Active", "Young person")
    assert row[model.COL_COORDINATOR] == COORDINATOR and row[model.COL_STARTED] == uk(STARTED)
    circles.table.selectRow(0)
    click(qtbot, circles.open_button)
    screen = circles.opened
    assert screen is not None and circles.stack.currentWidget() is screen
    assert screen.overview.values["status"].text() == "Active"
    assert screen.overview.values["activated"].text() == uk(ACTIVE_ON)
    who = screen.overview.who.text().splitlines()
    assert who[0] == f"At the centre, core member: {YOUNG}."
    assert who[1].startswith("Inner circle (3): ") and all(n in who[1] for n in (VOL1, VOL2, PARENT))
    assert who[2].startswith("Outer circle (3): ") and all(n in who[2] for n in OUTER)
    assert table_names(screen.members_tab.inner_table) == INNER
    assert table_names(screen.members_tab.outer_table) == OUTER
    assert [screen.members_tab.outer_table.item(r, 1).text() for r in range(3)] == [
        "Probation officer",
        "Police offender manager",
        "Social worker",
    ]

    consent = screen.consent_tab
    screen.tabs.setCurrentWidget(consent)
    assert "a parent's or carer's consent is recorded" in consent.young.text()
    for category in Category:
        if category is Category.INTERNAL:
            continue
        officer = consent.cell_text(OFFICER, category)
        police = consent.cell_text(POLICE_OM, category)
        assert officer == (f"✓ Given {uk(CONSENTED)}" if category in OFFICER_CATEGORIES else ""), category
        assert police == (f"✓ Given {uk(CONSENTED)}" if category in POLICE_CATEGORIES else ""), category
        assert consent.cell_text(SOCIAL_WORKER, category) == ""
    history = consent.history_table
    assert history.rowCount() == len(OFFICER_CATEGORIES) + len(POLICE_CATEGORIES)
    assert {history.item(r, 3).text() for r in range(history.rowCount())} == {YOUNG}  # given by
    assert {history.item(r, 4).text() for r in range(history.rowCount())} == {PARENT}  # and the parent
    return circles, screen


def meeting_found(qtbot, circles, screen) -> None:
    tab = screen.meetings_tab
    screen.tabs.setCurrentWidget(tab)
    assert tab.model.rowCount() == 1
    row = tab.model.row(0)
    assert row[tab.model.COL_KIND] == "Circle meeting" and row[tab.model.COL_VENUE] == "St Anne's church hall"
    assert str(row[tab.model.COL_PRESENT]) == "5" and str(row[tab.model.COL_SECTIONS]) == "5"
    assert str(row[tab.model.COL_ACTIONS]) == "1"
    tab.table.selectRow(0)
    click(qtbot, tab.open_button)
    meeting = circles.meeting
    assert meeting is not None and circles.stack.currentWidget() is meeting
    assert meeting.details.venue.text() == "St Anne's church hall"
    assert meeting.details.start.value() == time(18, 30) and meeting.details.end.value() == time(20, 0)

    attendance = {line.name.text(): line.status() for line in meeting.attendance.rows.values()}
    assert attendance == {
        YOUNG: "present",
        VOL1: "present",
        VOL2: "present",
        PARENT: "present",
        OFFICER: "present",
        POLICE_OM: "apologies",
        SOCIAL_WORKER: "absent",
    }
    assert meeting.tabs.tabText(0) == "Details and attendance (5/7 present)"

    panel = meeting.sections
    assert panel.titles() == [s[0] for s in SECTIONS]
    tags = [panel.list.itemWidget(panel.list.item(i)).tag.text() for i in range(panel.list.count())]
    assert tags == TAGS
    for i, (heading, body, category) in enumerate(SECTIONS):
        panel.list.setCurrentRow(i)
        assert (panel.heading.text(), panel.body.toPlainText(), panel.category.currentData()) == (
            heading,
            body,
            category,
        )

    actions = meeting.actions_panel.model
    assert actions.rowCount() == 1
    action = actions.row(0)
    assert (action.description, action.owner, action.due_on, action.status) == (ACTION, VOL1, DUE, "open")
    assert not action.overdue


# --- the test --------------------------------------------------------------------------------------
def test_cosa_journey_through_the_widgets_survives_a_restart(qtbot, request, created):
    data_dir, _ = created
    shell = start_shell(qtbot, request, data_dir)
    unlock(qtbot, shell, PASSPHRASE)
    window = shell.window

    add_organisations(qtbot, window)
    add_people(qtbot, window)
    referral_id = walk_referral(qtbot, window)
    circles, screen = form_circle(qtbot, window, referral_id)
    add_members(qtbot, screen)
    referral_has_its_circle(qtbot, window)
    assert go_to(qtbot, window, "Circles") is circles and circles.opened is screen
    try_activate_refused(qtbot, screen)
    assert "No parent's or carer's consent is recorded yet" in screen.consent_tab.young.text()
    give_consent(qtbot, screen, OFFICER, OFFICER_CATEGORIES)
    give_consent(qtbot, screen, POLICE_OM, POLICE_CATEGORIES)
    assert "a parent's or carer's consent is recorded" in screen.consent_tab.young.text()
    activate(qtbot, screen)
    hold_meeting(qtbot, circles, screen)

    # Lock with Ctrl+L, then shut the application down: the database is closed.
    # (The offscreen platform gives no window focus back when a dialog closes; a click would.)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: shell.state.is_locked, timeout=WAIT_MS)
    shell.shutdown()
    assert shell.state.database is None

    # A new start on the same data folder, unlocked with the passphrase: everything is there.
    again = start_shell(qtbot, request, data_dir)
    unlock(qtbot, again, PASSPHRASE)
    first_window, window = window, again.window
    assert window is not None and window is not first_window
    people_found(qtbot, window)
    organisations_found(qtbot, window)
    referral_found(qtbot, window, referral_id)
    circles, screen = circle_found(qtbot, window)
    meeting_found(qtbot, circles, screen)
