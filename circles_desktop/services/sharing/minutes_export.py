"""Minutes for each outer-circle recipient: what each will receive, the document's content, and the export.

The rule for one recipient and one meeting: a category is shared when a consent to that recipient (or,
for a member, to the organisation they represent in the circle) counted on the meeting date and has not
been withdrawn since. Consent given after the meeting does not reach back to it; consent withdrawn at
any time before the export stops it. "internal" is never shared. `reports.minutes.build_minutes`
applies the categories to the full meeting record itself, so the record is handed over whole.

The GUI and the command line both go through `export_minutes_file`: build in memory, protect in
memory when a password is given, record in the register and the audit log, write the file, commit. A
failure at any step leaves neither a file nor a register entry.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from circles_desktop.models import Action, Circle, CircleMember, Meeting, Organisation
from circles_desktop.models.vocab import Category, MemberRole, Ring, label
from circles_desktop.reports import content as rc
from circles_desktop.services.common.validation import NotFound, ValidationError, get
from circles_desktop.services.common.words import uk_date
from circles_desktop.services.consent import consent as consent_service
from circles_desktop.services.consent.consent import CATEGORIES, Recipient
from circles_desktop.services.settings import organisation
from circles_desktop.services.sharing import sharing

PASSWORD_MIN = 8
PASSWORD_RULE = (
    "Give the password to each recipient separately (by phone, or in person), never in the same email "
    "or envelope as the file."
)
_INNER_FIRST: dict[str, int] = {Ring.INNER: 0, Ring.OUTER: 1}
_ROLE_ORDER = {role: n for n, role in enumerate(MemberRole.values())}


class NothingToShare(ValidationError):
    """The recipient's consent covers nothing on the meeting date: no PDF is made."""


@dataclass(frozen=True)
class RecipientPlan:
    """What one outer-circle recipient will receive of one meeting, in the coordinator's words."""

    recipient: Recipient
    role: str  # e.g. "Police offender manager"; "" for an organisation
    meeting_id: int
    held_on: date
    categories: frozenset[str]  # what goes in their copy
    withheld: tuple[str, ...]  # shareable categories this meeting has that their copy leaves out
    withdrawn_since: tuple[str, ...]  # covered on the meeting date, but consent withdrawn since
    consent_ids: tuple[int, ...]  # the consents the copy relies on
    has_consent: bool  # any consent counted on the meeting date

    @property
    def can_receive(self) -> bool:
        return bool(self.categories)

    @property
    def summary(self) -> str:
        """E.g. "Attendance, Meeting minutes — Risk and concerns withheld"."""
        if not self.has_consent:
            return "Nothing: no consent on this date"
        if not self.categories:
            return "Nothing: consent for this meeting has since been withdrawn"
        receives = ", ".join(label(c) for c in CATEGORIES if c in self.categories)
        text = receives
        if self.withheld:
            text += " — " + ", ".join(label(c) for c in self.withheld) + " withheld"
        return text

    @property
    def display_name(self) -> str:
        extra = ", ".join(part for part in (self.role, self.recipient.organisation) if part)
        if self.recipient.kind == "organisation":
            return f"{self.recipient.name} (the organisation)"
        return f"{self.recipient.name} ({extra})" if extra else self.recipient.name


@dataclass(frozen=True)
class PreparedMinutes:
    """Everything needed to build one recipient's copy, with no database in reach."""

    plan: RecipientPlan
    content: rc.MinutesContent
    file_name: str


@dataclass(frozen=True)
class ExportResult:
    path: Path
    sha256: str
    document_id: int
    recipient_name: str
    categories: frozenset[str]
    password_protected: bool


@dataclass(frozen=True)
class MeetingHeading:
    meeting_id: int
    circle_id: int
    kind: str  # code, e.g. "circle_meeting"
    held_on: date
    reference: str

    @property
    def text(self) -> str:
        return f"{label(self.kind)}, {uk_date(self.held_on)} · {self.reference}"


