"""Deleting a circle removes every row that belongs to it and nothing else; a person referred to
elsewhere is refused with what refers to them; the audit entries name no one."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from circles_desktop.models import AuditEntry, Circle
from circles_desktop.services.common.validation import ValidationError
from circles_desktop.services.people import volunteers
from circles_desktop.services.records import deletion
from support import records

BUSIEST = text(
    "SELECT c.id FROM circles c JOIN meetings m ON m.circle_id = c.id "
    "JOIN shared_documents d ON d.circle_id = c.id WHERE c.referral_id IS NOT NULL "
    "GROUP BY c.id ORDER BY count(*) DESC LIMIT 1"
)


def _one(s, sql: str, **kw) -> int:
    return s.execute(text(sql), kw).scalar_one()


def _expected(s, cid: int) -> dict[str, int]:
    """What should go, counted by hand-written queries (independent of the foreign-key walk)."""
    meetings = "(SELECT id FROM meetings WHERE circle_id = :c)"
    members = "(SELECT id FROM circle_members WHERE circle_id = :c)"
    referral = "(SELECT referral_id FROM circles WHERE id = :c)"
    return {
        "circles": 1,
        "meetings": _one(s, "SELECT count(*) FROM meetings WHERE circle_id = :c", c=cid),
        "attendance": _one(s, f"SELECT count(*) FROM attendance WHERE meeting_id IN {meetings}", c=cid),
        "minutes_sections": _one(s, f"SELECT count(*) FROM minutes_sections WHERE meeting_id IN {meetings}", c=cid),
        "circle_members": _one(s, "SELECT count(*) FROM circle_members WHERE circle_id = :c", c=cid),
        "consents": _one(s, "SELECT count(*) FROM consents WHERE circle_id = :c", c=cid),
        "shared_documents": _one(s, "SELECT count(*) FROM shared_documents WHERE circle_id = :c", c=cid),
        "referrals": 1,
        "risk_reports": _one(s, f"SELECT count(*) FROM risk_reports WHERE referral_id IN {referral}", c=cid),
        "stored_files": _one(
            s,
            "SELECT count(DISTINCT id) FROM stored_files WHERE id IN "
            f"(SELECT file_id FROM risk_reports WHERE referral_id IN {referral}) OR id IN "
            "(SELECT signed_form_id FROM consents WHERE circle_id = :c)",
            c=cid,
        ),
        "actions": _one(s, "SELECT count(*) FROM actions WHERE circle_id = :c", c=cid),
        "attendance_of_members": _one(s, f"SELECT count(*) FROM attendance WHERE member_id IN {members}", c=cid),
    }


def _names(s) -> set[str]:
    rows = s.execute(
        text("SELECT given_name, family_name FROM people UNION SELECT given_name, family_name FROM children")
    )
    return {n for row in rows for n in row if len(n) > 2}


def test_deleting_a_circle_removes_what_belongs_to_it_and_nothing_else(demo_db, count_rows):
    with demo_db.session() as s:
        cid = s.execute(BUSIEST).scalar_one()
        expected = _expected(s, cid)
        before = count_rows(s)
        names = _names(s)
        audit_before = _one(s, "SELECT max(id) FROM audit_log")
        plan = deletion.circle_plan(s, cid)
        assert expected["meetings"] and expected["shared_documents"] and expected["risk_reports"]
        gone = deletion.delete_circle(s, cid, deletion.DeletionReason.RETENTION_ENDED, plan.confirm_word)
    with demo_db.session() as s:
        after = count_rows(s)
        removed = {t: before[t] - after[t] for t in before if before[t] != after[t]}
        assert removed.pop("audit_log") == -1  # one entry added
        # The search index (FTS5 tables kept by triggers) follows the rows; what it no longer finds is
        # checked below, its own bookkeeping rows are not the circle's.
        searched = {t: n for t, n in removed.items() if t.startswith("search_")}
        removed = {t: n for t, n in removed.items() if not t.startswith("search_")}
        assert searched.get("search_inside", 0) > 0  # the deleted records left the index
        assert removed == plan.rows.counts()
        assert sum(removed.values()) == gone
        for table, count in expected.items():
            if table != "attendance_of_members":
                assert removed.get(table, 0) == count, table
        assert expected["attendance_of_members"] == expected["attendance"]
        assert s.get(Circle, cid) is None
        entry = s.query(AuditEntry).filter(AuditEntry.id > audit_before).one()
        written = f"{entry.action} {entry.object} {entry.detail}"
        assert entry.object == f"circle {cid}" and str(gone) in entry.detail
        assert not [n for n in names if n.casefold() in written.casefold()]
    assert demo_db.integrity_problems() == []


def test_a_file_another_record_uses_is_kept(demo_db, count_rows):
    with demo_db.session() as s:
        cid = s.execute(BUSIEST).scalar_one()
        form = _one(  # a risk report's file, which another circle's consent form will also use
            s,
            "SELECT min(file_id) FROM risk_reports WHERE referral_id = (SELECT referral_id FROM circles WHERE id = :c)",
            c=cid,
        )
        other = _one(s, "SELECT id FROM consents WHERE circle_id <> :c LIMIT 1", c=cid)
        s.execute(text("UPDATE consents SET signed_form_id = :f WHERE id = :o"), {"f": form, "o": other})
    with demo_db.session() as s:
        deletion.delete_circle(
            s, cid, deletion.DeletionReason.ENTERED_IN_ERROR, deletion.circle_plan(s, cid).confirm_word
        )
    with demo_db.session() as s:
        assert _one(s, "SELECT count(*) FROM stored_files WHERE id = :f", f=form) == 1


def test_a_learning_circle_goes_whole_and_its_child_stays(demo_db, count_rows):
    with demo_db.session() as s:
        cid, child = s.execute(text("SELECT circle_id, child_id FROM learning_circles LIMIT 1")).one()
        before = count_rows(s)
        deletion.delete_circle(
            s, cid, deletion.DeletionReason.NO_LONGER_NEEDED, deletion.circle_plan(s, cid).confirm_word
        )
    with demo_db.session() as s:
        after = count_rows(s)
        assert after["learning_circles"] == before["learning_circles"] - 1
        assert after["children"] == before["children"]
        assert _one(s, "SELECT count(*) FROM learning_steps WHERE circle_id = :c", c=cid) == 0


def test_without_a_reason_or_the_confirmation_nothing_is_deleted(demo_db, count_rows):
    with demo_db.session() as s:
        cid = s.execute(BUSIEST).scalar_one()
        before = count_rows(s)
        with pytest.raises(ValidationError) as caught:
            deletion.delete_circle(s, cid, None, "not it")
        assert set(caught.value.errors) == {"reason", "confirmation"}
        assert "COSA-" in caught.value.errors["confirmation"]
        with pytest.raises(ValidationError) as caught:
            deletion.delete_circle(s, cid, "because", deletion.circle_plan(s, cid).confirm_word)
        assert "reason" in caught.value.errors
        assert count_rows(s) == before


def test_a_person_referred_to_elsewhere_cannot_be_deleted_and_is_told_why(demo_db, count_rows):
    with demo_db.session() as s:
        cid = s.execute(BUSIEST).scalar_one()
        reference = _one(s, "SELECT reference FROM circles WHERE id = :c", c=cid)
        person = _one(s, "SELECT focus_person_id FROM circles WHERE id = :c", c=cid)
        before = count_rows(s)
        with pytest.raises(deletion.PersonInUse) as caught:
            deletion.delete_person(s, person, deletion.DeletionReason.ERASURE_REQUESTED)
        message = str(caught.value)
        assert "circle members (person): 1" in message and reference in message
        assert "referral (person)" in message and "consents (given by)" in message
        assert {u.what for u in caught.value.uses} >= {"circle (focus person)", "circle members (person)"}
        assert count_rows(s) == before


def test_a_person_nothing_refers_to_goes_with_their_own_rows(demo_db, count_rows):
    with demo_db.session() as s:
        pid = records.volunteer(s, "Ífeoma", "Nwachukwu-Lindqvist")
        volunteers.add_training(s, pid, "Circle induction", records.D(2024, 6, 1))
    with demo_db.session() as s:
        before = count_rows(s)
        assert deletion.person_uses(s, pid) == []
        gone = deletion.delete_person(s, pid, deletion.DeletionReason.NO_LONGER_NEEDED)
    with demo_db.session() as s:
        after = count_rows(s)
        assert before["people"] - after["people"] == 1
        assert before["dbs_checks"] - after["dbs_checks"] == 1
        assert before["volunteer_profiles"] - after["volunteer_profiles"] == 1
        assert before["training_records"] - after["training_records"] == 1
        # The search index (kept by triggers) follows the rows and is not counted among them.
        removed = sum(before[t] - after[t] for t in before if t != "audit_log" and not t.startswith("search_"))
        assert removed == gone
        entry = s.query(AuditEntry).order_by(AuditEntry.id.desc()).first()
        assert entry.object == f"person {pid}"
        assert "Ífeoma" not in entry.detail and "Nwachukwu" not in entry.detail


PERSON_FORM = "circles_desktop.ui.people.person_form.PersonRecordForm:Person"


def test_drafts_typed_about_a_deleted_person_go_with_them_and_no_others(demo_db):
    from circles_desktop.services.records import drafts

    with demo_db.session() as s:
        pid = records.volunteer(s, "Ífeoma", "Nwachukwu-Lindqvist")
        other = records.volunteer(s, "Osian", "Rees")
        drafts.keep(s, PERSON_FORM, "Ífeoma", pid, {"notes": "Rang about her DBS"})
        drafts.keep(s, PERSON_FORM, "Osian", other, {"notes": "Still to ring"})
        # The same number as another kind of record's id: a child's record is not the person's.
        drafts.keep(s, "circles_desktop.ui.learning.child_record.ChildForm:Child", "A child", pid, {"notes": "x"})
    with demo_db.session() as s:
        deletion.delete_person(s, pid, deletion.DeletionReason.NO_LONGER_NEEDED)
    with demo_db.session() as s:
        assert {k.form_title for k in drafts.waiting(s)} == {"Osian", "A child"}


def test_drafts_typed_about_a_deleted_circle_and_its_meetings_go_with_it(demo_db):
    from circles_desktop.services.records import drafts

    with demo_db.session() as s:
        cid = s.execute(BUSIEST).scalar_one()
        mid = _one(s, "SELECT min(id) FROM meetings WHERE circle_id = :c", c=cid)
        drafts.keep(s, "circles_desktop.ui.circles.circle_form.CircleForm:Circle", "The circle", cid, {"title": "x"})
        drafts.keep(s, "circles_desktop.ui.meetings.meeting_details.MeetingDetailsForm:Meeting", "Its meeting", mid,
                    {"venue": "Hall"})  # fmt: skip
        drafts.keep(s, PERSON_FORM, "A person", cid, {"notes": "a person whose id is the circle's"})
        word = deletion.circle_plan(s, cid).confirm_word
    with demo_db.session() as s:
        deletion.delete_circle(s, cid, deletion.DeletionReason.ENTERED_IN_ERROR, word)
    with demo_db.session() as s:
        assert {k.form_title for k in drafts.waiting(s)} == {"A person"}


def test_the_forms_drafts_are_forgotten_for_are_where_their_keys_say():
    """A draft's key starts with its form's module (ui/records/draft_keeper.form_key): each start named
    for a table must be a package or module that exists, or its drafts would silently stay."""
    from pathlib import Path

    import circles_desktop
    from circles_desktop.services.records import drafts

    root = Path(circles_desktop.__file__).parent.parent
    for table, starts in drafts.FORMS_OF.items():
        for start in starts:
            path = root / start.replace(".", "/")
            assert path.is_dir() or list(path.parent.glob(path.name + "*.py")), f"{table}: {start} is not in ui/"
