"""Their circle: people from the person's own life (family, friends, neighbours, others), each recorded as
happy to help, around the person in focus with the facilitator and the connector.

They are the generic circle's members (inner ring, the relationship as their role); whether they are happy
to help, and how, is kept beside each (LifeMember). Nobody joins who has not said they are happy to help.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from circles_desktop.models import Circle, CircleMember, LifeMember, Person
from circles_desktop.models.vocab import CircleKind, MemberRole, Ring, label
from circles_desktop.services.circles import members
from circles_desktop.services.common.validation import ValidationError, clean, get
from circles_desktop.services.people import people
from circles_desktop.services.security import audit

RELATIONSHIPS = (MemberRole.FAMILY, MemberRole.FRIEND, MemberRole.NEIGHBOUR, MemberRole.OTHER)
# Who else is in a Community Circle, in the order the circle lists them.
ROLE_ORDER = (MemberRole.FOCUS_PERSON, MemberRole.FACILITATOR, MemberRole.CONNECTOR, *RELATIONSHIPS)


@dataclass(frozen=True)
class CircleMemberRow:
    member_id: int
    person_id: int
    name: str
    role: str
    how_they_help: str
    joined_on: date
    left_on: date | None
    from_their_life: bool

    @property
    def role_words(self) -> str:
        return label(self.role)

    def is_current(self, on: date) -> bool:
        return self.joined_on <= on and (self.left_on is None or self.left_on > on)


NOT_BOTH = (
    "Choose someone recorded, or type the name of someone new, not both: clear the search or the name typed below it."
)


def who_joins(session: Session, person_id: int | None, given_name: str = "", family_name: str = "") -> int | None:
    """The person joining: someone recorded (`person_id`), or someone new, recorded now from the name typed.
    Both at once is refused, so that a name typed is never dropped for the one chosen."""
    given, family = clean(given_name), clean(family_name)
    if not (given or family):
        return person_id
    if person_id is not None:
        raise ValidationError(NOT_BOTH, "person_id")
    # A likely duplicate is refused (LikelyDuplicate): the coordinator chooses them in the search instead.
    return people.create_person(session, people.PersonForm(given_name=given, family_name=family)).id


def add_from_their_life(
    session: Session,
    circle_id: int,
    person_id: int | None,
    relationship: str,
    happy_to_help: bool,
    joined_on: date | None,
    how_they_help: str = "",
) -> CircleMember:
    """Someone from the person's life joins their circle: only when they are happy to help."""
    circle = get(session, Circle, circle_id, "circle")
    role = relationship if relationship in RELATIONSHIPS else MemberRole.OTHER
    # The generic member rules (dates, already a member, circle ended) with this kind's own, all at once.
    p = members.member_problems(session, circle, person_id, Ring.INNER, role, joined_on, None)
    if circle.kind != CircleKind.COMMUNITY:
        p.add("", "People from the person's own life are added to Community Circles here.")
    p.one_of("relationship", relationship, tuple(RELATIONSHIPS), "relationship to the person")
    if not happy_to_help:
        who = session.get(Person, person_id) if person_id is not None else None
        name = who.display_name if who is not None else "them"
        p.add(
            "happy_to_help",
            f"Ask {name} first: people join a Community Circle only when they are happy to help. "
            "Tick “Happy to help” once they have said so.",
        )
    p.max_length("how_they_help", clean(how_they_help), 500, "note of how they will help")
    p.raise_if_any()
    member = members.add_member(session, circle_id, person_id, Ring.INNER, role, joined_on)
    session.add(LifeMember(member_id=member.id, happy_to_help=True, how_they_help=clean(how_they_help)))
    session.flush()
    audit.record(session, "circle member updated", f"circle member {member.id}", "happy to help")
    return member


def their_circle(session: Session, circle_id: int) -> list[CircleMemberRow]:
    """Everyone who is or was in the circle: the person in focus, facilitator, connector, then people from
    their life; each kind by name."""
    rows = session.execute(
        select(CircleMember, LifeMember.how_they_help, LifeMember.member_id)
        .outerjoin(LifeMember, LifeMember.member_id == CircleMember.id)
        .where(CircleMember.circle_id == circle_id)
    ).all()
    found = [
        CircleMemberRow(
            m.id, m.person_id, m.person.display_name, m.role, how or "", m.joined_on, m.left_on, life is not None
        )
        for m, how, life in rows
    ]
    order: dict[str, int] = {r.value: i for i, r in enumerate(ROLE_ORDER)}
    return sorted(found, key=lambda r: (order.get(r.role, 99), r.left_on is not None, r.name.casefold(), r.member_id))


def leaves(session: Session, member_id: int, left_on: date | None) -> None:
    """Someone leaves the circle (their history stays)."""
    members.member_leaves(session, member_id, left_on)
