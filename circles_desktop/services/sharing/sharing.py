"""The register of what was shared with whom, and asking for documents back when consent is withdrawn.

Every exported or printed document is recorded with its SHA-256, its recipient (as written at the time),
the categories it carried, the consents it relied on, how it left (export or print) and whether it was
password-protected, together with an audit entry. The audit entry names the meeting (or circle) and the
recipient by id only, never the core member.

When a consent a document relied on is later withdrawn, `held_after_withdrawal` lists the documents the
recipient still holds under it, so the coordinator can ask for them back (`mark_asked_back`) and note
when they came back (`mark_returned`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import Session

from circles_desktop.models import Consent, Meeting, SharedDocument, SharedUnderConsent
from circles_desktop.models.vocab import label
from circles_desktop.services.common.validation import Problems, ValidationError, get
from circles_desktop.services.common.words import uk_date
from circles_desktop.services.security import audit

MINUTES = "minutes"
MEETING_PACK = "meeting_pack"
REFERRAL_SUMMARY = "referral_summary"
QUESTIONNAIRE = "questionnaire"
LEARNING_CIRCLE_RECORD = "learning_circle_record"
CIRCLE_PLAN = "circle_plan"
MATCH_SUMMARY = "match_summary"
CONVERSATION_SUMMARY = "conversation_summary"
SESSION_NOTE = "session_note"
SEASON_SUMMARY = "season_summary"
DOCUMENT_KINDS: dict[str, str] = {
    MINUTES: "minutes",
    MEETING_PACK: "meeting pack",
    REFERRAL_SUMMARY: "referral summary",
    QUESTIONNAIRE: "questionnaire",
    LEARNING_CIRCLE_RECORD: "learning circle record",
    CIRCLE_PLAN: "circle plan",
    MATCH_SUMMARY: "facilitator's match summary",
    CONVERSATION_SUMMARY: "conversation summary",
    SESSION_NOTE: "community of practice session note",
    SEASON_SUMMARY: "community of practice season summary",
}
EXPORT = "export"
PRINT = "print"
_HOW_WORD = {EXPORT: "exported", PRINT: "printed"}


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def audit_action(document_kind: str, how: str) -> str:
    """E.g. "minutes exported", "meeting pack printed"."""
    return f"{DOCUMENT_KINDS[document_kind]} {_HOW_WORD[how]}"


@dataclass(frozen=True)
class WithdrawnConsent:
    consent_id: int
    category: str
    withdrawn_on: date


@dataclass(frozen=True)
class SharedRow:
    """One line of the register, readable after the session has closed."""

    id: int
    shared_at: datetime
    document_kind: str
    how: str
    circle_id: int | None
    meeting_id: int | None
    meeting_date: date | None
    recipient_member_id: int | None
    recipient_organisation_id: int | None
    recipient_name: str
    categories: tuple[str, ...]
    file_name: str
    sha256: str
    password_protected: bool
    asked_back_on: date | None
    returned_on: date | None
    withdrawn: tuple[WithdrawnConsent, ...]  # consents it relied on that have since been withdrawn

    @property
    def kind_label(self) -> str:
        return DOCUMENT_KINDS.get(self.document_kind, self.document_kind).capitalize()

    @property
    def category_labels(self) -> str:
        return ", ".join(label(c) for c in self.categories)

    @property
    def held_under_withdrawn_consent(self) -> bool:
        """Still with the recipient although a consent it was shared under has been withdrawn."""
        return bool(self.withdrawn) and self.returned_on is None

    @property
    def status(self) -> str:
        if self.returned_on is not None:
            return f"Returned {uk_date(self.returned_on)}"
        if not self.withdrawn:
            return ""
        first = min(w.withdrawn_on for w in self.withdrawn)
        if self.asked_back_on is not None:
            return f"Consent withdrawn {uk_date(first)}; asked back {uk_date(self.asked_back_on)}"
        return f"Consent withdrawn {uk_date(first)}: ask for it back"


# --- recording -----------------------------------------------------------------------------------
def record_shared(
    session: Session,
    *,
    document_kind: str,
    how: str,
    data: bytes | None = None,
    sha256: str | None = None,
    circle_id: int | None = None,
    meeting_id: int | None = None,
    recipient_member_id: int | None = None,
    recipient_organisation_id: int | None = None,
    recipient_name: str = "",
    categories: Iterable[str] = (),
    consent_ids: Iterable[int] = (),
    file_name: str = "",
    password_protected: bool = False,
    about: str | None = None,
    shared_at: datetime | None = None,
) -> SharedDocument:
    """Write one document to the register and the audit log, in the caller's unit of work.

    `data` (the exact bytes written or printed) or `sha256` identifies the document. `about` is the
    audit entry's object; by default "meeting N", else "circle N".
    """
    p = Problems()
    if document_kind not in DOCUMENT_KINDS:
        p.add("document_kind", f"“{document_kind}” is not a kind of document.")
    if how not in _HOW_WORD:
        p.add("how", "A document is shared by export or by print.")
    if (data is None) == (sha256 is None):
        p.add("sha256", "Give the document's bytes or its SHA-256, one of the two.")
    if recipient_member_id is not None and recipient_organisation_id is not None:
        p.add("recipient", "A document goes to one recipient: a member or an organisation.")
    p.raise_if_any()
    digest = _digest(data, sha256)
    if meeting_id is not None and circle_id is None:
        circle_id = get(session, Meeting, meeting_id, "meeting").circle_id
    doc = SharedDocument(
        document_kind=document_kind,
        how=how,
        circle_id=circle_id,
        meeting_id=meeting_id,
        recipient_member_id=recipient_member_id,
        recipient_organisation_id=recipient_organisation_id,
        recipient_name=recipient_name.strip()[:300],
        categories=",".join(dict.fromkeys(categories)),
        file_name=file_name,
        sha256=digest,
        password_protected=password_protected,
        consents=[SharedUnderConsent(consent_id=c) for c in dict.fromkeys(consent_ids)],
    )
    if shared_at is not None:
        doc.shared_at = shared_at
    session.add(doc)
    session.flush()
    if about is None:
        about = f"meeting {meeting_id}" if meeting_id is not None else f"circle {circle_id}" if circle_id else ""
    audit.record(session, audit_action(document_kind, how), about, _audit_detail(doc))
    return doc


def _digest(data: bytes | None, sha256: str | None) -> str:
    """The document's SHA-256: worked out from its bytes, or as given (and checked to be one)."""
    digest = sha256_hex(data) if data is not None else str(sha256).lower()
    if len(digest) != 64 or any(ch not in "0123456789abcdef" for ch in digest):
        raise ValidationError("That is not a SHA-256 digest.", "sha256")
    return digest


