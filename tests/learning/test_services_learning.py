"""Locality Learning Circles: the child's record, the learning circle form, the three-stage checklist,
completing, learning points, the list by stage and month, and the audit trail that never names the child."""

from datetime import date, datetime

import pytest
from test_services_learning_support import (
    BEFORE,
    CHILD_FAMILY,
    CHILD_GIVEN,
    HELD,
    PROPOSED,
    TODAY,
    child,
    circle_form,
    learning_circle,
    locality,
    through_during,
)

from circles_desktop.models import AuditEntry
from circles_desktop.services.circles import circle_list, circles, members
from circles_desktop.services.common.validation import ValidationError
from circles_desktop.services.learning import children, learning_checklist, learning_list, learning_points
from circles_desktop.services.learning import learning_circles as lcs
from circles_desktop.services.meetings import actions, meetings
from support.records import person

D = date


# --- the child's record --------------------------------------------------------------------------
def test_child_record_needs_what_the_circle_needs(db):
    with db.session() as s, pytest.raises(ValidationError) as err:
        children.create_child(s, children.ChildForm(summary="Some words"), today=TODAY)
    assert err.value.errors == {
        "given_name": "Enter the child's given name.",
        "family_name": "Enter the child's family name.",
        "date_of_birth": "Enter the child's date of birth.",
        "locality": "Enter the locality.",
        "case_reference": "Enter the case record reference.",
        "summary_updated_on": "Enter the date the summary was brought up to date.",
    }


def test_child_dates_and_duplicate_case_reference(db):
    with db.session() as s:
        child(s, None, "CR-1")
        form = children.ChildForm("Maja", "Kowalska", D(2026, 1, 1), "Kingsbridge East", "cr-1")
        form.summary, form.summary_updated_on = "Summary", D(2025, 7, 1)
        with pytest.raises(ValidationError) as err:
            children.create_child(s, form, today=TODAY)
        assert err.value.errors == {
            "date_of_birth": "The date of birth cannot be in the future.",
            "summary_updated_on": "The date the summary was updated cannot be in the future.",
            "case_reference": "A child with this case record reference is already recorded. Open that record.",
        }


def test_chronology_is_kept_in_date_order_and_edited(db):
    with db.session() as s:
        cid = child(s, None)
        late = children.add_chronology_entry(s, cid, D(2025, 2, 1), "Core group meeting", TODAY)
        children.add_chronology_entry(s, cid, D(2024, 9, 3), "Moved to a new school", TODAY)
        assert [e.event for e in children.chronology(s, cid)] == [
            "Moved to a new school",
            "Reported missing overnight",
            "Core group meeting",
        ]
        children.update_chronology_entry(s, late.id, D(2024, 1, 5), "Core group meeting held", TODAY)
        assert children.chronology(s, cid)[0].event == "Core group meeting held"
        with pytest.raises(ValidationError) as err:
            children.add_chronology_entry(s, cid, D(2025, 7, 1), "", TODAY)
        assert err.value.errors == {
            "event": "Enter what happened.",
            "occurred_on": "A key event cannot be in the future.",
        }
        children.delete_chronology_entry(s, late.id)
        record = children.get_child(s, cid)
        assert [e.event for e in record.chronology] == ["Moved to a new school", "Reported missing overnight"]
        assert record.name == f"{CHILD_GIVEN} {CHILD_FAMILY}"


def test_children_are_found_by_name_without_accents_reference_or_birth_date(db):
    with db.session() as s:
        practitioner = person(s, "Nguyễn", "Thị Lan")
        cid = child(s, practitioner)
        child(s, None, "CR-999", given_name="Maja", family_name="Kowalska", date_of_birth=D(2015, 1, 2))
        assert [r.id for r in children.search_children(s, "daithi")] == [cid]
        assert [r.id for r in children.search_children(s, "suil")] == [cid]
        assert [r.id for r in children.search_children(s, "cr-1002")] == [cid]
        assert [r.id for r in children.search_children(s, "14/07/2013")] == [cid]
        assert children.count_children(s) == 2 and children.count_children(s, locality="Nowhere") == 0
        row = children.search_children(s, "daithi")[0]
        assert row.practitioner == "Nguyễn Thị Lan" and row.learning_circles == 0
        assert children.localities(s) == ["Avonford North"]


