"""What a community of practice session holds besides its date: the presentations (presenter and title; a
lived-experience presentation with the presenter's consent, and whether they are named or anonymous) and
who took part, counted by organisation and sector (voluntary, statutory, lived experience).

The rule about consent is here, once: a lived-experience presentation needs the presenter's consent,
given on or before the session; a named one also needs its presenter chosen. An anonymous presenter is
never printed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from circles_desktop.models import CircleMember, Meeting, Organisation, Participation, Person, PracticeSession
from circles_desktop.models import Presentation as PresentationRecord
from circles_desktop.models.kinds.practice import Sector
from circles_desktop.models.vocab import MemberRole, OrganisationKind, Ring
from circles_desktop.services.circles import members
from circles_desktop.services.common import positions
from circles_desktop.services.common.validation import Problems, clean, get
from circles_desktop.services.common.words import uk_date
from circles_desktop.services.security import audit

ANONYMOUS = "Anonymous presenter (lived experience)"
SECTORS = Sector.values()
# An organisation's kind says which sector it usually counts in (the coordinator may choose otherwise).
STATUTORY_KINDS = frozenset(
    {
        OrganisationKind.POLICE,
        OrganisationKind.PROBATION,
        OrganisationKind.PRISON,
        OrganisationKind.APPROVED_PREMISES,
        OrganisationKind.YOUTH_OFFENDING,
        OrganisationKind.SOCIAL_CARE,
        OrganisationKind.HEALTH,
    }
)


@dataclass
class PresentationForm:
    title: str = ""
    presenter_id: int | None = None
    lived_experience: bool = False
    named: bool = True  # for lived experience: named, or anonymous
    consent_on: date | None = None  # the presenter's consent, for lived experience
    consent_note: str = ""


@dataclass(frozen=True)
class PresentationRow:
    id: int
    position: int
    title: str
    presenter_id: int | None
    presenter: str  # the name as recorded (for the coordinator's screens only)
    lived_experience: bool
    named: bool
    consent_on: date | None
    consent_note: str

    @property
    def presenter_in_documents(self) -> str:
        """What documents print: never an anonymous presenter's name."""
        if self.lived_experience and not self.named:
            return ANONYMOUS
        return self.presenter or "Presenter not recorded"

    @property
    def kind_words(self) -> str:
        if not self.lived_experience:
            return "Presentation"
        return "Lived experience, " + ("named" if self.named else "anonymous")


@dataclass(frozen=True)
class ParticipationRow:
    id: int
    organisation_id: int | None
    organisation: str
    sector: str
    people: int

    @property
    def sector_label(self) -> str:
        return Sector(self.sector).label


def _session_of(session: Session, meeting_id: int) -> tuple[PracticeSession, Meeting]:
    return get(session, PracticeSession, meeting_id, "session"), get(session, Meeting, meeting_id, "session")


# --- presentations -------------------------------------------------------------------------------------
def _check_presentation(session: Session, meeting: Meeting, form: PresentationForm) -> None:
    p = Problems()
    p.require("title", form.title, "the title of the presentation")
    p.max_length("title", form.title, 200, "title")
    held_on = meeting.starts_at.date()
    if form.lived_experience:
        if form.named:
            p.choose("presenter_id", form.presenter_id, "the presenter, or mark the presentation anonymous")
        if form.consent_on is None:
            p.add(
                "consent_on",
                "Record the presenter's consent to sharing their lived experience"
                + (" and being named" if form.named else "")
                + ", with the date it was given.",
            )
        elif form.consent_on > held_on:
            p.add(
                "consent_on",
                f"The presenter's consent must be given on or before the session ({uk_date(held_on)}); "
                f"it is dated {uk_date(form.consent_on)}.",
            )
    else:
        p.choose("presenter_id", form.presenter_id, "the presenter")
        if form.consent_on is not None or not form.named:
            p.add("lived_experience", "Consent and anonymity are recorded for lived-experience presentations only.")
    p.raise_if_any()
    if form.presenter_id is not None:
        get(session, Person, form.presenter_id, "presenter")


def _apply_presentation(row: PresentationRecord, form: PresentationForm) -> None:
    row.title = clean(form.title)
    row.presenter_id = form.presenter_id
    row.lived_experience = bool(form.lived_experience)
    row.named = bool(form.named) if form.lived_experience else True
    row.consent_on = form.consent_on if form.lived_experience else None
    row.consent_note = form.consent_note.strip() if form.lived_experience else ""


def _presenter_joins(session: Session, meeting: Meeting, presenter_id: int | None) -> None:
    """A presenter is a member of the circle (its presenters) from the session they first present at."""
    if presenter_id is None:
        return
    already = session.scalar(
        select(CircleMember.id)
        .where(CircleMember.circle_id == meeting.circle_id, CircleMember.person_id == presenter_id)
        .limit(1)
    )
    if already is None:
        members.add_member(
            session, meeting.circle_id, presenter_id, Ring.INNER, MemberRole.PRESENTER, meeting.starts_at.date()
        )


