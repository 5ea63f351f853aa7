"""Nothing typed is ever silently dropped: every record form the app has is filled in every field a
coordinator can reach, saved, opened again in a new screen, and compared field by field.

The filler is generic: it walks the form's widgets (line edits, text boxes, dates, times, choices,
ticks, numbers) as shown, so a field added to a form is filled and checked without changing this test.
Pickers need a record to choose, so each walk says which id goes in each picker. `test_every_form_is_walked`
reads the ui code for every RecordForm built or subclassed and fails until a new one is walked here (or,
when its record shows only as a row, in test_every_row_form_keeps_what_is_typed.py) or listed with the
reason it is not. The filler itself is tests/support/form_walk.py.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget

import circles_desktop.ui as ui_package
from circles_desktop.ui.common.forms import RecordForm
from support import community, due, records
from support.form_walk import TODAY, fill, on_screen, pick, said, save_clicked, snapshot
from support.journeys import choose


# --- the walks ---------------------------------------------------------------------------------------
@dataclass
class Walk:
    """How to open a form of one kind new, save it, and open what was saved in a new screen."""

    new: Callable[[Any, Any, dict[str, int]], tuple[QWidget, RecordForm]]  # (screen, its form)
    save: Callable[[QWidget], Any]  # the screen's save; gives the record's id
    reopen: Callable[[Any, Any, Any], tuple[QWidget, RecordForm]]
    picks: Callable[[dict[str, int]], dict[str, int]] = lambda ids: {}  # picker object name -> id
    skip: set[str] = field(default_factory=set)  # object names: new-entry rows listed in a table once saved
    dates: dict[str, date] = field(default_factory=dict)  # object name -> a date its rules need
    leave_empty: set[str] = field(default_factory=set)  # object names left as they are
    # Fields of the new-record form shown elsewhere once saved (a member's person, in the dialog's
    # title), and fields only the edit form has (the day a member left): left out of the comparison.
    not_reopened: set[str] = field(default_factory=set)
    reopened_only: set[str] = field(default_factory=set)
    at_least: int = 5  # fields filled, or the walk did not really fill the form
    # Where a field not reopened is shown once saved: reopened screen -> {object name: value as typed}.
    shown: Callable[[QWidget], dict[str, Any]] = lambda _reopened: {}


def _screen(make: Callable[[Any], QWidget], form_of: str | None, new: str, open_: str, saved_id: str):
    """(new, save, reopen) for a screen made by `make(state)`: its form at `form_of` (None: the screen
    is the form), started by its method `new`, reopened by `open_(id)`, its saved id at `saved_id`."""

    def form(screen: QWidget) -> RecordForm:
        return getattr(screen, form_of) if form_of else screen

    def started(qtbot, state, _ids):
        screen = on_screen(qtbot, make(state))
        getattr(screen, new)()
        return screen, form(screen)

    def saved(screen) -> int:
        assert screen.save(), said(form(screen))
        return getattr(screen, saved_id)

    def again(qtbot, state, record_id):
        screen = on_screen(qtbot, make(state))
        assert getattr(screen, open_)(record_id)
        return screen, form(screen)

    return started, saved, again


def _make_people(state):
    from circles_desktop.ui.people.people_page import people_area

    return people_area(state)


def _make_organisations(state):
    from circles_desktop.ui.organisations.organisations_page import organisations_area

    return organisations_area(state)


def _make_child(state):
    from circles_desktop.ui.learning.child_record import ChildPanel

    return ChildPanel(state)


def _make_learning(state):
    from circles_desktop.ui.learning.learning_form import LearningDetailsForm

    return LearningDetailsForm(state, "Learning circle")


_people, _people_saved, _people_again = _screen(_make_people, "form", "new_person", "open_person", "record_id")
_organisations, _organisation_saved, _organisations_again = _screen(
    _make_organisations, "form", "new_organisation", "open_organisation", "record_id"
)
_child, _child_saved, _child_again = _screen(_make_child, "form", "new", "open", "child_id")
_learning, _learning_saved, _learning_again = _screen(_make_learning, None, "load_new", "load_circle", "circle_id")


def _make_conversation(state):
    from circles_desktop.ui.conversations.conversation_form import ConversationForm

    return ConversationForm(state, "Community conversation")


_conversation, _conversation_saved, _conversation_again = _screen(
    _make_conversation, None, "load_new", "load_conversation", "circle_id"
)


# --- Community Circles: the Person and purpose tab of a circle from a self-referral, and a connector
def _community_circle(state) -> int:
    with state.database.session() as s:
        kofi = community.connector(s, "Kofi", "Mensah", community.partner(s))
        circle_id, _ = community.community_circle(s, kofi)
        community.connector(s, "Nia", "Roberts", community.partner(s, "Northfield Together"))
    return circle_id


def _purpose_tab(qtbot, state, circle_id: int):
    from circles_desktop.ui.community.community_area import CommunityCirclesArea

    area = on_screen(qtbot, CommunityCirclesArea(state))
    screen = area.open_circle(circle_id)
    assert screen is not None
    return screen.purpose_tab, screen.purpose_tab.form


def _purpose_saved(tab) -> int:
    assert tab.save(), said(tab.form)
    return tab.circle_id


def _connector(regional: bool):
    """A new connector, recorded for a person already on file; a local one is supported by Sara, a
    regional connector."""

    def started(qtbot, state, _ids):
        from circles_desktop.ui.community.connector_dialog import ConnectorDialog

        with state.database.session() as s:
            community.connector(s, "Sara", "Haddad", community.partner(s), regional=True)
        dialog = on_screen(qtbot, ConnectorDialog(state))
        return dialog, dialog.form

    def again(qtbot, state, person_id):
        from circles_desktop.ui.community.connector_dialog import ConnectorDialog

        dialog = on_screen(qtbot, ConnectorDialog(state, person_id))
        return dialog, dialog.form

    return Walk(
        started,
        _dialog_saved("person_id"),
        again,
        picks=lambda ids: {"connector.person_id": ids["tm"], "connector.host_organisation_id": ids["probation"]},
        leave_empty=set() if regional else {"connector.regional"},
    )


# --- a referral, and a CoSA circle's meetings
def _make_referral(state):
    from circles_desktop.ui.referrals.referral_form import ReferralPage

    return ReferralPage(state)


_referral, _referral_saved, _referral_again = _screen(
    _make_referral, "editor", "new_referral", "open_referral", "referral_id"
)


def _referral_picks(cosa: bool) -> Callable[[dict[str, int]], dict[str, int]]:
    """A CoSA referral has a referrer, a Community Circle's an agency that signposted (only the kind's
    own is saved: the other's picker is hidden)."""

    def picks(ids: dict[str, int]) -> dict[str, int]:
        other = {"referral.referrer_id": ids["referrer"]} if cosa else {"referral.signposted_by_id": ids["probation"]}
        return {"referral.person_id": ids["core member"]} | other

    return picks


