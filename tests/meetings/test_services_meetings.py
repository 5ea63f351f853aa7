"""Meetings: dates within the circle, attendance, ordered minutes sections by category, decisions,
actions with owners, due dates and barriers, goals, developments and questionnaires."""

from datetime import datetime

import pytest

from circles_desktop.services.circles import developments, goals, members, questionnaires
from circles_desktop.services.circles.developments import DevelopmentForm
from circles_desktop.services.common.validation import ValidationError
from circles_desktop.services.meetings import actions, meetings
from circles_desktop.services.meetings.actions import ActionForm
from circles_desktop.services.meetings.meetings import MeetingForm
from support.records import D, cosa_circle, inner_volunteer, outer_member, person


@pytest.fixture
def circle(db):
    with db.session() as s:
        cid = cosa_circle(s)
        vol = inner_volunteer(s, cid)
        po = outer_member(s, cid)
        return cid, vol, po


def test_meeting_cannot_be_before_the_circle_or_of_a_foreign_kind(db, circle):
    cid, _, _ = circle
    with db.session() as s, pytest.raises(ValidationError) as err:
        meetings.create_meeting(
            s,
            cid,
            MeetingForm(kind="learning_circle", starts_at=datetime(2025, 2, 1, 10), ends_at=datetime(2025, 2, 1, 9)),
        )
    assert err.value.errors == {
        "kind": "A CoSA circle does not hold a learning circle.",
        "starts_at": "The meeting date (01/02/2025) cannot be before the circle's start date (01/03/2025).",
        "ends_at": "The meeting must end after it starts.",
    }


def test_attendance_sections_and_decisions(db, circle):
    cid, vol, po = circle
    with db.session() as s:
        m = meetings.create_meeting(
            s,
            cid,
            MeetingForm(kind="circle_meeting", starts_at=datetime(2025, 4, 2, 18, 30), venue="St Anne's hall"),
        )
        grid = meetings.attendance_grid(s, m.id)
        assert [(r.name, r.status) for r in grid][:2] == [("Dáithí Ó Briain", None), ("Siân Jones", None)]
        meetings.set_attendance(s, m.id, {vol: "present", po: "apologies", grid[0].member_id: "present"})
        with pytest.raises(ValidationError, match="is not present, apologies or absent"):
            meetings.set_attendance(s, m.id, {vol: "late"})
        a = meetings.add_section(s, m.id, "Check-in", "Everyone well.", "minutes")
        meetings.add_section(s, m.id, "Volunteers' debrief", "Private notes.", "internal")
        first = meetings.add_section(s, m.id, "Who came", "", "attendance", position=0)
        with pytest.raises(ValidationError) as err:
            meetings.add_section(s, m.id, "", "", "gossip")
        assert err.value.errors == {
            "heading": "Enter a heading for the section.",
            "category": "“gossip” is not a known category of information.",
        }
        meetings.move_section(s, first.id, 2)
        meetings.add_decision(s, m.id, "Meet fortnightly on Wednesdays.")
        mid, aid = m.id, a.id
    with db.session() as s:
        m = meetings.get_meeting(s, mid)
        assert [(x.heading, x.category, x.position) for x in m.sections] == [
            ("Check-in", "minutes", 0),
            ("Volunteers' debrief", "internal", 1),
            ("Who came", "attendance", 2),
        ]
        assert [d.text for d in m.decisions] == ["Meet fortnightly on Wednesdays."]
        rows = meetings.list_meetings(s, cid)
        assert (rows[0].present, rows[0].sections) == (2, 3)
        meetings.delete_section(s, aid)
        assert [x.position for x in meetings.get_meeting(s, mid).sections] == [0, 1]


def test_attendance_only_for_members_in_the_circle_that_day(db, circle):
    cid, vol, _ = circle
    with db.session() as s:
        members.member_leaves(s, vol, D(2025, 4, 1))
        m = meetings.create_meeting(s, cid, MeetingForm(kind="circle_meeting", starts_at=datetime(2025, 4, 2, 18)))
        assert vol not in [r.member_id for r in meetings.attendance_grid(s, m.id)]
        with pytest.raises(ValidationError) as err:
            meetings.set_attendance(s, m.id, {vol: "present"})
        assert err.value.errors == {f"member:{vol}": "Siân Jones was not in the circle on 02/04/2025."}


