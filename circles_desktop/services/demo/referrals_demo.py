"""Demo referrals: CoSA referrals from professionals at every status, with their steps and risk
reports, and Community Circle self-referrals, some signposted by an agency. Their texts come from
resources/demo/referrals.json."""

from __future__ import annotations

import random
from datetime import date, timedelta

from circles_desktop.models import Referral, ReferralStep, RiskReport
from circles_desktop.models.base import utcnow
from circles_desktop.models.vocab import OrganisationKind
from circles_desktop.services.demo import definitions
from circles_desktop.services.demo.writer import Pool, Writer

# An accepted referral, as (referral id, person id, the day it was accepted).
Accepted = tuple[int, int, date]

COSA_PATH = ("received", "initial_discussion", "full_referral", "accepted")
COSA_ENDS = (
    ["received"] * 10
    + ["initial_discussion"] * 10
    + ["full_referral"] * 10
    + ["accepted"] * 55
    + ["declined"] * 10
    + ["withdrawn"] * 5
)
# Showcase referrals: four accepted (for circles: long-running active young person's circle, prison
# circle before release, closed adult circle, forming circle), then one at every other status.
FIRST_ENDS = (
    "accepted",
    "accepted",
    "accepted",
    "accepted",
    "received",
    "initial_discussion",
    "full_referral",
    "declined",
    "withdrawn",
)
FIRST_AGES = (800, 170, 900, 90, 10, 30, 60, 50, 70)
REFERRING_KINDS = (
    OrganisationKind.PROBATION,
    OrganisationKind.POLICE,
    OrganisationKind.YOUTH_OFFENDING,
    OrganisationKind.SOCIAL_CARE,
)
RISK_REPORT_TYPES = ("oasys", "rm2000", "arms", "asset")
# Community Circle self-referrals end in these in turn.
COMMUNITY_ENDS = ("received", "initial_discussion", "accepted", "accepted", "accepted", "withdrawn")


def add_referrals(w: Writer, rnd: random.Random, today: date, pool: Pool) -> tuple[list[Accepted], list[Accepted]]:
    """Returns the accepted referrals for CoSA and for Community Circles."""
    return _cosa_referrals(w, rnd, today, pool), _community_referrals(w, rnd, today, pool)


def _add_steps(w: Writer, rid: int, steps: list[tuple[str, date, str]]) -> None:
    now = utcnow()
    for status, on, reason in steps:
        w.add_new(ReferralStep, referral_id=rid, status=status, on_date=on, reason=reason, recorded_at=now)


def _cosa_steps(rnd: random.Random, today: date, end: str, received: date) -> list[tuple[str, date, str]]:
    """The steps a CoSA referral took to `end`, as (status, day, reason)."""
    steps: list[tuple[str, date, str]] = [("received", received, "")]
    on = received
    if end in COSA_PATH:
        for st in COSA_PATH[1 : COSA_PATH.index(end) + 1]:
            on = min(today, on + timedelta(days=rnd.randint(5, 25)))
            steps.append((st, on, ""))
    else:
        for st in COSA_PATH[1 : rnd.randint(1, 3)]:
            on = min(today, on + timedelta(days=rnd.randint(5, 25)))
            steps.append((st, on, ""))
        on = min(today, on + timedelta(days=rnd.randint(3, 20)))
        steps.append((end, on, rnd.choice(definitions.referrals().reasons[end])))
    return steps


def _cosa_referrals(w: Writer, rnd: random.Random, today: date, pool: Pool) -> list[Accepted]:
    texts = definitions.referrals()
    now = utcnow()
    accepted: list[Accepted] = []
    referrers = [p for k in REFERRING_KINDS for p in pool.professionals.get(k, [])]
    for i, pid in enumerate(pool.core_members):
        # The first few cover every status and the four showcase circles; the rest are drawn at random.
        end = FIRST_ENDS[i] if i < len(FIRST_ENDS) else rnd.choice(COSA_ENDS)
        received = today - timedelta(days=FIRST_AGES[i] if i < len(FIRST_AGES) else rnd.randint(30, 1100))
        role, _, org = rnd.choice(referrers)
        rid = w.new_id(Referral)
        steps = _cosa_steps(rnd, today, end, received)
        w.add(
            Referral,
            id=rid,
            reference=f"REF-{rid:05d}",
            circle_kind="cosa",
            person_id=pid,
            referrer_id=role,
            agency_id=org,
            self_referral=False,
            signposted_by_id=None,
            received_on=received,
            status=end,
            status_on=steps[-1][1],
            status_reason=steps[-1][2],
            purpose="",
            eligibility_notes=texts.eligibility_notes,
            suitability_notes=texts.suitability_notes,
            mappa_category=rnd.choice((1, 1, 1, 2, 3)),
            mappa_level=rnd.choice((1, 1, 2, 3)),
            created_at=now,
        )
        _add_steps(w, rid, steps)
        if len(steps) >= 3 and steps[2][0] == "full_referral":
            _risk_reports(w, rnd, rid, steps[2][1])
        if end == "accepted":
            accepted.append((rid, pid, steps[-1][1]))
    return accepted


def _risk_reports(w: Writer, rnd: random.Random, rid: int, full_referral_on: date) -> None:
    for rtype in rnd.sample(RISK_REPORT_TYPES, rnd.randint(1, 2)):
        content = definitions.placeholder_pdf() + f"% {rtype} {rid}\n".encode()
        fid = w.stored_file(f"{rtype.upper()} report {rid}.pdf", content)
        w.add_new(
            RiskReport,
            referral_id=rid,
            report_type=rtype,
            report_date=full_referral_on - timedelta(days=rnd.randint(1, 60)),
            description="",
            file_id=fid,
        )


def _community_referrals(w: Writer, rnd: random.Random, today: date, pool: Pool) -> list[Accepted]:
    texts = definitions.referrals()
    now = utcnow()
    accepted: list[Accepted] = []
    signposters = pool.orgs[OrganisationKind.HEALTH] + pool.orgs[OrganisationKind.SOCIAL_CARE] + [None] * 4
    for i, pid in enumerate(pool.focus_people):
        received = today - timedelta(days=rnd.randint(20, 900))
        end = COMMUNITY_ENDS[i % len(COMMUNITY_ENDS)]
        reason = texts.community_withdrawn_reason if end == "withdrawn" else ""
        rid = w.new_id(Referral)
        on = received + timedelta(days=rnd.randint(3, 15))
        w.add(
            Referral,
            id=rid,
            reference=f"REF-{rid:05d}",
            circle_kind="community",
            person_id=pid,
            referrer_id=None,
            agency_id=None,
            self_referral=True,
            signposted_by_id=rnd.choice(signposters),
            received_on=received,
            status=end,
            status_on=received if end == "received" else on,
            status_reason=reason,
            purpose=rnd.choice(texts.community_purposes),
            eligibility_notes="",
            suitability_notes="",
            mappa_category=None,
            mappa_level=None,
            created_at=now,
        )
        steps = [("received", received, "")] + ([] if end == "received" else [(end, on, reason)])
        _add_steps(w, rid, steps)
        if end == "accepted":
            accepted.append((rid, pid, on))
    return accepted