def _community_referral(qtbot, state, ids):
    """A referral for a Community Circle: the kind chosen first, as a coordinator does, so the picker
    shown is the signposting agency's."""
    page, editor = _referral(qtbot, state, ids)
    choose(editor.kind, "community")
    return page, editor


def _new_meeting(qtbot, state, _ids):
    from circles_desktop.ui.meetings.meeting_details import NewMeetingDialog

    with state.database.session() as s:
        circle_id = due.active_cosa(s)
    dialog = on_screen(qtbot, NewMeetingDialog(state, circle_id))
    return dialog, dialog.form


def _meeting_saved(dialog) -> int:
    save_clicked(dialog)
    return dialog.meeting_id


def _meeting_screen(qtbot, state, meeting_id: int):
    from circles_desktop.ui.meetings.meeting_screen import MeetingScreen

    screen = on_screen(qtbot, MeetingScreen(state, meeting_id))
    return screen, screen.details


def _meeting_details(qtbot, state, _ids):
    """The Details tab of a meeting already made: changed and saved there."""
    with state.database.session() as s:
        meeting_id = due.meeting(s, due.active_cosa(s), TODAY - timedelta(days=3))
    return _meeting_screen(qtbot, state, meeting_id)


def _meeting_details_saved(screen) -> int:
    screen.details.save_button.click()
    assert not screen.details.is_dirty, said(screen.details)
    return screen.meeting_id


# --- a CoSA circle's screen: its developments, goals and members
def _circle_screen(qtbot, state, circle_id: int):
    from circles_desktop.ui.circles.circle_screen import CircleScreen

    return on_screen(qtbot, CircleScreen(state, circle_id))


