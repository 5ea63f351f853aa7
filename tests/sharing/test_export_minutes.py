"""Minutes exported from a real database hold exactly what the recipient's consent covered on the meeting
date (and has not been withdrawn since), are protected when asked, and are recorded in the register and
the audit log with the SHA-256 of the file's bytes."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError

from circles_desktop.models import AuditEntry, SharedDocument
from circles_desktop.services.common.validation import ValidationError
from circles_desktop.services.consent import consent
from circles_desktop.services.sharing import minutes_export, sharing
from support.exports import (
    ATTENDEE_MARK,
    CATEGORIES,
    MEETING_DAY,
    SHAREABLE,
    add_outer,
    build_meeting,
    give,
    markers,
    pdf_text,
    recipient,
)

TODAY = date(2025, 6, 1)


@pytest.fixture
def out(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.fixture
def setup(db):
    with db.session() as s:
        return build_meeting(s)


def _text_for(db, setup, member_id: int, today: date = TODAY) -> tuple[str, frozenset[str]]:
    with db.session() as s:
        prepared = minutes_export.prepare(s, setup.meeting_id, recipient(s, member_id), today)
    return pdf_text(minutes_export.build(prepared)), prepared.plan.categories


def _assert_only(text: str, allowed) -> None:
    for c in CATEGORIES:
        for word in markers(c):
            if c in allowed:
                assert word in text, (word, sorted(allowed))
            else:
                assert word not in text, (word, sorted(allowed))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(chosen=st.sets(st.sampled_from(SHAREABLE), min_size=1))
def test_every_combination_shares_exactly_what_was_consented(db, setup, chosen):
    with db.session() as s:
        member = add_outer(s, setup)
        give(s, setup, member, sorted(chosen))
    text, categories = _text_for(db, setup, member)
    assert categories == frozenset(chosen)
    _assert_only(text, chosen)
    assert "OFFICIAL-SENSITIVE" in text


def test_no_consent_refuses_rather_than_an_empty_pdf(db, setup):
    with db.session() as s:
        member = add_outer(s, setup)
        plan = minutes_export.plan_for(s, setup.meeting_id, recipient(s, member), TODAY)
        assert not plan.can_receive and plan.summary == "Nothing: no consent on this date"
        with pytest.raises(minutes_export.NothingToShare, match="no consent"):
            minutes_export.prepare(s, setup.meeting_id, recipient(s, member), TODAY)


def test_consent_withdrawn_before_the_meeting_removes_its_categories(db, setup):
    with db.session() as s:
        member = add_outer(s, setup)
        ids = give(s, setup, member, ["minutes", "risk_concerns"])
        risk = [i for i in ids if s.get(consent.Consent, i).category == "risk_concerns"][0]
        consent.withdraw_consent(s, risk, date(2025, 3, 10))
    text, categories = _text_for(db, setup, member)
    assert categories == {"minutes"}
    _assert_only(text, {"minutes"})


def test_consent_withdrawn_on_the_meeting_day_does_not_cover_it(db, setup):
    with db.session() as s:
        member = add_outer(s, setup)
        ids = give(s, setup, member, ["minutes", "goals_progress"])
        consent.withdraw_consent(s, ids[1], MEETING_DAY)
    _text, categories = _text_for(db, setup, member)
    assert categories == {"minutes"}


def test_consent_given_after_the_meeting_does_not_count(db, setup):
    with db.session() as s:
        member = add_outer(s, setup)
        give(s, setup, member, ["minutes"])
        give(s, setup, member, ["risk_concerns", "attendance"], on=date(2025, 3, 20))
    text, categories = _text_for(db, setup, member)
    assert categories == {"minutes"}
    _assert_only(text, {"minutes"})
    assert ATTENDEE_MARK not in text


def test_consent_withdrawn_after_the_meeting_stops_later_exports(db, setup):
    with db.session() as s:
        member = add_outer(s, setup)
        ids = give(s, setup, member, ["minutes", "risk_concerns"])
        consent.withdraw_consent(s, ids[1], date(2025, 4, 1))
    # Exported before the withdrawal: both. Exported after it: the withdrawn category is held back.
    _text, before = _text_for(db, setup, member, today=date(2025, 3, 20))
    text, after = _text_for(db, setup, member, today=TODAY)
    assert before == {"minutes", "risk_concerns"} and after == {"minutes"}
    _assert_only(text, {"minutes"})
    with db.session() as s:
        plan = minutes_export.plan_for(s, setup.meeting_id, recipient(s, member), TODAY)
        assert plan.withdrawn_since == ("risk_concerns",)
        assert plan.consent_ids == (ids[0],)


def test_consent_to_the_organisation_covers_its_member(db, setup):
    with db.session() as s:
        member = add_outer(s, setup)
        m = s.get(consent.CircleMember, member)
        consent.give_consent(
            s, setup.circle_id, categories=["significant_developments"], given_on=date(2025, 3, 3),
            given_by_id=setup.core_person_id, recipient_organisation_id=m.organisation_id,
        )  # fmt: skip
        give(s, setup, member, ["minutes"])
    text, categories = _text_for(db, setup, member)
    assert categories == {"minutes", "significant_developments"}
    _assert_only(text, categories)


def test_plans_describe_each_recipient_in_plain_words(db, setup):
    with db.session() as s:
        a = add_outer(s, setup, "Priya", "Raghunathan")
        add_outer(s, setup, "Łukasz", "Nowak")
        give(s, setup, a, ["attendance", "minutes"])
        plans = minutes_export.plan_recipients(s, setup.meeting_id, TODAY)
    by_name = {p.recipient.name: p for p in plans}
    assert by_name["Priya Raghunathan"].summary == (
        "Attendance, Meeting minutes — Goals and progress, Risk and concerns, Significant developments withheld"
    )
    assert by_name["Łukasz Nowak"].summary == "Nothing: no consent on this date"
    assert "internal" not in by_name["Priya Raghunathan"].summary.lower()


def test_export_writes_registers_and_audits_with_the_files_sha256(db, setup, out):
    with db.session() as s:
        member = add_outer(s, setup)
        ids = give(s, setup, member, ["minutes", "attendance"])
        r = recipient(s, member)
    target = out / "copy.pdf"
    result = minutes_export.export_minutes_file(db, setup.meeting_id, r, target, today=TODAY)
    data = target.read_bytes()
    assert result.sha256 == hashlib.sha256(data).hexdigest()
    assert sorted(p.name for p in out.iterdir()) == ["copy.pdf"]  # no temporary file left
    with db.session() as s:
        doc = s.get(SharedDocument, result.document_id)
        assert doc.sha256 == result.sha256 and doc.how == "export" and doc.document_kind == "minutes"
        assert doc.recipient_member_id == member and doc.file_name == "copy.pdf"
        assert set(doc.category_codes) == {"minutes", "attendance"}
        assert sorted(link.consent_id for link in doc.consents) == sorted(ids)
        assert not doc.password_protected
        entry = s.query(AuditEntry).order_by(AuditEntry.id.desc()).first()
        assert entry.action == "minutes exported" and entry.object == f"meeting {setup.meeting_id}"
        assert result.sha256 in entry.detail and f"member {member}" in entry.detail
        # The audit log never names the core member (nor anyone: ids only).
        assert "Ó Briain" not in entry.detail and "Raghunathan" not in entry.detail
        assert sharing.audit_action("minutes", "export") == entry.action


def test_protected_export_needs_its_password(db, setup, out):
    with db.session() as s:
        member = add_outer(s, setup)
        give(s, setup, member, ["minutes"])
        r = recipient(s, member)
    target = out / "locked.pdf"
    result = minutes_export.export_minutes_file(db, setup.meeting_id, r, target, password="river-otter-42", today=TODAY)
    data = target.read_bytes()
    assert result.password_protected and result.sha256 == hashlib.sha256(data).hexdigest()
    reader = PdfReader(target)
    assert reader.is_encrypted
    with pytest.raises(FileNotDecryptedError):
        reader.pages[0].extract_text()
    assert b"Sectionmarkminutes" not in data
    assert not PdfReader(target).decrypt("wrong password")
    assert "Sectionmarkminutes" in pdf_text(data, "river-otter-42")
    with db.session() as s:
        assert s.get(SharedDocument, result.document_id).password_protected


def test_short_password_refused_before_anything_is_written(db, setup, out):
    with db.session() as s:
        member = add_outer(s, setup)
        give(s, setup, member, ["minutes"])
        r = recipient(s, member)
    with pytest.raises(ValidationError, match="at least 8"):
        minutes_export.export_minutes_file(db, setup.meeting_id, r, out / "x.pdf", password="short")
    assert list(out.iterdir()) == []


def test_a_failed_write_leaves_no_file_and_no_register_entry(db, setup, out, monkeypatch):
    import errno
    import os

    from circles_desktop.reports.kit import pdfio

    with db.session() as s:
        member = add_outer(s, setup)
        give(s, setup, member, ["minutes"])
        r = recipient(s, member)

    def full(_fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(pdfio.os, "fsync", full)
    with pytest.raises(OSError, match="No space"):
        minutes_export.export_minutes_file(db, setup.meeting_id, r, out / "x.pdf", today=TODAY)
    assert list(out.iterdir()) == []
    with db.session() as s:
        assert sharing.count_shared(s, setup.circle_id) == 0
    monkeypatch.setattr(pdfio.os, "fsync", os.fsync)


def test_a_failed_commit_takes_the_file_back(db, setup, out, monkeypatch):
    with db.session() as s:
        member = add_outer(s, setup)
        give(s, setup, member, ["minutes"])
        r = recipient(s, member)
    real = sharing.record_shared

    def record_then_break_commit(s, **kw):
        doc = real(s, **kw)
        s.info["break"] = True
        return doc

    from sqlalchemy import event

    def before_commit(s):
        if s.info.pop("break", False):
            raise OSError("disk I/O error")

    monkeypatch.setattr(sharing, "record_shared", record_then_break_commit)
    from sqlalchemy.orm import Session

    event.listen(Session, "before_commit", before_commit)
    try:
        with pytest.raises(OSError, match="disk I/O"):
            minutes_export.export_minutes_file(db, setup.meeting_id, r, out / "x.pdf", today=TODAY)
    finally:
        event.remove(Session, "before_commit", before_commit)
    assert list(out.iterdir()) == []


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Minutes 2025-03-14 circle meeting - DC Priya Raghunathan.pdf",
         "Minutes 2025-03-14 circle meeting - DC Priya Raghunathan.pdf"),
        ('a<b>c:"d"/e\\f|g?h*.pdf', "a-b-c-d-e-f-g-h-.pdf"),
        ("CON.pdf", "_CON.pdf"),
        ("trailing dots... .pdf", "trailing dots.pdf"),
        ("Siân Łukasz Nguyễn.pdf", "Siân Łukasz Nguyễn.pdf"),
    ],
)  # fmt: skip
def test_safe_file_names(name, expected):
    assert minutes_export.safe_file_name(name) == expected


def test_file_name_says_meeting_date_and_recipient():
    assert minutes_export.minutes_file_name("circle_meeting", MEETING_DAY, "DC Priya Raghunathan") == (
        "Minutes 2025-03-14 circle meeting - DC Priya Raghunathan.pdf"
    )
    long = minutes_export.minutes_file_name("quarterly_review", MEETING_DAY, "X" * 400)
    assert len(long) <= 150 and long.endswith(".pdf")


def test_unique_path_never_overwrites(tmp_path):
    (tmp_path / "a.pdf").write_bytes(b"x")
    (tmp_path / "a (2).pdf").write_bytes(b"x")
    assert minutes_export.unique_path(tmp_path, "a.pdf").name == "a (3).pdf"


def test_recipient_for_person_rules(db, setup):
    from circles_desktop.services.common.validation import NotFound

    with db.session() as s:
        member = add_outer(s, setup)
        pid = recipient(s, member).person_id
        assert minutes_export.recipient_for_person(s, setup.meeting_id, pid).id == member
        with pytest.raises(NotFound, match="no meeting 999"):
            minutes_export.recipient_for_person(s, 999, pid)
        with pytest.raises(ValidationError, match="inner circle"):
            minutes_export.recipient_for_person(s, setup.meeting_id, setup.core_person_id)
        with pytest.raises(ValidationError, match="not a member"):
            minutes_export.recipient_for_person(s, setup.meeting_id, 424242)
        late = add_outer(s, setup, "Late", "Joiner", joined=date(2025, 4, 1))
        with pytest.raises(ValidationError, match="was not in the outer circle"):
            minutes_export.recipient_for_person(s, setup.meeting_id, recipient(s, late).person_id)
