"""Small read-only queries the Referrals screens need beside services.referrals and services.organisations.

`count_professionals` pairs with organisations.search_professionals so a picker can page in SQL;
`referral_view` gathers what the referral page shows about one referral into plain values, read while
the session is open, so the screen holds no ORM objects once it closes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from circles_desktop.models import Circle, ProfessionalRole
from circles_desktop.services.organisations import organisations
from circles_desktop.services.referrals import referrals


def count_professionals(session: Session, text: str = "", organisation_id: int | None = None) -> int:
    """How many professionals in current jobs match, with organisations.search_professionals' filter."""
    stmt = select(func.count()).select_from(ProfessionalRole)
    return session.scalar(organisations.current_professionals(stmt, text, organisation_id)) or 0


@dataclass(frozen=True)
class StepReached:
    status: str
    on_date: date
    reason: str


@dataclass(frozen=True)
class ReferralView:
    """One referral as the referral page shows it: the form's values plus the names its pickers show."""

    id: int
    reference: str
    form: referrals.ReferralForm
    person_name: str
    referrer_label: str  # "" when none
    signposted_by_label: str  # "" when none
    status: str
    status_on: date
    steps: tuple[StepReached, ...]
    next_steps: tuple[str, ...]
    circle_ids: tuple[int, ...]  # circles already formed from this referral


def professional_label(name: str, job_title: str, organisation: str) -> str:
    """How a professional reads in a picker: "Priya Shah — Probation officer, Severn PDU"."""
    detail = ", ".join(part for part in (job_title, organisation) if part)
    return f"{name} — {detail}" if detail else name


def referral_view(session: Session, referral_id: int) -> ReferralView:
    ref = referrals.get_referral(session, referral_id)
    form = referrals.referral_form(session, referral_id)
    role = ref.referrer
    referrer_label = ""
    if role is not None:
        referrer_label = professional_label(role.person.display_name, role.job_title, role.organisation.name)
    circle_ids = tuple(session.scalars(select(Circle.id).where(Circle.referral_id == referral_id).order_by(Circle.id)))
    return ReferralView(
        id=ref.id,
        reference=ref.reference,
        form=form,
        person_name=ref.person.display_name,
        referrer_label=referrer_label,
        signposted_by_label=ref.signposted_by.name if ref.signposted_by is not None else "",
        status=ref.status,
        status_on=ref.status_on,
        steps=tuple(StepReached(st.status, st.on_date, st.reason or "") for st in ref.steps),
        next_steps=referrals.next_steps(ref),
        circle_ids=circle_ids,
    )