def _latest(state, model, circle_id: int) -> int:
    """The id of the circle's newest row of `model`: what a tab that does not keep it just saved."""
    from sqlalchemy import func, select

    with state.database.session() as s:
        return s.scalar(select(func.max(model.id)).where(model.circle_id == circle_id))


def _development_tab(recorded: Callable[[Any, int], int | None]):
    """The Developments tab of an active circle, a new development started, or the one `recorded`
    (in the session, for the circle) opened."""

    def started(qtbot, state, _ids):
        with state.database.session() as s:
            circle_id = due.active_cosa(s)
            records.outer_member(s, circle_id)
            editing = recorded(s, circle_id)
        tab = _circle_screen(qtbot, state, circle_id).developments_tab
        if editing is None:
            tab.new()
        else:
            tab.edit(editing)
        return tab, tab.form

    return started


def _development_saved(tab) -> int:
    from circles_desktop.models import Development

    editing = tab.editing
    assert tab.save(), said(tab.form)
    return editing or _latest(tab.state, Development, tab.circle_id)


def _development_again(qtbot, state, development_id: int):
    from circles_desktop.models import Development

    with state.database.session() as s:
        circle_id = s.get(Development, development_id).circle_id
    tab = _circle_screen(qtbot, state, circle_id).developments_tab
    tab.edit(development_id)
    return tab, tab.form


def _a_development(s, circle_id: int) -> int:
    from circles_desktop.services.circles import developments

    form = developments.DevelopmentForm(
        occurred_on=TODAY - timedelta(days=60), kind="progress", description="Started volunteering at the food bank"
    )
    return developments.record_development(s, circle_id, form).id


def _goal_dialog(qtbot, state, goal_id: int):
    """A goal's edit dialog, opened from its row on a new Circle screen."""
    from circles_desktop.models import Goal

    with state.database.session() as s:
        circle_id = s.get(Goal, goal_id).circle_id
    tab = _circle_screen(qtbot, state, circle_id).goals_tab
    tab.select_goal(goal_id)
    dialog = tab.edit_goal()
    dialog.goal_id = goal_id  # what _dialog_saved gives back
    return dialog, dialog.form


def _tab_dialog(circle: Callable[[Any], int], tab: str, opens: str):
    """The dialog a Circle screen's tab `opens` to add a row, on the `circle` made (in the session)."""

    def started(qtbot, state, _ids):
        with state.database.session() as s:
            circle_id = circle(s)
        dialog = getattr(getattr(_circle_screen(qtbot, state, circle_id), tab), opens)()
        return dialog, dialog.form

    return started


def _newest_saved(model: str) -> Callable[[Any], int]:
    """Save a tab's add dialog; the row it added is the circle's newest `model`."""

    def saved(dialog) -> int:
        import circles_desktop.models as models

        save_clicked(dialog)
        tab = dialog.parent()
        return _latest(tab.state, getattr(models, model), tab.circle_id)

    return saved


def _goal_set_on(dialog) -> dict[str, Any]:
    """The day a goal was set: shown in its row of the goals list (the edit dialog does not ask it)."""
    from datetime import datetime

    row = dialog.parent().tree.currentItem()
    return {"goal.set_on": datetime.strptime(row.text(1), "%d/%m/%Y").date()}


def _a_goal(qtbot, state, _ids):
    from circles_desktop.services.circles import goals

    with state.database.session() as s:
        goal_id = goals.add_goal(s, due.active_cosa(s), "Find work", TODAY - timedelta(days=90)).id
    return _goal_dialog(qtbot, state, goal_id)


def _member_dialog(opens: str):
    """A member's dialog (`opens`: edit_member, member_leaves), chosen in the list of a new Circle screen."""

    def again(qtbot, state, member_id: int):
        from circles_desktop.models import CircleMember

        with state.database.session() as s:
            circle_id = s.get(CircleMember, member_id).circle_id
        tab = _circle_screen(qtbot, state, circle_id).members_tab
        assert tab.select_member(member_id)
        dialog = getattr(tab, opens)()
        dialog.member_id = member_id  # what _dialog_saved gives back
        return dialog, dialog.form

    return again


