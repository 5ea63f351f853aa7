"""Circles: setting up, members and their dates, going active, release countdown, closing, reviews due."""

from datetime import datetime

import pytest

from circles_desktop.services.circles import circle_list, circles, members, overview, reviews
from circles_desktop.services.circles.circles import CircleForm
from circles_desktop.services.common.validation import ValidationError
from circles_desktop.services.consent import consent
from circles_desktop.services.meetings import meetings
from circles_desktop.services.referrals import referrals
from support.records import (
    D,
    accepted_cosa_referral,
    cosa_circle,
    inner_volunteer,
    org,
    outer_member,
    person,
)


def test_new_circle_is_forming_with_the_core_member_inside(db):
    with db.session() as s:
        cid = cosa_circle(s)
        c = circles.get_circle(s, cid)
        assert c.status == "forming" and c.reference == f"COSA-{cid:05d}"
        rows = members.members(s, cid)
        assert [(m.name, m.ring, m.role) for m in rows] == [("Dáithí Ó Briain", "inner", "core_member")]


def test_cosa_circle_needs_variant_and_core_member(db):
    with db.session() as s, pytest.raises(ValidationError) as err:
        circles.create_circle(s, CircleForm(kind="cosa"))
    assert err.value.errors == {
        "started_on": "Enter the date the circle started forming.",
        "variant": "Choose kind of CoSA circle.",
        "focus_person_id": "Choose the core member.",
    }


def test_release_date_only_for_prison_circles_and_counts_down(db):
    with db.session() as s:
        with pytest.raises(ValidationError) as err:
            cosa_circle(s, expected_release_on=D(2025, 9, 1))
        assert err.value.errors == {
            "expected_release_on": "An expected release date is recorded for prison / through-the-gate circles."
        }
        cid = cosa_circle(s, variant="prison_through_the_gate", expected_release_on=D(2025, 9, 1))
        c = circles.get_circle(s, cid)
        assert circles.days_until_release(c, D(2025, 8, 2)) == 30
        assert circles.days_until_release(c, D(2025, 9, 11)) == -10


def test_circle_from_a_declined_referral_refused(db):
    with db.session() as s:
        probation = org(s, "Probation", "probation")
        from support.records import professional

        referrer = professional(s, "Priya", "Shah", probation)
        cm = person(s, "Aoife", "Walsh")
        ref = referrals.create_referral(
            s,
            referrals.ReferralForm(circle_kind="cosa", person_id=cm, referrer_id=referrer, received_on=D(2025, 1, 6)),
        )
        referrals.move_referral(s, ref.id, "declined", D(2025, 1, 8), reason="Not suitable")
        with pytest.raises(ValidationError) as err:
            circles.create_circle(
                s,
                CircleForm(
                    kind="cosa",
                    variant="adult_community",
                    referral_id=ref.id,
                    focus_person_id=cm,
                    started_on=D(2025, 2, 1),
                ),
            )
        assert err.value.errors == {"referral_id": "That referral was declined; a circle cannot come from it."}


def test_one_circle_per_referral_and_start_not_before_referral(db):
    with db.session() as s:
        ref_id = accepted_cosa_referral(s)
        form = CircleForm(kind="cosa", variant="adult_community", referral_id=ref_id, started_on=D(2025, 1, 1))
        with pytest.raises(ValidationError) as err:
            circles.create_circle(s, form)
        assert err.value.errors["started_on"] == (
            "The circle's start date (01/01/2025) cannot be before the date the referral was received (06/01/2025)."
        )
        form.started_on = D(2025, 3, 1)
        c = circles.create_circle(s, form)
        form2 = CircleForm(kind="cosa", variant="adult_community", referral_id=ref_id, started_on=D(2025, 3, 1))
        with pytest.raises(ValidationError, match=rf"A circle \(COSA-{c.id:05d}\) has already been formed"):
            circles.create_circle(s, form2)


def test_member_dates_and_rings(db):
    with db.session() as s:
        cid = cosa_circle(s)
        vol = person(s, "Zoë", "Hughes")
        with pytest.raises(ValidationError) as err:
            members.add_member(s, cid, vol, "outer", "volunteer", D(2025, 2, 1))
        assert err.value.errors == {
            "ring": "A volunteer belongs in the inner circle.",
            "joined_on": "The date they joined (01/02/2025) cannot be before the circle's start date (01/03/2025).",
        }
        mid = members.add_member(s, cid, vol, "inner", "volunteer", D(2025, 3, 5)).id
        with pytest.raises(ValidationError) as err:
            members.member_leaves(s, mid, D(2025, 3, 1))
        assert err.value.errors == {
            "left_on": "The date they left (01/03/2025) cannot be before the date they joined (05/03/2025)."
        }
        with pytest.raises(ValidationError, match="already a member of the circle for those dates"):
            members.add_member(s, cid, vol, "inner", "volunteer", D(2025, 4, 1))
        members.member_leaves(s, mid, D(2025, 6, 1))
        assert [m.name for m in members.members(s, cid, on_date=D(2025, 7, 1))] == ["Dáithí Ó Briain"]
        with pytest.raises(ValidationError, match="police offender manager is a professional and belongs in the outer"):
            members.add_member(s, cid, person(s, "A", "B"), "inner", "police_offender_manager", D(2025, 3, 5))


