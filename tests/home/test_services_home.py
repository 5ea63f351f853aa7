"""Home's due rules, each at its edges: a day before it is shown, the day it is, and what takes it away."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from circles_desktop.models import Circle, CircleMember, CosaDetails, VolunteerProfile
from circles_desktop.models.vocab import CosaVariant, MemberRole
from circles_desktop.services.circles import circles, developments, members
from circles_desktop.services.common import record_ref as rr
from circles_desktop.services.common.validation import ValidationError
from circles_desktop.services.home import items, thresholds
from circles_desktop.services.home.items import DueItem, Found, Provider
from circles_desktop.services.home.thresholds import Thresholds
from circles_desktop.services.learning import learning_checklist
from circles_desktop.services.learning.learning_state import role_holder
from circles_desktop.services.meetings import actions
from circles_desktop.services.people import volunteers
from support.due import action, active_cosa, learning_circle, meeting
from support.records import cosa_circle, outer_member, person

T = Thresholds()


def section(s, key: str, today: date, t: Thresholds = T) -> Found:
    """One provider's finding, as Home asks for it."""
    from circles_desktop.services.home import providers  # noqa: F401  (registers them)

    provider = next(p for p in items.PROVIDERS if p.key == key)
    return provider.find(s, today, t, 25)


def shown(s, key: str, today: date, t: Thresholds = T) -> list[DueItem]:
    found = section(s, key, today, t)
    assert found.total == len(found.items)  # these tests make few
    return list(found.items)


# --- reviews ------------------------------------------------------------------------------------
def test_a_quarterly_review_is_shown_two_weeks_ahead_and_while_overdue(db):
    with db.session() as s:
        cid = cosa_circle(s)  # started 1 March 2025: the first review falls due 1 June 2025
        assert shown(s, "quarterly_reviews", date(2025, 5, 17)) == []
        [item] = shown(s, "quarterly_reviews", date(2025, 5, 18))
        assert item.due_on == date(2025, 6, 1) and item.opens == rr.RecordRef(rr.CIRCLE, cid, rr.REVIEWS)
        assert item.when(date(2025, 5, 18)) == "due in 14 days (01/06/2025)"
        assert item.when(date(2025, 6, 1)) == "due today"
        assert item.when(date(2025, 6, 4)) == "3 days overdue (due 01/06/2025)"
        assert item.what.startswith("Quarterly review: COSA-")
        assert item.what.endswith("Dáithí Ó Briain")
        assert [i.due_on for i in shown(s, "quarterly_reviews", date(2025, 8, 1))] == [date(2025, 6, 1)]


def test_a_review_held_moves_the_next_one_on_but_a_review_booked_ahead_does_not(db):
    with db.session() as s:
        cid = active_cosa(s)
        meeting(s, cid, date(2025, 5, 28), "quarterly_review")
        assert shown(s, "quarterly_reviews", date(2025, 6, 2)) == []  # next due 28 August
        meeting(s, cid, date(2025, 9, 10), "quarterly_review")  # booked, not yet held on 20 August
        [item] = shown(s, "quarterly_reviews", date(2025, 8, 20))
        assert item.due_on == date(2025, 8, 28)


def test_a_closed_circle_has_no_reviews_due(db):
    with db.session() as s:
        cid = active_cosa(s)
        meeting(s, cid, date(2025, 6, 30), "end_of_circle_review")
        circles.close_circle(s, cid, date(2025, 7, 1))
        assert shown(s, "quarterly_reviews", date(2025, 8, 1)) == []
        assert shown(s, "end_of_circle_reviews", date(2026, 8, 1)) == []


def test_the_end_of_circle_review_falls_due_once_the_circle_has_run_its_length(db):
    with db.session() as s:
        cid = active_cosa(s, activated=date(2025, 3, 10))
        short = Thresholds(circle_length=100, reviews_within=14)  # due 18 June 2025
        assert shown(s, "end_of_circle_reviews", date(2025, 6, 3), short) == []
        [item] = shown(s, "end_of_circle_reviews", date(2025, 6, 4), short)
        assert item.due_on == date(2025, 6, 18) and item.what.startswith("End-of-circle review: COSA-")
        assert shown(s, "end_of_circle_reviews", date(2026, 3, 9)) != []  # the default: a year and 14 days' notice
        meeting(s, cid, date(2025, 6, 20), "end_of_circle_review")
        assert shown(s, "end_of_circle_reviews", date(2025, 7, 1), short) == []


def test_a_forming_circle_has_no_end_of_circle_review_due(db):
    with db.session() as s:
        cosa_circle(s)
        assert shown(s, "end_of_circle_reviews", date(2027, 1, 1)) == []


