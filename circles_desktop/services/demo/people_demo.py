"""Demo organisations and people: every kind of organisation, the professionals who work there, the
volunteers with their checks and training, core members, parents and carers, focus people, coordinators
and everyone else. Names and places come from resources/demo (see definitions.py)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from circles_desktop.models import (
    AvailabilitySlot,
    DbsCheck,
    Organisation,
    Person,
    PersonPartRow,
    ProfessionalRole,
    TrainingRecord,
    VolunteerInterest,
    VolunteerProfile,
)
from circles_desktop.models.base import utcnow
from circles_desktop.models.vocab import OrganisationKind, TrainingMethod
from circles_desktop.services.common.text import search_key
from circles_desktop.services.demo import definitions
from circles_desktop.services.demo.writer import Pool, Writer
from circles_desktop.services.people.volunteers import FACILITATOR_COURSE

# Ofcom keeps 01632 for drama, so a demo number can never ring anyone.
FICTIONAL_PHONE = "01632 {}"

# Each part's share of the people, and the least there are of it however small the demo.
SHARES: dict[str, tuple[float, int]] = {
    "professional": (0.12, 20),
    "volunteer": (0.25, 40),
    "core_member": (0.12, 20),
    "parent_carer": (0.03, 6),
    "focus_person": (0.05, 8),
    "coordinator": (0.005, 2),
}
# The times most Community Circles meet, which facilitators mostly offer (so that matching finds some in common).
COMMON_TIMES = (
    ("tue", "evening"),
    ("wed", "evening"),
    ("thu", "evening"),
    ("sat", "morning"),
    ("mon", "afternoon"),
    ("fri", "morning"),
)
# Facilitators live in the towns the connectors work in.
CONNECTED_TOWNS = 5
# Everyone else takes these parts in turn.
OTHER_PARTS = ("other", "learner", "connector", "child")


def add_organisations(w: Writer, rnd: random.Random, size: int, pool: Pool) -> None:
    texts = definitions.organisations()
    places = definitions.places().organisation_places
    per_kind = max(2, size // 2500)
    now = utcnow()
    used: set[str] = set()
    for kind, templates in texts.names.items():
        pool.orgs[kind] = []
        for i in range(per_kind):
            place = places[(i + len(pool.orgs) * 3) % len(places)]
            name = templates[i % len(templates)].format(place=place)
            if name in used:
                name = f"{name} {i // len(places) + 2}"
            used.add(name)
            oid = w.add_new(
                Organisation,
                name=name,
                name_key=search_key(name),
                kind=kind,
                address=texts.address.format(number=rnd.randint(1, 200), place=place),
                phone=FICTIONAL_PHONE.format(rnd.randint(100000, 999999)),
                email="",
                notes="",
                created_at=now,
            )
            pool.orgs[kind].append(oid)


def _person(
    w: Writer,
    rnd: random.Random,
    today: date,
    parts: tuple[str, ...],
    age: tuple[int, int],
    reference: str = "",
) -> int:
    names = definitions.names()
    given, family = rnd.choice(names.people_given), rnd.choice(names.people_family)
    born = today - timedelta(days=rnd.randint(age[0] * 365, age[1] * 365))
    now = utcnow()
    pid = w.add_new(
        Person,
        given_name=given,
        family_name=family,
        known_as="",
        given_key=search_key(given),
        family_key=search_key(family),
        date_of_birth=born,
        reference=reference,
        reference_key=search_key(reference),
        phone="",
        email="",
        address="",
        notes="",
        created_at=now,
        updated_at=now,
    )
    for part in parts:
        w.add(PersonPartRow, person_id=pid, part=part)
    return pid


def add_people(w: Writer, rnd: random.Random, size: int, today: date, pool: Pool) -> None:
    n = {part: max(least, int(size * share)) for part, (share, least) in SHARES.items()}
    for _ in range(n["coordinator"]):
        pool.coordinators.append(_person(w, rnd, today, ("coordinator",), (28, 60)))
    _professionals(w, rnd, today, pool, n["professional"])
    for i in range(n["volunteer"]):
        # A third facilitate Community Circles, so a small demo still has some to match.
        parts = ("volunteer", "facilitator") if i % 3 == 0 else ("volunteer",)
        pid = _person(w, rnd, today, parts, (21, 75))
        (pool.volunteers_enhanced if rnd.random() < 0.85 else pool.volunteers_other).append(pid)
        if i % 3 == 0:
            pool.facilitators.append(pid)
    for _ in range(n["core_member"]):
        ref = f"Z{rnd.randint(1000, 9999)}{rnd.choice('ABCDEFGH')}{rnd.choice('JKLMNPRS')}"
        pool.core_members.append(_person(w, rnd, today, ("core_member",), (15, 70), ref))
    for _ in range(n["parent_carer"]):
        pool.parents.append(_person(w, rnd, today, ("parent_carer",), (32, 60)))
    for _ in range(n["focus_person"]):
        pool.focus_people.append(_person(w, rnd, today, ("focus_person",), (19, 90)))
    rest = max(0, size - sum(n.values()))
    for i in range(rest):
        part = OTHER_PARTS[i % len(OTHER_PARTS)]
        age = (5, 16) if part == "child" else (18, 80)
        pool.general.append(_person(w, rnd, today, (part,), age))


def _professionals(w: Writer, rnd: random.Random, today: date, pool: Pool, count: int) -> None:
    job_titles = definitions.organisations().job_titles
    kinds = list(OrganisationKind)
    for i in range(count):
        # Most professionals are police and probation, as in the seed; every kind gets some.
        kind = (
            kinds[i % len(kinds)]
            if i < 3 * len(kinds)
            else rnd.choice([OrganisationKind.POLICE, OrganisationKind.PROBATION] * 3 + kinds)
        )
        pid = _person(w, rnd, today, ("professional",), (25, 62))
        org = rnd.choice(pool.orgs[kind])
        rid = w.add_new(
            ProfessionalRole,
            person_id=pid,
            organisation_id=org,
            job_title=rnd.choice(job_titles[kind]),
            work_phone=FICTIONAL_PHONE.format(rnd.randint(100000, 999999)),
            work_email="",
            started_on=today - timedelta(days=rnd.randint(400, 5000)),
            ended_on=None,
        )
        pool.professionals.setdefault(kind, []).append((rid, pid, org))


def add_vetting(w: Writer, rnd: random.Random, today: date, pool: Pool) -> None:
    """Each volunteer's profile (town, postcode district, how far they travel, how many circles they can
    take), availability, interests, DBS check and training; facilitators also have the Community Circles
    facilitator training (a few not yet, or without a DBS check, so matching has someone to rule out) and
    the partner organisation that recruited them."""
    texts = definitions.volunteers()
    districts = definitions.community_texts().districts
    towns = definitions.places().volunteer_towns
    partners = pool.orgs[OrganisationKind.VOLUNTARY]
    facilitators = set(pool.facilitators)
    days = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    methods = [m.value for m in TrainingMethod]
    for pid in pool.volunteers_enhanced + pool.volunteers_other:
        started = today - timedelta(days=rnd.randint(60, 3000))
        facilitates = pid in facilitators
        town = rnd.choice(towns[:CONNECTED_TOWNS] if facilitates else towns)
        w.add(
            VolunteerProfile,
            person_id=pid,
            location=town,
            postcode_district=rnd.choice(districts[town]),
            travel=rnd.choice(("own_district", "area", "area", "anywhere")),
            max_circles=rnd.choice((0, 1, 1, 2, 2, 3)) if facilitates else 1,
            recruited_by_id=rnd.choice(partners) if facilitates else None,
            started_on=started,
            active=rnd.random() < 0.9,
            availability_notes="",
            notes="",
        )
        if facilitates:
            slots = rnd.sample(COMMON_TIMES, rnd.randint(2, 3))
        else:
            slots = [(d, rnd.choice(("morning", "afternoon", "evening"))) for d in rnd.sample(days, rnd.randint(1, 3))]
        for d, part in slots:
            w.add(AvailabilitySlot, person_id=pid, day=d, part_of_day=part)
        for interest in rnd.sample(texts.interests, rnd.randint(1, 3)):
            w.add(VolunteerInterest, person_id=pid, interest=interest)
        enhanced = pid in pool.volunteers_enhanced
        level = rnd.choice(("enhanced", "enhanced_barred")) if enhanced else rnd.choice(("basic", "standard"))
        if not (facilitates and rnd.random() < 0.06):
            w.add_new(
                DbsCheck,
                person_id=pid,
                level=level,
                checked_on=started - timedelta(days=rnd.randint(10, 60)),
                certificate_number=f"{rnd.randint(10**11, 10**12 - 1)}",
                notes="",
            )
        courses = rnd.sample(texts.training_courses, rnd.randint(1, 4))
        if facilitates and rnd.random() < 0.9:
            courses.append(FACILITATOR_COURSE)
        for course in courses:
            w.add_new(
                TrainingRecord,
                person_id=pid,
                course=course,
                completed_on=started + timedelta(days=rnd.randint(0, 50)),
                method=rnd.choice(methods),
                notes="",
            )
    # Enhanced checks are kept as a set for quick checks when building prison circles.
    pool.volunteers_enhanced = list(dict.fromkeys(pool.volunteers_enhanced))
