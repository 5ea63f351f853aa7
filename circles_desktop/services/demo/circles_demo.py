"""Demo CoSA circles with everything in them: inner and outer circle, consent, goals,
meetings with attendance, minutes, decisions and actions, significant developments, and the
end-of-circle questionnaires. The texts come from resources/demo (circles.json, meetings.json).

The services' rules hold by construction: dates run forwards, prison circles have volunteers with
enhanced checks, every active circle has a volunteer and an accepted referral, closed circles had an
end-of-circle review, and attendance is only for members in the circle that day.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from circles_desktop.models import (
    Action,
    Attendance,
    Circle,
    CircleMember,
    Consent,
    CosaDetails,
    Decision,
    Development,
    DevelopmentShare,
    Goal,
    GoalProgress,
    Meeting,
    MinutesSection,
    QuestionnaireAnswer,
    QuestionnaireResponse,
)
from circles_desktop.models.base import utcnow
from circles_desktop.models.vocab import SHAREABLE, Category, OrganisationKind
from circles_desktop.services.circles.questionnaires import KEYS as QUESTION_KEYS
from circles_desktop.services.circles.reviews import add_months
from circles_desktop.services.demo import definitions
from circles_desktop.services.demo.referrals_demo import Accepted
from circles_desktop.services.demo.writer import Pool, Writer

SHOWCASE_MEETINGS = 50  # one circle with this many meetings, for the "open a big circle" benchmark

VARIANTS = (
    ["adult_community"] * 5 + ["prison_through_the_gate"] * 2 + ["intellectual_disability"] * 2 + ["young_person"] * 2
)
# The four showcase circles: a long-running young person's circle (the one with SHOWCASE_MEETINGS), a
# prison circle counting down to release, a closed adult circle, and one still forming.
FIRST_VARIANTS = ("young_person", "prison_through_the_gate", "adult_community", "intellectual_disability")
FIRST_STATUS = ("active", "active", "closed", "forming")
# Who is in the outer circle, by variant, and the kind of organisation each comes from.
_PROBATION_AND_POLICE = (
    ("probation_officer", OrganisationKind.PROBATION),
    ("police_offender_manager", OrganisationKind.POLICE),
)
OUTER_BY_VARIANT: dict[str, tuple[tuple[str, OrganisationKind], ...]] = {
    "adult_community": _PROBATION_AND_POLICE,
    "prison_through_the_gate": _PROBATION_AND_POLICE
    + (("prison_staff", OrganisationKind.PRISON), ("approved_premises_staff", OrganisationKind.APPROVED_PREMISES)),
    "intellectual_disability": _PROBATION_AND_POLICE + (("forensic_cldt", OrganisationKind.HEALTH),),
    "young_person": (
        ("youth_offending_officer", OrganisationKind.YOUTH_OFFENDING),
        ("social_worker", OrganisationKind.SOCIAL_CARE),
        ("hsb_practitioner", OrganisationKind.SOCIAL_CARE),
        ("police_offender_manager", OrganisationKind.POLICE),
    ),
}
MINUTES_CATEGORIES = tuple(c.value for c in Category)
START_HOURS = (10, 14, 18)


def add_circles(w: Writer, rnd: random.Random, today: date, pool: Pool, cosa: list[Accepted]) -> None:
    """The CoSA circles; Community Circles are community_demo's, made through the services."""
    for i, accepted in enumerate(cosa):
        _cosa_circle(w, rnd, today, pool, i, accepted)


def _cosa_status(rnd: random.Random, i: int, age_days: int) -> str:
    # Forming if just begun, closed if long past; the showcase circle stays active with 50 meetings.
    if i < len(FIRST_STATUS):
        return FIRST_STATUS[i]
    if age_days < 45 or rnd.random() < 0.1:
        return "forming"
    if age_days > 500 and rnd.random() < 0.6:
        return "closed"
    return "active"