def test_outer_member_represents_their_organisation(db):
    with db.session() as s:
        cid = cosa_circle(s)
        mid = outer_member(s, cid)
        row = next(m for m in members.members(s, cid) if m.id == mid)
        assert row.ring == "outer" and row.organisation.startswith("Police")


def test_prison_circle_volunteers_need_enhanced_checks(db):
    with db.session() as s:
        cid = cosa_circle(s, variant="prison_through_the_gate", expected_release_on=D(2025, 9, 1))
        with pytest.raises(ValidationError) as err:
            inner_volunteer(s, cid, level="standard")
        assert err.value.errors == {
            "person_id": "Volunteers in a prison / through-the-gate circle need an enhanced DBS check. Record their "
            "check on their volunteer record first."
        }
        inner_volunteer(s, cid, level="enhanced_barred")


def test_activation_needs_accepted_referral_and_a_volunteer(db):
    with db.session() as s:
        cm = person(s, "Łukasz", "Wiśniewski")
        c = circles.create_circle(
            s,
            CircleForm(kind="cosa", variant="adult_community", focus_person_id=cm, started_on=D(2025, 3, 1)),
        )
        with pytest.raises(ValidationError) as err:
            circles.activate_circle(s, c.id, D(2025, 4, 1))
        assert err.value.errors == {
            "referral_id": "A circle becomes active only from an accepted referral: link its referral first.",
            "members": "Add at least one volunteer to the inner circle before the circle becomes active.",
        }


def test_activation_refused_while_referral_not_accepted(db):
    with db.session() as s:
        probation = org(s, "Probation", "probation")
        from support.records import professional

        referrer = professional(s, "Priya", "Shah", probation)
        cm = person(s, "Aoife", "Walsh")
        ref = referrals.create_referral(
            s,
            referrals.ReferralForm(circle_kind="cosa", person_id=cm, referrer_id=referrer, received_on=D(2025, 1, 6)),
        )
        referrals.move_referral(s, ref.id, "initial_discussion", D(2025, 1, 8))
        c = circles.create_circle(
            s,
            CircleForm(kind="cosa", variant="adult_community", referral_id=ref.id, started_on=D(2025, 2, 1)),
        )
        inner_volunteer(s, c.id, joined=D(2025, 2, 1))
        with pytest.raises(ValidationError) as err:
            circles.activate_circle(s, c.id, D(2025, 4, 1))
        assert err.value.errors == {
            "referral_id": "A circle becomes active only from an accepted referral; its referral is at "
            "“Initial discussion”."
        }


def test_adult_circle_goes_active(db):
    with db.session() as s:
        cid = cosa_circle(s)
        inner_volunteer(s, cid)
        c = circles.activate_circle(s, cid, D(2025, 3, 20))
        assert c.status == "active" and c.activated_on == D(2025, 3, 20)
        with pytest.raises(ValidationError, match="Only a forming circle can be made active; this one is active."):
            circles.activate_circle(s, cid, D(2025, 3, 21))


def test_young_person_circle_needs_parent_carer_consent(db):
    with db.session() as s:
        cid = cosa_circle(s, variant="young_person")
        inner_volunteer(s, cid)
        yot = outer_member(s, cid, "youth_offending_officer")
        with pytest.raises(ValidationError) as err:
            circles.activate_circle(s, cid, D(2025, 3, 20))
        assert err.value.errors == {
            "consent": "For a young person's circle, record a parent's or carer's consent before the circle becomes "
            "active."
        }
        parent = person(s, "Małgorzata", "Wiśniewska")
        c = circles.get_circle(s, cid)
        with pytest.raises(ValidationError, match="Add the parent or carer to the circle first"):
            consent.give_consent(
                s,
                cid,
                categories=["attendance"],
                given_on=D(2025, 3, 10),
                given_by_id=c.focus_person_id,
                parent_carer_id=parent,
                recipient_member_id=yot,
            )
        members.add_member(s, cid, parent, "inner", "parent_carer", D(2025, 3, 1))
        consent.give_consent(
            s,
            cid,
            categories=["attendance", "minutes"],
            given_on=D(2025, 3, 10),
            given_by_id=c.focus_person_id,
            parent_carer_id=parent,
            recipient_member_id=yot,
        )
        assert circles.activation_problems(s, c, D(2025, 3, 9)) == {
            "consent": "For a young person's circle, record a parent's or carer's consent before the circle becomes "
            "active."
        }
        assert circles.activate_circle(s, cid, D(2025, 3, 20)).status == "active"


