"""Consent: what the core member agreed each outer-circle recipient may receive, and when.

When consent counts and whom it reaches are the model's rules (`Consent.counts_on`, `Consent.reaches`,
`CircleMember.in_outer_circle_on`); this module applies them. Minutes for a recipient contain only the
categories `consented_categories` returns for the meeting date; "internal" is never among them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import ColumnElement, ColumnExpressionArgument, or_, select
from sqlalchemy.orm import Session

from circles_desktop.models import Circle, CircleMember, Consent, Organisation, Person
from circles_desktop.models.vocab import SHAREABLE, Category, CosaVariant, MemberRole, Ring, label
from circles_desktop.services.common import attachments
from circles_desktop.services.common.validation import Problems, ValidationError, get
from circles_desktop.services.common.words import uk_date
from circles_desktop.services.security import audit

CATEGORIES: tuple[str, ...] = tuple(c.value for c in SHAREABLE)


@dataclass(frozen=True)
class Recipient:
    """Someone minutes can go to: an outer-circle member, or an organisation as a whole."""

    kind: str  # "member" or "organisation"
    id: int  # CircleMember id or Organisation id
    name: str
    organisation: str = ""
    person_id: int | None = None

    @property
    def ids(self) -> tuple[int | None, int | None]:
        """(member id, organisation id), one of them None: as a consent names its recipient."""
        return (self.id, None) if self.kind == "member" else (None, self.id)


@dataclass(frozen=True)
class ConsentCell:
    consent_id: int
    given_on: date
    withdrawn_on: date | None


@dataclass(frozen=True)
class ConsentMatrixRow:
    recipient: Recipient
    cells: dict[str, ConsentCell | None] = field(default_factory=dict)  # category -> consent counting, or None

    @property
    def covered(self) -> frozenset[str]:
        return frozenset(c for c, cell in self.cells.items() if cell is not None)


def _given_to(member_id: int | None, organisation_id: int | None) -> ColumnElement[bool]:
    """Consent given to this recipient itself, not reaching them through their organisation."""
    if member_id is not None:
        return Consent.recipient_member_id == member_id
    return Consent.recipient_organisation_id == organisation_id


def _circle_id(circle: Circle | int) -> int:
    return circle if isinstance(circle, int) else circle.id


# --- giving and withdrawing ----------------------------------------------------------------------
def give_consent(
    session: Session,
    circle_id: int,
    *,
    categories: Iterable[str],
    given_on: date | None,
    given_by_id: int | None,
    recipient_member_id: int | None = None,
    recipient_organisation_id: int | None = None,
    parent_carer_id: int | None = None,
    signed_form: tuple[str, bytes] | None = None,
    notes: str = "",
    today: date | None = None,
) -> list[Consent]:
    """Record consent to one recipient for some categories (one row per category, sharing a signed form)."""
    today = today or date.today()
    circle = get(session, Circle, circle_id, "circle")
    chosen = list(dict.fromkeys(categories))
    # The checks run in this order because the first problem found for a field is the one shown.
    p = Problems()
    _check_categories(p, chosen)
    if (recipient_member_id is None) == (recipient_organisation_id is None):
        p.add("recipient", "Choose one recipient: an outer-circle member or an organisation.")
    p.require("given_on", given_on, "the date consent was given")
    if given_on and given_on > today:
        p.add("given_on", "The date consent was given cannot be in the future.")
    p.choose("given_by_id", given_by_id, "who gave consent")
    parent_carer_id = _parent_carer_consenting(p, circle, given_by_id, parent_carer_id)
    _check_recipient(p, session, circle_id, recipient_member_id, recipient_organisation_id, given_on)
    _check_givers(p, session, circle, given_by_id, parent_carer_id)
    if not p.errors and given_on is not None:
        clash = _already_counting(session, circle_id, recipient_member_id, recipient_organisation_id, chosen, given_on)
        if clash:
            p.add(
                "categories",
                f"Consent for “{label(clash.category)}” to this recipient is already recorded "
                f"from {uk_date(clash.given_on)}.",
            )
    p.raise_if_any()
    form_id = attachments.store(session, *signed_form, field="signed_form").id if signed_form else None
    made = [
        Consent(
            circle_id=circle_id,
            recipient_member_id=recipient_member_id,
            recipient_organisation_id=recipient_organisation_id,
            category=category,
            given_by_id=given_by_id,
            parent_carer_id=parent_carer_id,
            given_on=given_on,
            signed_form_id=form_id,
            notes=notes.strip(),
        )
        for category in chosen
    ]
    session.add_all(made)
    session.flush()
    for c in made:
        audit.record(session, "consent created", f"consent {c.id}")
    return made


def _check_categories(p: Problems, chosen: list[str]) -> None:
    if Category.INTERNAL in chosen:
        p.add(
            "categories",
            "Internal notes (volunteers' preparation and debrief) are never shared, so consent cannot cover them.",
        )
    unknown = [c for c in chosen if c not in CATEGORIES and c != Category.INTERNAL]
    if unknown:
        p.add("categories", f"“{unknown[0]}” is not a category of information.")
    if not chosen:
        p.add("categories", "Choose at least one kind of information the recipient may receive.")


def _check_recipient(
    p: Problems,
    session: Session,
    circle_id: int,
    member_id: int | None,
    organisation_id: int | None,
    given_on: date | None,
) -> None:
    """Consent goes to an outer-circle member of this circle (not one who had left) or an organisation."""
    if member_id is not None:
        member = session.get(CircleMember, member_id)
        if member is None or member.circle_id != circle_id:
            p.add("recipient", "That recipient is not a member of this circle.")
        elif member.ring != Ring.OUTER:
            p.add(
                "recipient",
                f"{member.person.display_name} is in the inner circle; consent is given to "
                "outer-circle members and organisations.",
            )
        elif given_on and member.left_on is not None and member.left_on <= given_on:
            p.add("given_on", f"{member.person.display_name} left the circle on {uk_date(member.left_on)}.")
    if organisation_id is not None and session.get(Organisation, organisation_id) is None:
        p.add("recipient", "That organisation is no longer recorded.")


PARENT_GIVES_THEIR_OWN = (
    "Consent given by a parent or carer is their own, so they are the parent or carer consenting: "
    "record another parent's or carer's consent separately."
)


def _parent_carer_consenting(
    p: Problems, circle: Circle, given_by_id: int | None, parent_carer_id: int | None
) -> int | None:
    """For a young person, consent given by a parent or carer is their own: they are the parent or carer
    consenting. Another one chosen as well is refused, rather than dropped for the one who gave it."""
    is_young = circle.cosa is not None and circle.cosa.variant == CosaVariant.YOUNG_PERSON
    if not is_young or given_by_id is None or given_by_id == circle.focus_person_id:
        return parent_carer_id
    if parent_carer_id not in (None, given_by_id):
        p.add("parent_carer_id", PARENT_GIVES_THEIR_OWN)  # said once, here: the giver is checked as the parent
    return given_by_id


def _check_givers(
    p: Problems, session: Session, circle: Circle, given_by_id: int | None, parent_carer_id: int | None
) -> None:
    """The core member gives consent; for a young person a parent or carer in the circle gives it too."""
    if given_by_id is not None and given_by_id not in (circle.focus_person_id, parent_carer_id):
        p.add("given_by_id", "Consent is given by the core member (or, for a young person, a parent or carer).")
    is_young = circle.cosa is not None and circle.cosa.variant == CosaVariant.YOUNG_PERSON
    if parent_carer_id is not None:
        if not is_young:
            p.add("parent_carer_id", "A parent's or carer's consent is recorded for a young person's circle.")
        elif not _is_parent_carer(session, circle.id, parent_carer_id):
            p.add("parent_carer_id", "Add the parent or carer to the circle first (role: parent or carer).")


def _is_parent_carer(session: Session, circle_id: int, person_id: int) -> bool:
    return (
        session.scalar(
            select(CircleMember.id)
            .where(
                CircleMember.circle_id == circle_id,
                CircleMember.person_id == person_id,
                CircleMember.role == MemberRole.PARENT_CARER,
            )
            .limit(1)
        )
        is not None
    )


def _already_counting(
    session: Session,
    circle_id: int,
    member_id: int | None,
    org_id: int | None,
    categories: list[str],
    on: date,
) -> Consent | None:
    # Clashes with consent still open on the date, even if it was given later.
    stmt = select(Consent).where(
        Consent.circle_id == circle_id,
        Consent.category.in_(categories),
        Consent.not_withdrawn_by(on),
        _given_to(member_id, org_id),
    )
    return session.execute(stmt.limit(1)).scalars().first()


def withdraw_consent(
    session: Session, consent_id: int, withdrawn_on: date | None, reason: str = "", today: date | None = None
) -> Consent:
    """Consent stops counting from the withdrawn date."""
    today = today or date.today()
    consent = get(session, Consent, consent_id, "consent")
    p = Problems()
    p.require("withdrawn_on", withdrawn_on, "the date consent was withdrawn")
    if consent.withdrawn_on is not None:
        p.add("withdrawn_on", f"This consent was already withdrawn on {uk_date(consent.withdrawn_on)}.")
    if withdrawn_on and withdrawn_on > today:
        p.add("withdrawn_on", "The date consent was withdrawn cannot be in the future.")
    p.not_before("withdrawn_on", withdrawn_on, consent.given_on, "date consent was withdrawn", "date it was given")
    p.raise_if_any()
    consent.withdrawn_on = withdrawn_on
    consent.withdrawn_reason = reason.strip()
    session.flush()
    audit.record(session, "consent updated", f"consent {consent.id}", "withdrawn")
    return consent


def withdraw_all(
    session: Session,
    circle_id: int,
    recipient: Recipient,
    withdrawn_on: date,
    reason: str = "",
    categories: Iterable[str] | None = None,
) -> list[Consent]:
    """Withdraw every counting consent to a recipient (or just some categories) from a date."""
    stmt = select(Consent).where(
        Consent.circle_id == circle_id, Consent.withdrawn_on.is_(None), _given_to(*recipient.ids)
    )
    if categories is not None:
        stmt = stmt.where(Consent.category.in_(list(categories)))
    return [withdraw_consent(session, c.id, withdrawn_on, reason) for c in session.execute(stmt).scalars()]


def signed_form_file(session: Session, consent_id: int) -> tuple[str, str, bytes] | None:
    consent = get(session, Consent, consent_id, "consent")
    if consent.signed_form_id is None:
        return None
    result = attachments.content(session, consent.signed_form_id)
    audit.record(session, "consent form opened", f"consent {consent_id}")
    return result


# --- what consent covers -------------------------------------------------------------------------
Receiver = Recipient | CircleMember | Organisation | Person


def _standing_for(
    session: Session, circle_id: int, recipient: Receiver, on_date: date
) -> list[CircleMember | Organisation]:
    """Whom consent must reach for `recipient` to receive on the date: the organisation itself, or the
    outer-circle memberships (a member's own, or all of a person's) in the circle on that date."""
    if isinstance(recipient, Recipient):
        found: CircleMember | Organisation | None = (
            session.get(CircleMember, recipient.id)
            if recipient.kind == "member"
            else session.get(Organisation, recipient.id)
        )
        if found is None:
            return []
        recipient = found
    if isinstance(recipient, Organisation):
        return [recipient]
    if isinstance(recipient, CircleMember):
        mine = recipient.circle_id == circle_id and recipient.in_outer_circle_on(on_date)
        return [recipient] if mine else []
    stmt = select(CircleMember).where(
        CircleMember.circle_id == circle_id,
        CircleMember.person_id == recipient.id,
        CircleMember.in_outer_circle_on(on_date),
    )
    return list(session.scalars(stmt))


def _counting_for(
    session: Session, circle_id: int, recipient: Receiver, on_date: date
) -> list[ColumnExpressionArgument[bool]] | None:
    """The conditions for consents that count for `recipient` on the date; None when none can."""
    reached = _standing_for(session, circle_id, recipient, on_date)
    if not reached:
        return None
    return [
        Consent.circle_id == circle_id,
        or_(*(Consent.reaches(r) for r in reached)),
        Consent.counts_on(on_date),
        Consent.category != Category.INTERNAL,
    ]


def consented_categories(session: Session, circle: Circle | int, recipient: Receiver, on_date: date) -> frozenset[str]:
    """The categories `recipient` may receive about this circle on `on_date`.

    A member (or a person, through their membership) is covered by consent given to them and to the
    organisation they represent in the circle, but only while they are in the outer circle. An
    organisation is covered by consent given to it. Never includes "internal".
    """
    where = _counting_for(session, _circle_id(circle), recipient, on_date)
    return frozenset(session.scalars(select(Consent.category).where(*where))) if where else frozenset()


def counting_consents(session: Session, circle: Circle | int, recipient: Receiver, on_date: date) -> list[Consent]:
    """The consents behind `consented_categories`, oldest first (a shared copy records which it relied on)."""
    where = _counting_for(session, _circle_id(circle), recipient, on_date)
    return list(session.scalars(select(Consent).where(*where).order_by(Consent.id))) if where else []


def recipients(session: Session, circle_id: int, on_date: date | None = None) -> list[Recipient]:
    """Outer-circle members (current on the date, if given) and organisations consent was given to."""
    stmt = select(CircleMember).where(CircleMember.circle_id == circle_id, CircleMember.ring == Ring.OUTER)
    if on_date is not None:
        stmt = stmt.where(CircleMember.is_current(on_date))
    found = [
        Recipient("member", m.id, m.person.display_name, m.organisation.name if m.organisation else "", m.person_id)
        for m in session.execute(stmt.order_by(CircleMember.id)).scalars()
    ]
    orgs = session.execute(
        select(Organisation.id, Organisation.name)
        .join(Consent, Consent.recipient_organisation_id == Organisation.id)
        .where(Consent.circle_id == circle_id)
        .distinct()
        .order_by(Organisation.name)
    )
    found += [Recipient("organisation", o.id, o.name, o.name) for o in orgs]
    return found


def consent_matrix(session: Session, circle_id: int, on_date: date) -> list[ConsentMatrixRow]:
    """Recipients × categories on a date: each cell the direct consent that counts, or None.

    Cells show consent given to that recipient itself; consent to a member's organisation also covers
    the member (see consented_categories), which `covered_through_organisation` tells the UI.
    """
    rows = []
    stmt = select(Consent).where(Consent.circle_id == circle_id, Consent.counts_on(on_date))
    consents = session.execute(stmt).scalars().all()
    for r in recipients(session, circle_id, on_date):
        cells: dict[str, ConsentCell | None] = dict.fromkeys(CATEGORIES)
        for c in consents:
            if (c.recipient_member_id, c.recipient_organisation_id) == r.ids:  # given to them, as _given_to
                cells[c.category] = ConsentCell(c.id, c.given_on, c.withdrawn_on)
        rows.append(ConsentMatrixRow(r, cells))
    return rows


def covered_through_organisation(session: Session, circle_id: int, member_id: int, on_date: date) -> frozenset[str]:
    """Categories a member receives only because consent was given to their organisation."""
    m = get(session, CircleMember, member_id, "circle member")
    if m.organisation is None:
        return frozenset()
    stmt = select(Consent.category).where(
        Consent.circle_id == circle_id, Consent.reaches(m.organisation), Consent.counts_on(on_date)
    )
    return frozenset(session.scalars(stmt))


def consent_history(session: Session, circle_id: int) -> list[Consent]:
    """Every consent in the circle, newest first, withdrawn ones included."""
    return list(
        session.execute(
            select(Consent).where(Consent.circle_id == circle_id).order_by(Consent.given_on.desc(), Consent.id.desc())
        ).scalars()
    )


def require_shareable(category: str, field_name: str = "category") -> None:
    if category not in Category.values():
        raise ValidationError(f"“{category}” is not a category of information.", field_name)