def meeting_heading(session: Session, meeting_id: int) -> MeetingHeading:
    meeting = get(session, Meeting, meeting_id, "meeting")
    circle = get(session, Circle, meeting.circle_id, "circle")
    return MeetingHeading(meeting.id, circle.id, meeting.kind, meeting.starts_at.date(), circle.reference)


# --- meeting → report content --------------------------------------------------------------------
def prepared_by(circle: Circle) -> str:
    return circle.coordinator.display_name if circle.coordinator is not None else "The circle coordinator"


def meeting_record(session: Session, meeting: Meeting) -> rc.MeetingRecord:
    """The whole meeting as recorded, unfiltered: only `build_minutes` decides what a recipient sees."""
    circle = get(session, Circle, meeting.circle_id, "circle")
    present = sorted(
        meeting.attendance,
        key=lambda a: (
            _INNER_FIRST.get(a.member.ring, 2),
            _ROLE_ORDER.get(a.member.role, 99),  # core member first, then parents or carers, volunteers...
            a.member.person.display_name.casefold(),
        ),
    )
    attendance = tuple(
        rc.Attendee(
            name=a.member.person.display_name,
            role=label(a.member.role),
            organisation=a.member.organisation.name if a.member.organisation else "",
            status=a.status,
        )
        for a in present
    )
    order = (Action.due_on.is_(None), Action.due_on, Action.id)
    actions = session.execute(select(Action).where(Action.meeting_id == meeting.id).order_by(*order)).scalars()
    return rc.MeetingRecord(
        circle_reference=circle.reference,
        kind=label(meeting.kind),
        held_on=meeting.starts_at.date(),
        venue=meeting.venue,
        starts_at=meeting.starts_at.time(),
        attendance=attendance,
        sections=tuple(rc.MinutesSection(s.heading, s.category, s.body) for s in meeting.sections),
        decisions=tuple(rc.Decision(d.text, d.category) for d in meeting.decisions),
        actions=tuple(action_item(a) for a in actions),
    )


def action_item(a: Action) -> rc.ActionItem:
    """An action as every document shows it (minutes, meeting pack)."""
    return rc.ActionItem(
        text=a.description,
        owner=a.owner.display_name if a.owner else "",
        category=a.category,
        due=a.due_on,
        status=a.status,
        barrier=a.barrier,
    )


def _categories_in(record: rc.MeetingRecord) -> set[str]:
    found = {s.category for s in record.sections} | {d.category for d in record.decisions}
    found |= {a.category for a in record.actions}
    if record.attendance:
        found.add(Category.ATTENDANCE)
    return found


# --- who receives what ---------------------------------------------------------------------------
def _role_of(session: Session, recipient: Recipient) -> str:
    if recipient.kind != "member":
        return ""
    m = session.get(CircleMember, recipient.id)
    return label(m.role) if m is not None else ""


def plan_for(
    session: Session,
    meeting: Meeting | int,
    recipient: Recipient,
    today: date | None = None,
    record: rc.MeetingRecord | None = None,
) -> RecipientPlan:
    """What `recipient` will receive of the meeting if their copy is made on `today`."""
    meeting = meeting if isinstance(meeting, Meeting) else get(session, Meeting, meeting, "meeting")
    today = today or date.today()
    on = meeting.starts_at.date()
    record = record or meeting_record(session, meeting)
    counting = consent_service.counting_consents(session, meeting.circle_id, recipient, on)
    on_meeting_day = frozenset(c.category for c in counting)
    still = [c for c in counting if c.not_withdrawn_by(today)]  # consent withdrawn since stops the copy
    categories = frozenset(c.category for c in still)
    present = _categories_in(record)
    return RecipientPlan(
        recipient=recipient,
        role=_role_of(session, recipient),
        meeting_id=meeting.id,
        held_on=on,
        categories=categories,
        withheld=tuple(c for c in CATEGORIES if c in present and c not in categories),
        withdrawn_since=tuple(c for c in CATEGORIES if c in on_meeting_day and c not in categories),
        consent_ids=tuple(c.id for c in still if c.category in categories),
        has_consent=bool(on_meeting_day),
    )