def _cosa_circle(w: Writer, rnd: random.Random, today: date, pool: Pool, i: int, accepted: Accepted) -> None:
    ref_id, person_id, accepted_on = accepted
    variant = VARIANTS[i % len(VARIANTS)] if i >= len(FIRST_VARIANTS) else FIRST_VARIANTS[i]
    start = accepted_on + timedelta(days=rnd.randint(7, 40))
    if start >= today:
        start = accepted_on
    status = _cosa_status(rnd, i, (today - start).days)
    cid = w.new_id(Circle)
    ended = None
    if status == "closed":
        ended = min(today - timedelta(days=1), start + timedelta(days=rnd.randint(380, 500)))
    coordinator = rnd.choice(pool.coordinators)
    w.add(
        Circle,
        id=cid,
        reference=f"COSA-{cid:05d}",
        kind="cosa",
        title="",
        focus_person_id=person_id,
        coordinator_id=coordinator,
        referral_id=ref_id,
        status=status,
        started_on=start,
        activated_on=start + timedelta(days=14) if status != "forming" else None,
        ended_on=ended,
        purpose="",
        notes="",
        created_at=utcnow(),
    )
    release = None
    prison = None
    if variant == "prison_through_the_gate":
        release = today + timedelta(days=75) if i == 1 else start + timedelta(days=rnd.randint(60, 240))
        prison = rnd.choice(pool.orgs[OrganisationKind.PRISON])
    w.add(CosaDetails, circle_id=cid, variant=variant, expected_release_on=release, prison_id=prison)
    c = _Cosa(cid, person_id, variant, status, start, ended, coordinator)
    _cosa_contents(w, rnd, today, pool, c, showcase=i == 0)


def _member(
    w: Writer,
    cid: int,
    person_id: int,
    ring: str,
    role: str,
    joined: date,
    left: date | None = None,
    org: int | None = None,
) -> int:
    mid = w.add_new(
        CircleMember,
        circle_id=cid,
        person_id=person_id,
        ring=ring,
        role=role,
        organisation_id=org,
        joined_on=joined,
        left_on=left,
        notes="",
    )
    return mid


@dataclass
class _Cosa:
    """One CoSA circle as its contents are made: what it is, and who is in it so far."""

    id: int
    core: int
    variant: str
    status: str
    start: date
    ended: date | None
    coordinator: int
    inner: list[tuple[int, int]] = field(default_factory=list)  # (member id, person id)
    outer: list[tuple[int, int, int]] = field(default_factory=list)  # (member id, person id, organisation id)
    joined_on: dict[int, date] = field(default_factory=dict)  # member id -> first day, where not the start
    left_on: dict[int, date] = field(default_factory=dict)  # member id -> last day in the circle
    parent: int | None = None

    @property
    def members(self) -> list[tuple[int, int]]:
        return self.inner + [(m, p) for m, p, _ in self.outer]


def _cosa_contents(w: Writer, rnd: random.Random, today: date, pool: Pool, c: _Cosa, showcase: bool) -> None:
    _inner_circle(w, rnd, today, pool, c)
    _outer_circle(w, rnd, pool, c)
    _consents(w, rnd, today, c)
    if c.status == "forming":
        return
    last_day = c.ended or today
    _goals(w, rnd, c, last_day)
    _meetings(w, rnd, c, last_day, showcase)
    _developments(w, rnd, c, last_day)
    if c.status == "closed":
        _questionnaires(w, rnd, today, c)


def _inner_circle(w: Writer, rnd: random.Random, today: date, pool: Pool, c: _Cosa) -> None:
    c.inner.append((_member(w, c.id, c.core, "inner", "core_member", c.start), c.core))
    candidates = (
        pool.volunteers_enhanced
        if c.variant == "prison_through_the_gate"
        else (pool.volunteers_enhanced + pool.volunteers_other)
    )
    for vol in rnd.sample(candidates, rnd.randint(3, 5)):
        joined = c.start + timedelta(days=rnd.randint(0, 10))
        left = None
        if rnd.random() < 0.1 and c.status != "forming":
            left = min(today, joined + timedelta(days=rnd.randint(60, 200)))
            if c.ended and left > c.ended:
                left = c.ended
        mid = _member(w, c.id, vol, "inner", "volunteer", joined, left)
        c.inner.append((mid, vol))
        c.joined_on[mid] = joined
        if left is not None:
            c.left_on[mid] = left - timedelta(days=1)  # last day in the circle
    if c.variant == "young_person":
        c.parent = rnd.choice(pool.parents)
        c.inner.append((_member(w, c.id, c.parent, "inner", "parent_carer", c.start), c.parent))


def _outer_circle(w: Writer, rnd: random.Random, pool: Pool, c: _Cosa) -> None:
    roles = list(OUTER_BY_VARIANT[c.variant])
    if rnd.random() < 0.3:
        roles.append(("mappa_coordinator", OrganisationKind.POLICE))
    for role, kind in roles:
        choices = pool.professionals.get(kind) or pool.professionals[OrganisationKind.PROBATION]
        _, pid, org = rnd.choice(choices)
        c.outer.append((_member(w, c.id, pid, "outer", role, c.start, None, org), pid, org))