# --- actions ------------------------------------------------------------------------------------
def test_an_action_is_overdue_the_day_after_it_was_due_until_it_is_done(db):
    with db.session() as s:
        cid = active_cosa(s)
        mid = meeting(s, cid, date(2025, 3, 14))
        aid = action(s, cid, date(2025, 3, 28), mid)
        assert shown(s, "overdue_actions", date(2025, 3, 28)) == []
        [item] = shown(s, "overdue_actions", date(2025, 3, 29))
        assert item.opens == rr.RecordRef(rr.MEETING, mid, rr.ACTIONS, aid)
        assert item.who == "Tomasz Nowak" and item.what.startswith("Ring the housing officer (COSA-")
        actions.set_status(s, aid, "blocked", barrier="The housing office is closed")
        assert len(shown(s, "overdue_actions", date(2025, 3, 29))) == 1  # blocked is not done
        actions.set_status(s, aid, "done", done_on=date(2025, 3, 29))
        assert shown(s, "overdue_actions", date(2025, 4, 1)) == []


def test_overdue_actions_are_most_overdue_first_with_their_owners(db):
    with db.session() as s:
        cid = active_cosa(s)
        zoe = person(s, "Zoë", "Adams")
        action(s, cid, date(2025, 3, 20), description="Second")
        action(s, cid, date(2025, 3, 10), description="First", owner=zoe)
        action(s, cid, date(2025, 3, 25), description="Third", status="blocked", barrier="Waiting")
        found = shown(s, "overdue_actions", date(2025, 4, 1))
        assert [(i.what.split(" (")[0], i.who) for i in found] == [
            ("First", "Zoë Adams"), ("Second", "Tomasz Nowak"), ("Third", "Tomasz Nowak"),
        ]  # fmt: skip
        assert found[0].opens == rr.RecordRef(rr.CIRCLE, cid)  # agreed between meetings: its circle


def test_a_learning_circles_action_opens_the_learning_circle(db):
    with db.session() as s:
        cid = learning_circle(s, meets_at=datetime(2025, 3, 20, 10))
        aid = action(s, cid, date(2025, 3, 25))
        [item] = shown(s, "overdue_actions", date(2025, 3, 26))
        assert item.opens == rr.RecordRef(rr.LEARNING_CIRCLE, cid, rr.ACTIONS, aid)


# --- developments -------------------------------------------------------------------------------
def development(s, cid: int, shared_with: dict[int, date] | None = None, on: date = date(2025, 4, 2)) -> int:
    form = developments.DevelopmentForm(
        occurred_on=on, kind="risk", description="Seen near a school", shared_with=shared_with or {}
    )
    return developments.record_development(s, cid, form, today=date(2025, 4, 30)).id


def test_a_development_is_shown_until_someone_in_the_outer_circle_has_heard_of_it(db):
    with db.session() as s:
        cid = active_cosa(s)
        volunteer_id = next(m.person_id for m in members.members(s, cid) if m.role == MemberRole.VOLUNTEER)
        dev = development(s, cid, {volunteer_id: date(2025, 4, 2)})  # told the inner circle only
        [item] = shown(s, "unshared_developments", date(2025, 4, 3))
        assert item.opens == rr.RecordRef(rr.CIRCLE, cid, rr.DEVELOPMENTS, dev)
        assert item.what.startswith("Risk development not shared with the outer circle: COSA-")
        officer = s.get(CircleMember, outer_member(s, cid)).person_id
        form = developments.development_form(s, dev)
        form.shared_with[officer] = date(2025, 4, 3)
        developments.update_development(s, dev, form, today=date(2025, 4, 30))
        assert shown(s, "unshared_developments", date(2025, 4, 4)) == []


# --- circles gone quiet -------------------------------------------------------------------------
def test_a_circle_goes_quiet_after_the_set_days_with_no_meeting_or_development(db):
    with db.session() as s:
        cid = active_cosa(s, activated=date(2025, 3, 10))
        meeting(s, cid, date(2025, 4, 1))
        assert shown(s, "no_contact", date(2025, 4, 29)) == []  # 28 days: not yet
        [item] = shown(s, "no_contact", date(2025, 4, 30))
        assert item.due_on == date(2025, 4, 29) and item.what.startswith("No meeting or contact since 01/04/2025")
        assert item.opens == rr.RecordRef(rr.CIRCLE, cid, rr.MEETINGS)
        development(s, cid, on=date(2025, 4, 20))  # a development is contact too
        assert shown(s, "no_contact", date(2025, 5, 18)) == []
        assert len(shown(s, "no_contact", date(2025, 5, 19))) == 1
        assert shown(s, "no_contact", date(2025, 5, 19), Thresholds(no_contact=60)) == []