def test_a_child_with_a_learning_circle_keeps_their_record(db):
    with db.session() as s:
        _, circle_id = learning_circle(s)
        child_id = lcs.get_learning_circle(s, circle_id).child_id
        with pytest.raises(ValidationError, match="has a learning circle"):
            children.delete_child(s, child_id)
        assert children.get_child(s, child_id).learning_circle_ids == (circle_id,)


# --- the learning circle form --------------------------------------------------------------------
def test_learning_circle_form_required_fields(db):
    with db.session() as s, pytest.raises(ValidationError) as err:
        lcs.create_learning_circle(s, lcs.LearningCircleForm())
    assert err.value.errors == {
        "child_id": "Choose the child.",
        "reasons": "Choose at least one reason the child was selected.",
        "proposed_on": "Enter the date of the Locality Management Meeting that proposed it.",
        "head_of_locality_id": "Choose the Head of Locality.",
    }


def test_other_reason_needs_its_words_and_dates_run_forwards(db):
    with db.session() as s:
        loc = locality(s)
        cid = child(s, loc.practitioner)
        form = circle_form(
            loc,
            cid,
            reasons={"other", "audit_outcome"},
            meets_at=datetime(2025, 3, 1, 10),
            team_manager_id=loc.sm,
        )
        with pytest.raises(ValidationError) as err:
            lcs.create_learning_circle(s, form)
        assert err.value.errors == {
            "other_reason": "Say what the other reason is.",
            "team_manager_id": "The Team Manager cannot also be the Service Manager: choose someone else.",
            "meets_at": "The date of the learning circle (01/03/2025) cannot be before the date it was proposed at "
            "the Locality Management Meeting (03/03/2025).",
        }
        form = circle_form(loc, cid, other_reason="Requested by the IRO")
        with pytest.raises(ValidationError) as err:
            lcs.create_learning_circle(s, form)
        assert err.value.errors == {"other_reason": "Tick “Other” as a reason, or clear this text."}


def test_new_learning_circle_has_its_people_meeting_and_form(db):
    with db.session() as s:
        loc, circle_id = learning_circle(s, reasons={"other", "audit_outcome"}, other_reason="Requested by the IRO")
        d = lcs.get_learning_circle(s, circle_id)
        assert d.reference == f"LLC-{circle_id:05d}" and d.stage == "before"
        assert d.reason_labels == ("Outstanding or inadequate audit outcome", "Other: Requested by the IRO")
        assert d.meets_at == datetime(2025, 3, 20, 10) and d.ends_at == datetime(2025, 3, 20, 11)
        c = circles.get_circle(s, circle_id)
        assert c.kind == "learning" and c.title == "" and c.started_on == PROPOSED and c.status == "forming"
        assert [(m.name, m.role) for m in lcs.learning_members(s, circle_id)] == [
            ("Siân Llewellyn", "head_of_locality"),
            ("Łukasz Wiśniewski", "service_manager"),
            ("Zoë Okafor", "team_manager"),
            ("Nguyễn Thị Lan", "practitioner"),  # the child's allocated practitioner joins
            ("Aoife Ní Bhriain", "learner"),
        ]
        assert meetings.get_meeting(s, d.meeting_id).venue == "Room 2.14, Avonford Hub"
        form = lcs.learning_circle_form(s, circle_id)
        assert form.reasons == {"other", "audit_outcome"} and form.service_manager_id == loc.sm

        # Changing a manager: the old one (no attendance) leaves, the new one joins with the role.
        form.team_manager_id = loc.outsider
        form.virtual, form.venue = True, "Microsoft Teams"
        lcs.update_learning_circle(s, circle_id, form)
        roles = {m.name: m.role for m in lcs.learning_members(s, circle_id)}
        assert roles["Björn Lindqvist"] == "team_manager" and "Zoë Okafor" not in roles
        assert lcs.get_learning_circle(s, circle_id).virtual


def test_add_learner_only_practitioners_and_learners(db):
    with db.session() as s:
        loc, circle_id = learning_circle(s)
        with pytest.raises(ValidationError) as err:
            lcs.add_learner(s, circle_id, loc.outsider, "head_of_locality")
        assert "chosen on the learning circle's form" in err.value.errors["role"]
        lcs.add_learner(s, circle_id, loc.outsider)  # someone not working with the child
        assert {m.role for m in members.members(s, circle_id) if m.person_id == loc.outsider} == {"learner"}