def plan_recipients(session: Session, meeting_id: int, today: date | None = None) -> list[RecipientPlan]:
    """Every outer-circle recipient on the meeting date (members, then organisations consent was given
    to), each with what their copy would hold."""
    meeting = get(session, Meeting, meeting_id, "meeting")
    record = meeting_record(session, meeting)
    found = consent_service.recipients(session, meeting.circle_id, meeting.starts_at.date())
    return [plan_for(session, meeting, r, today, record) for r in found]


def recipient_for_person(session: Session, meeting_id: int, person_id: int) -> Recipient:
    """The outer-circle member a person was in this meeting's circle (for the command line).

    Raises NotFound for an unknown meeting and ValidationError when the person is not an outer-circle
    member of the circle on the meeting date.
    """
    try:
        meeting = get(session, Meeting, meeting_id, "meeting")
    except NotFound:
        raise NotFound(f"There is no meeting {meeting_id}.") from None
    on = meeting.starts_at.date()
    circle = get(session, Circle, meeting.circle_id, "circle")
    rows = list(
        session.execute(
            select(CircleMember)
            .where(CircleMember.circle_id == circle.id, CircleMember.person_id == person_id)
            .order_by(CircleMember.joined_on.desc())
        ).scalars()
    )
    where = f"circle {circle.reference or circle.id}"
    if not rows:
        raise ValidationError(f"Person {person_id} is not a member of {where}, so cannot receive its minutes.")
    outer = [m for m in rows if m.ring == Ring.OUTER]
    if not outer:
        raise ValidationError(
            f"Person {person_id} is in the inner circle of {where}; minutes are exported for outer-circle members."
        )
    current = [m for m in outer if m.is_current(on)]
    if not current:
        raise ValidationError(f"Person {person_id} was not in the outer circle of {where} on {uk_date(on)}.")
    m = current[0]
    return Recipient("member", m.id, m.person.display_name, m.organisation.name if m.organisation else "", person_id)


def recipient_for_organisation(session: Session, organisation_id: int) -> Recipient:
    org = get(session, Organisation, organisation_id, "organisation")
    return Recipient("organisation", org.id, org.name, org.name)


# --- the document --------------------------------------------------------------------------------
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]+')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def safe_file_name(name: str, max_length: int = 150) -> str:
    """A file name Windows, macOS and Linux all accept: no reserved characters or device names, no
    trailing dots or spaces, not too long (the extension is kept)."""
    stem, dot, ext = name.rpartition(".")
    if not dot or len(ext) > 5:
        stem, ext = name, ""
    stem = " ".join(_UNSAFE.sub("-", stem).split()).strip(" .") or "document"
    if stem.split(".")[0].upper() in _RESERVED:
        stem = f"_{stem}"
    suffix = f".{_UNSAFE.sub('', ext)}" if ext else ""
    return stem[: max_length - len(suffix)].rstrip(" .") + suffix


def minutes_file_name(kind: str, held_on: date, recipient_name: str) -> str:
    """E.g. "Minutes 2025-03-14 circle meeting - DC Priya Raghunathan.pdf"."""
    return safe_file_name(f"Minutes {held_on:%Y-%m-%d} {label(kind).lower()} - {recipient_name}.pdf")


