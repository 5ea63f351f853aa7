"""Who is in a circle: the inner ring (core member, volunteers) and the outer ring (professionals)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from circles_desktop.models import Attendance, Circle, CircleMember, Consent, ProfessionalRole
from circles_desktop.models.vocab import (
    OUTER_ROLES,
    CircleKind,
    CircleStatus,
    CosaVariant,
    MemberRole,
    PersonPart,
    Ring,
    label,
)
from circles_desktop.services.common.validation import Problems, ValidationError, clean, get
from circles_desktop.services.common.words import uk_date
from circles_desktop.services.people import people, volunteers
from circles_desktop.services.security import audit

INNER_ONLY = (MemberRole.CORE_MEMBER, MemberRole.FOCUS_PERSON, MemberRole.VOLUNTEER, MemberRole.FACILITATOR)
_PART_FOR_ROLE = {
    MemberRole.VOLUNTEER: PersonPart.VOLUNTEER,
    MemberRole.FACILITATOR: PersonPart.FACILITATOR,
    MemberRole.PARENT_CARER: PersonPart.PARENT_CARER,
    MemberRole.CONNECTOR: PersonPart.CONNECTOR,
    MemberRole.LEARNER: PersonPart.LEARNER,
}


@dataclass(frozen=True)
class MemberRow:
    id: int
    person_id: int
    name: str
    ring: str
    role: str
    organisation_id: int | None
    organisation: str
    joined_on: date
    left_on: date | None

    def is_current(self, on: date) -> bool:
        # CircleMember.is_current is the rule; this mirrors it for a row read out of the session.
        return self.joined_on <= on and (self.left_on is None or self.left_on > on)

    @property
    def role_label(self) -> str:
        return label(self.role)


def member_problems(
    session: Session,
    circle: Circle,
    person_id: int | None,
    ring: str,
    role: str,
    joined_on: date | None,
    left_on: date | None,
    member_id: int | None = None,
) -> Problems:
    """Every problem with a membership as it stands (the circle's kind may add its own rules to it)."""
    p = Problems()
    p.choose("person_id", person_id, "the person")
    p.one_of("ring", ring, Ring.values(), "ring (inner or outer)")
    p.one_of("role", role, MemberRole.values(), "role in the circle")
    p.require("joined_on", joined_on, "the date they joined")
    if ring == Ring.OUTER and role in INNER_ONLY:
        p.add("ring", f"A {label(role).lower()} belongs in the inner circle.")
    if ring == Ring.INNER and role in OUTER_ROLES and circle.kind == CircleKind.COSA:
        p.add("ring", f"A {label(role).lower()} is a professional and belongs in the outer circle.")
    p.not_before("joined_on", joined_on, circle.started_on, "date they joined", "circle's start date")
    p.not_before("left_on", left_on, joined_on, "date they left", "date they joined")
    if circle.ended_on is not None:
        p.not_before("joined_on", circle.ended_on, joined_on, "circle's end date", "date they joined")
    if person_id is not None and joined_on is not None:
        overlap = session.scalar(
            select(func.count())
            .select_from(CircleMember)
            .where(
                CircleMember.circle_id == circle.id,
                CircleMember.person_id == person_id,
                CircleMember.id != (member_id or 0),
                or_(CircleMember.left_on.is_(None), CircleMember.left_on > joined_on),
                *([CircleMember.joined_on < left_on] if left_on else []),
            )
        )
        if overlap:
            p.add("person_id", "This person is already a member of the circle for those dates.")
    # Volunteers going into prisons need an enhanced DBS check.
    is_prison = circle.cosa is not None and circle.cosa.variant == CosaVariant.PRISON
    if is_prison and role == MemberRole.VOLUNTEER and person_id is not None:
        if not volunteers.vetting(session, person_id).has_enhanced:
            p.add(
                "person_id",
                "Volunteers in a prison / through-the-gate circle need an enhanced DBS check. "
                "Record their check on their volunteer record first.",
            )
    return p


def add_member(
    session: Session,
    circle_id: int,
    person_id: int | None,
    ring: str,
    role: str,
    joined_on: date | None,
    *,
    organisation_id: int | None = None,
    notes: str = "",
) -> CircleMember:
    """Add someone to a circle. An outer-circle professional's organisation defaults to their current job."""
    circle = get(session, Circle, circle_id, "circle")
    p = member_problems(session, circle, person_id, ring, role, joined_on, None)
    if circle.status == CircleStatus.CLOSED:
        p.add("", "This circle is closed; members cannot be added.")
    p.raise_if_any()
    people.get_person(session, person_id)  # type: ignore[arg-type]
    if organisation_id is None and ring == Ring.OUTER:
        organisation_id = session.scalar(
            select(ProfessionalRole.organisation_id)
            .where(ProfessionalRole.person_id == person_id, ProfessionalRole.ended_on.is_(None))
            .order_by(ProfessionalRole.id.desc())
            .limit(1)
        )
    member = CircleMember(
        circle_id=circle_id,
        person_id=person_id,
        ring=ring,
        role=role,
        joined_on=joined_on,
        organisation_id=organisation_id,
        notes=notes.strip(),
    )
    session.add(member)
    part = _PART_FOR_ROLE.get(role)  # type: ignore[call-overload]
    if part:
        people.add_part(session, person_id, part)  # type: ignore[arg-type]
    session.flush()
    audit.record(session, "circle member created", f"circle member {member.id}")
    return member


def join_if_new(session: Session, circle_id: int, person_id: int | None, role: str, on: date) -> bool:
    """Someone who takes a part in a circle (carries an action agreed at a conversation) joins its inner
    ring from that day, unless they are already a member. True if they joined."""
    p = Problems()
    p.choose("person_id", person_id, "who it is")
    p.raise_if_any()
    already = session.scalar(
        select(CircleMember.id).where(CircleMember.circle_id == circle_id, CircleMember.person_id == person_id).limit(1)
    )
    if already is not None:
        return False
    add_member(session, circle_id, person_id, Ring.INNER, role, on)
    return True


def update_member(
    session: Session,
    member_id: int,
    *,
    ring: str,
    role: str,
    joined_on: date | None,
    left_on: date | None,
    organisation_id: int | None,
    notes: str = "",
) -> CircleMember:
    member = get(session, CircleMember, member_id, "circle member")
    circle = get(session, Circle, member.circle_id, "circle")
    p = member_problems(session, circle, member.person_id, ring, role, joined_on, left_on, member_id)
    p.raise_if_any()
    member.ring, member.role = ring, role
    member.joined_on = joined_on  # type: ignore[assignment]
    member.left_on = left_on
    member.organisation_id = organisation_id
    member.notes = clean(notes)
    session.flush()
    audit.record(session, "circle member updated", f"circle member {member.id}")
    return member


def member_leaves(session: Session, member_id: int, left_on: date | None) -> CircleMember:
    """Record that someone left the circle (their history stays)."""
    member = get(session, CircleMember, member_id, "circle member")
    p = Problems()
    p.require("left_on", left_on, "the date they left")
    p.not_before("left_on", left_on, member.joined_on, "date they left", "date they joined")
    p.raise_if_any()
    member.left_on = left_on
    session.flush()
    audit.record(session, "circle member updated", f"circle member {member.id}", "left")
    return member


def remove_member(session: Session, member_id: int) -> None:
    """Remove a member entered by mistake. Someone with attendance or consent recorded must leave instead."""
    member = get(session, CircleMember, member_id, "circle member")
    used = session.scalar(select(func.count()).select_from(Attendance).where(Attendance.member_id == member_id))
    used = (used or 0) + (
        session.scalar(select(func.count()).select_from(Consent).where(Consent.recipient_member_id == member_id)) or 0
    )
    if used:
        raise ValidationError(
            f"{member.person.display_name} has attendance or consent recorded in this circle, so cannot be "
            "removed. Record the date they left instead."
        )
    session.delete(member)
    session.flush()
    audit.record(session, "circle member deleted", f"circle member {member_id}")


def members(session: Session, circle_id: int, on_date: date | None = None, ring: str | None = None) -> list[MemberRow]:
    """Members of a circle, inner ring first; only those in the circle on `on_date` if given."""
    stmt = select(CircleMember).where(CircleMember.circle_id == circle_id)
    if ring:
        stmt = stmt.where(CircleMember.ring == ring)
    if on_date is not None:
        stmt = stmt.where(CircleMember.is_current(on_date))
    rows = [
        MemberRow(
            m.id,
            m.person_id,
            m.person.display_name,
            m.ring,
            m.role,
            m.organisation_id,
            m.organisation.name if m.organisation else "",
            m.joined_on,
            m.left_on,
        )
        for m in session.execute(stmt).scalars()
    ]
    role_order = {r: i for i, r in enumerate(MemberRole.values())}
    rows.sort(key=lambda r: (r.ring != Ring.INNER, role_order.get(r.role, 99), r.name.casefold(), r.id))
    return rows


def describe_dates(row: MemberRow) -> str:
    return f"from {uk_date(row.joined_on)}" + (f" to {uk_date(row.left_on)}" if row.left_on else "")
