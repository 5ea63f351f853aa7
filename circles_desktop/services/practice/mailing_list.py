"""A community of practice's mailing list: people who asked to be added, with the date and their consent,
and removal on request; and the list exported for the coordinator's own mail program (CSV and vCard 3.0),
since the app itself never sends anything.

Removal is honoured once, here: `current_entries` leaves out everyone removed, and every export is built
from it. Each export is a disclosure, so it is written to the audit log (the list and how many rows, never
a name) in the same unit of work as the file.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from circles_desktop.models import MailingListEntry, Person, ProfessionalRole
from circles_desktop.reports.kit.pdfio import write_file
from circles_desktop.services.common.validation import Problems, ValidationError, clean, get
from circles_desktop.services.common.words import uk_date
from circles_desktop.services.practice.practice import find_practice
from circles_desktop.services.security import audit

CSV = "csv"
VCARD = "vcard"
FORMATS = {CSV: ".csv", VCARD: ".vcf"}
CSV_HEADER = ("Name", "Given name", "Family name", "Email", "Organisation")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass
class EntryForm:
    person_id: int | None = None
    email: str = ""  # the address they asked to be sent to
    asked_on: date | None = None
    consented: bool = False  # they agreed to be sent the community of practice's emails
    consent_note: str = ""  # how: by email, on the sign-in sheet…


@dataclass(frozen=True)
class EntryRow:
    id: int
    person_id: int
    name: str
    given_name: str
    family_name: str
    email: str
    organisation: str
    asked_on: date
    consent_note: str
    removed_on: date | None
    removal_note: str

    @property
    def on_list(self) -> bool:
        return self.removed_on is None


def _check(session: Session, circle_id: int, form: EntryForm, today: date, entry_id: int | None = None) -> None:
    circle = find_practice(session, circle_id)
    p = Problems()
    p.choose("person_id", form.person_id, "the person who asked to be added")
    email = clean(form.email)
    p.require("email", email, "the email address they asked to be sent to")
    if email and not _EMAIL.match(email):
        p.add("email", f"“{email}” is not an email address (it should look like name@example.org).")
    p.max_length("email", email, 200, "email address")
    p.require("asked_on", form.asked_on, "the date they asked to be added")
    p.not_before("asked_on", form.asked_on, circle.started_on, "date they asked", "community of practice's start")
    if form.asked_on is not None and form.asked_on > today:
        p.add("asked_on", "The date they asked cannot be in the future.")
    if not form.consented:
        p.add("consented", "Only someone who agreed to be on the mailing list can be added: tick that they agreed.")
    if form.person_id is not None:
        already = session.scalar(
            select(MailingListEntry.id).where(
                MailingListEntry.circle_id == circle_id,
                MailingListEntry.person_id == form.person_id,
                MailingListEntry.removed_on.is_(None),
                MailingListEntry.id != (entry_id or 0),
            )
        )
        if already is not None:
            p.add("person_id", "This person is already on the mailing list.")
    p.raise_if_any()
    get(session, Person, form.person_id, "person")


def add_entry(session: Session, circle_id: int, form: EntryForm, today: date | None = None) -> MailingListEntry:
    """Someone asked to be added (again, after a removal, makes a new entry: the history stays)."""
    _check(session, circle_id, form, today or date.today())
    entry = MailingListEntry(
        circle_id=circle_id,
        person_id=form.person_id,
        email=clean(form.email),
        asked_on=form.asked_on,
        consented=True,
        consent_note=form.consent_note.strip(),
    )
    session.add(entry)
    session.flush()
    audit.record(session, "mailing list entry created", f"mailing list entry {entry.id}", f"circle {circle_id}")
    return entry


def update_entry(session: Session, entry_id: int, form: EntryForm, today: date | None = None) -> MailingListEntry:
    entry = get(session, MailingListEntry, entry_id, "mailing list entry")
    if entry.removed_on is not None:
        raise ValidationError("This person was removed from the mailing list; add them again if they ask.")
    _check(session, entry.circle_id, form, today or date.today(), entry_id)
    entry.person_id = form.person_id  # type: ignore[assignment]
    entry.email, entry.asked_on = clean(form.email), form.asked_on  # type: ignore[assignment]
    entry.consent_note = form.consent_note.strip()
    session.flush()
    audit.record(session, "mailing list entry updated", f"mailing list entry {entry_id}")
    return entry


def entry_form(session: Session, entry_id: int) -> EntryForm:
    e = get(session, MailingListEntry, entry_id, "mailing list entry")
    return EntryForm(e.person_id, e.email, e.asked_on, e.consented, e.consent_note)


def remove_entry(
    session: Session, entry_id: int, on: date | None, note: str = "", today: date | None = None
) -> MailingListEntry:
    """Removal on request: from that day no export includes them."""
    entry = get(session, MailingListEntry, entry_id, "mailing list entry")
    p = Problems()
    if entry.removed_on is not None:
        p.add("", f"They were already removed on {uk_date(entry.removed_on)}.")
    p.require("removed_on", on, "the date they asked to be removed")
    p.not_before("removed_on", on, entry.asked_on, "date they asked to be removed", "date they asked to be added")
    if on is not None and on > (today or date.today()):
        p.add("removed_on", "Record the removal when they ask: the date cannot be in the future.")
    p.raise_if_any()
    entry.removed_on, entry.removal_note = on, note.strip()
    session.flush()
    audit.record(session, "mailing list entry removed", f"mailing list entry {entry_id}")
    return entry


def _organisations(session: Session, person_ids: list[int]) -> dict[int, str]:
    """Each person's current organisation (their latest job that has not ended)."""
    from circles_desktop.models import Organisation

    if not person_ids:
        return {}
    stmt = (
        select(ProfessionalRole.person_id, Organisation.name)
        .join(Organisation, Organisation.id == ProfessionalRole.organisation_id)
        .where(ProfessionalRole.person_id.in_(person_ids), ProfessionalRole.ended_on.is_(None))
        .order_by(ProfessionalRole.id)
    )
    return dict(session.execute(stmt).all())