def add_presentation(session: Session, meeting_id: int, form: PresentationForm) -> PresentationRecord:
    _ps, meeting = _session_of(session, meeting_id)
    _check_presentation(session, meeting, form)
    count = session.scalar(
        select(func.count()).select_from(PresentationRecord).where(PresentationRecord.meeting_id == meeting_id)
    )
    row = PresentationRecord(meeting_id=meeting_id, position=(count or 0) + 1)
    _apply_presentation(row, form)
    session.add(row)
    session.flush()
    _presenter_joins(session, meeting, form.presenter_id)
    audit.record(session, "presentation created", f"presentation {row.id}", f"meeting {meeting_id}")
    return row


def update_presentation(session: Session, presentation_id: int, form: PresentationForm) -> PresentationRecord:
    row = get(session, PresentationRecord, presentation_id, "presentation")
    _ps, meeting = _session_of(session, row.meeting_id)
    _check_presentation(session, meeting, form)
    _apply_presentation(row, form)
    session.flush()
    _presenter_joins(session, meeting, form.presenter_id)
    audit.record(session, "presentation updated", f"presentation {presentation_id}")
    return row


def presentation_form(session: Session, presentation_id: int) -> PresentationForm:
    r = get(session, PresentationRecord, presentation_id, "presentation")
    return PresentationForm(r.title, r.presenter_id, r.lived_experience, r.named, r.consent_on, r.consent_note)


def delete_presentation(session: Session, presentation_id: int) -> None:
    row = get(session, PresentationRecord, presentation_id, "presentation")
    meeting_id = row.meeting_id
    session.delete(row)
    session.flush()
    rest = session.scalars(
        select(PresentationRecord)
        .where(PresentationRecord.meeting_id == meeting_id)
        .order_by(PresentationRecord.position)
    )
    positions.number(list(rest), start=1)
    session.flush()
    audit.record(session, "presentation deleted", f"presentation {presentation_id}")


def presentations(session: Session, meeting_id: int) -> list[PresentationRow]:
    stmt = (
        select(PresentationRecord)
        .where(PresentationRecord.meeting_id == meeting_id)
        .order_by(PresentationRecord.position, PresentationRecord.id)
    )
    return [
        PresentationRow(
            r.id,
            r.position,
            r.title,
            r.presenter_id,
            r.presenter.display_name if r.presenter else "",
            r.lived_experience,
            r.named,
            r.consent_on,
            r.consent_note,
        )
        for r in session.scalars(stmt)
    ]


# --- who took part -------------------------------------------------------------------------------------
def usual_sector(kind: str | None) -> str:
    """The sector an organisation of this kind usually counts in."""
    return Sector.STATUTORY if kind in STATUTORY_KINDS else Sector.VOLUNTARY


def add_participants(
    session: Session, meeting_id: int, organisation_id: int | None, sector: str | None, people: int | None
) -> Participation:
    """How many came from one organisation (or, with no organisation, with lived experience)."""
    _session_of(session, meeting_id)
    p = Problems()
    p.one_of("sector", sector, SECTORS, "sector")
    if people is None or people < 1:
        p.add("people", "Enter how many came: at least 1.")
    elif people > 1000:
        p.add("people", "At most 1,000 from one organisation at one session.")
    if organisation_id is None and sector != Sector.LIVED_EXPERIENCE:
        p.add("organisation_id", "Choose the organisation (only people with lived experience come without one).")
    if organisation_id is not None:
        taken = session.scalar(
            select(Participation.id).where(
                Participation.meeting_id == meeting_id,
                Participation.organisation_id == organisation_id,
                Participation.sector == sector,
            )
        )
        if taken is not None:
            p.add("organisation_id", "That organisation is already counted at this session; change its number.")
    p.raise_if_any()
    if organisation_id is not None:
        get(session, Organisation, organisation_id, "organisation")
    row = Participation(meeting_id=meeting_id, organisation_id=organisation_id, sector=sector, people=people)
    session.add(row)
    session.flush()
    audit.record(session, "participants counted", f"meeting {meeting_id}", f"{people} {sector}")
    return row


def delete_participants(session: Session, participation_id: int) -> None:
    row = get(session, Participation, participation_id, "participants")
    session.delete(row)
    session.flush()
    audit.record(session, "participants deleted", f"meeting {row.meeting_id}")


def participants(session: Session, meeting_id: int) -> list[ParticipationRow]:
    stmt = select(Participation).where(Participation.meeting_id == meeting_id).order_by(Participation.id)
    return [
        ParticipationRow(r.id, r.organisation_id, r.organisation.name if r.organisation else "", r.sector, r.people)
        for r in session.scalars(stmt)
    ]


def by_sector(session: Session, meeting_ids: list[int]) -> dict[str, int]:
    """People who came, by sector, over the sessions given (every sector, in order)."""
    found: dict[str, int] = {}
    if meeting_ids:
        stmt = (
            select(Participation.sector, func.sum(Participation.people))
            .where(Participation.meeting_id.in_(meeting_ids))
            .group_by(Participation.sector)
        )
        found = {sector: int(n) for sector, n in session.execute(stmt).all()}
    return {s: found.get(s, 0) for s in SECTORS}