def prepare(session: Session, meeting_id: int, recipient: Recipient, today: date | None = None) -> PreparedMinutes:
    """The recipient's copy, ready to build. Refuses (NothingToShare) when consent covers nothing."""
    today = today or date.today()
    meeting = get(session, Meeting, meeting_id, "meeting")
    circle = get(session, Circle, meeting.circle_id, "circle")
    record = meeting_record(session, meeting)
    plan = plan_for(session, meeting, recipient, today, record)
    if not plan.can_receive:
        why = (
            "their consent for this meeting has since been withdrawn"
            if plan.has_consent
            else f"no consent to share information with them counted on {uk_date(plan.held_on)}"
        )
        raise NothingToShare(f"No minutes can be made for {recipient.name}: {why}.", "recipient")
    content = rc.MinutesContent(
        letterhead=organisation.letterhead(session, circle),
        meeting=record,
        recipient=rc.Recipient(name=recipient.name, organisation=recipient.organisation, role=plan.role),
        prepared_by=prepared_by(circle),
        prepared_on=today,
    )
    return PreparedMinutes(plan, content, minutes_file_name(meeting.kind, plan.held_on, recipient.name))


def build(prepared: PreparedMinutes) -> bytes:
    """The recipient's PDF (unprotected, in memory)."""
    from circles_desktop.reports.minutes import build_minutes

    return build_minutes(prepared.content, prepared.plan.categories)


def check_password(password: str | None, confirmation: str | None = None) -> None:
    if password is None:
        return
    if len(password) < PASSWORD_MIN:
        raise ValidationError(f"The PDF password must be at least {PASSWORD_MIN} characters.", "password")
    if confirmation is not None and confirmation != password:
        raise ValidationError("The two passwords do not match.", "confirm")


def register_kwargs(prepared: PreparedMinutes) -> dict[str, Any]:
    r = prepared.plan.recipient
    return {
        "document_kind": sharing.MINUTES,
        "meeting_id": prepared.plan.meeting_id,
        "recipient_member_id": r.id if r.kind == "member" else None,
        "recipient_organisation_id": r.id if r.kind == "organisation" else None,
        "recipient_name": r.name if r.kind == "organisation" or not r.organisation else f"{r.name}, {r.organisation}",
        "categories": [c for c in CATEGORIES if c in prepared.plan.categories],
        "consent_ids": prepared.plan.consent_ids,
    }


def export_minutes_file(
    db: Any,
    meeting_id: int,
    recipient: Recipient,
    path: str | os.PathLike[str],
    password: str | None = None,
    today: date | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> ExportResult | None:
    """Build, protect (optionally), register, write and commit one recipient's minutes.

    `db` is an open Database. Returns None, having written nothing, if `should_stop()` turns true before
    the file is written. On any failure nothing is left behind: no file, no register entry.
    """
    from circles_desktop.reports.kit.pdfio import protect, write_pdf

    check_password(password)
    target = Path(path)
    with db.session() as s:
        prepared = prepare(s, meeting_id, recipient, today)
    data = build(prepared)
    if password:
        data = protect(data, password)
    if should_stop is not None and should_stop():
        return None
    written: Path | None = None
    try:
        with db.session() as s:
            doc = sharing.record_shared(
                s,
                how=sharing.EXPORT,
                data=data,
                file_name=target.name,
                password_protected=bool(password),
                **register_kwargs(prepared),
            )
            doc_id, digest = doc.id, doc.sha256
            written = write_pdf(target, data)  # already protected: only these bytes ever reach the disk
    except BaseException:
        if written is not None:  # the commit failed after the file was written: take the file back
            written.unlink(missing_ok=True)
        raise
    return ExportResult(written, digest, doc_id, recipient.name, prepared.plan.categories, bool(password))


def record_print(session: Session, prepared: PreparedMinutes, data: bytes) -> int:
    """Register a printed copy of the minutes; returns the register entry's id."""
    doc = sharing.record_shared(session, how=sharing.PRINT, data=data, **register_kwargs(prepared))
    return doc.id


def unique_path(folder: Path, name: str) -> Path:
    """`folder/name`, or "name (2).pdf"... if that exists, so an earlier export is never overwritten."""
    target = folder / name
    stem, suffix = target.stem, target.suffix
    n = 2
    while target.exists():
        target = folder / f"{stem} ({n}){suffix}"
        n += 1
    return target