def _audit_detail(doc: SharedDocument) -> str:
    # Ids and the digest only: the register holds the names, the audit log never names the core member.
    if doc.recipient_member_id is not None:
        who = f"recipient member {doc.recipient_member_id}"
    elif doc.recipient_organisation_id is not None:
        who = f"recipient organisation {doc.recipient_organisation_id}"
    else:
        who = "recipient inner circle"
    protected = "; password-protected" if doc.password_protected else ""
    return f"{who}; register {doc.id}; sha256 {doc.sha256}{protected}"


# --- reading -------------------------------------------------------------------------------------
def _rows(session: Session, docs: Iterable[SharedDocument]) -> list[SharedRow]:
    docs = list(docs)
    if not docs:
        return []
    consent_ids = {link.consent_id for d in docs for link in d.consents}
    withdrawn: dict[int, Consent] = {}
    if consent_ids:
        stmt = select(Consent).where(Consent.id.in_(consent_ids), Consent.withdrawn_on.is_not(None))
        withdrawn = {c.id: c for c in session.execute(stmt).scalars()}
    meeting_ids = {d.meeting_id for d in docs if d.meeting_id is not None}
    dates: dict[int, date] = {}
    if meeting_ids:
        for mid, starts in session.execute(select(Meeting.id, Meeting.starts_at).where(Meeting.id.in_(meeting_ids))):
            dates[mid] = starts.date()
    rows = []
    for d in docs:
        gone = tuple(
            WithdrawnConsent(c.id, c.category, c.withdrawn_on)  # type: ignore[arg-type]
            for link in d.consents
            if (c := withdrawn.get(link.consent_id)) is not None
        )
        rows.append(
            SharedRow(
                id=d.id,
                shared_at=d.shared_at,
                document_kind=d.document_kind,
                how=d.how,
                circle_id=d.circle_id,
                meeting_id=d.meeting_id,
                meeting_date=dates.get(d.meeting_id) if d.meeting_id is not None else None,
                recipient_member_id=d.recipient_member_id,
                recipient_organisation_id=d.recipient_organisation_id,
                recipient_name=d.recipient_name,
                categories=tuple(d.category_codes),
                file_name=d.file_name,
                sha256=d.sha256,
                password_protected=d.password_protected,
                asked_back_on=d.asked_back_on,
                returned_on=d.returned_on,
                withdrawn=gone,
            )
        )
    return rows


def list_shared(session: Session, circle_id: int, offset: int = 0, limit: int = 200) -> list[SharedRow]:
    """The circle's register, newest first."""
    stmt = (
        select(SharedDocument)
        .where(SharedDocument.circle_id == circle_id)
        .order_by(SharedDocument.shared_at.desc(), SharedDocument.id.desc())
        .offset(offset)
        .limit(limit)
    )
    return _rows(session, session.execute(stmt).scalars())