# --- the checklist -------------------------------------------------------------------------------
def test_checklist_shows_every_step_left_with_what_blocks_it(db):
    with db.session() as s:
        loc, circle_id = learning_circle(s)
        ck = learning_checklist.checklist(s, circle_id)
        assert [st.stage for st in ck.stages] == ["before", "during", "after"]
        assert [len(st.steps) for st in ck.stages] == [5, 8, 4]
        assert len(ck.left) == 17 and ck.stage == "before"
        steps = {x.code: x for st in ck.stages for x in st.steps}
        assert steps["practitioners_notified"].suggested_by_id == loc.sm
        assert steps["learning_agreed"].blockers == ("Record at least one learning point.",)
        assert steps["themes_shared"].blockers == ("Add the themes of this learning circle.",)
        assert ck.left_message.startswith(
            "Still to do before the learning circle: Practitioners notified by the Service Manager; "
        )


def test_mark_step_records_who_and_when(db):
    with db.session() as s:
        loc, circle_id = learning_circle(s)
        learning_checklist.mark_step(s, circle_id, "practitioners_notified", D(2025, 3, 4), today=TODAY)
        step = learning_checklist.checklist(s, circle_id).stages[0].steps[0]
        assert (step.state, step.on, step.by_id, step.by_name) == ("done", D(2025, 3, 4), loc.sm, "Łukasz Wiśniewski")
        with pytest.raises(ValidationError) as err:
            learning_checklist.mark_step(s, circle_id, "learners_identified", D(2025, 3, 1), loc.outsider, today=TODAY)
        assert err.value.errors == {
            "on_date": "The date this was done (01/03/2025) cannot be before the date the learning circle was "
            "proposed (03/03/2025).",
            "done_by_id": "Choose someone in this learning circle.",
        }
        with pytest.raises(ValidationError) as err:
            learning_checklist.mark_step(s, circle_id, "room_booked", None, today=TODAY)
        assert err.value.errors == {"on_date": "Enter the date this was done."}
        with pytest.raises(ValidationError) as err:
            learning_checklist.mark_step(s, circle_id, "room_booked", D(2025, 7, 1), today=TODAY)
        assert err.value.errors == {"on_date": "The date this was done cannot be in the future."}
        with pytest.raises(ValidationError) as err:
            learning_checklist.mark_step(s, circle_id, "timekeeper", today=TODAY)
        assert err.value.errors == {"done_by_id": "Choose the timekeeper."}
        with pytest.raises(ValidationError) as err:
            learning_checklist.mark_step(s, circle_id, "learning_agreed", today=TODAY)
        assert err.value.errors == {
            "step": "Before “Learning points and actions agreed and captured” can be marked done: "
            "Record at least one learning point."
        }
        with pytest.raises(ValidationError) as err:
            learning_checklist.mark_step(s, circle_id, "check_in", D(2025, 3, 21), today=TODAY)
        assert err.value.errors == {
            "on_date": "Steps during the learning circle are dated the day it met (20/03/2025)."
        }
        with pytest.raises(ValidationError) as err:
            learning_checklist.mark_step(s, circle_id, "tea_made", D(2025, 3, 21), today=TODAY)
        assert err.value.errors == {"step": "“tea_made” is not a step of a learning circle."}


def test_steps_that_need_the_record_first(db):
    with db.session() as s:
        loc = locality(s)
        cid = child(s, loc.practitioner)
        circle = lcs.create_learning_circle(s, circle_form(loc, cid, meets_at=None, venue="", areas_of_focus=""))
        steps = {x.code: x for st in learning_checklist.checklist(s, circle.id).stages for x in st.steps}
        assert steps["learners_identified"].blockers == ("Add the learners to the learning circle.",)
        assert steps["room_booked"].blockers == ("Enter the date and time of the learning circle.",)
        assert steps["reasons_and_focus"].blockers == (
            "Enter the date and time of the learning circle.",
            "Enter the areas of focus.",
        )
        children.update_child(s, cid, children.ChildForm("A", "B", D(2013, 1, 1), "X", "CR-100200"), today=TODAY)
        for e in children.chronology(s, cid):
            children.delete_chronology_entry(s, e.id)
        steps = {x.code: x for st in learning_checklist.checklist(s, circle.id).stages for x in st.steps}
        assert steps["summary_and_chronology"].blockers == (
            "Bring the summary on the child's record up to date.",
            "Add the key events to the child's chronology.",
        )


