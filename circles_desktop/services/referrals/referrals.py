"""Referrals: taking one in, walking it through its steps, and its risk assessment reports. The
Referrals list is `referral_list`.

CoSA referrals come from a professional; Community Circles take self-referrals only (an agency may
signpost, never refer). Steps only move forward, and a declined or withdrawn referral says why.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from circles_desktop.models import Circle, Organisation, Person, ProfessionalRole, Referral, ReferralStep, RiskReport
from circles_desktop.models.vocab import CircleKind, PersonPart, ReferralStatus, RiskReportType, label
from circles_desktop.services.common import attachments
from circles_desktop.services.common.validation import NotFound, Problems, ValidationError, get
from circles_desktop.services.common.words import uk_date
from circles_desktop.services.people import people
from circles_desktop.services.security import audit

S = ReferralStatus
REFERRABLE = (CircleKind.COSA, CircleKind.COMMUNITY)

# Where each step may go next. A Community Circle self-referral needs no full referral with risk reports.
TRANSITIONS: dict[str, dict[str, tuple[str, ...]]] = {
    CircleKind.COSA: {
        S.RECEIVED: (S.INITIAL_DISCUSSION, S.DECLINED, S.WITHDRAWN),
        S.INITIAL_DISCUSSION: (S.FULL_REFERRAL, S.DECLINED, S.WITHDRAWN),
        S.FULL_REFERRAL: (S.ACCEPTED, S.DECLINED, S.WITHDRAWN),
        S.ACCEPTED: (S.WITHDRAWN,),
    },
    CircleKind.COMMUNITY: {
        S.RECEIVED: (S.INITIAL_DISCUSSION, S.ACCEPTED, S.DECLINED, S.WITHDRAWN),
        S.INITIAL_DISCUSSION: (S.ACCEPTED, S.DECLINED, S.WITHDRAWN),
        S.ACCEPTED: (S.WITHDRAWN,),
    },
}
NEEDS_REASON = (S.DECLINED, S.WITHDRAWN)
# Why a Community Circle refuses anyone but the person themselves (seed 000): the words every screen shows.
SELF_REFERRAL_ONLY = (
    "Community Circles take self-referrals only: the person refers themselves. An agency can "
    "signpost them (record it under “Signposted by”), but cannot refer them."
)


@dataclass
class ReferralForm:
    circle_kind: str = CircleKind.COSA
    person_id: int | None = None
    referrer_id: int | None = None  # a ProfessionalRole id (see organisations.search_professionals)
    signposted_by_id: int | None = None  # Community Circles: the agency that signposted, if any
    received_on: date | None = None
    purpose: str = ""
    eligibility_notes: str = ""
    suitability_notes: str = ""
    mappa_category: int | None = None
    mappa_level: int | None = None


@dataclass(frozen=True)
class RiskReportRow:
    id: int
    report_type: str
    report_date: date
    description: str
    filename: str
    media_type: str
    size: int


# --- validation ----------------------------------------------------------------------------------
def validate(session: Session, form: ReferralForm, today: date | None = None) -> ProfessionalRole | None:
    """Check the form; returns the referrer's professional role (None for a self-referral)."""
    today = today or date.today()
    p = Problems()
    p.one_of("circle_kind", form.circle_kind, CircleKind.values(), "kind of circle")
    if form.circle_kind and form.circle_kind in CircleKind.values() and form.circle_kind not in REFERRABLE:
        p.add(
            "circle_kind",
            f"Referrals are taken only for CoSA circles and Community Circles; a {label(form.circle_kind)} "
            "is set up directly.",
        )
    p.choose("person_id", form.person_id, "the person referred")
    p.require("received_on", form.received_on, "the date the referral was received")
    if form.received_on and form.received_on > today:
        p.add("received_on", "The date received cannot be in the future.")
    role: ProfessionalRole | None = None
    if form.referrer_id is not None:
        role = session.get(ProfessionalRole, form.referrer_id)
        if role is None:
            p.add("referrer_id", "Choose the referrer again: that professional is no longer recorded.")
    if form.circle_kind == CircleKind.COSA:
        if form.referrer_id is None:
            p.add(
                "referrer_id",
                "A CoSA referral must come from a professional, such as a probation officer or police "
                "offender manager. Choose the referrer.",
            )
        if form.signposted_by_id is not None:
            p.add("signposted_by_id", "Signposting is recorded for Community Circles only.")
        for fld, value, what in (
            ("mappa_category", form.mappa_category, "MAPPA category"),
            ("mappa_level", form.mappa_level, "MAPPA level"),
        ):
            if value is not None and value not in (1, 2, 3):
                p.add(fld, f"The {what} is 1, 2 or 3.")
    elif form.circle_kind == CircleKind.COMMUNITY:
        if form.referrer_id is not None:
            p.add("referrer_id", SELF_REFERRAL_ONLY)
        p.require("purpose", form.purpose, "the person's purpose: what they want a circle for")
        if form.mappa_category is not None or form.mappa_level is not None:
            p.add("mappa_category", "MAPPA category and level are recorded for CoSA referrals only.")
    if role is not None and form.person_id is not None and role.person_id == form.person_id:
        p.add("referrer_id", "The person referred cannot be their own referrer.")
    if role is not None and role.ended_on is not None and form.received_on and role.ended_on < form.received_on:
        p.add(
            "referrer_id",
            f"The referrer left that job on {uk_date(role.ended_on)}, before the referral was received.",
        )
    p.raise_if_any()
    get(session, Person, form.person_id, "person")
    if form.signposted_by_id is not None:
        get(session, Organisation, form.signposted_by_id, "signposting organisation")
    return role