def test_actions_rules(db, circle):
    cid, vol, _ = circle
    with db.session() as s:
        owner = s.get(__import__("circles_desktop.models", fromlist=["CircleMember"]).CircleMember, vol).person_id
        with pytest.raises(ValidationError) as err:
            actions.add_action(
                s,
                cid,
                ActionForm(
                    description="Find a gym",
                    owner_id=owner,
                    created_on=D(2025, 4, 2),
                    due_on=D(2025, 4, 1),
                    status="blocked",
                ),
            )
        assert err.value.errors == {
            "due_on": "The due date (01/04/2025) cannot be before the date the action was agreed (02/04/2025).",
            "barrier": "Say what is blocking this action.",
        }
        stranger = person(s, "Zainab", "Stranger")
        with pytest.raises(ValidationError, match="Actions are taken on by members of the circle or its coordinator."):
            actions.add_action(s, cid, ActionForm(description="x", owner_id=stranger, created_on=D(2025, 4, 2)))
        with pytest.raises(ValidationError) as err:
            actions.add_action(s, cid, ActionForm(description="", owner_id=None, created_on=None))
        assert err.value.errors == {
            "description": "Enter what is to be done.",
            "owner_id": "Choose who will do it.",
            "created_on": "Enter the date the action was agreed.",
        }
        a = actions.add_action(
            s,
            cid,
            ActionForm(description="Find a gym", owner_id=owner, created_on=D(2025, 4, 2), due_on=D(2025, 4, 30)),
        )
        actions.set_status(s, a.id, "blocked", barrier="Gym membership needs proof of address")
        assert a.barrier == "Gym membership needs proof of address"
        with pytest.raises(ValidationError, match="Enter the date the action was done."):
            actions.set_status(s, a.id, "done")
        actions.set_status(s, a.id, "done", done_on=D(2025, 5, 3))
        assert a.status == "done" and a.barrier == "" and not actions.is_overdue(a, D(2025, 6, 1))
        assert [x.id for x in actions.list_actions(s, cid, status="done")] == [a.id]


def test_goals_and_progress_dates(db, circle):
    cid, _, _ = circle
    with db.session() as s:
        with pytest.raises(ValidationError) as err:
            goals.add_goal(s, cid, "Find stable housing", D(2025, 2, 1))
        assert err.value.errors == {
            "set_on": "The date the goal was set (01/02/2025) cannot be before the circle's start date (01/03/2025)."
        }
        g = goals.add_goal(s, cid, "Find stable housing", D(2025, 3, 10))
        with pytest.raises(ValidationError, match="cannot be before the date the goal was set"):
            goals.add_progress(s, g.id, D(2025, 3, 9), "Visited the council")
        goals.add_progress(s, g.id, D(2025, 4, 9), "Viewed a flat in Bedminster")
        with pytest.raises(ValidationError, match="Enter the date the goal was achieved or stopped."):
            goals.update_goal(s, g.id, title=g.title, description="", status="achieved", closed_on=None)
        goals.update_goal(s, g.id, title=g.title, description="", status="achieved", closed_on=D(2025, 6, 1))
        [listed] = goals.list_goals(s, cid)
        assert listed.status == "achieved" and [p.note for p in listed.progress] == ["Viewed a flat in Bedminster"]


def test_developments_and_mappa_escalation(db, circle):
    cid, vol, po = circle
    with db.session() as s:
        with pytest.raises(ValidationError) as err:
            developments.record_development(
                s,
                cid,
                DevelopmentForm(
                    occurred_on=D(2025, 4, 10),
                    kind="risk",
                    description="Seen near a school",
                    escalated_to_mappa=True,
                ),
            )
        assert err.value.errors == {"escalated_on": "Enter the date it was escalated to MAPPA."}
        reporter = person(s, "Aoife", "Reporter")
        d = developments.record_development(
            s,
            cid,
            DevelopmentForm(
                occurred_on=D(2025, 4, 10),
                kind="risk",
                description="Seen near a school",
                reported_by_id=reporter,
                escalated_to_mappa=True,
                escalated_on=D(2025, 4, 11),
                shared_with={reporter: D(2025, 4, 10)},
            ),
        )
        with pytest.raises(ValidationError, match="cannot be before the date it happened"):
            developments.update_development(
                s,
                d.id,
                DevelopmentForm(
                    occurred_on=D(2025, 4, 10),
                    kind="risk",
                    description="x",
                    escalated_to_mappa=True,
                    escalated_on=D(2025, 4, 9),
                ),
            )
        assert [x.kind for x in developments.list_developments(s, cid, since=D(2025, 4, 1))] == ["risk"]


def test_questionnaire_response(db, circle):
    cid, _, _ = circle
    with db.session() as s:
        with pytest.raises(ValidationError) as err:
            questionnaires.record_response(s, cid, D(2026, 1, 5), {"risk": (7, "")})
        assert err.value.errors == {
            "respondent_id": "Choose who answered, or their organisation.",
            "answer:risk": "Ratings are from 1 to 5.",
        }
        who = person(s, "Dáithí", "Respondent")
        questionnaires.record_response(
            s, cid, D(2026, 1, 5), {"risk": (4, "Helpful"), "comments": (None, "Thanks")}, respondent_id=who
        )
        [r] = questionnaires.list_responses(s, cid)
        assert {a.question: a.rating for a in r.answers} == {"risk": 4, "comments": None}
