"""The organisation on every document: its name, address and logo, set in Settings and printed at the
head of the minutes, meeting packs, referral summaries, questionnaires and learning circle records (and
any later document, which takes its letterhead from `letterhead` here).

Until a name is set, a circle's documents carry the organisation of its coordinator's current job (how
documents were named before this setting), or for CoSA the general name; a learning circle's record
then has none, as before. The logo's bytes are kept in
stored_files, inside the encrypted database; the logo is checked where it is drawn
(reports/kit/letterhead.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from circles_desktop.models import Circle, StoredFile
from circles_desktop.models.vocab import CircleKind
from circles_desktop.reports.kit.letterhead import Letterhead, logo_media_type, logo_problem
from circles_desktop.services.common.validation import Problems, ValidationError, clean
from circles_desktop.services.security import audit
from circles_desktop.services.settings import stored

NAME = "organisation.name"
ADDRESS = "organisation.address"
LOGO_FILE = "organisation.logo_file"  # the id of its StoredFile
DEFAULT_NAME = "Circles of Support and Accountability"  # documents of no one circle (a blank questionnaire)
DEFAULT_NAMES: dict[str, str] = {CircleKind.COSA: DEFAULT_NAME, CircleKind.COMMUNITY: "Community Circles"}
NAME_MAX = 200
ADDRESS_MAX_LINES = 6
ADDRESS_MAX = 400


@dataclass
class OrganisationForm:
    name: str = ""
    address: str = ""


@dataclass(frozen=True)
class OrganisationDetails:
    """What Settings shows."""

    name: str
    address: str
    logo_name: str  # the file it came from, "" for none
    logo: bytes | None


def _logo_file(session: Session, values: dict[str, str]) -> StoredFile | None:
    ident = values.get(LOGO_FILE, "")
    return session.get(StoredFile, int(ident)) if ident.isdigit() else None


def organisation_details(session: Session) -> OrganisationDetails:
    values = stored.read(session, (NAME, ADDRESS, LOGO_FILE))
    logo = _logo_file(session, values)
    return OrganisationDetails(
        values.get(NAME, ""), values.get(ADDRESS, ""), logo.filename if logo else "", logo.content if logo else None
    )


def save_organisation(session: Session, form: OrganisationForm) -> None:
    """Save the name and address (a blank name goes back to the coordinator's organisation)."""
    name = clean(form.name)
    lines = [line.rstrip() for line in form.address.strip().splitlines()]
    p = Problems()
    p.max_length("name", name, NAME_MAX, "organisation's name")
    if len(lines) > ADDRESS_MAX_LINES:
        p.add("address", f"The address is too long for the head of a page: at most {ADDRESS_MAX_LINES} lines.")
    p.max_length("address", "\n".join(lines), ADDRESS_MAX, "address")
    p.raise_if_any()
    stored.write(session, {NAME: name, ADDRESS: "\n".join(lines)})
    audit.record(session, "settings updated", "organisation name and address")


def set_logo(session: Session, file_name: str, data: bytes) -> None:
    """Keep a new logo (replacing any before it) once it is a PNG or JPEG of a size that prints well."""
    problem = logo_problem(data)
    if problem is not None:
        raise ValidationError({"logo": problem})
    from circles_desktop.services.sharing.sharing import sha256_hex

    old = _logo_file(session, stored.read(session, (LOGO_FILE,)))
    logo = StoredFile(
        filename=clean(file_name)[-255:] or "logo",
        media_type=logo_media_type(data) or "",
        size=len(data),
        sha256=sha256_hex(data),
        content=data,
    )
    session.add(logo)
    session.flush()
    stored.write(session, {LOGO_FILE: str(logo.id)})
    if old is not None:
        session.delete(old)
    audit.record(session, "settings updated", "organisation logo", f"stored file {logo.id}")


def remove_logo(session: Session) -> None:
    old = _logo_file(session, stored.read(session, (LOGO_FILE,)))
    stored.forget(session, (LOGO_FILE,))
    if old is not None:
        session.delete(old)
        session.flush()
    audit.record(session, "settings updated", "organisation logo removed")


def letterhead(session: Session, circle: Circle | None = None, host: str = "") -> Letterhead:
    """What a document prints at its head. Without a name set, `host` (a Community Circle's, the
    partner organisation hosting its connector), else the organisation of the circle's coordinator's
    current job, else the general name for its kind."""
    values = stored.read(session, (NAME, ADDRESS, LOGO_FILE))
    logo = _logo_file(session, values)
    name = values.get(NAME, "")
    if not name and circle is None:
        name = DEFAULT_NAME
    elif not name and circle is not None:
        name = host or _coordinators_organisation(session, circle) or DEFAULT_NAMES.get(circle.kind, "")
    return Letterhead(name, values.get(ADDRESS, ""), logo.content if logo else None)


def _coordinators_organisation(session: Session, circle: Circle) -> str:
    from circles_desktop.services.organisations.organisations import professional_roles

    if circle.coordinator_id is not None:
        for role in reversed(professional_roles(session, circle.coordinator_id)):
            if role.ended_on is None and role.organisation is not None:
                return role.organisation.name
    return ""