def test_case_note_date_cannot_precede_the_circle(db):
    with db.session() as s:
        loc, circle_id = learning_circle(s)
        through_during(s, loc, circle_id)
        with pytest.raises(ValidationError) as err:
            learning_checklist.mark_step(s, circle_id, "case_note", D(2025, 3, 19), today=TODAY)
        assert err.value.errors == {
            "on_date": "The date of the case note (19/03/2025) cannot be before the date of the learning circle "
            "(20/03/2025)."
        }
        with pytest.raises(ValidationError) as err:
            learning_checklist.mark_step(s, circle_id, "case_note", None, today=TODAY)
        assert err.value.errors == {"on_date": "Enter the date of the case note."}
        learning_checklist.mark_step(s, circle_id, "case_note", HELD, today=TODAY)  # the same day is fine
        assert lcs.get_learning_circle(s, circle_id).case_note_on == HELD


def test_not_applicable_needs_a_reason_and_undo_puts_a_step_back(db):
    with db.session() as s:
        _, circle_id = learning_circle(s)
        with pytest.raises(ValidationError) as err:
            learning_checklist.mark_not_applicable(s, circle_id, "room_booked", "  ")
        assert err.value.errors == {"reason": "Say why “Room booked or virtual platform set up” does not apply."}
        learning_checklist.mark_not_applicable(s, circle_id, "room_booked", "Held in the team's usual meeting room.")
        step = learning_checklist.checklist(s, circle_id).stages[0].steps[4]
        assert (step.state, step.reason) == ("not_applicable", "Held in the team's usual meeting room.")
        learning_checklist.undo_step(s, circle_id, "room_booked")
        assert learning_checklist.checklist(s, circle_id).stages[0].steps[4].state == "left"


def test_stage_follows_the_checklist(db):
    with db.session() as s:
        loc, circle_id = learning_circle(s)
        for code in BEFORE:
            learning_checklist.mark_step(s, circle_id, code, D(2025, 3, 5), today=TODAY)
        assert learning_checklist.checklist(s, circle_id).stage == "during"
        assert circles.get_circle(s, circle_id).status == "active"
        through_during(s, loc, circle_id)
        assert lcs.get_learning_circle(s, circle_id).stage == "after"
        learning_checklist.undo_step(s, circle_id, "room_booked")
        assert lcs.get_learning_circle(s, circle_id).stage == "before"
        assert circles.get_circle(s, circle_id).status == "forming"


# --- completing ----------------------------------------------------------------------------------
def test_cannot_complete_with_steps_left_and_the_message_lists_them(db):
    with db.session() as s:
        loc, circle_id = learning_circle(s)
        through_during(s, loc, circle_id)
        with pytest.raises(ValidationError) as err:
            learning_checklist.complete_circle(s, circle_id, D(2025, 4, 30), today=TODAY)
        assert err.value.errors == {
            "steps": "Still to do after the learning circle: Learning and actions shared with the learners and "
            "QAP; Case note recorded on the child's record; Actions done, or barriers raised with the Service "
            "Manager / Head of Locality; Themes shared with the Quality, Performance and Action Group. Mark each "
            "step done, or not applicable with the reason, before the learning circle can be completed."
        }
        assert learning_checklist.completion_problems(s, circle_id, D(2025, 4, 30), TODAY) == err.value.errors


def test_complete_with_steps_done_or_not_applicable_then_closed_to_edits(db):
    with db.session() as s:
        loc, circle_id = learning_circle(s)
        through_during(s, loc, circle_id)
        form = learning_points.new_action_form(s, circle_id)
        assert form.created_on == HELD and form.meeting_id == lcs.get_learning_circle(s, circle_id).meeting_id
        form.description, form.owner_id, form.due_on = "Share return home interviews", loc.tm, D(2025, 4, 10)
        action = actions.add_action(s, circle_id, form)
        learning_checklist.mark_step(s, circle_id, "shared_with_learners_and_qap", D(2025, 3, 24), today=TODAY)
        learning_checklist.mark_step(s, circle_id, "case_note", D(2025, 3, 25), today=TODAY)
        with pytest.raises(ValidationError) as err:
            learning_checklist.mark_step(s, circle_id, "actions_followed_up", D(2025, 4, 20), today=TODAY)
        assert err.value.errors["step"].endswith(
            "1 action is still open: mark each done, or blocked with the barrier raised."
        )
        actions.set_status(
            s, action.id, "blocked", barrier="Police cannot share yet; raised with the Head of Locality."
        )
        learning_checklist.mark_step(s, circle_id, "actions_followed_up", D(2025, 4, 20), today=TODAY)
        learning_checklist.mark_not_applicable(s, circle_id, "themes_shared", "The QPAG did not meet in April.")

        with pytest.raises(ValidationError) as err:
            learning_checklist.complete_circle(s, circle_id, D(2025, 4, 19), today=TODAY)
        assert err.value.errors == {
            "on_date": "The completion date (19/04/2025) cannot be before the last step recorded (20/04/2025)."
        }
        learning_checklist.complete_circle(s, circle_id, D(2025, 4, 21), today=TODAY)
        d = lcs.get_learning_circle(s, circle_id)
        assert (d.stage, d.completed_on) == ("complete", D(2025, 4, 21))
        c = circles.get_circle(s, circle_id)
        assert (c.status, c.ended_on) == ("closed", D(2025, 4, 21))

        complete = "This learning circle is complete; reopen it to make changes."
        for attempt in (
            lambda: learning_checklist.undo_step(s, circle_id, "check_in"),
            lambda: learning_points.add_learning_point(s, circle_id, "More"),
            lambda: lcs.update_learning_circle(s, circle_id, lcs.learning_circle_form(s, circle_id)),
        ):
            with pytest.raises(ValidationError) as err:
                attempt()
            assert str(err.value) == complete
        with pytest.raises(ValidationError, match="already complete"):
            learning_checklist.complete_circle(s, circle_id, D(2025, 4, 22), today=TODAY)
        learning_checklist.reopen_circle(s, circle_id)
        assert lcs.get_learning_circle(s, circle_id).stage == "after"


