"""Circles of every kind: setting one up and its life cycle (forming → active → closed). The Circles
list is `circle_list`.

What only CoSA needs (variant, expected release date) sits in CosaDetails; the rules here read it only
for CoSA circles.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Integer, cast, exists, func, select
from sqlalchemy.orm import Session

from circles_desktop.models import Circle, CircleMember, Consent, CosaDetails, Meeting, Organisation, Person, Referral
from circles_desktop.models.vocab import (
    CircleKind,
    CircleStatus,
    CosaVariant,
    MeetingKind,
    MemberRole,
    PersonPart,
    ReferralStatus,
    Ring,
    label,
)
from circles_desktop.services.common.validation import Problems, ValidationError, clean, get
from circles_desktop.services.common.words import uk_date
from circles_desktop.services.people import people
from circles_desktop.services.security import audit

PREFIX: dict[str, str] = {
    CircleKind.COSA: "COSA",
    CircleKind.COMMUNITY: "CC",
    CircleKind.LEARNING: "LLC",
    CircleKind.CONVERSATION: "CONV",
    CircleKind.PRACTICE: "COP",
}
# Kinds that start from a referral, and the inner-circle roles that must be in place to go active.
FROM_REFERRAL = (CircleKind.COSA, CircleKind.COMMUNITY)
ACTIVE_NEEDS: dict[str, tuple[str, ...]] = {
    CircleKind.COSA: (MemberRole.VOLUNTEER,),
    CircleKind.COMMUNITY: (MemberRole.FACILITATOR, MemberRole.VOLUNTEER),
}
FOCUS_ROLE: dict[str, str] = {CircleKind.COSA: MemberRole.CORE_MEMBER, CircleKind.COMMUNITY: MemberRole.FOCUS_PERSON}


@dataclass
class CircleForm:
    kind: str = CircleKind.COSA
    title: str = ""
    focus_person_id: int | None = None  # core member / focus person / child
    coordinator_id: int | None = None
    referral_id: int | None = None
    started_on: date | None = None
    purpose: str = ""
    notes: str = ""
    # CoSA only
    variant: str | None = None
    expected_release_on: date | None = None  # prison / through-the-gate
    prison_id: int | None = None


def reference_for(kind: str, number: int) -> str:
    """A circle's reference: its kind's prefix and its number among circles of that kind (LLC-00012)."""
    return f"{PREFIX.get(kind, 'C')}-{number:05d}"


def next_reference(session: Session, kind: str) -> str:
    """The next reference of a kind: each kind numbers its own circles, so the first learning circle is
    LLC-00001 however many CoSA circles there are. (CoSA circles made before numbering by kind kept the
    references already on their documents; the next one follows the highest.)"""
    prefix = f"{PREFIX.get(kind, 'C')}-"
    number = cast(func.substr(Circle.reference, len(prefix) + 1), Integer)
    highest = session.scalar(select(func.max(number)).where(Circle.kind == kind, Circle.reference.startswith(prefix)))
    return reference_for(kind, (highest or 0) + 1)


# --- validation ----------------------------------------------------------------------------------
def validate(session: Session, form: CircleForm, circle_id: int | None = None) -> Referral | None:
    p = Problems()
    p.one_of("kind", form.kind, CircleKind.values(), "kind of circle")
    p.require("started_on", form.started_on, "the date the circle started forming")
    if form.kind == CircleKind.COSA:
        p.one_of("variant", form.variant, CosaVariant.values(), "kind of CoSA circle")
        p.choose("focus_person_id", form.focus_person_id, "the core member")
    elif form.kind == CircleKind.COMMUNITY:
        p.choose("focus_person_id", form.focus_person_id, "the focus person")
    elif form.kind in (CircleKind.CONVERSATION, CircleKind.PRACTICE):
        p.require("title", form.title, "a title")
    if form.kind != CircleKind.COSA and (form.variant or form.expected_release_on):
        p.add("variant", "Variants and release dates are recorded for CoSA circles only.")
    if form.expected_release_on and form.variant != CosaVariant.PRISON:
        p.add(
            "expected_release_on",
            "An expected release date is recorded for prison / through-the-gate circles.",
        )
    if form.focus_person_id is not None and form.focus_person_id == form.coordinator_id:
        p.add("coordinator_id", "The coordinator cannot also be the circle's focus person.")
    referral: Referral | None = None
    if form.referral_id is not None:
        referral = session.get(Referral, form.referral_id)
        if referral is None:
            p.add("referral_id", "That referral is no longer recorded; choose it again.")
        else:
            if referral.circle_kind != form.kind:
                p.add(
                    "referral_id",
                    f"That referral is for a {label(referral.circle_kind)}, not a {label(form.kind)}.",
                )
            if form.focus_person_id is not None and referral.person_id != form.focus_person_id:
                p.add("referral_id", "That referral is for someone else.")
            if referral.status in (ReferralStatus.DECLINED, ReferralStatus.WITHDRAWN):
                p.add(
                    "referral_id",
                    f"That referral was {label(referral.status).lower()}; a circle cannot come from it.",
                )
            p.not_before(
                "started_on",
                form.started_on,
                referral.received_on,
                "circle's start date",
                "date the referral was received",
            )
            taken = session.execute(
                select(Circle.id, Circle.reference).where(Circle.referral_id == referral.id)
            ).first()
            if taken is not None and taken.id != circle_id:
                p.add("referral_id", f"A circle ({taken.reference}) has already been formed from that referral.")
    p.raise_if_any()
    for pid, what in ((form.focus_person_id, "focus person"), (form.coordinator_id, "coordinator")):
        if pid is not None:
            get(session, Person, pid, what)
    if form.prison_id is not None:
        get(session, Organisation, form.prison_id, "prison")
    return referral


def _apply(circle: Circle, form: CircleForm) -> None:
    circle.kind = form.kind
    circle.title = clean(form.title)
    circle.focus_person_id = form.focus_person_id
    circle.coordinator_id = form.coordinator_id
    circle.referral_id = form.referral_id
    circle.started_on = form.started_on  # type: ignore[assignment]
    circle.purpose = form.purpose.strip()
    circle.notes = form.notes.strip()
    if form.kind == CircleKind.COSA:
        if circle.cosa is None:
            circle.cosa = CosaDetails(variant=form.variant)
        circle.cosa.variant = form.variant  # type: ignore[assignment]
        circle.cosa.expected_release_on = form.expected_release_on
        circle.cosa.prison_id = form.prison_id


# --- create, read, update ------------------------------------------------------------------------
def create_circle(session: Session, form: CircleForm) -> Circle:
    """A new circle, forming. Its focus person joins the inner circle (as core member / focus person)."""
    _focus_from_referral(session, form)
    validate(session, form)
    circle = Circle(status=CircleStatus.FORMING)
    _apply(circle, form)
    circle.reference = next_reference(session, circle.kind)
    session.add(circle)
    session.flush()
    focus_role = FOCUS_ROLE.get(circle.kind)
    if focus_role and circle.focus_person_id is not None:
        session.add(
            CircleMember(
                circle_id=circle.id,
                person_id=circle.focus_person_id,
                ring=Ring.INNER,
                role=focus_role,
                joined_on=circle.started_on,
            )
        )
        part = PersonPart.CORE_MEMBER if circle.kind == CircleKind.COSA else PersonPart.FOCUS_PERSON
        people.add_part(session, circle.focus_person_id, part)
    if circle.coordinator_id is not None:
        people.add_part(session, circle.coordinator_id, PersonPart.COORDINATOR)
    session.flush()
    audit.record(session, "circle created", f"circle {circle.id}")
    return circle


def _focus_from_referral(session: Session, form: CircleForm) -> None:
    """A circle formed from a referral is about the person referred, unless the form says otherwise."""
    if form.focus_person_id is None and form.referral_id is not None:
        form.focus_person_id = session.scalar(select(Referral.person_id).where(Referral.id == form.referral_id))


def update_circle(session: Session, circle_id: int, form: CircleForm) -> Circle:
    circle = get_circle(session, circle_id)
    _focus_from_referral(session, form)
    validate(session, form, circle_id)
    p = Problems()
    if form.kind != circle.kind:
        p.add("kind", "The kind of circle cannot be changed.")
    if form.focus_person_id != circle.focus_person_id and circle.status != CircleStatus.FORMING:
        p.add("focus_person_id", "The focus person cannot change once the circle is active.")
    first = _first_meeting(session, circle_id)
    if first is not None and form.started_on and first < form.started_on:
        p.add("started_on", f"The circle's start date cannot be after its first meeting ({uk_date(first)}).")
    p.not_before("started_on", circle.ended_on, form.started_on, "end date", "start date")
    p.raise_if_any()
    _apply(circle, form)
    session.flush()
    audit.record(session, "circle updated", f"circle {circle.id}")
    return circle


def get_circle(session: Session, circle_id: int) -> Circle:
    """The circle with its focus person, coordinator and CoSA details loaded, so it can be read detached."""
    circle = get(session, Circle, circle_id, "circle")
    _ = (circle.focus_person, circle.coordinator, circle.cosa)  # load now if the circle was made in this session
    return circle


def circle_form(session: Session, circle_id: int) -> CircleForm:
    c = get_circle(session, circle_id)
    return CircleForm(
        kind=c.kind,
        title=c.title,
        focus_person_id=c.focus_person_id,
        coordinator_id=c.coordinator_id,
        referral_id=c.referral_id,
        started_on=c.started_on,
        purpose=c.purpose,
        notes=c.notes,
        variant=c.cosa.variant if c.cosa else None,
        expected_release_on=c.cosa.expected_release_on if c.cosa else None,
        prison_id=c.cosa.prison_id if c.cosa else None,
    )


def _first_meeting(session: Session, circle_id: int) -> date | None:
    first = session.scalar(select(func.min(Meeting.starts_at)).where(Meeting.circle_id == circle_id))
    return first.date() if first else None


def days_until_release(circle: Circle, today: date | None = None) -> int | None:
    """Countdown for a prison / through-the-gate circle; negative once released. None if no date."""
    if circle.cosa is None or circle.cosa.expected_release_on is None:
        return None
    return (circle.cosa.expected_release_on - (today or date.today())).days


# --- life cycle ----------------------------------------------------------------------------------
def activation_problems(session: Session, circle: Circle, on_date: date) -> dict[str, str]:
    """What stops the circle going active on a date (empty when it can). Shown before the user tries."""
    p = Problems()
    if circle.status != CircleStatus.FORMING:
        p.add("status", f"Only a forming circle can be made active; this one is {label(circle.status).lower()}.")
    p.not_before("on_date", on_date, circle.started_on, "date it becomes active", "date it started forming")
    if circle.kind in FROM_REFERRAL:
        referral = session.get(Referral, circle.referral_id) if circle.referral_id else None
        if referral is None:
            p.add(
                "referral_id",
                "A circle becomes active only from an accepted referral: link its referral first.",
            )
        elif referral.status != ReferralStatus.ACCEPTED:
            p.add(
                "referral_id",
                f"A circle becomes active only from an accepted referral; its referral is "
                f"at “{label(referral.status)}”.",
            )
    needs = ACTIVE_NEEDS.get(circle.kind)
    if needs:
        n = session.scalar(
            select(func.count())
            .select_from(CircleMember)
            .where(
                CircleMember.circle_id == circle.id,
                CircleMember.ring == Ring.INNER,
                CircleMember.role.in_(needs),
                CircleMember.is_current(on_date),
            )
        )
        if not n:
            who = "volunteer" if circle.kind == CircleKind.COSA else "facilitator"
            p.add("members", f"Add at least one {who} to the inner circle before the circle becomes active.")
    if circle.cosa is not None and circle.cosa.variant == CosaVariant.YOUNG_PERSON:
        if not has_parent_carer_consent(session, circle.id, on_date):
            p.add(
                "consent",
                "For a young person's circle, record a parent's or carer's consent before the circle becomes active.",
            )
    return p.errors


def has_parent_carer_consent(session: Session, circle_id: int, on_date: date) -> bool:
    """A parent or carer has consented (and not withdrawn) on the date."""
    return bool(
        session.scalar(
            select(
                exists().where(
                    Consent.circle_id == circle_id,
                    Consent.parent_carer_id.is_not(None),
                    Consent.counts_on(on_date),
                )
            )
        )
    )


def activate_circle(session: Session, circle_id: int, on_date: date) -> Circle:
    circle = _unless_problems(session, circle_id, on_date, activation_problems)
    circle.activated_on = on_date
    _record_status(session, circle, CircleStatus.ACTIVE)
    return circle


def _unless_problems(
    session: Session, circle_id: int, on_date: date, problems_of: Callable[[Session, Circle, date], dict[str, str]]
) -> Circle:
    """The circle, if nothing stops the change on the date; else every problem, by field."""
    circle = get_circle(session, circle_id)
    problems = problems_of(session, circle, on_date)
    if problems:
        raise ValidationError(problems)
    return circle


def _record_status(session: Session, circle: Circle, status: CircleStatus) -> None:
    circle.status = status
    session.flush()
    audit.record(session, "circle updated", f"circle {circle.id}", f"status {status}")


# How a kind's life cycle is said: (the thing that ends, what it meets at).
_LIFE_WORDS = {
    CircleKind.CONVERSATION.value: ("series", "conversation"),
    CircleKind.PRACTICE.value: ("community of practice", "session"),
}


def closing_problems(session: Session, circle: Circle, on_date: date) -> dict[str, str]:
    p = Problems()
    if circle.status == CircleStatus.CLOSED:
        p.add("status", "This circle is already closed.")
    what, meeting = _LIFE_WORDS.get(circle.kind, ("circle", "meeting"))
    p.not_before("on_date", on_date, circle.started_on, "closing date", f"{what}'s start date")
    review = session.scalar(
        select(func.max(Meeting.starts_at)).where(
            Meeting.circle_id == circle.id, Meeting.kind == MeetingKind.END_OF_CIRCLE_REVIEW
        )
    )
    if circle.kind == CircleKind.COSA:
        if review is None:
            p.add("meetings", "Hold and record the end-of-circle review meeting before closing the circle.")
        elif review.date() > on_date:
            p.add("on_date", f"The circle cannot close before its end-of-circle review ({uk_date(review.date())}).")
    last = session.scalar(select(func.max(Meeting.starts_at)).where(Meeting.circle_id == circle.id))
    if last is not None and last.date() > on_date and "on_date" not in p.errors:
        p.add("on_date", f"The {what} cannot end before its last {meeting} ({uk_date(last.date())}).")
    return p.errors


# Kinds that end with a reason said: a conversation series, a community of practice.
ENDED_WITH_A_REASON = {CircleKind.CONVERSATION.value: "series of conversations", CircleKind.PRACTICE.value: "community"}


def close_circle(session: Session, circle_id: int, on_date: date, reason: str = "") -> Circle:
    """Close (end) a circle on a date, with why. A CoSA circle needs its end-of-circle review recorded
    first; a conversation series or a community of practice needs the reason."""
    circle = get_circle(session, circle_id)
    problems = closing_problems(session, circle, on_date)
    what = ENDED_WITH_A_REASON.get(circle.kind)
    if what and not reason.strip():
        problems["reason"] = f"Say why the {what} is ending."
    if problems:
        raise ValidationError(problems)
    circle.ended_on = on_date
    circle.ended_reason = reason.strip()
    _record_status(session, circle, CircleStatus.CLOSED)
    return circle