def _new_circle(variant: str):
    """A new CoSA circle from the accepted referral, its variant chosen first (a prison circle asks
    for the expected release date)."""

    def started(qtbot, state, ids):
        from circles_desktop.ui.circles.circle_form import CircleFormDialog

        dialog = on_screen(qtbot, CircleFormDialog(state, referral_id=ids["accepted referral"]))
        choose(dialog.variant, variant)
        return dialog, dialog.form

    return started


def _circle_details(qtbot, state, circle_id: int):
    from circles_desktop.ui.circles.circle_form import CircleFormDialog

    dialog = on_screen(qtbot, CircleFormDialog(state, circle_id=circle_id))
    return dialog, dialog.form


def _new_circle_walk(variant: str) -> Walk:
    return Walk(
        _new_circle(variant),
        _dialog_saved("saved_id"),
        _circle_details,
        picks=lambda ids: {"circle_form.referral": ids["accepted referral"], "circle_form.coordinator": ids["sm"]},
        dates={
            "circle_form.started_on": TODAY - timedelta(days=100),
            "circle_form.release": TODAY + timedelta(days=120),
        },
        leave_empty={"circle_form.kind", "circle_form.variant"},  # CoSA, as its referral; the variant chosen
    )


def _action_dialog(qtbot, state, meeting_id: int, action_id: int | None = None):
    from circles_desktop.ui.meetings.meeting_screen import MeetingScreen

    screen = on_screen(qtbot, MeetingScreen(state, meeting_id))
    dialog = on_screen(qtbot, screen.actions_panel.open_dialog(action_id))
    dialog.meeting_screen = screen  # kept open while the dialog is
    return dialog, dialog.form


def _new_action(status: str):
    """A new action from a meeting, its status chosen first (done asks the day it was done; blocked,
    what blocks it)."""

    def started(qtbot, state, _ids):
        with state.database.session() as s:
            meeting_id = due.meeting(s, due.active_cosa(s), ACTION_MEETING)
        dialog, form = _action_dialog(qtbot, state, meeting_id)
        choose(dialog.status, status)
        return dialog, form

    return started


def _action_saved(dialog) -> tuple[int, int]:
    save_clicked(dialog)
    return dialog.meeting_id, dialog.action_id


def _action_again(qtbot, state, saved: tuple[int, int]):
    return _action_dialog(qtbot, state, *saved)


ACTION_MEETING = TODAY - timedelta(days=3)
ACTION_DATES = {
    "action.created_on": ACTION_MEETING,
    "action.due_on": TODAY + timedelta(days=20),
    "action.done_on": TODAY - timedelta(days=1),
}


_leaves = _member_dialog("member_leaves")


def _a_member_leaves(qtbot, state, _ids):
    with state.database.session() as s:
        member_id = records.inner_volunteer(s, records.cosa_circle(s))
    return _leaves(qtbot, state, member_id)


# --- a child's chronology: a key event added, then changed
def _event(qtbot, state, child_and_entry: tuple[int, int | None]):
    from circles_desktop.ui.learning.child_record import ChildPanel

    child_id, entry_id = child_and_entry
    panel = on_screen(qtbot, ChildPanel(state))
    assert panel.open(child_id)
    dialog = panel.event_dialog(entry_id)
    return dialog, dialog.form


def _event_saved(dialog) -> tuple[int, int]:
    save_clicked(dialog)
    return dialog.child_id, dialog.entry_id


# --- a learning point agreed by the learners, changed
def _point(qtbot, state, ids: tuple[int, int]):
    from circles_desktop.services.learning import learning_points
    from circles_desktop.ui.learning.learning_tabs import PointDialog

    circle_id, point_id = ids
    with state.database.session() as s:
        row = next(p for p in learning_points.learning_points(s, circle_id) if p.id == point_id)
    dialog = on_screen(qtbot, PointDialog(state, row))
    dialog.ids = ids  # what _dialog_saved gives back
    return dialog, dialog.form


def _a_point(qtbot, state, ids):
    from circles_desktop.services.learning import learning_circles, learning_points

    with state.database.session() as s:
        form = learning_circles.LearningCircleForm(
            child_id=ids["child"], reasons={"escalation_of_risk"}, proposed_on=TODAY, head_of_locality_id=ids["hol"]
        )
        circle_id = learning_circles.create_learning_circle(s, form).id
        point_id = learning_points.add_learning_point(s, circle_id, "Ask the school nurse first").id
    return _point(qtbot, state, (circle_id, point_id))