def test_closing_needs_an_end_of_circle_review(db):
    with db.session() as s:
        cid = cosa_circle(s)
        inner_volunteer(s, cid)
        circles.activate_circle(s, cid, D(2025, 3, 20))
        with pytest.raises(ValidationError) as err:
            circles.close_circle(s, cid, D(2026, 3, 1))
        assert err.value.errors == {
            "meetings": "Hold and record the end-of-circle review meeting before closing the circle."
        }
        meetings.create_meeting(
            s,
            cid,
            meetings.MeetingForm(kind="end_of_circle_review", starts_at=datetime(2026, 3, 5, 10), venue="Hall"),
        )
        with pytest.raises(ValidationError, match=r"cannot close before its end-of-circle review \(05/03/2026\)"):
            circles.close_circle(s, cid, D(2026, 3, 1))
        with pytest.raises(ValidationError) as err:
            circles.close_circle(s, cid, D(2025, 2, 1))
        assert err.value.errors["on_date"].startswith("The closing date (01/02/2025) cannot be before")
        c = circles.close_circle(s, cid, D(2026, 3, 6))
        assert c.status == "closed" and c.ended_on == D(2026, 3, 6)
        with pytest.raises(ValidationError, match="This circle is closed; meetings cannot be added."):
            meetings.create_meeting(s, cid, meetings.MeetingForm(kind="circle_meeting", starts_at=datetime(2026, 3, 7)))


def test_quarterly_review_due_three_months_after_last_or_start(db):
    with db.session() as s:
        cid = cosa_circle(s)  # started 1 March 2025
        due = reviews.quarterly_review_due(s, cid, today=D(2025, 5, 20))
        assert (due.due_on, due.since, due.last_review_on, due.overdue, due.days_left) == (
            D(2025, 6, 1),
            D(2025, 3, 1),
            None,
            False,
            12,
        )
        assert reviews.quarterly_review_due(s, cid, today=D(2025, 6, 2)).overdue
        meetings.create_meeting(
            s, cid, meetings.MeetingForm(kind="quarterly_review", starts_at=datetime(2025, 5, 31, 14))
        )
        due = reviews.quarterly_review_due(s, cid, today=D(2025, 6, 2))
        assert (due.due_on, due.last_review_on, due.overdue) == (D(2025, 8, 31), D(2025, 5, 31), False)
        # A review booked for the future does not reset the clock.
        meetings.create_meeting(
            s, cid, meetings.MeetingForm(kind="quarterly_review", starts_at=datetime(2025, 9, 3, 14))
        )
        due = reviews.quarterly_review_due(s, cid, today=D(2025, 9, 2))
        assert due.due_on == D(2025, 8, 31) and due.overdue and due.days_left == -2
        assert [cid_ for cid_, _ in reviews.reviews_due(s, today=D(2025, 9, 2))] == [cid]


def test_add_months_keeps_to_the_end_of_short_months():
    assert reviews.add_months(D(2025, 11, 30), 3) == D(2026, 2, 28)
    assert reviews.add_months(D(2023, 11, 30), 3) == D(2024, 2, 29)


def test_circles_list_filters_in_sql(db):
    with db.session() as s:
        a = cosa_circle(s)
        cosa_circle(s, variant="prison_through_the_gate", expected_release_on=D(2025, 12, 1))
        inner_volunteer(s, a)
        circles.activate_circle(s, a, D(2025, 3, 20))
    with db.session() as s:
        assert circle_list.count_circles(s) == 2
        assert [r.id for r in circle_list.list_circles(s, status="active")] == [a]
        rows = circle_list.list_circles(s, variant="prison_through_the_gate")
        assert len(rows) == 1 and rows[0].expected_release_on == D(2025, 12, 1)
        assert circle_list.count_circles(s, kind="cosa", text="daithi") == 2
        assert circle_list.list_circles(s, text=f"COSA-{a:05d}")[0].id == a


def test_overview_gathers_rings_and_counts(db):
    with db.session() as s:
        cid = cosa_circle(s, variant="prison_through_the_gate", expected_release_on=D(2025, 9, 1))
        inner_volunteer(s, cid)
        outer_member(s, cid)
        ov = overview.circle_overview(s, cid, today=D(2025, 8, 1))
    assert [m.role for m in ov.inner] == ["core_member", "volunteer"]
    assert [m.role for m in ov.outer] == ["probation_officer"]
    assert ov.days_until_release == 31 and ov.review_due.overdue
    assert ov.circle.focus_person.given_name == "Dáithí"  # usable after the session closed