def entries(session: Session, circle_id: int, include_removed: bool = False) -> list[EntryRow]:
    """The list by family name; people removed at their request only when asked for (for the history)."""
    find_practice(session, circle_id)
    stmt = select(MailingListEntry).join(Person, Person.id == MailingListEntry.person_id)
    stmt = stmt.where(MailingListEntry.circle_id == circle_id)
    if not include_removed:
        stmt = stmt.where(MailingListEntry.removed_on.is_(None))
    stmt = stmt.order_by(MailingListEntry.removed_on.is_not(None), Person.family_key, Person.given_key)
    found = list(session.scalars(stmt))
    orgs = _organisations(session, [e.person_id for e in found])
    return [
        EntryRow(
            e.id,
            e.person_id,
            e.person.display_name,
            e.person.known_as or e.person.given_name,
            e.person.family_name,
            e.email,
            orgs.get(e.person_id, ""),
            e.asked_on,
            e.consent_note,
            e.removed_on,
            e.removal_note,
        )
        for e in found
    ]


def current_entries(session: Session, circle_id: int) -> list[EntryRow]:
    """Everyone on the list now: the only rows any export is built from."""
    return [e for e in entries(session, circle_id) if e.on_list]


# --- exports -------------------------------------------------------------------------------------------
def to_csv(rows: list[EntryRow]) -> bytes:
    """UTF-8 with a byte-order mark, so Excel and Outlook read accents right."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for r in rows:
        writer.writerow([_safe(v) for v in (r.name, r.given_name, r.family_name, r.email, r.organisation)])
    return out.getvalue().encode("utf-8-sig")


def _safe(value: str) -> str:
    # A cell a spreadsheet would run as a formula (=, +, -, @) is kept as text.
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def to_vcard(rows: list[EntryRow]) -> bytes:
    """vCard 3.0, one card per person, as vobject writes them (escaping and line folding included)."""
    import vobject

    cards = []
    for r in rows:
        card = vobject.vCard()
        card.add("n").value = vobject.vcard.Name(family=r.family_name, given=r.given_name)
        card.add("fn").value = r.name
        email = card.add("email")
        email.value = r.email
        email.type_param = "INTERNET"
        if r.organisation:
            card.add("org").value = [r.organisation]
        cards.append(card.serialize())
    return "".join(cards).encode("utf-8")


def export_file_name(session: Session, circle_id: int, fmt: str, today: date | None = None) -> str:
    circle = find_practice(session, circle_id)
    return f"mailing-list-{circle.reference}-{(today or date.today()).isoformat()}{FORMATS.get(fmt, '')}"


def export_mailing_list(session: Session, circle_id: int, fmt: str, path: str | Path) -> int:
    """Write everyone on the list now (never anyone removed) to `path` as CSV or vCard, audited in the
    same unit of work. Returns how many were written."""
    if fmt not in FORMATS:
        raise ValidationError("Export the mailing list as CSV or vCard.", "format")
    circle = find_practice(session, circle_id)
    rows = current_entries(session, circle_id)
    if not rows:
        raise ValidationError("No one is on the mailing list, so there is nothing to export.")
    data = to_csv(rows) if fmt == CSV else to_vcard(rows)
    detail = f"mailing list of {circle.reference}; {len(rows)} rows; {fmt}"
    audit.record(session, "mailing list exported", f"circle {circle_id}", detail)
    write_file(path, data)
    return len(rows)