def _dialog_saved(saved_id: str) -> Callable[[Any], Any]:
    """A FormDialog's save, through its Save button: the dialog closes and holds the saved id."""

    def saved(dialog) -> Any:
        save_clicked(dialog)
        return getattr(dialog, saved_id)

    return saved


def _learning_picks(ids: dict[str, int]) -> dict[str, int]:
    return {
        "learning.child": ids["child"],
        "learning.head": ids["hol"],
        "learning.service_manager": ids["sm"],
        "learning.team_manager": ids["tm"],
    }


# The rows typed into a person's sections for a new job, DBS check or course: saved as rows of their
# tables, and checked as rows in test_a_volunteers_checks_and_a_professionals_new_job_are_kept_as_rows.
NEW_ENTRY_ROWS = {
    "professional.organisation",
    "professional.job_title",
    "professional.started_on",
    "professional.ended_on",
    "dbs.level",
    "dbs.checked_on",
    "dbs.certificate_number",
    "training.course",
    "training.method",
    "training.completed_on",
}
# The parts other records give (a circle's facilitator, a referral's core member): shown greyed, never
# typed; ticking "Facilitates Community Circles" in the volunteer section shows the facilitator part.
GIVEN_PARTS = {"person.part.core_member", "person.part.focus_person", "person.part.facilitator"}
DEVELOPMENT_DATES = {
    "development.date": TODAY - timedelta(days=30),
    "development.escalated_on": TODAY - timedelta(days=20),
    "development.shared_on": TODAY - timedelta(days=25),
}
WALKS: dict[str, Walk] = {
    "person": Walk(
        _people,
        _people_saved,
        _people_again,
        skip=NEW_ENTRY_ROWS | GIVEN_PARTS,
        leave_empty={"person.part.professional"},  # a professional needs a new job: the rows test
    ),
    "organisation": Walk(_organisations, _organisation_saved, _organisations_again),
    "child": Walk(
        _child,
        _child_saved,
        _child_again,
        picks=lambda ids: {"child.practitioner": ids["practitioner"]},
        dates={"child.date_of_birth": date(2014, 5, 9), "child.summary_updated_on": TODAY - timedelta(days=3)},
    ),
    "learning circle": Walk(
        _learning,
        _learning_saved,
        _learning_again,
        picks=_learning_picks,
        dates={"learning.proposed_on": TODAY - timedelta(days=20), "learning.meets.date": TODAY + timedelta(days=9)},
    ),
    # The room, duration and focus typed when proposing, before the date is known (once lost).
    "learning circle, no date yet": Walk(
        _learning,
        _learning_saved,
        _learning_again,
        picks=_learning_picks,
        dates={"learning.proposed_on": TODAY - timedelta(days=20)},
        leave_empty={"learning.meets.date"},
    ),
    "conversation": Walk(
        _conversation,
        _conversation_saved,
        _conversation_again,
        picks=lambda ids: {"conversation.organiser": ids["sm"]},
        dates={"conversation.started_on": TODAY - timedelta(days=30)},
    ),
    "Community Circle purpose": Walk(
        lambda qtbot, state, _ids: _purpose_tab(qtbot, state, _community_circle(state)),
        _purpose_saved,
        _purpose_tab,
        # The filler chooses "through someone they trust", with whom their own contact details are not shared.
        leave_empty={"community.share_contact"},
    ),
    "referral, CoSA": Walk(
        _referral,
        _referral_saved,
        _referral_again,
        picks=_referral_picks(cosa=True),
        leave_empty={"referral.circle_kind"},  # CoSA, the first kind
    ),
    "referral, Community Circle": Walk(
        _community_referral, _referral_saved, _referral_again, picks=_referral_picks(cosa=False)
    ),
    "new meeting": Walk(
        _new_meeting, _meeting_saved, _meeting_screen, dates={"meeting.date": TODAY - timedelta(days=7)}
    ),
    "meeting details": Walk(
        _meeting_details,
        _meeting_details_saved,
        _meeting_screen,
        dates={"meeting.date": TODAY - timedelta(days=5)},
    ),
    "new development": Walk(
        _development_tab(lambda _s, _circle_id: None),
        _development_saved,
        _development_again,
        dates=DEVELOPMENT_DATES,
        not_reopened={"development.shared_on"},  # the day for those newly ticked: kept as each one's, in shared_with
    ),
    "development changed": Walk(
        _development_tab(_a_development),
        _development_saved,
        _development_again,
        dates=DEVELOPMENT_DATES,
        not_reopened={"development.shared_on"},  # the day for those newly ticked: kept as each one's, in shared_with
    ),
    "new goal": Walk(
        _tab_dialog(due.active_cosa, "goals_tab", "add_goal"),
        _newest_saved("Goal"),
        _goal_dialog,
        dates={"goal.set_on": TODAY - timedelta(days=40)},
        at_least=3,  # the goal, its description and the day it was set
        not_reopened={"goal.set_on"},
        reopened_only={"goal.status", "goal.closed_on"},
        shown=_goal_set_on,
    ),
    "goal changed": Walk(
        _a_goal,
        _dialog_saved("goal_id"),
        _goal_dialog,
        dates={"goal.closed_on": TODAY - timedelta(days=10)},
        at_least=4,  # the goal, its description, status and the day it closed: all it has
    ),
    "new member": Walk(
        _tab_dialog(records.cosa_circle, "members_tab", "add_member"),
        _newest_saved("CircleMember"),
        _member_dialog("edit_member"),
        picks=lambda ids: {"member.person": ids["tm"], "member.organisation": ids["probation"]},
        dates={"member.joined_on": date(2025, 4, 2)},
        not_reopened={"member.person"},  # the dialog's title names them
        reopened_only={"member.left_on"},
    ),
    "new circle, prison": _new_circle_walk("prison_through_the_gate"),
    "new circle, young person": _new_circle_walk("young_person"),
    "new action, done": Walk(
        _new_action("done"),
        _action_saved,
        _action_again,
        dates=ACTION_DATES,
        leave_empty={"action.status"},
    ),
    "new action, blocked": Walk(
        _new_action("blocked"),
        _action_saved,
        _action_again,
        dates=ACTION_DATES,
        leave_empty={"action.status", "action.done_on"},
    ),
    "member leaves": Walk(
        _a_member_leaves,
        _dialog_saved("member_id"),
        _leaves,
        dates={"leave.left_on": TODAY - timedelta(days=12)},
        at_least=1,  # the day they left: all it asks
    ),
    "key event": Walk(
        lambda qtbot, state, ids: _event(qtbot, state, (ids["child"], None)),
        _event_saved,
        _event,
        dates={"chronology.date": TODAY - timedelta(days=45)},
        at_least=2,  # the day and what happened
    ),
    "learning point changed": Walk(_a_point, _dialog_saved("ids"), _point, at_least=1),
    "connector, local": _connector(regional=False),
    "connector, regional": _connector(regional=True),
}

