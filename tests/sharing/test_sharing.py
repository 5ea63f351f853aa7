"""The register of shared documents: prints and exports recorded with their SHA-256 and consents, and
documents still held under consent since withdrawn, asked back and returned."""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timedelta

import pytest

from circles_desktop.models import AuditEntry
from circles_desktop.reports.meeting_pack import build_meeting_pack
from circles_desktop.reports.questionnaire import build_questionnaire
from circles_desktop.reports.referral import build_referral_summary
from circles_desktop.services.common.validation import ValidationError
from circles_desktop.services.consent import consent
from circles_desktop.services.meetings import meetings
from circles_desktop.services.sharing import minutes_export, pack_content, sharing
from support.exports import add_outer, build_meeting, give, page_count, pdf_text, recipient

TODAY = date(2025, 6, 1)


@pytest.fixture
def shared(db, tmp_path):
    """A circle whose police officer was sent minutes under consent to two categories."""
    with db.session() as s:
        setup = build_meeting(s)
        member = add_outer(s, setup)
        ids = give(s, setup, member, ["minutes", "risk_concerns"])
        r = recipient(s, member)
    result = minutes_export.export_minutes_file(db, setup.meeting_id, r, tmp_path / "m.pdf", today=TODAY)
    return setup, member, ids, result


def _last_audit(s) -> AuditEntry:
    return s.query(AuditEntry).order_by(AuditEntry.id.desc()).first()


def test_held_after_withdrawal_lists_the_document_once_its_consent_is_withdrawn(db, shared):
    setup, _member, ids, result = shared
    with db.session() as s:
        assert sharing.held_after_withdrawal(s, setup.circle_id) == []
        assert [d.id for d in sharing.documents_held_under(s, ids[1])] == [result.document_id]
        consent.withdraw_consent(s, ids[1], date(2025, 5, 1), today=TODAY)
    with db.session() as s:
        held = sharing.held_after_withdrawal(s, setup.circle_id)
        assert [d.id for d in held] == [result.document_id]
        row = held[0]
        assert row.held_under_withdrawn_consent
        assert [(w.consent_id, w.category, w.withdrawn_on) for w in row.withdrawn] == [
            (ids[1], "risk_concerns", date(2025, 5, 1))
        ]
        assert "ask for it back" in row.status
        assert row.meeting_date == date(2025, 3, 14) and row.recipient_name.startswith("Priya Raghunathan")


def test_asked_back_then_returned(db, shared):
    setup, _member, ids, result = shared
    today = date.today()  # the register's shared_at is the real time of the export
    with db.session() as s:
        consent.withdraw_consent(s, ids[0], date(2025, 5, 1), today=TODAY)
        with pytest.raises(ValidationError, match="future"):
            sharing.mark_asked_back(s, result.document_id, today + timedelta(days=1))
        with pytest.raises(ValidationError, match="cannot be before the date it was shared"):
            sharing.mark_asked_back(s, result.document_id, today - timedelta(days=400))
        row = sharing.mark_asked_back(s, result.document_id, today)
        assert row.asked_back_on == today and f"asked back {today:%d/%m/%Y}" in row.status
        assert row.held_under_withdrawn_consent
        assert _last_audit(s).action == "shared document asked back"
        assert _last_audit(s).object == f"shared document {result.document_id}"
        with pytest.raises(ValidationError, match="future"):
            sharing.mark_returned(s, result.document_id, today + timedelta(days=3))
        row = sharing.mark_returned(s, result.document_id, today)
        assert row.returned_on == today and not row.held_under_withdrawn_consent
        assert row.status == f"Returned {today:%d/%m/%Y}"
        assert _last_audit(s).action == "shared document returned"
        with pytest.raises(ValidationError, match="already returned"):
            sharing.mark_returned(s, result.document_id, today)
    with db.session() as s:
        assert sharing.held_after_withdrawal(s, setup.circle_id) == []
        assert sharing.documents_held_under(s, ids[0])[0].returned_on == today


def test_printed_minutes_are_registered_and_audited(db, shared):
    setup, member, _ids, _result = shared
    with db.session() as s:
        prepared = minutes_export.prepare(s, setup.meeting_id, recipient(s, member), TODAY)
    data = minutes_export.build(prepared)
    with db.session() as s:
        doc_id = minutes_export.record_print(s, prepared, data)
        row = sharing.get_shared(s, doc_id)
        assert row.how == "print" and row.sha256 == hashlib.sha256(data).hexdigest()
        entry = _last_audit(s)
        assert entry.action == "minutes printed" and row.sha256 in entry.detail
        assert sharing.count_shared(s, setup.circle_id) == 2
        assert [r.how for r in sharing.list_shared(s, setup.circle_id)] == ["print", "export"]


def test_meeting_pack_from_the_records_and_its_print_record(db, shared):
    setup, *_ = shared
    with db.session() as s:
        form = meetings.MeetingForm(kind="circle_meeting", starts_at=datetime(2025, 3, 28, 18, 0), venue="Library")
        next_meeting = meetings.create_meeting(s, setup.circle_id, form).id
    with db.session() as s:
        content = pack_content.meeting_pack_content(s, next_meeting, prepared_on=TODAY)
        assert content.previous is not None and content.previous.held_on == date(2025, 3, 14)
    data = build_meeting_pack(content)
    text = pdf_text(data)
    # The pack is for the inner circle: every category, internal included, and the agenda.
    for word in ("Sectionmarkinternal", "Decisionmarkriskconcerns", "Actionmarkinternal", "Check out"):
        assert word in text
    assert "Inner circle only" in text and "Dáithí Ó Briain" in text  # the core member, on the cover
    assert page_count(data) >= 2
    with db.session() as s:
        doc_id = pack_content.record_meeting_pack_print(s, next_meeting, data)
        assert _last_audit(s).action == "meeting pack printed"
        row = sharing.get_shared(s, doc_id)
        assert row.document_kind == "meeting_pack" and row.withdrawn == () and row.recipient_name == "Inner circle"


def test_referral_summary_and_questionnaire_from_the_records(db, shared):
    setup, *_ = shared
    with db.session() as s:
        from circles_desktop.models import Circle

        referral_id = s.get(Circle, setup.circle_id).referral_id
        summary = pack_content.referral_summary_content(s, referral_id, prepared_on=TODAY)
        blank = pack_content.questionnaire_content(s, setup.circle_id)
    text = pdf_text(build_referral_summary(summary))
    assert "Dáithí Ó Briain" in text and "Accepted" in text and "Priya Shah" in text
    questions = pdf_text(build_questionnaire(blank))
    assert setup.reference in questions and "Would you refer to a circle again?" in questions


def test_register_refuses_bad_entries(db):
    with db.session() as s:
        with pytest.raises(ValidationError, match="kind of document"):
            sharing.record_shared(s, document_kind="diary", how="export", data=b"%PDF-")
        with pytest.raises(ValidationError, match="export or by print"):
            sharing.record_shared(s, document_kind="minutes", how="fax", data=b"%PDF-")
        with pytest.raises(ValidationError, match="SHA-256"):
            sharing.record_shared(s, document_kind="minutes", how="print", sha256="nothex")