def test_a_circle_not_yet_active_and_a_learning_circle_never_go_quiet(db):
    with db.session() as s:
        cosa_circle(s)
        learning_circle(s)
        assert shown(s, "no_contact", date(2026, 1, 1)) == []


# --- releases -----------------------------------------------------------------------------------
def test_a_release_date_is_shown_from_ninety_days_before_until_the_day(db):
    with db.session() as s:
        cid = cosa_circle(s, variant=CosaVariant.PRISON, expected_release_on=date(2025, 9, 1))
        assert shown(s, "releases", date(2025, 6, 2)) == []  # 91 days before
        [item] = shown(s, "releases", date(2025, 6, 3))
        assert item.due_on == date(2025, 9, 1) and item.what.startswith("Release from prison: COSA-")
        assert len(shown(s, "releases", date(2025, 9, 1))) == 1
        assert shown(s, "releases", date(2025, 9, 2)) == []  # released
        s.get(Circle, cid).status = "closed"
        s.flush()
        assert shown(s, "releases", date(2025, 8, 1)) == []
        assert s.get(CosaDetails, cid).expected_release_on == date(2025, 9, 1)


# --- renewals -----------------------------------------------------------------------------------
def test_a_dbs_check_falls_due_for_renewal_and_a_new_check_renews_it(db):
    with db.session() as s:
        pid = person(s, "Aoife", "Ní Bhriain")
        volunteers.save_volunteer(s, pid, volunteers.VolunteerForm(location="Bristol"), today=date(2022, 1, 1))
        volunteers.add_dbs_check(s, pid, "enhanced", date(2022, 3, 1), today=date(2022, 3, 1))
        renewal = date(2022, 3, 1) + timedelta(days=T.dbs_renewal)  # 29 February 2025: 1 March 2025
        assert shown(s, "dbs_renewals", renewal - timedelta(days=31)) == []
        [item] = shown(s, "dbs_renewals", renewal - timedelta(days=30))
        assert item.due_on == renewal and item.who == "Aoife Ní Bhriain"
        assert item.opens == rr.RecordRef(rr.PERSON, pid, rr.VOLUNTEERING)
        volunteers.add_dbs_check(s, pid, "enhanced", renewal - timedelta(days=10), today=renewal)
        assert shown(s, "dbs_renewals", renewal) == []
        s.get(VolunteerProfile, pid).active = False
        s.flush()
        assert shown(s, "dbs_renewals", renewal + timedelta(days=T.dbs_renewal)) == []  # no longer volunteering


def test_each_training_course_is_refreshed_on_its_own(db):
    with db.session() as s:
        pid = person(s, "Aoife", "Ní Bhriain")
        volunteers.save_volunteer(s, pid, volunteers.VolunteerForm(), today=date(2022, 1, 1))
        volunteers.add_training(s, pid, "Safeguarding adults", date(2022, 3, 1), today=date(2022, 3, 1))
        volunteers.add_training(s, pid, "Circle skills", date(2022, 6, 1), today=date(2022, 6, 1))
        due = date(2022, 3, 1) + timedelta(days=T.training_renewal)
        [item] = shown(s, "training_renewals", due - timedelta(days=30))
        assert item.what == "Training to refresh: Safeguarding adults" and item.due_on == due
        volunteers.add_training(s, pid, "Safeguarding adults", due - timedelta(days=5), today=due)
        later = date(2022, 6, 1) + timedelta(days=T.training_renewal)
        assert [i.what for i in shown(s, "training_renewals", later)] == ["Training to refresh: Circle skills"]


# --- learning circles ---------------------------------------------------------------------------
def test_the_steps_before_a_learning_circle_are_shown_a_week_ahead(db):
    with db.session() as s:
        cid = learning_circle(s, meets_at=datetime(2025, 3, 20, 10))
        assert shown(s, "learning_steps", date(2025, 3, 12)) == []
        [item] = shown(s, "learning_steps", date(2025, 3, 13))
        assert item.due_on == date(2025, 3, 20)
        left = int(item.what.split()[0])
        assert (
            item.what
            == f"{left} steps still to do for the learning circle on 20/03/2025: LLC-00001, Dáithí Ó Súilleabháin"
        )
        assert item.opens == rr.RecordRef(rr.LEARNING_CIRCLE, cid, rr.CHECKLIST)
        hol = role_holder(s, cid, MemberRole.HEAD_OF_LOCALITY)
        learning_checklist.mark_step(s, cid, "room_booked", date(2025, 3, 5), done_by_id=hol, today=date(2025, 3, 13))
        assert shown(s, "learning_steps", date(2025, 3, 13))[0].what.startswith(f"{left - 1} steps")