# Every RecordForm in ui/, by "module:class or function that builds it": walked above, or why not yet.
WALKED = {
    "people/person_form.py:PersonRecordForm": "person",
    "organisations/organisations_page.py:OrganisationRecordForm": "organisation",
    "learning/child_record.py:ChildForm": "child",
    "learning/learning_form.py:LearningDetailsForm": "learning circle",
    "conversations/conversation_form.py:ConversationForm": "conversation",
    "referrals/referral_form.py:ReferralEditor": "referral, CoSA",
    "meetings/meeting_details.py:MeetingDetailsForm": "new meeting",
    "circles/developments_tab.py:DevelopmentsTab._build_form": "new development",
    "circles/goals_tab.py:GoalsTab.add_goal": "new goal",
    "learning/learning_tabs.py:PointDialog.__init__": "learning point changed",
    "circles/circle_members.py:MembersTab.member_leaves": "member leaves",
    "learning/child_record.py:ChronologyDialog.__init__": "key event",
    "meetings/action_dialogs.py:ActionDialog._build_form": "new action, done",
    "circles/circle_form.py:CircleFormDialog.__init__": "new circle, prison",
    "circles/goals_tab.py:GoalsTab.edit_goal": "goal changed",
    "circles/circle_members.py:MemberDialog.__init__": "new member",
    "community/purpose_tab.py:PurposeTab.__init__": "Community Circle purpose",
    "community/connector_dialog.py:ConnectorDialog.__init__": "connector, local",
    # Forms whose record shows only as a row of a list, matrix or checklist: walked in
    # test_every_row_form_keeps_what_is_typed.py (ROW_WALKS), the row read in a new screen.
    "circles/consent_tab.py:GiveConsentDialog.__init__": "consent given",
    "circles/consent_tab.py:ConsentTab.withdraw": "consent withdrawn",
    "circles/goals_tab.py:GoalsTab.add_progress": "goal's progress note",
    "referrals/referral_steps.py:StepDialog.__init__": "referral step",
    "learning/learning_checklist.py:StepDoneDialog.__init__": "checklist step done",
    "learning/learning_checklist.py:NotApplicableDialog.__init__": "checklist step not applicable",
    "community/their_circle_tab.py:LifeMemberDialog.__init__": "someone from their life, new",
    "community/their_circle_tab.py:LeavesDialog.__init__": "someone from their life leaves",
    "community/practice_panel.py:NetworkSessionDialog.__init__": "community practice session",
    "meetings/chosen_meeting_actions.py:ChosenMeetingActions.add_carrier": "who carries an action",
    "referrals/risk_report_panel.py:AttachReportDialog.__init__": "risk report attached",
}
NOT_YET = {
    # Confirmations, not records: the record is deleted (or written out) and nothing is saved to
    # reopen; the reason chosen goes to the audit log, checked in tests/records.
    "records/delete_circle_dialog.py:DeleteCircleDialog.__init__": "not a record: nothing is saved to reopen",
    "records/delete_person_dialog.py:DeletePersonDialog.__init__": "not a record: nothing is saved to reopen",
    "records/subject_access_dialog.py:SubjectAccessDialog.__init__": (
        "not a record: the folder chosen is where files are written, nothing is saved to reopen"
    ),
}


