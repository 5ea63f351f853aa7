"""Organisations (police, probation, prisons, charities...) and the professionals who work in them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from circles_desktop.models import Circle, CircleMember, Consent, Organisation, Person, ProfessionalRole, Referral
from circles_desktop.models.vocab import OrganisationKind, PersonPart
from circles_desktop.services.common.paging import SortKey, order_for
from circles_desktop.services.common.text import search_key, starts_with
from circles_desktop.services.common.validation import Problems, ValidationError, clean, get
from circles_desktop.services.people import people
from circles_desktop.services.security import audit


@dataclass
class OrganisationForm:
    name: str = ""
    kind: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    notes: str = ""


@dataclass(frozen=True)
class OrganisationRow:
    id: int
    name: str
    kind: str
    phone: str
    staff: int  # professionals currently recorded there


@dataclass(frozen=True)
class ProfessionalRow:
    """A professional: the role id (what a referral's referrer points to) and who and where."""

    role_id: int
    person_id: int
    name: str
    job_title: str
    organisation_id: int
    organisation: str
    organisation_kind: str


def validate(form: OrganisationForm) -> None:
    p = Problems()
    p.require("name", form.name, "the organisation's name")
    p.max_length("name", form.name, 200, "name")
    p.one_of("kind", form.kind, OrganisationKind.values(), "kind of organisation")
    p.raise_if_any()


def _refuse_same_name(session: Session, name: str, own_id: int | None = None) -> None:
    same = session.scalar(
        select(Organisation.name).where(Organisation.name_key == search_key(name), Organisation.id != (own_id or 0))
    )
    if same is not None:
        raise ValidationError({"name": f"“{same}” is already recorded."})


def _apply(org: Organisation, form: OrganisationForm) -> None:
    org.name = clean(form.name)
    org.name_key = search_key(org.name)
    org.kind = form.kind
    org.address = form.address.strip()
    org.phone = clean(form.phone)
    org.email = clean(form.email)
    org.notes = form.notes.strip()


def create_organisation(session: Session, form: OrganisationForm) -> Organisation:
    validate(form)
    _refuse_same_name(session, form.name)
    org = Organisation()
    _apply(org, form)
    session.add(org)
    session.flush()
    audit.record(session, "organisation created", f"organisation {org.id}")
    return org


def update_organisation(session: Session, organisation_id: int, form: OrganisationForm) -> Organisation:
    validate(form)
    org = get(session, Organisation, organisation_id, "organisation")
    _refuse_same_name(session, form.name, organisation_id)
    _apply(org, form)
    session.flush()
    audit.record(session, "organisation updated", f"organisation {org.id}")
    return org


def get_organisation(session: Session, organisation_id: int) -> Organisation:
    return get(session, Organisation, organisation_id, "organisation")


def organisation_form(session: Session, organisation_id: int) -> OrganisationForm:
    o = get_organisation(session, organisation_id)
    return OrganisationForm(o.name, o.kind, o.address, o.phone, o.email, o.notes)


def delete_organisation(session: Session, organisation_id: int) -> None:
    org = get_organisation(session, organisation_id)
    used = session.scalar(
        select(func.count()).select_from(ProfessionalRole).where(ProfessionalRole.organisation_id == organisation_id)
    )
    used = (used or 0) + (
        session.scalar(
            select(func.count())
            .select_from(Referral)
            .where(or_(Referral.agency_id == organisation_id, Referral.signposted_by_id == organisation_id))
        )
        or 0
    )
    used += (
        session.scalar(
            select(func.count()).select_from(CircleMember).where(CircleMember.organisation_id == organisation_id)
        )
        or 0
    )
    used += (
        session.scalar(
            select(func.count()).select_from(Consent).where(Consent.recipient_organisation_id == organisation_id)
        )
        or 0
    )
    if used:
        raise ValidationError(f"{org.name} cannot be deleted: staff, referrals, circles or consents refer to it.")
    session.delete(org)
    session.flush()
    audit.record(session, "organisation deleted", f"organisation {organisation_id}")


def _org_filters(text: str, kind: str | None) -> list:
    conds = [starts_with(Organisation.name_key, search_key(w)) for w in [text] if search_key(w)]
    if kind:
        conds.append(Organisation.kind == kind)
    return conds


def search_organisations(
    session: Session,
    text: str = "",
    kind: str | None = None,
    offset: int = 0,
    limit: int = 50,
    sort: str | None = "name",
    descending: bool = False,
) -> list[OrganisationRow]:
    """One page of the Organisations list; `text` matches the start of the name."""
    staff = (
        select(func.count())
        .select_from(ProfessionalRole)
        .where(ProfessionalRole.organisation_id == Organisation.id, ProfessionalRole.ended_on.is_(None))
        .scalar_subquery()
    )
    sorts: dict[str, tuple[SortKey, ...]] = {
        "name": (Organisation.name_key,),
        "kind": (Organisation.kind,),
        "phone": (Organisation.phone,),
        "staff": (staff,),
    }
    order = order_for(sorts, sort, "name", descending, Organisation.id)
    stmt = (
        select(Organisation.id, Organisation.name, Organisation.kind, Organisation.phone, staff.label("staff"))
        .where(*_org_filters(text, kind))
        .order_by(*order)
        .offset(offset)
        .limit(limit)
    )
    return [OrganisationRow(r.id, r.name, r.kind, r.phone, r.staff) for r in session.execute(stmt)]


def count_organisations(session: Session, text: str = "", kind: str | None = None) -> int:
    return session.scalar(select(func.count()).select_from(Organisation).where(*_org_filters(text, kind))) or 0


# --- professionals -------------------------------------------------------------------------------
def add_professional_role(
    session: Session,
    person_id: int,
    organisation_id: int | None,
    job_title: str,
    *,
    work_phone: str = "",
    work_email: str = "",
    started_on: date | None = None,
) -> ProfessionalRole:
    """Make a person a professional: they work at an organisation with a job title."""
    p = Problems()
    p.choose("organisation", organisation_id, "the organisation they work for")
    p.require("job_title", job_title, "their job title")
    p.raise_if_any()
    get(session, Person, person_id, "person")
    get(session, Organisation, organisation_id, "organisation")
    role = ProfessionalRole(
        person_id=person_id,
        organisation_id=organisation_id,
        job_title=clean(job_title),
        work_phone=clean(work_phone),
        work_email=clean(work_email),
        started_on=started_on,
    )
    session.add(role)
    people.add_part(session, person_id, PersonPart.PROFESSIONAL)
    session.flush()
    audit.record(session, "professional role created", f"professional role {role.id}")
    return role


def end_professional_role(session: Session, role_id: int, ended_on: date) -> ProfessionalRole:
    role = get(session, ProfessionalRole, role_id, "job")
    p = Problems()
    p.not_before("ended_on", ended_on, role.started_on, "end date", "start date")
    p.raise_if_any()
    role.ended_on = ended_on
    session.flush()
    audit.record(session, "professional role updated", f"professional role {role.id}")
    return role


def professional_roles(session: Session, person_id: int) -> list[ProfessionalRole]:
    return list(
        session.execute(
            select(ProfessionalRole).where(ProfessionalRole.person_id == person_id).order_by(ProfessionalRole.id)
        ).scalars()
    )


def current_professionals(stmt: Select, text: str = "", organisation_id: int | None = None) -> Select:
    """stmt (over ProfessionalRole) joined to person and organisation, narrowed to current jobs, every
    word of text starting a family name, given name or organisation name, and one organisation if given.

    search_professionals and referral_queries.count_professionals share it so a picker's count always
    matches its pages."""
    stmt = (
        stmt.join(Person, ProfessionalRole.person_id == Person.id)
        .join(Organisation, ProfessionalRole.organisation_id == Organisation.id)
        .where(ProfessionalRole.ended_on.is_(None))
    )
    for word in text.split():
        key = search_key(word)
        if key:
            stmt = stmt.where(
                or_(
                    starts_with(Person.family_key, key),
                    starts_with(Person.given_key, key),
                    starts_with(Organisation.name_key, key),
                )
            )
    if organisation_id is not None:
        stmt = stmt.where(ProfessionalRole.organisation_id == organisation_id)
    return stmt


def search_professionals(
    session: Session, text: str = "", organisation_id: int | None = None, offset: int = 0, limit: int = 50
) -> list[ProfessionalRow]:
    """Professionals in current jobs, for choosing a referrer or an outer-circle member."""
    stmt = current_professionals(
        select(
            ProfessionalRole.id,
            Person.id.label("person_id"),
            Person.given_name,
            Person.known_as,
            Person.family_name,
            ProfessionalRole.job_title,
            Organisation.id.label("org_id"),
            Organisation.name,
            Organisation.kind,
        ),
        text,
        organisation_id,
    )
    stmt = stmt.order_by(Person.family_key, Person.given_key, ProfessionalRole.id).offset(offset).limit(limit)
    return [
        ProfessionalRow(
            r.id,
            r.person_id,
            f"{r.known_as or r.given_name} {r.family_name}",
            r.job_title,
            r.org_id,
            r.name,
            r.kind,
        )
        for r in session.execute(stmt)
    ]


def circles_involving(session: Session, organisation_id: int) -> int:
    """How many circles have an outer-circle member from this organisation (for the organisation form)."""
    return (
        session.scalar(
            select(func.count(func.distinct(Circle.id)))
            .join(CircleMember, CircleMember.circle_id == Circle.id)
            .where(CircleMember.organisation_id == organisation_id)
        )
        or 0
    )