def count_shared(session: Session, circle_id: int) -> int:
    stmt = select(func.count()).select_from(SharedDocument).where(SharedDocument.circle_id == circle_id)
    return session.scalar(stmt) or 0


def get_shared(session: Session, doc_id: int) -> SharedRow:
    return _rows(session, [get(session, SharedDocument, doc_id, "shared document")])[0]


def documents_held_under(session: Session, consent_id: int) -> list[SharedRow]:
    """Every document shared relying on this consent (returned ones included), newest first."""
    stmt = (
        select(SharedDocument)
        .join(SharedUnderConsent, SharedUnderConsent.document_id == SharedDocument.id)
        .where(SharedUnderConsent.consent_id == consent_id)
        .order_by(SharedDocument.shared_at.desc(), SharedDocument.id.desc())
    )
    return _rows(session, session.execute(stmt).scalars())


def still_held_under(session: Session, consent_ids: Iterable[int]) -> list[SharedRow]:
    """Documents not yet returned that were shared relying on any of these consents, newest first: what
    to ask back once they are withdrawn."""
    ids = list(consent_ids)
    if not ids:
        return []
    stmt = (
        select(SharedDocument)
        .where(
            SharedDocument.returned_on.is_(None),
            SharedDocument.id.in_(select(SharedUnderConsent.document_id).where(SharedUnderConsent.consent_id.in_(ids))),
        )
        .order_by(SharedDocument.shared_at.desc(), SharedDocument.id.desc())
    )
    return _rows(session, session.execute(stmt).scalars())


def _held_after_withdrawal() -> ColumnElement[bool]:
    """Not returned, although a consent it was shared under has been withdrawn (SharedRow's
    held_under_withdrawn_consent, in SQL)."""
    return and_(
        SharedDocument.returned_on.is_(None),
        SharedDocument.id.in_(
            select(SharedUnderConsent.document_id)
            .join(Consent, Consent.id == SharedUnderConsent.consent_id)
            .where(Consent.withdrawn_on.is_not(None))
        ),
    )


def held_after_withdrawal(session: Session, circle_id: int | None, limit: int | None = None) -> list[SharedRow]:
    """Documents a recipient still holds (not returned) although a consent they relied on is withdrawn:
    one circle's, or (circle_id None) every circle's; newest first."""
    stmt = select(SharedDocument).where(_held_after_withdrawal())
    if circle_id is not None:
        stmt = stmt.where(SharedDocument.circle_id == circle_id)
    stmt = stmt.order_by(SharedDocument.shared_at.desc(), SharedDocument.id.desc()).limit(limit)
    return _rows(session, session.execute(stmt).scalars())


def count_held_after_withdrawal(session: Session) -> int:
    """How many documents, in every circle, are held after a withdrawal."""
    stmt = select(func.count()).select_from(SharedDocument).where(_held_after_withdrawal())
    return session.scalar(stmt) or 0


# --- asking for documents back -------------------------------------------------------------------
def _check_while_held(
    p: Problems, field: str, on_date: date | None, doc: SharedDocument, what: str, today: date
) -> None:
    """A date noted against a document the recipient still holds: given, not in the future, not before
    it was shared."""
    p.require(field, on_date, f"the date {what}")
    if on_date is not None:
        if on_date > today:
            p.add(field, f"The date {what} cannot be in the future.")
        p.not_before(field, on_date, doc.shared_at.date(), f"date {what}", "date it was shared")
    if doc.returned_on is not None:
        p.add(field, f"This document was already returned on {uk_date(doc.returned_on)}.")


def _noted(session: Session, doc: SharedDocument, action: str) -> SharedRow:
    session.flush()
    audit.record(session, action, f"shared document {doc.id}")
    return get_shared(session, doc.id)


def mark_asked_back(session: Session, doc_id: int, on_date: date | None, today: date | None = None) -> SharedRow:
    """Note that the coordinator asked the recipient to return (or destroy) the document."""
    doc = get(session, SharedDocument, doc_id, "shared document")
    p = Problems()
    _check_while_held(p, "asked_back_on", on_date, doc, "it was asked back", today or date.today())
    p.raise_if_any()
    doc.asked_back_on = on_date
    return _noted(session, doc, "shared document asked back")


def mark_returned(session: Session, doc_id: int, on_date: date | None, today: date | None = None) -> SharedRow:
    """Note that the recipient returned (or confirmed destroying) the document."""
    doc = get(session, SharedDocument, doc_id, "shared document")
    p = Problems()
    _check_while_held(p, "returned_on", on_date, doc, "it was returned", today or date.today())
    if on_date is not None and doc.asked_back_on is not None:
        p.not_before("returned_on", on_date, doc.asked_back_on, "date it was returned", "date it was asked back")
    p.raise_if_any()
    doc.returned_on = on_date
    return _noted(session, doc, "shared document returned")