def form_sites() -> set[str]:
    """Each place in ui/ that subclasses RecordForm or calls RecordForm(...)."""
    root = Path(ui_package.__file__).parent
    sites = set()
    for path in root.rglob("*.py"):
        rel = path.relative_to(root).as_posix()
        if rel == "common/forms.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and any(
                getattr(b, "id", "") in {"RecordForm", "ScrollingRecordForm"} for b in node.bases
            ):
                sites.add(f"{rel}:{node.name}")
        for cls in [n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)]:
            for fn in [n for n in cls.body if isinstance(n, ast.FunctionDef)]:
                if any(isinstance(c, ast.Call) and getattr(c.func, "id", "") == "RecordForm" for c in ast.walk(fn)):
                    sites.add(f"{rel}:{cls.name}.{fn.name}")
    return sites


def _listed(site: str) -> bool:
    return site in WALKED or site in NOT_YET


def test_every_form_is_walked():
    unlisted = sorted(s for s in form_sites() if not _listed(s))
    assert not unlisted, (
        "A form not walked by this test: add a Walk for it (or say in NOT_YET why not yet): " + ", ".join(unlisted)
    )
    from test_every_row_form_keeps_what_is_typed import ROW_WALKS  # beside this file: the row walks

    assert set(WALKED.values()) <= set(WALKS) | set(ROW_WALKS)


# --- the records a walk picks -------------------------------------------------------------------------
@pytest.fixture
def ids(state) -> dict[str, int]:
    from circles_desktop.services.learning import children
    from circles_desktop.services.learning.children import ChildForm

    with state.database.session() as s:
        practitioner = records.person(s, "Imani", "Nguyen")
        made = {
            "practitioner": practitioner,
            "hol": records.person(s, "Rhian", "Llewellyn"),
            "sm": records.person(s, "Tomasz", "Wisniewski"),
            "tm": records.person(s, "Chidi", "Okafor"),
        }
        child = children.create_child(
            s,
            ChildForm(
                given_name="Dáithí",
                family_name="Ó Súilleabháin",
                date_of_birth=date(2013, 7, 14),
                locality="Avonford North",
                case_reference="CR-100200",
                practitioner_id=practitioner,
            ),
        )
        made["child"] = child.id
        made["probation"] = records.org(s, "Avonford Probation Delivery Unit", "probation")
        made["referrer"] = records.professional(s, "Priya", "Shah", made["probation"])
        made["core member"] = records.person(s, "Gareth", "Pryce", date_of_birth=date(1979, 11, 2))
        made["accepted referral"] = records.accepted_cosa_referral(s)
    return made