def test_completion_needs_a_date_not_in_the_future(db):
    with db.session() as s:
        _, circle_id = learning_circle(s)
        problems = learning_checklist.completion_problems(s, circle_id, None, TODAY)
        assert problems["on_date"] == "Enter the date the learning circle was completed."
        assert "steps" in problems
        problems = learning_checklist.completion_problems(s, circle_id, D(2025, 7, 2), TODAY)
        assert problems["on_date"] == "The completion date cannot be in the future."


# --- edits that would leave steps out of date order ----------------------------------------------
def test_proposal_and_circle_dates_cannot_move_past_recorded_steps(db):
    with db.session() as s:
        loc, circle_id = learning_circle(s)
        through_during(s, loc, circle_id)
        form = lcs.learning_circle_form(s, circle_id)
        form.proposed_on = D(2025, 3, 6)
        with pytest.raises(ValidationError) as err:
            lcs.update_learning_circle(s, circle_id, form)
        assert err.value.errors == {
            "proposed_on": "Steps of the checklist are recorded from 05/03/2025 (marked “Practitioners notified by "
            "the Service Manager”); the proposal date cannot be after that."
        }
        form = lcs.learning_circle_form(s, circle_id)
        form.meets_at = datetime(2025, 3, 21, 10)
        with pytest.raises(ValidationError) as err:
            lcs.update_learning_circle(s, circle_id, form)
        assert err.value.errors == {
            "meets_at": "“Learners checked in” is recorded on 20/03/2025; the learning circle cannot be dated after "
            "that. Change that step first."
        }
        form.meets_at = None
        with pytest.raises(ValidationError) as err:
            lcs.update_learning_circle(s, circle_id, form)
        assert err.value.errors == {
            "meets_at": "Steps during or after the learning circle are recorded, so its date cannot be cleared."
        }
        # An earlier proposal date is fine; members move with it.
        form = lcs.learning_circle_form(s, circle_id)
        form.proposed_on = D(2025, 3, 1)
        lcs.update_learning_circle(s, circle_id, form)
        assert {m.joined_on for m in members.members(s, circle_id)} == {D(2025, 3, 1)}


def test_moving_the_circle_date_before_anything_is_recorded(db):
    with db.session() as s:
        _, circle_id = learning_circle(s)
        form = lcs.learning_circle_form(s, circle_id)
        form.proposed_on, form.meets_at = D(2025, 4, 1), datetime(2025, 4, 17, 14)
        lcs.update_learning_circle(s, circle_id, form)
        d = lcs.get_learning_circle(s, circle_id)
        assert (d.proposed_on, d.meets_at, d.ends_at) == (
            D(2025, 4, 1),
            datetime(2025, 4, 17, 14),
            datetime(2025, 4, 17, 15),
        )