def _apply(ref: Referral, form: ReferralForm, role: ProfessionalRole | None) -> None:
    ref.circle_kind = form.circle_kind
    ref.person_id = form.person_id  # type: ignore[assignment]
    ref.referrer_id = role.id if role else None
    ref.agency_id = role.organisation_id if role else None
    ref.self_referral = role is None
    ref.signposted_by_id = form.signposted_by_id
    ref.received_on = form.received_on  # type: ignore[assignment]
    ref.purpose = form.purpose.strip()
    ref.eligibility_notes = form.eligibility_notes.strip()
    ref.suitability_notes = form.suitability_notes.strip()
    ref.mappa_category = form.mappa_category
    ref.mappa_level = form.mappa_level


# --- create, read, update ------------------------------------------------------------------------
def create_referral(session: Session, form: ReferralForm, today: date | None = None) -> Referral:
    role = validate(session, form, today)
    ref = Referral(status=S.RECEIVED, status_on=form.received_on)
    _apply(ref, form, role)
    ref.steps = [ReferralStep(status=S.RECEIVED, on_date=form.received_on)]
    session.add(ref)
    session.flush()
    ref.reference = f"REF-{ref.id:05d}"
    part = PersonPart.CORE_MEMBER if form.circle_kind == CircleKind.COSA else PersonPart.FOCUS_PERSON
    people.add_part(session, ref.person_id, part)
    session.flush()
    audit.record(session, "referral created", f"referral {ref.id}")
    return ref


def update_referral(session: Session, referral_id: int, form: ReferralForm, today: date | None = None) -> Referral:
    ref = get_referral(session, referral_id)
    role = validate(session, form, today)
    if form.circle_kind != ref.circle_kind and len(ref.steps) > 1:
        raise ValidationError({"circle_kind": "The kind of circle cannot change once the referral has moved on."})
    later = [s.on_date for s in ref.steps[1:]]
    if later and form.received_on and form.received_on > min(later):
        raise ValidationError(
            {"received_on": f"The date received cannot be after the referral's next step ({uk_date(min(later))})."}
        )
    _apply(ref, form, role)
    ref.steps[0].on_date = form.received_on  # type: ignore[assignment]
    if len(ref.steps) == 1:
        ref.status_on = form.received_on  # type: ignore[assignment]
    session.flush()
    audit.record(session, "referral updated", f"referral {ref.id}")
    return ref


def get_referral(session: Session, referral_id: int) -> Referral:
    """The referral with its person, referrer, agency, signposting and steps loaded (readable detached)."""
    ref = get(session, Referral, referral_id, "referral")
    _ = (ref.person, ref.referrer, ref.agency, ref.signposted_by, ref.steps)
    return ref


def referral_form(session: Session, referral_id: int) -> ReferralForm:
    r = get_referral(session, referral_id)
    return ReferralForm(
        r.circle_kind,
        r.person_id,
        r.referrer_id,
        r.signposted_by_id,
        r.received_on,
        r.purpose,
        r.eligibility_notes,
        r.suitability_notes,
        r.mappa_category,
        r.mappa_level,
    )


def delete_referral(session: Session, referral_id: int) -> None:
    ref = get_referral(session, referral_id)
    if session.scalar(select(Circle.id).where(Circle.referral_id == referral_id)) is not None:
        raise ValidationError("This referral cannot be deleted: a circle was formed from it.")
    session.delete(ref)
    session.flush()
    audit.record(session, "referral deleted", f"referral {referral_id}")