@pytest.mark.parametrize("kind", list(WALKS))
def test_everything_typed_is_there_when_the_record_is_opened_again(qtbot, state, ids, kind, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: pytest.fail(f"unexpected warning: {a[2]}"))
    # The screens are closed at the end: a walk that failed leaves its typing, discarded then.
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    walk = WALKS[kind]
    screen, form = walk.new(qtbot, state, ids)
    pick(form, walk.picks(ids))
    fill(qtbot, form, walk.skip | walk.leave_empty, walk.dates)
    assert not form.entry_problems(), form.entry_problems()
    typed = snapshot(form, walk.skip)
    filled = [v for _n, v in typed if v not in (None, "", False)]
    assert len(filled) >= walk.at_least, typed  # the walk really filled the form

    record_id = walk.save(screen)
    assert record_id is not None
    again_screen, reopened = walk.reopen(qtbot, state, record_id)
    left_out = walk.not_reopened | walk.reopened_only
    elsewhere = walk.shown(again_screen)
    assert {n: v for n, v in typed if n in elsewhere} == elsewhere, "typed, then not shown once saved"
    typed = [(n, v) for n, v in typed if n not in left_out]
    again = [(n, v) for n, v in snapshot(reopened, walk.skip) if n not in left_out]
    assert [n for n, _ in typed] == [n for n, _ in again], (typed, again)
    lost = [(n, a, b) for (n, a), (_m, b) in zip(typed, again, strict=True) if a != b]
    assert not lost, f"typed, then not there when opened again (field, typed, found): {lost}"


def test_a_volunteers_checks_and_a_professionals_new_job_are_kept_as_rows(qtbot, state, ids):
    """The new-entry rows the walk leaves out above: typed, saved, and listed in their tables."""
    screen, form = _people(qtbot, state, ids)
    qtbot.keyClicks(form.field("given_name"), "Ada")
    qtbot.keyClicks(form.field("family_name"), "Okonjo")
    form.part_boxes["professional"].setChecked(True)
    section = form.professional
    choose(section.organisation, text="Avonford Probation Delivery Unit")
    qtbot.keyClicks(section.job_title, "Probation officer")
    section.started_on.setFocus()
    qtbot.keyClicks(section.started_on, "3/2/2024")
    form.part_boxes["volunteer"].setChecked(True)
    volunteer = form.volunteer
    volunteer.dbs_level.setCurrentIndex(volunteer.dbs_level.findData("enhanced"))
    volunteer.dbs_checked_on.setFocus()
    qtbot.keyClicks(volunteer.dbs_checked_on, "14.03.2024")
    qtbot.keyClicks(volunteer.dbs_certificate, "001234567890")
    qtbot.keyClicks(volunteer.training_course, "CoSA volunteer training")
    volunteer.training_method.setCurrentIndex(volunteer.training_method.findData("zoom"))
    volunteer.training_completed_on.setFocus()
    qtbot.keyClicks(volunteer.training_completed_on, "2024-04-20")
    person_id = _people_saved(screen)
    _again, reopened = _people_again(qtbot, state, person_id)

    def rows(table) -> list[list[str]]:
        return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]

    assert rows(reopened.professional.roles_table) == [
        ["Avonford Probation Delivery Unit", "Probation officer", "03/02/2024", ""]
    ]
    assert rows(reopened.volunteer.dbs_table) == [["Enhanced", "14/03/2024", "001234567890"]]
    assert rows(reopened.volunteer.training_table) == [["CoSA volunteer training", "Zoom", "20/04/2024"]]


def test_the_room_typed_before_the_date_is_known_is_kept(qtbot, state, ids):
    """The case the coordinator met: a room typed when proposing, no date yet, was lost on save."""
    form, _ = _learning(qtbot, state, ids)
    pick(form, _learning_picks(ids))
    form.reasons.boxes["escalation_of_risk"].setChecked(True)
    form.venue.setFocus()
    qtbot.keyClicks(form.venue, "Room 2.14, Avonford Civic Centre")
    assert form.meets_at.value() is None
    circle_id = _learning_saved(form)
    again, _ = _learning_again(qtbot, state, circle_id)
    assert again.venue.text() == "Room 2.14, Avonford Civic Centre"