def test_a_learning_circle_with_no_date_is_due_to_be_held_within_the_set_days(db):
    with db.session() as s:
        learning_circle(s, proposed_on=date(2025, 3, 3))  # due 31 March, shown from 24 March
        assert shown(s, "learning_steps", date(2025, 3, 23)) == []
        [item] = shown(s, "learning_steps", date(2025, 3, 24))
        assert "no date set for the learning circle yet" in item.what and item.due_on == date(2025, 3, 31)


# --- documents held -----------------------------------------------------------------------------
def test_a_document_held_under_withdrawn_consent_is_shown_until_returned(db):
    from circles_desktop.services.consent import consent
    from circles_desktop.services.sharing import minutes_export, sharing
    from support.exports import SHAREABLE, add_outer, build_meeting, give, recipient

    with db.session() as s:
        setup = build_meeting(s)
        member = add_outer(s, setup)
        consent_ids = give(s, setup, member, SHAREABLE)
        prepared = minutes_export.prepare(s, setup.meeting_id, recipient(s, member), today=date(2025, 3, 20))
        doc = minutes_export.record_print(s, prepared, b"%PDF-1.7 minutes")
        assert shown(s, "held_documents", date(2025, 4, 1)) == []
        consent.withdraw_consent(s, consent_ids[0], date(2025, 4, 1), "Asked for it to stop")
        [item] = shown(s, "held_documents", date(2025, 4, 2))
        assert item.opens == rr.RecordRef(rr.CIRCLE, setup.circle_id, rr.SHARED, doc)
        assert item.due_on == date(2025, 4, 1)
        assert item.what.startswith("Minutes of 14/03/2025 held by Priya Raghunathan")
        assert "ask for it back" in item.what
        sharing.mark_returned(s, doc, date.today())
        assert shown(s, "held_documents", date(2025, 4, 4)) == []


# --- thresholds and the registry ----------------------------------------------------------------
def test_thresholds_are_saved_checked_and_used(db):
    with db.session() as s:
        assert thresholds.thresholds(s) == Thresholds()
        saved = thresholds.save_thresholds(s, {"no_contact": 42, "release_within": 60})
        assert (saved.no_contact, saved.release_within, saved.reviews_within) == (42, 60, 14)
    with pytest.raises(ValidationError) as err, db.session() as s:
        thresholds.save_thresholds(s, {"no_contact": 0, "release_within": 3651, "reviews_within": None})
    assert err.value.errors == {
        "no_contact": "Enter a number of days from 1 to 3650.",
        "release_within": "Enter a number of days from 1 to 3650.",
        "reviews_within": "Enter a number of days from 1 to 3650.",
    }
    with db.session() as s:
        assert thresholds.thresholds(s).no_contact == 42  # nothing of the refused save was kept
        sections = {d.key: d for d in items.what_needs_doing(s, date(2025, 1, 1))}
        assert (
            sections["no_contact"].explains == "Active circles with no meeting or significant development for 42 days."
        )


def test_every_kind_of_item_is_on_home_in_order(db):
    with db.session() as s:
        keys = [d.key for d in items.what_needs_doing(s, date(2025, 1, 1))]
    assert keys == [
        "quarterly_reviews", "end_of_circle_reviews", "overdue_actions", "unshared_developments", "no_contact",
        "releases", "dbs_renewals", "training_renewals", "learning_steps", "held_documents",
        "community_reviews", "supported_meetings", "network_sessions", "sparks", "practice_sessions",
    ]  # fmt: skip


def test_a_provider_plugs_in_with_one_call(db, monkeypatch):
    monkeypatch.setattr(items, "PROVIDERS", list(items.PROVIDERS))
    from circles_desktop.services.home import providers  # noqa: F401

    def visits(_s, today, _t, _n):
        return Found(1, (DueItem("Garden visit: the allotment", today, rr.RecordRef(rr.CIRCLE, 7)),))

    items.register(Provider("garden_visits", "Garden visits to plan", visits))
    with db.session() as s:
        last = items.what_needs_doing(s, date(2025, 1, 1))[-1]
    assert (last.key, last.title, last.total, last.items[0].what) == (
        "garden_visits", "Garden visits to plan", 1, "Garden visit: the allotment",
    )  # fmt: skip
    items.register(Provider("garden_visits", "Garden visits", visits))  # the same key again replaces it
    assert [p.title for p in items.PROVIDERS].count("Garden visits") == 1
    assert "Garden visits to plan" not in [p.title for p in items.PROVIDERS]