def _consents(w: Writer, rnd: random.Random, today: date, c: _Cosa) -> None:
    """Each outer member gets some categories, a few withdrawn later; sometimes one goes to an organisation."""
    now = utcnow()
    withdrawn_reason = definitions.circle_texts().consent_withdrawn_reason
    given = c.start + timedelta(days=rnd.randint(0, 7))
    if given > today:
        given = c.start
    signed = w.stored_file(f"Consent form {c.id}.pdf", definitions.placeholder_pdf()) if rnd.random() < 0.2 else None
    common = dict(
        circle_id=c.id,
        given_by_id=c.core,
        parent_carer_id=c.parent,
        given_on=given,
        signed_form_id=signed,
        notes="",
        recorded_at=now,
    )
    cats = [cat.value for cat in SHAREABLE]
    for mid, _pid, _org in c.outer:
        for cat in rnd.sample(cats, rnd.randint(2, 5)):
            withdrawn = None
            if rnd.random() < 0.08 and (today - given).days > 30:
                withdrawn = given + timedelta(days=rnd.randint(20, (today - given).days))
            w.add_new(
                Consent,
                recipient_member_id=mid,
                recipient_organisation_id=None,
                category=cat,
                withdrawn_on=withdrawn,
                withdrawn_reason=withdrawn_reason if withdrawn else "",
                **common,
            )
    if c.outer and rnd.random() < 0.3:
        w.add_new(
            Consent,
            recipient_member_id=None,
            recipient_organisation_id=c.outer[0][2],
            category="significant_developments",
            withdrawn_on=None,
            withdrawn_reason="",
            **common,
        )


def _goals(w: Writer, rnd: random.Random, c: _Cosa, last_day: date) -> None:
    texts = definitions.circle_texts()
    now = utcnow()
    for n, title in enumerate(rnd.sample(texts.goals, rnd.randint(2, 3))):
        set_on = c.start + timedelta(days=rnd.randint(7, 21))
        set_on = min(set_on, last_day)
        done = rnd.random() < 0.3 and (last_day - set_on).days > 60
        closed = set_on + timedelta(days=rnd.randint(30, max(31, (last_day - set_on).days))) if done else None
        if closed and closed > last_day:
            closed = last_day
        gid = w.add_new(
            Goal,
            circle_id=c.id,
            position=n,
            title=title,
            description="",
            set_on=set_on,
            status="achieved" if done else "open",
            closed_on=closed,
        )
        for k in range(rnd.randint(1, 3)):
            w.add_new(
                GoalProgress,
                goal_id=gid,
                noted_on=min(last_day, set_on + timedelta(days=30 * (k + 1))),
                note=rnd.choice(texts.goal_progress_notes),
                noted_by_id=None,
                recorded_at=now,
            )


