"""A Community Circle's life after the match: the three supported meetings with the connector's attendance
and their guide, roles that change from meeting to meeting, actions only by willing members, reflection
on action, and twelve months on the review that carries the circle on or ends it."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from sqlalchemy import select

from circles_desktop.models import Attendance, CircleMember, FacilitatorCommitment
from circles_desktop.models.kinds.community import ReviewOutcome
from circles_desktop.models.vocab import CircleStatus, MemberRole
from circles_desktop.services.circles import circles
from circles_desktop.services.circles.reviews import add_months
from circles_desktop.services.common.validation import ValidationError
from circles_desktop.services.community import community_circles as cc
from circles_desktop.services.community import facilitators, first_meetings, reflections, reviews
from circles_desktop.services.community.reflections import Reflection
from circles_desktop.services.meetings import actions, meetings
from support.community import RECEIVED, TODAY, community_circle, connector, facilitator, partner
from support.records import cosa_circle, person

MATCHED = RECEIVED + timedelta(days=10)


def at(day, hour: int = 18):
    return datetime.combine(day, time(hour))


@pytest.fixture
def circle(db):
    """A matched circle with a friend who is happy to help; returns the ids."""
    from circles_desktop.services.community import life_members

    with db.session() as s:
        host = partner(s)
        kofi = connector(s, "Kofi", "Mensah", host)
        cid, focus = community_circle(s, kofi)
        rhiannon = facilitator(s, "Rhiannon", "Price")
        facilitators.choose_facilitator(s, cid, rhiannon, MATCHED)
        friend = person(s, "Gwen", "Hughes")
        life_members.add_from_their_life(s, cid, friend, MemberRole.FRIEND, True, MATCHED)
        uncle = person(s, "Huw", "Lloyd")
        life_members.add_from_their_life(s, cid, uncle, MemberRole.FAMILY, True, MATCHED)
        return {
            "circle": cid,
            "focus": focus,
            "connector": kofi,
            "facilitator": rhiannon,
            "friend": friend,
            "uncle": uncle,
        }


def meeting(s, cid: int, day, supported: bool = True) -> int:
    form = meetings.MeetingForm(starts_at=at(day), ends_at=at(day, 20), venue="Avonford library")
    return first_meetings.create_meeting(s, cid, form, supported).id


def members_by_person(s, cid: int) -> dict[int, int]:
    return {m.person_id: m.id for m in s.scalars(select(CircleMember).where(CircleMember.circle_id == cid))}


def test_who_joins_is_someone_recorded_or_someone_new_never_both(db, circle):
    """A name typed beside someone chosen in the search was dropped for the one chosen: now refused."""
    from circles_desktop.models import Person
    from circles_desktop.services.community import life_members

    with db.session() as s:
        assert life_members.who_joins(s, circle["friend"]) == circle["friend"]
        assert life_members.who_joins(s, circle["friend"], "  ", "") == circle["friend"]
        with pytest.raises(ValidationError) as refused:
            life_members.who_joins(s, circle["friend"], "Eira", "Morgan")
        assert refused.value.errors == {"person_id": life_members.NOT_BOTH}
        new = s.get(Person, life_members.who_joins(s, None, " Eira ", "Morgan"))
        assert (new.given_name, new.family_name) == ("Eira", "Morgan")


# --- the first three meetings ----------------------------------------------------------------------------
def test_the_first_three_meetings_are_numbered_in_date_order_with_their_guide(db, circle):
    cid = circle["circle"]
    with db.session() as s:
        first = meeting(s, cid, MATCHED + timedelta(days=14))
        second = meeting(s, cid, MATCHED + timedelta(days=42))
        rows = first_meetings.supported_meetings(s, cid)
        assert [(r.number, r.meeting_id) for r in rows] == [(1, first), (2, second)]
        assert rows[0].title == "Bringing people together and what a circle is"
        assert rows[1].title == "Getting to know each other, roles and expectations"
        assert rows[0].steps[1].text == "The person in focus shares their purpose, in their own words"
        # A third meeting dated before the second cannot be supported meeting 3.
        early = meeting(s, cid, MATCHED + timedelta(days=30), supported=False)
        with pytest.raises(ValidationError) as err:
            first_meetings.mark_supported(s, early, 3)
        assert "Supported meeting 3" in err.value.errors["number"]
        assert "cannot be before supported meeting 2" in err.value.errors["number"]
        with pytest.raises(ValidationError) as err:
            first_meetings.mark_supported(s, early, 2)
        assert err.value.errors["number"] == "Another meeting is already supported meeting 2."


def test_the_guide_is_ticked_through_and_the_connector_attendance_recorded(db, circle):
    cid = circle["circle"]
    with db.session() as s:
        first = meeting(s, cid, MATCHED + timedelta(days=14))
        first_meetings.tick(s, first, "welcome")
        first_meetings.tick(s, first, "purpose_shared")
        first_meetings.tick(s, first, "welcome", ticked=False)
        with pytest.raises(ValidationError) as err:
            first_meetings.tick(s, first, "early_actions")
        assert "not part of the guide for supported meeting 1" in err.value.errors["step"]
        first_meetings.connector_attended(s, first, "present")
        row = first_meetings.supported_meetings(s, cid)[0]
        assert [st.ticked for st in row.steps] == [False, True, False, False]
        assert row.connector_attendance == "present" and row.held


def test_supported_meetings_wait_for_the_match_and_only_circle_meetings_count(db):
    with db.session() as s:
        host = partner(s)
        kofi = connector(s, "Kofi", "Mensah", host)
        cid, _ = community_circle(s, kofi)
        with pytest.raises(ValidationError) as err:
            meeting(s, cid, RECEIVED + timedelta(days=3))
        assert err.value.errors["number"].startswith("Match a facilitator first")


# --- roles from meeting to meeting -------------------------------------------------------------------------
def test_a_members_role_can_change_from_meeting_to_meeting(db, circle):
    cid = circle["circle"]
    with db.session() as s:
        ids = members_by_person(s, cid)
        friend, uncle = ids[circle["friend"]], ids[circle["uncle"]]
        one = meeting(s, cid, MATCHED + timedelta(days=14))
        two = meeting(s, cid, MATCHED + timedelta(days=42))
        meetings.set_attendance(s, one, {friend: "present", uncle: "present"}, {friend: "Taking notes"})
        meetings.set_attendance(
            s, two, {friend: "present", uncle: "present"}, {friend: "Keeping time", uncle: "Hosting"}
        )
        grid = {r.member_id: r.meeting_role for r in meetings.attendance_grid(s, one)}
        assert grid[friend] == "Taking notes" and grid[uncle] == ""
        grid = {r.member_id: r.meeting_role for r in meetings.attendance_grid(s, two)}
        assert grid[friend] == "Keeping time" and grid[uncle] == "Hosting"
        with pytest.raises(ValidationError) as err:
            meetings.set_attendance(s, one, {uncle: "apologies"}, {uncle: "Hosting"})
        assert err.value.errors[f"member:{uncle}"] == "Mark Huw Lloyd present to give them a role at this meeting."
        # Attendance saved without roles keeps the roles already there.
        meetings.set_attendance(s, one, {friend: "present"})
        role = s.scalar(select(Attendance.role).where(Attendance.meeting_id == one, Attendance.member_id == friend))
        assert role == "Taking notes"


# --- actions only by willing members ----------------------------------------------------------------------
def test_nobody_is_made_the_owner_of_an_action_they_did_not_offer_to_take(db, circle):
    cid = circle["circle"]
    with db.session() as s:
        one = meeting(s, cid, MATCHED + timedelta(days=14))
        form = actions.ActionForm(
            description="Find out about the allotment waiting list",
            owner_id=circle["uncle"],
            created_on=MATCHED + timedelta(days=14),
            meeting_id=one,
        )
        with pytest.raises(ValidationError) as err:
            actions.add_action(s, cid, form)
        assert err.value.errors["owner_id"].startswith("Huw Lloyd has not offered to take this on.")
        form.owner_id, form.owner_offered = circle["friend"], True
        action = actions.add_action(s, cid, form)
        assert action.owner_id == circle["friend"] and action.owner_offered
        # Moving it to someone else needs their offer too.
        form.owner_id, form.owner_offered = circle["uncle"], False
        with pytest.raises(ValidationError):
            actions.update_action(s, action.id, form)


def test_a_cosa_circle_keeps_its_own_way_with_actions(db):
    with db.session() as s:
        cid = cosa_circle(s)
        coordinator = circles.get_circle(s, cid).coordinator_id
        form = actions.ActionForm(description="Book the room", owner_id=coordinator, created_on=TODAY)
        assert not actions.add_action(s, cid, form).owner_offered


# --- reflecting on action ------------------------------------------------------------------------------------
def test_reflection_on_action_is_kept_with_a_meeting_once_held(db, circle):
    cid = circle["circle"]
    with db.session() as s:
        held = meeting(s, cid, MATCHED + timedelta(days=14))
        ahead = meeting(s, cid, TODAY + timedelta(days=7), supported=False)
        answers = Reflection(held, "Gwen rang the council", "The forms were confusing", "Huw will help with forms")
        reflections.save_reflection(s, held, answers)
        assert reflections.reflection(s, held) == answers
        with pytest.raises(ValidationError) as err:
            reflections.save_reflection(s, ahead, Reflection(ahead, "Too soon"))
        assert err.value.errors[""].startswith("Reflect on action once the meeting has been held")
        reflections.save_reflection(s, held, Reflection(held))
        assert reflections.reflection(s, held).is_empty


# --- twelve months on ------------------------------------------------------------------------------------------
def test_the_circle_carries_on_only_after_its_12_month_review(db, circle):
    cid = circle["circle"]
    due = add_months(MATCHED, 12)
    with db.session() as s:
        too_soon = reviews.ReviewForm(held_on=due - timedelta(days=60), outcome=ReviewOutcome.CARRY_ON)
        problems = reviews.review_problems(s, cid, too_soon)
        assert problems["held_on"].startswith(f"The 12-month review falls due on {due:%d/%m/%Y}")
        with pytest.raises(ValidationError):
            reviews.record_review(s, cid, too_soon)

        held_on = min(TODAY, due)
        reviews.record_review(s, cid, reviews.ReviewForm(held_on, ReviewOutcome.CARRY_ON, "Everyone wants to carry on"))
        rows = facilitators.commitments(s, cid)
        assert [(r.committed_on, r.until_on, r.reviewed) for r in rows] == [
            (MATCHED, due, True),
            (held_on, add_months(held_on, 12), False),
        ]
        assert circles.get_circle(s, cid).status == CircleStatus.ACTIVE
        assert [r.outcome_words for r in reviews.reviews(s, cid)] == ["Carries on, with a new 12-month commitment"]
        assert cc.community_detail(s, cid).stage == cc.FIRST_MEETINGS  # no supported meeting was held yet


def test_a_review_can_end_the_circle_and_needs_a_reason_for_another_ending(db, circle):
    cid = circle["circle"]
    with db.session() as s:
        form = reviews.ReviewForm(held_on=TODAY, outcome=ReviewOutcome.ENDED_OTHER)
        assert reviews.review_problems(s, cid, form)["notes"] == "Say why the circle is ending."
        with pytest.raises(ValidationError):
            reviews.record_review(s, cid, form)
        reviews.record_review(s, cid, reviews.ReviewForm(TODAY, ReviewOutcome.PURPOSE_ACHIEVED, "Goes to the choir"))
        detail = cc.community_detail(s, cid)
        assert detail.status == CircleStatus.CLOSED and detail.stage == cc.ENDED
        assert detail.ended_how == ReviewOutcome.PURPOSE_ACHIEVED and detail.ended_reason == "Goes to the choir"


def test_a_circle_whose_purpose_is_achieved_early_ends_with_the_outcome(db, circle):
    cid = circle["circle"]
    early = MATCHED + timedelta(days=90)
    with db.session() as s:
        meeting(s, cid, early + timedelta(days=5), supported=False)
        problems = reviews.end_problems(s, cid, early, ReviewOutcome.PURPOSE_ACHIEVED, "")
        assert "cannot end before its last meeting" in problems["on_date"]
        reviews.end_circle(s, cid, early + timedelta(days=6), ReviewOutcome.PURPOSE_ACHIEVED, "Joined a walking group")
        assert cc.community_detail(s, cid).ended_how == ReviewOutcome.PURPOSE_ACHIEVED
        with pytest.raises(ValidationError) as err:
            reviews.end_circle(s, cid, TODAY, ReviewOutcome.PURPOSE_ACHIEVED)
        assert err.value.errors[""] == "This circle has already ended."


def test_a_review_cannot_come_before_the_commitment_or_twice(db, circle):
    cid = circle["circle"]
    with db.session() as s:
        form = reviews.ReviewForm(MATCHED - timedelta(days=1), ReviewOutcome.PURPOSE_ACHIEVED)
        assert "cannot be before the facilitator's commitment" in reviews.review_problems(s, cid, form)["held_on"]
        commitment = s.scalar(select(FacilitatorCommitment.id))
        assert commitment is not None
        reviews.record_review(s, cid, reviews.ReviewForm(TODAY, ReviewOutcome.CARRY_ON))
        problems = reviews.review_problems(s, cid, reviews.ReviewForm(TODAY, ReviewOutcome.CARRY_ON))
        assert "falls due on" in problems["held_on"]  # the new commitment's review is a year away
