"""Demo data for Community Circles and the connectors' network: partner organisations' connectors and
their regional connectors with six-weekly community practice sessions; Community Circles at every stage
(finding a facilitator, the first three supported meetings, meeting, 12-month review due, carried on,
ended early with the purpose achieved, ended at the review), each with people from the person's own life,
a facilitator matched from the ranked list, meetings with roles, guides ticked, reflections on action and
actions taken on by willing members. Texts come from resources/demo (community.json, names.json).

Everything goes in through the services, so every rule holds by construction. The circles come from the
demo's accepted self-referrals, at most MOST_CIRCLES of them (going through the services costs time; the
rest stay accepted referrals waiting for a circle, as some do), and from new self-referrals taken here
when there are fewer than LEAST_CIRCLES, so that even a small demo shows every stage.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from circles_desktop.models import CommunityCircle, Organisation
from circles_desktop.models.kinds.community import ContactWay, PurposeKind, ReviewOutcome
from circles_desktop.models.vocab import (
    ActionStatus,
    CircleKind,
    DayPart,
    MemberRole,
    OrganisationKind,
    ReferralStatus,
    Weekday,
)
from circles_desktop.services.circles.reviews import add_months
from circles_desktop.services.community import community_circles as cc
from circles_desktop.services.community import (
    connectors,
    facilitators,
    first_meetings,
    life_members,
    practice_sessions,
    reflections,
    reviews,
    self_referral,
)
from circles_desktop.services.demo import definitions
from circles_desktop.services.demo.people_demo import COMMON_TIMES, CONNECTED_TOWNS
from circles_desktop.services.demo.referrals_demo import Accepted
from circles_desktop.services.meetings import actions, meetings
from circles_desktop.services.people import people

MOST_CIRCLES = 40
LEAST_CIRCLES = 10
# How long ago each circle started, in turn: every stage early on (finding a facilitator, first meetings,
# meeting, review due, reviewed), then a spread.
AGES = (5, 60, 110, 352, 385, 430, 610, 230, 290, 40, 520, 170, 700, 90, 365, 260)
ENDS_EARLY = 8  # every ninth circle (from the ninth) ends early, its purpose achieved
# What the reviews decide, in turn: most carry on.
REVIEW_OUTCOMES = (
    ReviewOutcome.CARRY_ON,
    ReviewOutcome.PURPOSE_ACHIEVED,
    ReviewOutcome.ENDED_OTHER,
    ReviewOutcome.CARRY_ON,
)
RELATIONSHIPS = (MemberRole.FAMILY, MemberRole.FRIEND, MemberRole.NEIGHBOUR, MemberRole.OTHER)
MEETING_HOURS = (time(10, 30), time(14, 0), time(18, 0))
LATER_MEETINGS = 2  # ordinary meetings after the three supported ones (each takes time to make)


@dataclass
class Network:
    regional: list[int]
    local: list[int]
    locals_of: dict[int, list[int]]


def fill_community(session: Session, size: int, seed: int, today: date, accepted: list[Accepted]) -> tuple[int, int]:
    """Connectors, practice sessions and Community Circles. Returns (connectors, circles)."""
    rnd = random.Random(seed * 104729 + 11)
    network = _network(session, rnd, size, today)
    chosen = sorted(accepted, key=lambda a: a[0])[: min(MOST_CIRCLES, max(LEAST_CIRCLES, size // 250))]
    starts = [(referral_id, on) for referral_id, _person, on in chosen]
    starts += [_self_referral(session, rnd, today, len(starts) + k) for k in range(LEAST_CIRCLES - len(starts))]
    reviewed = iter(REVIEW_OUTCOMES * len(starts))
    for i, (referral_id, accepted_on) in enumerate(starts):
        connector = network.local[i % len(network.local)]
        _circle(session, rnd, today, i, referral_id, accepted_on, connector, reviewed)
    for regional in network.regional:
        _practice_sessions(
            session, rnd, today, regional, network.locals_of[regional], overdue=regional == network.regional[-1]
        )
    return len(network.regional) + len(network.local), len(starts)


# --- the network -----------------------------------------------------------------------------------
def _staff(session: Session, rnd: random.Random) -> int:
    names = definitions.names()
    form = people.PersonForm(given_name=rnd.choice(names.staff_given), family_name=rnd.choice(names.staff_family))
    return people.create_person(session, form, allow_duplicate=True).id


def _network(session: Session, rnd: random.Random, size: int, today: date) -> Network:
    partners = list(session.scalars(select(Organisation.id).where(Organisation.kind == OrganisationKind.VOLUNTARY)))
    towns = definitions.places().volunteer_towns
    n_regional = max(1, size // 20_000)
    per_regional = min(connectors.MAX_LOCAL, max(4, size // 5000))
    network = Network([], [], {})
    for r in range(n_regional):
        pid = _staff(session, rnd)
        started = today - timedelta(days=rnd.randint(900, 1500))
        form = connectors.ConnectorForm(pid, partners[r % len(partners)], regional=True, started_on=started)
        connectors.save_connector(session, form, today)
        network.regional.append(pid)
        network.locals_of[pid] = []
        for j in range(per_regional):
            local = _staff(session, rnd)
            form = connectors.ConnectorForm(
                local,
                partners[(r + j) % len(partners)],
                regional_connector_id=pid,
                area=towns[(r + j) % len(towns)],
                started_on=started + timedelta(days=rnd.randint(10, 300)),
            )
            connectors.save_connector(session, form, today)
            network.local.append(local)
            network.locals_of[pid].append(local)
    return network


def _practice_sessions(
    session: Session, rnd: random.Random, today: date, regional: int, local: list[int], overdue: bool
) -> None:
    texts = definitions.community_texts().practice
    last = today - timedelta(days=rnd.randint(48, 60) if overdue else rnd.randint(8, 35))
    for k in range(5, -1, -1):
        held = last - timedelta(weeks=6 * k)
        came = set(rnd.sample(local, max(1, len(local) * 2 // 3))) if local else set()
        form = practice_sessions.SessionForm(
            held_on=held,
            venue=rnd.choice(texts["venues"]),
            attended=came,
            learning_shared=rnd.choice(texts["learning_shared"]),
            problems_brought=rnd.choice(texts["problems_brought"]),
            problems_solved=rnd.choice(texts["problems_solved"]),
        )
        practice_sessions.record_session(session, regional, form, today)


# --- a circle ----------------------------------------------------------------------------------------
def _self_referral(session: Session, rnd: random.Random, today: date, i: int) -> tuple[int, date]:
    """A self-referral received and accepted (some signposted by an agency): (referral id, its date)."""
    from circles_desktop.services.referrals import referrals

    names, texts = definitions.names(), definitions.community_texts()
    form = people.PersonForm(given_name=rnd.choice(names.people_given), family_name=rnd.choice(names.people_family))
    pid = people.create_person(session, form, allow_duplicate=True).id
    kinds = (OrganisationKind.HEALTH, OrganisationKind.SOCIAL_CARE)
    agencies = list(session.scalars(select(Organisation.id).where(Organisation.kind.in_(kinds))))
    on = today - timedelta(days=AGES[i % len(AGES)])
    refer = referrals.ReferralForm(
        circle_kind=CircleKind.COMMUNITY,
        person_id=pid,
        signposted_by_id=rnd.choice([*agencies, None]),
        received_on=on,
        purpose=rnd.choice(texts.purposes[PurposeKind.SOMETHING_ELSE]),
    )
    referral = referrals.create_referral(session, refer, today)
    referrals.move_referral(session, referral.id, ReferralStatus.ACCEPTED, on, today=today)
    return referral.id, on


def _details(rnd: random.Random, i: int, connector: int) -> cc.CommunityForm:
    texts = definitions.community_texts()
    kind = list(PurposeKind)[i % len(PurposeKind)]
    town = rnd.choice(definitions.places().volunteer_towns[:CONNECTED_TOWNS])
    times = set(rnd.sample(COMMON_TIMES, 2)) | {(rnd.choice(Weekday.values()), rnd.choice(DayPart.values()))}
    way = rnd.choice([w for w in ContactWay])
    return cc.CommunityForm(
        purpose_kind=kind,
        purpose=rnd.choice(texts.purposes[kind]),
        what_matters=rnd.choice(texts.what_matters),
        contact_by=way,
        contact_notes=rnd.choice(texts.contact_notes),
        connector_id=connector,
        area=town,
        postcode_district=rnd.choice(texts.districts[town]),
        times=times,
        interests=rnd.sample(definitions.volunteers().interests, 3),
        share_what_matters=rnd.random() < 0.6,
        share_contact=way != ContactWay.THROUGH_SOMEONE and rnd.random() < 0.5,
    )


def _their_life(session: Session, rnd: random.Random, circle_id: int, on: date) -> list[int]:
    """Two to four people from the person's life, happy to help; returns their person ids."""
    names, texts = definitions.names(), definitions.community_texts()
    found = []
    for _ in range(rnd.randint(2, 4)):
        form = people.PersonForm(given_name=rnd.choice(names.people_given), family_name=rnd.choice(names.people_family))
        pid = people.create_person(session, form, allow_duplicate=True).id
        how = rnd.choice(texts.how_they_help)
        life_members.add_from_their_life(session, circle_id, pid, rnd.choice(RELATIONSHIPS), True, on, how)
        found.append(pid)
    return found