def _meeting_days(rnd: random.Random, c: _Cosa, last_day: date, showcase: bool) -> list[tuple[date, str]]:
    """The initial briefing, fortnightly meetings, quarterly reviews, and the end-of-circle review when closed."""
    span = (last_day - c.start).days
    count = SHOWCASE_MEETINGS if showcase else max(2, min(rnd.randint(4, 12), span // 14))
    when: list[tuple[date, str]] = [(c.start + timedelta(days=3), "initial_briefing")]
    gap = max(1, (span - 7) // max(1, count))
    next_review = add_months(c.start, 3)
    for k in range(1, count):
        day = c.start + timedelta(days=3 + k * gap)
        if day > last_day:
            break
        kind = "circle_meeting"
        if day >= next_review:
            kind, next_review = "quarterly_review", add_months(day, 3)
        when.append((day, kind))
    if c.ended is not None:
        when.append((c.ended, "end_of_circle_review"))
    return when


def _meetings(w: Writer, rnd: random.Random, c: _Cosa, last_day: date, showcase: bool) -> None:
    venues = definitions.meeting_texts().venues
    now = utcnow()
    for day, kind in _meeting_days(rnd, c, last_day, showcase):
        starts = datetime(day.year, day.month, day.day, rnd.choice(START_HOURS), rnd.choice((0, 30)))
        mtg = w.add_new(
            Meeting,
            circle_id=c.id,
            kind=kind,
            starts_at=starts,
            ends_at=starts + timedelta(hours=1, minutes=30),
            venue=rnd.choice(venues),
            notes="",
            created_at=now,
        )
        # Reviews and briefings bring in the outer circle; ordinary meetings are the inner circle's.
        present = [
            (m, p)
            for m, p in (c.members if kind != "circle_meeting" else c.inner)
            if c.joined_on.get(m, c.start) <= day <= c.left_on.get(m, day)
        ]
        for mid, _ in present:
            w.add_new(
                Attendance,
                meeting_id=mtg,
                member_id=mid,
                status=rnd.choices(("present", "apologies", "absent"), (8, 2, 1))[0],
            )
        _minutes(w, rnd, mtg, kind)
        _actions(w, rnd, c, mtg, day, last_day)


def _minutes(w: Writer, rnd: random.Random, mtg: int, kind: str) -> None:
    texts = definitions.meeting_texts()
    cats = MINUTES_CATEGORIES
    chosen = cats if kind != "circle_meeting" else rnd.sample(cats, rnd.randint(3, 5))
    for pos, cat in enumerate(chosen):
        heading, body = texts.minutes_sections[cat]
        w.add_new(
            MinutesSection,
            meeting_id=mtg,
            position=pos,
            heading=heading,
            body=body,
            category=cat,
        )
    if rnd.random() < 0.5:
        w.add_new(
            Decision,
            meeting_id=mtg,
            position=0,
            text=texts.decision,
            category="minutes",
        )


def _actions(w: Writer, rnd: random.Random, c: _Cosa, mtg: int, day: date, last_day: date) -> None:
    texts = definitions.meeting_texts()
    for _ in range(rnd.randint(0, 2)):
        owner = rnd.choice(c.members)[1] if rnd.random() < 0.8 else c.coordinator
        st = rnd.choices(("open", "done", "blocked"), (3, 5, 1))[0]
        due = day + timedelta(days=rnd.randint(7, 28))
        w.add_new(
            Action,
            circle_id=c.id,
            meeting_id=mtg,
            description=rnd.choice(texts.actions),
            owner_id=owner,
            created_on=day,
            due_on=due,
            status=st,
            barrier=texts.blocked_action_barrier if st == "blocked" else "",
            done_on=min(due, last_day) if st == "done" else None,
            category=rnd.choice(("minutes", "goals_progress")),
        )


def _developments(w: Writer, rnd: random.Random, c: _Cosa, last_day: date) -> None:
    descriptions = definitions.circle_texts().developments
    now = utcnow()
    span = (last_day - c.start).days
    for _ in range(rnd.randint(0, 3)):
        happened = c.start + timedelta(days=rnd.randint(0, max(0, span)))
        kind = rnd.choice(("progress", "risk", "need"))
        escalated = kind == "risk" and rnd.random() < 0.4
        did = w.add_new(
            Development,
            circle_id=c.id,
            occurred_on=happened,
            kind=kind,
            description=descriptions[kind],
            reported_by_id=rnd.choice(c.members)[1],
            escalated_to_mappa=escalated,
            escalated_on=happened + timedelta(days=1) if escalated else None,
            recorded_at=now,
        )
        # One share per person: the same professional can sit in the outer circle twice (two roles).
        shared_with = dict.fromkeys(
            pid for _mid, pid, _org in rnd.sample(c.outer, min(len(c.outer), rnd.randint(0, 2)))
        )
        for pid in shared_with:
            w.add(DevelopmentShare, development_id=did, person_id=pid, shared_on=happened)


def _questionnaires(w: Writer, rnd: random.Random, today: date, c: _Cosa) -> None:
    """End-of-circle stakeholder questionnaires from one or two of the outer circle."""
    assert c.ended is not None
    comment = definitions.circle_texts().questionnaire_comment
    for _mid, pid, org in rnd.sample(c.outer, min(len(c.outer), rnd.randint(1, 2))):
        qid = w.add_new(
            QuestionnaireResponse,
            circle_id=c.id,
            respondent_id=pid,
            organisation_id=org,
            received_on=min(today, c.ended + timedelta(days=rnd.randint(5, 40))),
        )
        for key in QUESTION_KEYS:
            w.add(
                QuestionnaireAnswer,
                response_id=qid,
                question=key,
                rating=None if key == "comments" else rnd.randint(3, 5),
                comment=comment if key == "comments" else "",
            )