# --- steps ---------------------------------------------------------------------------------------
def next_steps(referral: Referral) -> tuple[str, ...]:
    """The statuses this referral may move to now (for the form's step buttons)."""
    return TRANSITIONS.get(referral.circle_kind, {}).get(referral.status, ())


def move_referral(
    session: Session,
    referral_id: int,
    status: str,
    on_date: date | None,
    reason: str = "",
    today: date | None = None,
) -> Referral:
    """Move a referral to its next step. Steps only go forward; declined and withdrawn need a reason."""
    today = today or date.today()
    ref = get_referral(session, referral_id)
    allowed = next_steps(ref)
    p = Problems()
    if status not in ReferralStatus.values():
        p.add("status", f"“{status}” is not a referral step.")
    elif status not in allowed:
        if not allowed:
            p.add("status", f"This referral is {label(ref.status).lower()}; it cannot move to another step.")
        else:
            options = ", ".join(label(s) for s in allowed)
            p.add(
                "status",
                f"A referral at “{label(ref.status)}” can move to {options} — not to “{label(status)}”.",
            )
    p.require("on_date", on_date, "the date of this step")
    if on_date is not None:
        if on_date > today:
            p.add("on_date", "The date of this step cannot be in the future.")
        p.not_before("on_date", on_date, ref.status_on, "date of this step", "date of the previous step")
    if status in NEEDS_REASON and not reason.strip():
        p.add("reason", f"Give the reason the referral was {label(status).lower()}.")
    p.raise_if_any()
    ref.status = status
    ref.status_on = on_date  # type: ignore[assignment]
    ref.status_reason = reason.strip()
    ref.steps.append(ReferralStep(status=status, on_date=on_date, reason=reason.strip()))
    session.flush()
    audit.record(session, "referral updated", f"referral {ref.id}", f"status {status}")
    return ref


# --- risk reports --------------------------------------------------------------------------------
DESCRIPTION_LIMIT = 200  # the risk report's column


def add_risk_report(
    session: Session,
    referral_id: int,
    report_type: str,
    report_date: date | None,
    filename: str,
    content: bytes,
    description: str = "",
    today: date | None = None,
) -> RiskReport:
    """Attach a risk assessment report; the file is checked and kept encrypted in the database."""
    today = today or date.today()
    get_referral(session, referral_id)
    p = Problems()
    p.one_of("report_type", report_type, RiskReportType.values(), "type of report")
    p.require("report_date", report_date, "the date of the report")
    if report_date and report_date > today:
        p.add("report_date", "The date of the report cannot be in the future.")
    # Said beside the box, never cut there: what was typed stays to be shortened.
    p.max_length("description", description.strip(), DESCRIPTION_LIMIT, "description")
    try:
        attachments.check(filename, content)
    except ValidationError as exc:
        for k, v in exc.errors.items():
            p.add(k, v)
    p.raise_if_any()
    stored = attachments.store(session, filename, content)
    report = RiskReport(
        referral_id=referral_id,
        report_type=report_type,
        report_date=report_date,
        description=description.strip(),
        file_id=stored.id,
    )
    session.add(report)
    session.flush()
    audit.record(session, "risk report created", f"risk report {report.id}")
    return report


def risk_reports(session: Session, referral_id: int) -> list[RiskReportRow]:
    from circles_desktop.models import StoredFile

    rows = session.execute(
        select(
            RiskReport.id,
            RiskReport.report_type,
            RiskReport.report_date,
            RiskReport.description,
            StoredFile.filename,
            StoredFile.media_type,
            StoredFile.size,
        )
        .join(StoredFile, RiskReport.file_id == StoredFile.id)
        .where(RiskReport.referral_id == referral_id)
        .order_by(RiskReport.report_date, RiskReport.id)
    )
    return [RiskReportRow(*r) for r in rows]


def risk_report_file(session: Session, report_id: int) -> tuple[str, str, bytes]:
    """(filename, media type, bytes) to open the report; the opening is written to the audit log."""
    report = session.get(RiskReport, report_id)
    if report is None:
        raise NotFound("The risk report could not be found; it may have been deleted.")
    result = attachments.content(session, report.file_id)
    audit.record(session, "risk report opened", f"risk report {report_id}")
    return result


def delete_risk_report(session: Session, report_id: int) -> None:
    report = get(session, RiskReport, report_id, "risk report")
    stored = report.file
    session.delete(report)
    session.delete(stored)
    session.flush()
    audit.record(session, "risk report deleted", f"risk report {report_id}")