def _circle(
    session: Session,
    rnd: random.Random,
    today: date,
    i: int,
    referral_id: int,
    accepted_on: date,
    connector: int,
    reviewed: Iterator[ReviewOutcome],
) -> None:
    start = max(accepted_on, today - timedelta(days=AGES[i % len(AGES)]))
    circle = self_referral.start_circle(session, referral_id, _details(rnd, i, connector), start)
    circle_id = circle.id
    # Held here so the services' look-ups of the circle find it in the session rather than reading it
    # again each time (the identity map keeps only what something else holds).
    kept = [circle, session.get(CommunityCircle, circle_id)]
    helpers = _their_life(session, rnd, circle_id, start)
    matched_on = start + timedelta(days=rnd.randint(7, 14))
    if matched_on >= today:
        return  # still finding a facilitator
    found = [m for m in facilitators.ranked(session, circle_id, matched_on) if m.can_match]
    if not found:
        return
    facilitators.choose_facilitator(session, circle_id, found[0].candidate.person_id, matched_on, today)
    early = i % 9 == ENDS_EARLY
    last_held = _meetings(session, rnd, today, circle_id, matched_on, helpers, ended=early)
    until = add_months(matched_on, 12)
    if early and last_held is not None:  # its purpose achieved early
        notes = rnd.choice(definitions.community_texts().review_notes[ReviewOutcome.PURPOSE_ACHIEVED])
        ends = min(today, last_held + timedelta(days=3))
        reviews.end_circle(session, circle_id, ends, ReviewOutcome.PURPOSE_ACHIEVED, notes)
    elif until <= today:
        _review(session, rnd, today, circle_id, until, next(reviewed))
    kept.clear()