# --- learning points -----------------------------------------------------------------------------
def test_learning_points_add_edit_move_delete(db):
    with db.session() as s:
        loc, circle_id = learning_circle(s)
        with pytest.raises(ValidationError) as err:
            learning_points.add_learning_point(s, circle_id, " ")
        assert err.value.errors == {"text": "Enter the learning point."}
        a = learning_points.add_learning_point(s, circle_id, "First")
        b = learning_points.add_learning_point(s, circle_id, "Second")
        learning_points.update_learning_point(s, a.id, "First, reworded")
        learning_points.move_learning_point(s, b.id, 1)
        assert [(p.position, p.text) for p in learning_points.learning_points(s, circle_id)] == [
            (1, "Second"),
            (2, "First, reworded"),
        ]
        learning_points.delete_learning_point(s, b.id)
        assert [(p.position, p.text) for p in learning_points.learning_points(s, circle_id)] == [(1, "First, reworded")]
        through_during(s, loc, circle_id)
        for p in learning_points.learning_points(s, circle_id)[1:]:
            learning_points.delete_learning_point(s, p.id)
        with pytest.raises(ValidationError, match="at least one learning point must stay"):
            learning_points.delete_learning_point(s, a.id)


# --- the list ------------------------------------------------------------------------------------
def test_list_by_stage_month_and_text(db):
    with db.session() as s:
        loc, march = learning_circle(s)
        through_during(s, loc, march)
        _, april = learning_circle(s, loc, "CR-200300", meets_at=datetime(2025, 4, 2, 14))
        _, undated = learning_circle(s, loc, "CR-300400", meets_at=None, proposed_on=D(2025, 5, 6))
        assert [r.id for r in learning_list.list_learning_circles(s)] == [undated, april, march]
        assert [r.id for r in learning_list.list_learning_circles(s, stage="after")] == [march]
        assert [r.id for r in learning_list.list_learning_circles(s, month=D(2025, 4, 30))] == [april]
        assert [r.id for r in learning_list.list_learning_circles(s, month=D(2025, 5, 1))] == [
            undated
        ]  # by proposal date
        assert learning_list.count_learning_circles(s, stage="before") == 2
        assert learning_list.counts_by_stage(s) == {"before": 2, "during": 0, "after": 1, "complete": 0}
        assert learning_list.counts_by_stage(s, month=D(2025, 3, 1)) == {
            "before": 0,
            "during": 0,
            "after": 1,
            "complete": 0,
        }
        assert learning_list.learning_months(s) == [D(2025, 5, 1), D(2025, 4, 1), D(2025, 3, 1)]
        assert [r.id for r in learning_list.list_learning_circles(s, text="cr-2003")] == [april]
        assert learning_list.count_learning_circles(s, text="suilleabhain") == 3
        assert [r.id for r in learning_list.list_learning_circles(s, text=f"llc-{march:05d}")] == [march]
        row = learning_list.list_learning_circles(s, stage="after")[0]
        assert (row.child_name, row.steps_left, row.when) == (f"{CHILD_GIVEN} {CHILD_FAMILY}", 4, HELD)
        assert [r.id for r in learning_list.list_learning_circles(s, limit=1, offset=1)] == [april]


# --- the audit trail -----------------------------------------------------------------------------
def test_every_write_is_audited_without_the_childs_name(db):
    with db.session() as s:
        loc, circle_id = learning_circle(s)
        through_during(s, loc, circle_id)
        child_id = lcs.get_learning_circle(s, circle_id).child_id
        children.update_child(s, child_id, children.child_form(s, child_id), today=TODAY)
        entries = s.query(AuditEntry).all()
        actions_seen = {e.action for e in entries}
        assert {
            "child record created",
            "child record updated",
            "chronology entry created",
            "learning circle created",
            "learning circle step updated",
            "learning point created",
        } <= actions_seen
        for e in entries:
            text = f"{e.action} {e.object} {e.detail}".casefold()
            for word in (CHILD_GIVEN, CHILD_FAMILY, "daithi", "suilleabhain", "CR-100200"):
                assert word.casefold() not in text, e.action


def test_delete_a_learning_circle_proposed_by_mistake(db):
    with db.session() as s:
        loc, circle_id = learning_circle(s)
        through_during(s, loc, circle_id)
        form = learning_points.new_action_form(s, circle_id)
        form.description, form.owner_id = "Share the chronology", loc.tm
        actions.add_action(s, circle_id, form)
        child_id = lcs.get_learning_circle(s, circle_id).child_id
        lcs.delete_learning_circle(s, circle_id)
        assert learning_list.count_learning_circles(s) == 0
        assert circle_list.count_circles(s, kind="learning") == 0
        children.delete_child(s, child_id)  # now nothing refers to the record
        assert children.count_children(s) == 0
