"""How a person, a professional and an organisation are searched for and named when a coordinator
picks one: the one place for each search and each label, whichever picker shows them.

- For a SearchPicker (a search box and a short drop-down inline in a form): `person_choices(state)`,
  `organisation_choices(state)`, each a fetch `text -> [(id, label)]` of one line per record.
- For a RecordPicker (a search dialog over a paged table): `people_source()`, `professionals_source()`,
  `organisations_source()`, and the ready-made `person_picker`, `professional_picker`,
  `organisation_picker`.
- `organisation_options(session)`: every organisation for a plain combo box.

The services do the searching, in SQL; this module decides only what is asked and how a row reads.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from circles_desktop.models.vocab import label
from circles_desktop.services.common.words import uk_date
from circles_desktop.ui.common.operations import read
from circles_desktop.ui.common.pickers.record_picker import PickerSource, PickRow, RecordPicker
from circles_desktop.ui.common.pickers.search_picker import Choices

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from circles_desktop.ui.app.app_state import AppState

PAGE = 50  # records a drop-down offers for what is typed; typing more narrows them
EVERY_ORGANISATION = 5000  # a plain combo of organisations: a region has a few hundred at most

Role = Callable[[], str | None] | str | None  # a part (vocab.PersonPart), or a callable giving the current one


# --- how a record reads ------------------------------------------------------------------------------
def person_label(row: Any) -> str:
    """A PersonRow on one line: name, then what tells two people of the same name apart."""
    extra = [x for x in (uk_date(row.date_of_birth) and f"born {uk_date(row.date_of_birth)}", row.reference) if x]
    return row.display_name + (f" ({', '.join(extra)})" if extra else "")


def organisation_label(row: Any) -> str:
    """An OrganisationRow on one line: "Severn Probation Delivery Unit (Probation)"."""
    return f"{row.name} ({label(row.kind)})"


def professional_label(row: Any) -> str:
    """A ProfessionalRow: "Priya Shah — Probation officer, Severn Probation Delivery Unit"."""
    from circles_desktop.services.referrals.referral_queries import professional_label as words

    return words(row.name, row.job_title, row.organisation)


# --- one line each, for a SearchPicker -----------------------------------------------------------------
def person_choices(state: AppState, role: Role = None) -> Callable[[str], Choices]:
    def fetch(text: str) -> Choices:
        from circles_desktop.services.people import people

        part = role() if callable(role) else role
        return read(
            state,
            lambda s: [(r.id, person_label(r)) for r in people.search_people(s, text, role=part, limit=PAGE)],
            [],
        )

    return fetch


def organisation_choices(state: AppState) -> Callable[[str], Choices]:
    def fetch(text: str) -> Choices:
        from circles_desktop.services.organisations import organisations

        return read(
            state,
            lambda s: [(o.id, organisation_label(o)) for o in organisations.search_organisations(s, text, limit=PAGE)],
            [],
        )

    return fetch


def person_name(state: AppState, person_id: int) -> str | None:
    """The name of one person, for showing a choice that is not among the matches listed."""
    from circles_desktop.services.people import people

    return read(state, lambda s: people.names(s, [person_id]).get(person_id), None)


def organisation_options(session: Session, limit: int = EVERY_ORGANISATION) -> list[tuple[int, str]]:
    """(id, label) for every organisation, in name order, for a plain combo box."""
    from circles_desktop.services.organisations import organisations

    return [(r.id, organisation_label(r)) for r in organisations.search_organisations(session, limit=limit)]


# --- a table to search, for a RecordPicker -------------------------------------------------------------
def people_source(role: str | None = None, title: str = "Choose a person") -> PickerSource:
    """People, optionally only those with a part (vocab.PersonPart)."""

    def fetch(s: Session, text: str, offset: int, limit: int) -> list[PickRow]:
        from circles_desktop.services.people import people

        rows = people.search_people(s, text, role=role, offset=offset, limit=limit)
        return [
            (
                r.id,
                r.display_name,
                r.display_name,
                uk_date(r.date_of_birth),
                r.reference,
                ", ".join(label(p) for p in r.parts),
            )
            for r in rows
        ]

    def count(s: Session, text: str) -> int:
        from circles_desktop.services.people import people

        return people.count_people(s, text, role=role)

    return PickerSource(
        title,
        "person",
        ("Name", "Date of birth", "Reference", "Parts"),
        fetch,
        count,
        hint="Type the start of a given or family name, a reference, or a date of birth (dd/mm/yyyy).",
    )


def professionals_source(title: str = "Choose a professional", organisation_id: int | None = None) -> PickerSource:
    """Professionals in their current jobs; the chosen value is the job (the professional role)."""

    def fetch(s: Session, text: str, offset: int, limit: int) -> list[PickRow]:
        from circles_desktop.services.organisations import organisations

        rows = organisations.search_professionals(s, text, organisation_id=organisation_id, offset=offset, limit=limit)
        return [(r.role_id, professional_label(r), r.name, r.job_title, r.organisation) for r in rows]

    def count(s: Session, text: str) -> int:
        from circles_desktop.services.referrals import referral_queries

        return referral_queries.count_professionals(s, text, organisation_id=organisation_id)

    return PickerSource(
        title,
        "professional",
        ("Name", "Job title", "Organisation"),
        fetch,
        count,
        hint="Professionals in their current jobs. Type the start of their name or of their organisation's name.",
    )


def organisations_source(title: str = "Choose an organisation", kind: str | None = None) -> PickerSource:
    def fetch(s: Session, text: str, offset: int, limit: int) -> list[PickRow]:
        from circles_desktop.services.organisations import organisations

        rows = organisations.search_organisations(s, text, kind=kind, offset=offset, limit=limit)
        return [(r.id, r.name, r.name, label(r.kind), r.phone) for r in rows]

    def count(s: Session, text: str) -> int:
        from circles_desktop.services.organisations import organisations

        return organisations.count_organisations(s, text, kind=kind)

    return PickerSource(
        title,
        "organisation",
        ("Name", "Kind", "Phone"),
        fetch,
        count,
        hint="Type the start of the organisation's name.",
    )


def person_picker(state: AppState, role: str | None = None, title: str = "Choose a person") -> RecordPicker:
    return RecordPicker(state, people_source(role, title), "Search for a person…")


def professional_picker(state: AppState, title: str = "Choose a professional") -> RecordPicker:
    return RecordPicker(state, professionals_source(title), "Search for a professional…")


def organisation_picker(
    state: AppState, title: str = "Choose an organisation", kind: str | None = None
) -> RecordPicker:
    return RecordPicker(state, organisations_source(title, kind), "Search for an organisation…")