def _meetings(
    session: Session,
    rnd: random.Random,
    today: date,
    circle_id: int,
    matched_on: date,
    helpers: list[int],
    ended: bool,
) -> date | None:
    """The three supported meetings, then monthly ones, up to today and one planned ahead (none ahead for a
    circle about to end). Returns the day of the last one held."""
    at = rnd.choice(MEETING_HOURS)
    days = [matched_on + timedelta(days=14 + 28 * n) for n in range(3 + LATER_MEETINGS)]
    venue = rnd.choice(definitions.community_texts().venues)
    last_held = None
    for n, day in enumerate(days):
        if day > today and ended:
            break
        supported = n < 3
        form = meetings.MeetingForm(starts_at=datetime.combine(day, at), venue=venue)
        meeting = first_meetings.create_meeting(session, circle_id, form, supported)
        if day > today:
            break  # the next meeting, planned
        _held(session, rnd, circle_id, meeting.id, day, supported, n, helpers, today)
        last_held = day
    return last_held


def _held(
    session: Session,
    rnd: random.Random,
    circle_id: int,
    meeting_id: int,
    day: date,
    supported: bool,
    n: int,
    helpers: list[int],
    today: date,
) -> None:
    """Attendance with the roles taken, the guide ticked, the connector's attendance, actions taken on by
    willing members, and the reflection on action."""
    rows = meetings.attendance_grid(session, meeting_id)
    statuses = {
        r.member_id: ("apologies" if rnd.random() < 0.12 else "present") for r in rows if r.role != MemberRole.CONNECTOR
    }
    roles = {r.member_id: "Facilitating" for r in rows if r.role == MemberRole.FACILITATOR}
    life = [r.member_id for r in rows if r.person_id in helpers and statuses.get(r.member_id) == "present"]
    for member_id, role in zip(rnd.sample(life, len(life)), ("Taking notes", "Keeping time", "Hosting"), strict=False):
        roles[member_id] = role
    meetings.set_attendance(
        session, meeting_id, statuses, {m: r for m, r in roles.items() if statuses.get(m) == "present"}
    )
    if supported:
        first_meetings.connector_attended(session, meeting_id, "present")
        codes = [code for code, _ in first_meetings.FOCUS[n + 1].steps]
        for code in codes[: len(codes) if rnd.random() < 0.8 else len(codes) - 1]:
            first_meetings.tick(session, meeting_id, code)
    if n >= 2:
        _actions(session, rnd, circle_id, meeting_id, day, helpers, today)
        texts = definitions.community_texts().reflections
        answers = reflections.Reflection(meeting_id, *(rnd.choice(texts[key]) for key, _, _ in reflections.PROMPTS))
        reflections.save_reflection(session, meeting_id, answers, datetime.combine(today, time(23, 59)))


def _actions(
    session: Session, rnd: random.Random, circle_id: int, meeting_id: int, day: date, helpers: list[int], today: date
) -> None:
    texts = definitions.community_texts().actions
    for owner in rnd.sample(helpers, min(len(helpers), rnd.randint(1, 2))):
        form = actions.ActionForm(
            description=rnd.choice(texts),
            owner_id=owner,
            owner_offered=True,
            created_on=day,
            due_on=day + timedelta(days=21),
            meeting_id=meeting_id,
        )
        action = actions.add_action(session, circle_id, form)
        done = day + timedelta(days=rnd.randint(5, 20))
        if done <= today and rnd.random() < 0.6:
            actions.set_status(session, action.id, ActionStatus.DONE, done_on=done)


def _review(session: Session, rnd: random.Random, today: date, circle_id: int, until: date, outcome: str) -> None:
    """The 12-month review, held when due: most circles carry on; some end, their purpose achieved or not."""
    held = min(today, until + timedelta(days=rnd.randint(0, 10)))
    notes = rnd.choice(definitions.community_texts().review_notes[outcome])
    form = reviews.ReviewForm(held, outcome, notes)
    if not reviews.review_problems(session, circle_id, form, today):  # else a later meeting is planned: not yet
        reviews.record_review(session, circle_id, form, today)
