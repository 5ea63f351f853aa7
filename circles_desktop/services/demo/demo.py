"""Demo data: an obviously fictional but realistic caseload for every screen, scaling to N people.

Places and organisations are invented (Wessex, Severnside, HMP Wealdmoor...), names are drawn from a
varied list with non-ASCII names, and references start with Z. Rows go in with bulk inserts in
batches, with ids chosen here, so 100,000 people take seconds rather than minutes; the services'
rules are respected by construction (dates run forwards, prison volunteers have enhanced checks, every
active circle has a volunteer and an accepted referral, closed circles had an end-of-circle review).

`fill` writes inside one unit of work: it all goes in, or (on an error, or a progress callback that
raises to cancel) none of it does.
"""

from __future__ import annotations

import hashlib
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from circles_desktop.models import (
    Action,
    Attendance,
    AvailabilitySlot,
    Base,
    Circle,
    CircleMember,
    Consent,
    CosaDetails,
    DbsCheck,
    Decision,
    Development,
    DevelopmentShare,
    Goal,
    GoalProgress,
    Meeting,
    MinutesSection,
    Organisation,
    Person,
    PersonPartRow,
    ProfessionalRole,
    QuestionnaireAnswer,
    QuestionnaireResponse,
    Referral,
    ReferralStep,
    RiskReport,
    StoredFile,
    TrainingRecord,
    VolunteerInterest,
    VolunteerProfile,
)
from circles_desktop.models.base import utcnow
from circles_desktop.models.vocab import SHAREABLE, OrganisationKind
from circles_desktop.services.circles.questionnaires import KEYS as QUESTION_KEYS
from circles_desktop.services.circles.reviews import add_months
from circles_desktop.services.common.text import search_key
from circles_desktop.services.demo.learning_demo import fill_learning
from circles_desktop.services.demo.sharing_demo import fill_shared_documents
from circles_desktop.services.security import audit

Progress = Callable[[int, int], None]
BATCH = 5000
SHOWCASE_MEETINGS = 50  # one circle with this many meetings, for the "open a big circle" benchmark

GIVEN = (
    "Siân Zoë Łukasz Aoife Oluwaseun Zainab Małgorzata Dáithí Björn Nguyễn Amara Bethan Callum Chloé Dylan "
    "Eilidh Farah Gareth Hana Idris Jakub Kai Leila Mohammed Niamh Olamide Priya Rhys Saoirse Tomasz Yusuf "
    "Aarav Bronwen Ciarán Dominika Efe Fatima Gwen Hamza Ifeoma José Kwame Lowri Mei Nuala Ottilie Paddy "
    "Ruairí Søren Thandiwe Uchenna Violet Wiktoria Xavier Yasmin Zofia Ana Benedikt Carys Declan Émilie "
    "Femi Grace Hywel Iolo Jamal Keira Liam Marta Noor Osian Pádraig Rosa Sean Tegan Ulla Wojciech"
).split()
FAMILY = (
    "Jones Williams Davies Evans Thomas Roberts Hughes Lewis Morgan Griffiths Smith Brown Taylor Wilson "
    "Kowalski Nowak Wiśniewski Ó Briain Ní Bhriain Nguyễn Trần Okafor Adeyemi Mensah Begum Hussain Khan "
    "Patel Shah Andersson Lindqvist Müller Ó Súilleabháin Mac Giolla Murphy Kelly Walsh O'Connor McCarthy "
    "Campbell MacLeod Fraser Ahmed Ali Rahman Osei Boateng Chowdhury Santos Costa Dubois Lefèvre Björk "
    "Llewellyn Pritchard Price Powell Rees Howells Bevan Yilmaz Demir Kaur Singh Gill Achterberg Novák"
).split()
PLACES = (
    "Wessex Severnside Kennet Vale Mendip Quantock Avonford Brackenmoor Wealdmoor Kingsbridge Harrowdene "
    "Lydford Coldharbour Ashcombe Thornbury Marlow Fenwick Stourhaven Pennock Elmstead"
).split()
TOWNS = (
    "Avonford Brackenmoor Kingsbridge Harrowdene Lydford Coldharbour Ashcombe Stourhaven Pennock Elmstead "
    "Fenwick Marlow Thornbury Ashby Wickham"
).split()
INTERESTS = (
    "walking football gardening cooking music reading fishing art cycling chess crafts history films "
    "allotments running faith community choir birdwatching photography"
).split()
COURSES = (
    "CoSA volunteer induction",
    "Safeguarding adults",
    "Safeguarding children",
    "Understanding sexual offending",
    "Boundaries and disclosure",
    "Working with intellectual disabilities",
    "Through-the-gate circles",
    "Person-centred facilitation",
)
ORG_TEMPLATES: dict[str, tuple[str, ...]] = {
    OrganisationKind.POLICE: ("{p} Constabulary", "{p} Police Public Protection Unit"),
    OrganisationKind.PROBATION: ("{p} Probation Delivery Unit", "{p} Probation Service"),
    OrganisationKind.PRISON: ("HMP {p}", "HMP/YOI {p}"),
    OrganisationKind.APPROVED_PREMISES: ("{p} House Approved Premises", "{p} Lodge Approved Premises"),
    OrganisationKind.YOUTH_OFFENDING: ("{p} Youth Justice Service", "{p} Youth Offending Team"),
    OrganisationKind.SOCIAL_CARE: ("{p} Children's Social Care", "{p} Adult Social Care"),
    OrganisationKind.HEALTH: ("{p} Forensic CLDT", "{p} Community Health Trust"),
    OrganisationKind.VOLUNTARY: ("{p} Circles Trust", "{p} Community Network"),
    OrganisationKind.FAITH: ("{p} Methodist Church", "{p} Interfaith Forum"),
    OrganisationKind.OTHER: ("{p} Housing Association", "{p} Jobcentre"),
}
JOB_TITLES = {
    OrganisationKind.POLICE: ("Police offender manager", "MAPPA coordinator", "Detective constable"),
    OrganisationKind.PROBATION: (
        "Probation officer",
        "Probation services officer",
        "Senior probation officer",
    ),
    OrganisationKind.PRISON: ("Offender management unit officer", "Prison officer", "Resettlement worker"),
    OrganisationKind.APPROVED_PREMISES: ("Approved premises keyworker", "Approved premises manager"),
    OrganisationKind.YOUTH_OFFENDING: ("Youth offending officer", "Youth justice worker"),
    OrganisationKind.SOCIAL_CARE: ("Social worker", "Team manager", "Harmful sexual behaviour practitioner"),
    OrganisationKind.HEALTH: ("Forensic learning disability nurse", "Clinical psychologist"),
    OrganisationKind.VOLUNTARY: ("Circles coordinator", "Community Circles connector"),
    OrganisationKind.FAITH: ("Minister", "Community chaplain"),
    OrganisationKind.OTHER: ("Housing officer", "Work coach"),
}
SECTION_TEXT = {
    "attendance": ("Who attended", "All members present except as noted; the core member arrived on time."),
    "goals_progress": (
        "Goals and progress",
        "Reviewed the housing and work goals; steady progress reported.",
    ),
    "minutes": (
        "Discussion",
        "The circle talked through the past fortnight, routines and plans for the weekend.",
    ),
    "risk_concerns": (
        "Risk and concerns",
        "Volunteers noted low mood mid-week; no contact with children reported.",
    ),
    "significant_developments": ("Significant developments", "Started a new voluntary job at the food bank."),
    "internal": (
        "Volunteers' preparation and debrief",
        "Agreed to follow up gently on the missed appointment.",
    ),
}
ACTION_TEXT = (
    "Look into an adult education course",
    "Ask the housing officer about the waiting list",
    "Find a walking group that meets on Saturdays",
    "Book a GP appointment",
    "Bring bus timetable to next meeting",
    "Check travel arrangements for the approved premises curfew",
)
GOAL_TEXT = (
    "Find settled accommodation",
    "Build a weekly routine",
    "Get back into work or volunteering",
    "Reconnect with family safely",
    "Manage money and benefits",
    "Make friends outside the circle",
)
PDF_STUB = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@dataclass
class DemoSummary:
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


class _Writer:
    """Buffers rows per model and writes them with bulk inserts, parents before children (FKs are on)."""

    ORDER: tuple[type[Base], ...] = (
        Organisation,
        Person,
        PersonPartRow,
        StoredFile,
        ProfessionalRole,
        VolunteerProfile,
        AvailabilitySlot,
        VolunteerInterest,
        DbsCheck,
        TrainingRecord,
        Referral,
        ReferralStep,
        RiskReport,
        Circle,
        CosaDetails,
        CircleMember,
        Consent,
        Goal,
        GoalProgress,
        Meeting,
        Attendance,
        MinutesSection,
        Decision,
        Action,
        Development,
        DevelopmentShare,
        QuestionnaireResponse,
        QuestionnaireAnswer,
    )

    def __init__(self, session: Session) -> None:
        self.session = session
        self.rows: dict[type[Base], list[dict[str, Any]]] = {m: [] for m in self.ORDER}
        self.counts: dict[str, int] = {}
        self.next_id: dict[type[Base], int] = {}

    def new_id(self, model: type[Base]) -> int:
        if model not in self.next_id:
            self.next_id[model] = (self.session.scalar(select(func.max(model.id))) or 0) + 1  # type: ignore[attr-defined]
        n = self.next_id[model]
        self.next_id[model] = n + 1
        return n

    def add(self, model: type[Base], **row: Any) -> None:
        self.rows[model].append(row)
        if len(self.rows[model]) >= BATCH:
            self.flush()

    def flush(self) -> None:
        for model in self.ORDER:
            rows = self.rows[model]
            if rows:
                # Core executemany on the table: the ORM's bulk path splits batches by which values are
                # None, which turned 200 statements into 14,000.
                self.session.connection().execute(insert(model.__table__), rows)
                name = model.__tablename__
                self.counts[name] = self.counts.get(name, 0) + len(rows)
                self.rows[model] = []


def fill(
    target: Any, size: int = 200, seed: int = 1, progress: Progress | None = None, today: date | None = None
) -> DemoSummary:
    """Fill a Database (in one unit of work) or a caller's Session with about `size` people and
    everything around them. `progress(done, total)` is called as each stage finishes; raising from
    it cancels, and nothing is kept."""
    if hasattr(target, "session") and callable(target.session):
        with target.session() as session:
            return _fill(session, size, seed, progress, today or date.today())
    return _fill(target, size, seed, progress, today or date.today())


@dataclass
class _Pool:
    professionals: dict[str, list[tuple[int, int, int]]] = field(default_factory=dict)  # kind -> (role, person, org)
    volunteers_enhanced: list[int] = field(default_factory=list)
    volunteers_other: list[int] = field(default_factory=list)
    core_members: list[int] = field(default_factory=list)
    parents: list[int] = field(default_factory=list)
    focus_people: list[int] = field(default_factory=list)
    coordinators: list[int] = field(default_factory=list)
    general: list[int] = field(default_factory=list)
    orgs: dict[str, list[int]] = field(default_factory=dict)


def _fill(session: Session, size: int, seed: int, progress: Progress | None, today: date) -> DemoSummary:
    started = time.perf_counter()
    rnd = random.Random(seed)
    w = _Writer(session)
    stages = 5
    step = iter(range(1, stages + 1))

    def report() -> None:
        if progress is not None:
            progress(next(step), stages)

    pool = _Pool()
    _organisations(w, rnd, size, pool)
    _people(w, rnd, size, today, pool)
    w.flush()
    report()
    _vetting(w, rnd, today, pool)
    w.flush()
    report()
    cosa_accepted, community_accepted = _referrals(w, rnd, today, pool)
    w.flush()
    report()
    _circles(w, rnd, today, pool, cosa_accepted, community_accepted)
    w.flush()
    fill_learning(session, size, seed, today)
    fill_shared_documents(session, seed, today)
    report()
    audit.record(session, "demo data created", "database", f"{size} people")
    report()
    return DemoSummary(dict(sorted(w.counts.items())), time.perf_counter() - started)


# --- organisations and people --------------------------------------------------------------------
def _organisations(w: _Writer, rnd: random.Random, size: int, pool: _Pool) -> None:
    per_kind = max(2, size // 2500)
    now = utcnow()
    used: set[str] = set()
    for kind, templates in ORG_TEMPLATES.items():
        pool.orgs[kind] = []
        for i in range(per_kind):
            place = PLACES[(i + len(pool.orgs) * 3) % len(PLACES)]
            name = templates[i % len(templates)].format(p=place)
            if name in used:
                name = f"{name} {i // len(PLACES) + 2}"
            used.add(name)
            oid = w.new_id(Organisation)
            w.add(
                Organisation,
                id=oid,
                name=name,
                name_key=search_key(name),
                kind=kind,
                address=f"{rnd.randint(1, 200)} High Street, {place}",
                phone=f"01632 {rnd.randint(100000, 999999)}",
                email="",
                notes="",
                created_at=now,
            )
            pool.orgs[kind].append(oid)


def _person(
    w: _Writer,
    rnd: random.Random,
    today: date,
    parts: tuple[str, ...],
    age: tuple[int, int],
    reference: str = "",
) -> int:
    given, family = rnd.choice(GIVEN), rnd.choice(FAMILY)
    born = today - timedelta(days=rnd.randint(age[0] * 365, age[1] * 365))
    pid = w.new_id(Person)
    now = utcnow()
    w.add(
        Person,
        id=pid,
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


def _people(w: _Writer, rnd: random.Random, size: int, today: date, pool: _Pool) -> None:
    share = {
        "professional": 0.12,
        "volunteer": 0.25,
        "core_member": 0.12,
        "parent_carer": 0.03,
        "focus_person": 0.05,
        "coordinator": 0.005,
    }
    n = {k: max(minimum, int(size * v)) for (k, v), minimum in zip(share.items(), (20, 40, 20, 6, 8, 2), strict=True)}
    for _ in range(n["coordinator"]):
        pool.coordinators.append(_person(w, rnd, today, ("coordinator",), (28, 60)))
    kinds = list(ORG_TEMPLATES)
    for i in range(n["professional"]):
        # Most professionals are police and probation, as in the seed; every kind gets some.
        kind = (
            kinds[i % len(kinds)]
            if i < 3 * len(kinds)
            else rnd.choice([OrganisationKind.POLICE, OrganisationKind.PROBATION] * 3 + kinds)
        )
        pid = _person(w, rnd, today, ("professional",), (25, 62))
        org = rnd.choice(pool.orgs[kind])
        rid = w.new_id(ProfessionalRole)
        w.add(
            ProfessionalRole,
            id=rid,
            person_id=pid,
            organisation_id=org,
            job_title=rnd.choice(JOB_TITLES[kind]),
            work_phone=f"01632 {rnd.randint(100000, 999999)}",
            work_email="",
            started_on=today - timedelta(days=rnd.randint(400, 5000)),
            ended_on=None,
        )
        pool.professionals.setdefault(kind, []).append((rid, pid, org))
    for i in range(n["volunteer"]):
        parts = ("volunteer", "facilitator") if i % 7 == 0 else ("volunteer",)
        pid = _person(w, rnd, today, parts, (21, 75))
        (pool.volunteers_enhanced if rnd.random() < 0.85 else pool.volunteers_other).append(pid)
    for _ in range(n["core_member"]):
        ref = f"Z{rnd.randint(1000, 9999)}{rnd.choice('ABCDEFGH')}{rnd.choice('JKLMNPRS')}"
        pool.core_members.append(_person(w, rnd, today, ("core_member",), (15, 70), ref))
    for _ in range(n["parent_carer"]):
        pool.parents.append(_person(w, rnd, today, ("parent_carer",), (32, 60)))
    for _ in range(n["focus_person"]):
        pool.focus_people.append(_person(w, rnd, today, ("focus_person",), (19, 90)))
    rest = max(0, size - sum(n.values()))
    for i in range(rest):
        part = ("other", "learner", "connector", "child")[i % 4]
        age = (5, 16) if part == "child" else (18, 80)
        pool.general.append(_person(w, rnd, today, (part,), age))


def _vetting(w: _Writer, rnd: random.Random, today: date, pool: _Pool) -> None:
    days = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    for pid in pool.volunteers_enhanced + pool.volunteers_other:
        started = today - timedelta(days=rnd.randint(60, 3000))
        w.add(
            VolunteerProfile,
            person_id=pid,
            location=rnd.choice(TOWNS),
            started_on=started,
            active=rnd.random() < 0.9,
            availability_notes="",
            notes="",
        )
        for d in rnd.sample(days, rnd.randint(1, 3)):
            w.add(
                AvailabilitySlot,
                person_id=pid,
                day=d,
                part_of_day=rnd.choice(("morning", "afternoon", "evening")),
            )
        for interest in rnd.sample(INTERESTS, rnd.randint(1, 3)):
            w.add(VolunteerInterest, person_id=pid, interest=interest)
        enhanced = pid in pool.volunteers_enhanced
        level = rnd.choice(("enhanced", "enhanced_barred")) if enhanced else rnd.choice(("basic", "standard"))
        w.add(
            DbsCheck,
            id=w.new_id(DbsCheck),
            person_id=pid,
            level=level,
            checked_on=started - timedelta(days=rnd.randint(10, 60)),
            certificate_number=f"{rnd.randint(10**11, 10**12 - 1)}",
            notes="",
        )
        for course in rnd.sample(COURSES, rnd.randint(1, 4)):
            w.add(
                TrainingRecord,
                id=w.new_id(TrainingRecord),
                person_id=pid,
                course=course,
                completed_on=started + timedelta(days=rnd.randint(0, 50)),
                notes="",
            )
    # Enhanced checks are kept as a set for quick checks when building prison circles.
    pool.volunteers_enhanced = list(dict.fromkeys(pool.volunteers_enhanced))


# --- referrals -----------------------------------------------------------------------------------
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
FIRST_STATUS = ("active", "active", "closed", "forming")
REASONS = {
    "declined": (
        "Not eligible: no sexual offence conviction",
        "Not suitable at present: in crisis",
        "No volunteers available in the area",
    ),
    "withdrawn": (
        "Core member moved out of the area",
        "Core member no longer wished to take part",
        "Recalled to prison",
    ),
}


def _referrals(w: _Writer, rnd: random.Random, today: date, pool: _Pool) -> tuple[list[tuple], list[tuple]]:
    """Returns accepted referrals as (referral id, person id, accepted date) for CoSA and Community."""
    now = utcnow()
    cosa: list[tuple] = []
    community: list[tuple] = []
    referrers = [
        p
        for k in (
            OrganisationKind.PROBATION,
            OrganisationKind.POLICE,
            OrganisationKind.YOUTH_OFFENDING,
            OrganisationKind.SOCIAL_CARE,
        )
        for p in pool.professionals.get(k, [])
    ]
    for i, pid in enumerate(pool.core_members):
        # The first few cover every status and the four showcase circles; the rest are drawn at random.
        end = FIRST_ENDS[i] if i < len(FIRST_ENDS) else rnd.choice(COSA_ENDS)
        received = today - timedelta(days=FIRST_AGES[i] if i < len(FIRST_AGES) else rnd.randint(30, 1100))
        role, _, org = rnd.choice(referrers)
        rid = w.new_id(Referral)
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
            steps.append((end, on, rnd.choice(REASONS[end])))
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
            eligibility_notes="Convicted of a sexual offence; living in or returning to the area.",
            suitability_notes="Motivated to take part; understands the circle's accountability role.",
            mappa_category=rnd.choice((1, 1, 1, 2, 3)),
            mappa_level=rnd.choice((1, 1, 2, 3)),
            created_at=now,
        )
        for st, when, why in steps:
            w.add(
                ReferralStep,
                id=w.new_id(ReferralStep),
                referral_id=rid,
                status=st,
                on_date=when,
                reason=why,
                recorded_at=now,
            )
        if len(steps) >= 3 and steps[2][0] == "full_referral":
            for rtype in rnd.sample(("oasys", "rm2000", "arms", "asset"), rnd.randint(1, 2)):
                fid = _file(w, f"{rtype.upper()} report {rid}.pdf", PDF_STUB + f"% {rtype} {rid}\n".encode())
                w.add(
                    RiskReport,
                    id=w.new_id(RiskReport),
                    referral_id=rid,
                    report_type=rtype,
                    report_date=steps[2][1] - timedelta(days=rnd.randint(1, 60)),
                    description="",
                    file_id=fid,
                )
        if end == "accepted":
            cosa.append((rid, pid, steps[-1][1]))
    signposters = pool.orgs[OrganisationKind.HEALTH] + pool.orgs[OrganisationKind.SOCIAL_CARE] + [None] * 4
    purposes = (
        "To meet new people nearby",
        "To get back into singing",
        "To find help with moving home",
        "To feel less lonely after my wife died",
        "To find a job that suits my health",
    )
    for i, pid in enumerate(pool.focus_people):
        received = today - timedelta(days=rnd.randint(20, 900))
        end = ("received", "initial_discussion", "accepted", "accepted", "accepted", "withdrawn")[i % 6]
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
            status_reason="Decided to wait until after surgery" if end == "withdrawn" else "",
            purpose=rnd.choice(purposes),
            eligibility_notes="",
            suitability_notes="",
            mappa_category=None,
            mappa_level=None,
            created_at=now,
        )
        w.add(
            ReferralStep,
            id=w.new_id(ReferralStep),
            referral_id=rid,
            status="received",
            on_date=received,
            reason="",
            recorded_at=now,
        )
        if end != "received":
            w.add(
                ReferralStep,
                id=w.new_id(ReferralStep),
                referral_id=rid,
                status=end,
                on_date=on,
                reason="Decided to wait until after surgery" if end == "withdrawn" else "",
                recorded_at=now,
            )
        if end == "accepted":
            community.append((rid, pid, on))
    return cosa, community


def _file(w: _Writer, name: str, content: bytes) -> int:
    fid = w.new_id(StoredFile)
    w.add(
        StoredFile,
        id=fid,
        filename=name,
        media_type="application/pdf",
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        content=content,
        added_at=utcnow(),
    )
    return fid


# --- circles and everything in them --------------------------------------------------------------
VARIANTS = (
    ["adult_community"] * 5 + ["prison_through_the_gate"] * 2 + ["intellectual_disability"] * 2 + ["young_person"] * 2
)
OUTER_BY_VARIANT = {
    "adult_community": (
        ("probation_officer", OrganisationKind.PROBATION),
        ("police_offender_manager", OrganisationKind.POLICE),
    ),
    "prison_through_the_gate": (
        ("probation_officer", OrganisationKind.PROBATION),
        ("police_offender_manager", OrganisationKind.POLICE),
        ("prison_staff", OrganisationKind.PRISON),
        ("approved_premises_staff", OrganisationKind.APPROVED_PREMISES),
    ),
    "intellectual_disability": (
        ("probation_officer", OrganisationKind.PROBATION),
        ("police_offender_manager", OrganisationKind.POLICE),
        ("forensic_cldt", OrganisationKind.HEALTH),
    ),
    "young_person": (
        ("youth_offending_officer", OrganisationKind.YOUTH_OFFENDING),
        ("social_worker", OrganisationKind.SOCIAL_CARE),
        ("hsb_practitioner", OrganisationKind.SOCIAL_CARE),
        ("police_offender_manager", OrganisationKind.POLICE),
    ),
}


def _circles(
    w: _Writer, rnd: random.Random, today: date, pool: _Pool, cosa: list[tuple], community: list[tuple]
) -> None:
    now = utcnow()
    for i, (ref_id, person_id, accepted_on) in enumerate(cosa):
        variant = (
            VARIANTS[i % len(VARIANTS)]
            if i >= 4
            else ("young_person", "prison_through_the_gate", "adult_community", "intellectual_disability")[i]
        )
        start = accepted_on + timedelta(days=rnd.randint(7, 40))
        if start >= today:
            start = accepted_on
        age_days = (today - start).days
        # Forming if just begun, closed if long past; the showcase circle stays active with 50 meetings.
        if i < len(FIRST_STATUS):
            status = FIRST_STATUS[i]
        elif age_days < 45 or rnd.random() < 0.1:
            status = "forming"
        elif age_days > 500 and rnd.random() < 0.6:
            status = "closed"
        else:
            status = "active"
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
            created_at=now,
        )
        release = None
        prison = None
        if variant == "prison_through_the_gate":
            release = today + timedelta(days=75) if i == 1 else start + timedelta(days=rnd.randint(60, 240))
            prison = rnd.choice(pool.orgs[OrganisationKind.PRISON])
        w.add(CosaDetails, circle_id=cid, variant=variant, expected_release_on=release, prison_id=prison)
        _cosa_contents(w, rnd, today, pool, cid, person_id, variant, status, start, ended, coordinator, i == 0)
    for rid, person_id, accepted_on in community:
        start = min(today, accepted_on + timedelta(days=rnd.randint(10, 40)))
        status = "active" if (today - start).days > 30 else "forming"
        cid = w.new_id(Circle)
        w.add(
            Circle,
            id=cid,
            reference=f"CC-{cid:05d}",
            kind="community",
            title="",
            focus_person_id=person_id,
            coordinator_id=rnd.choice(pool.coordinators),
            referral_id=rid,
            status=status,
            started_on=start,
            activated_on=start + timedelta(days=20) if status == "active" else None,
            ended_on=None,
            purpose="A person, a purpose",
            notes="",
            created_at=now,
        )
        w.add(
            CircleMember,
            id=w.new_id(CircleMember),
            circle_id=cid,
            person_id=person_id,
            ring="inner",
            role="focus_person",
            organisation_id=None,
            joined_on=start,
            left_on=None,
            notes="",
        )
        w.add(
            CircleMember,
            id=w.new_id(CircleMember),
            circle_id=cid,
            person_id=rnd.choice(pool.volunteers_enhanced),
            ring="inner",
            role="facilitator",
            organisation_id=None,
            joined_on=start,
            left_on=None,
            notes="",
        )
        for friend in rnd.sample(pool.general, min(len(pool.general), rnd.randint(1, 3))):
            w.add(
                CircleMember,
                id=w.new_id(CircleMember),
                circle_id=cid,
                person_id=friend,
                ring="inner",
                role="family_or_friend",
                organisation_id=None,
                joined_on=start,
                left_on=None,
                notes="",
            )


def _member(
    w: _Writer,
    cid: int,
    person_id: int,
    ring: str,
    role: str,
    joined: date,
    left: date | None = None,
    org: int | None = None,
) -> int:
    mid = w.new_id(CircleMember)
    w.add(
        CircleMember,
        id=mid,
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


def _cosa_contents(
    w: _Writer,
    rnd: random.Random,
    today: date,
    pool: _Pool,
    cid: int,
    core: int,
    variant: str,
    status: str,
    start: date,
    ended: date | None,
    coordinator: int,
    showcase: bool,
) -> None:
    now = utcnow()
    inner: list[tuple[int, int]] = [(_member(w, cid, core, "inner", "core_member", start), core)]
    joined_on: dict[int, date] = {}
    left_on: dict[int, date] = {}
    candidates = (
        pool.volunteers_enhanced
        if variant == "prison_through_the_gate"
        else (pool.volunteers_enhanced + pool.volunteers_other)
    )
    for vol in rnd.sample(candidates, rnd.randint(3, 5)):
        joined = start + timedelta(days=rnd.randint(0, 10))
        left = None
        if rnd.random() < 0.1 and status != "forming":
            left = min(today, joined + timedelta(days=rnd.randint(60, 200)))
            if ended and left > ended:
                left = ended
        mid = _member(w, cid, vol, "inner", "volunteer", joined, left)
        inner.append((mid, vol))
        joined_on[mid] = joined
        if left is not None:
            left_on[mid] = left - timedelta(days=1)  # last day in the circle
    parent = None
    if variant == "young_person":
        parent = rnd.choice(pool.parents)
        inner.append((_member(w, cid, parent, "inner", "parent_carer", start), parent))
    outer: list[tuple[int, int, int]] = []
    roles = list(OUTER_BY_VARIANT[variant])
    if rnd.random() < 0.3:
        roles.append(("mappa_coordinator", OrganisationKind.POLICE))
    for role, kind in roles:
        choices = pool.professionals.get(kind) or pool.professionals[OrganisationKind.PROBATION]
        _, pid, org = rnd.choice(choices)
        outer.append((_member(w, cid, pid, "outer", role, start, None, org), pid, org))
    # Consent: each outer member gets some categories, a few withdrawn later; one goes to an organisation.
    given = start + timedelta(days=rnd.randint(0, 7))
    if given > today:
        given = start
    signed = _file(w, f"Consent form {cid}.pdf", PDF_STUB) if rnd.random() < 0.2 else None
    cats = [c.value for c in SHAREABLE]
    for mid, _pid, _org in outer:
        for cat in rnd.sample(cats, rnd.randint(2, 5)):
            withdrawn = None
            if rnd.random() < 0.08 and (today - given).days > 30:
                withdrawn = given + timedelta(days=rnd.randint(20, (today - given).days))
            w.add(
                Consent,
                id=w.new_id(Consent),
                circle_id=cid,
                recipient_member_id=mid,
                recipient_organisation_id=None,
                category=cat,
                given_by_id=core,
                parent_carer_id=parent,
                given_on=given,
                withdrawn_on=withdrawn,
                withdrawn_reason="Core member asked for this to stop" if withdrawn else "",
                signed_form_id=signed,
                notes="",
                recorded_at=now,
            )
    if outer and rnd.random() < 0.3:
        w.add(
            Consent,
            id=w.new_id(Consent),
            circle_id=cid,
            recipient_member_id=None,
            recipient_organisation_id=outer[0][2],
            category="significant_developments",
            given_by_id=core,
            parent_carer_id=parent,
            given_on=given,
            withdrawn_on=None,
            withdrawn_reason="",
            signed_form_id=signed,
            notes="",
            recorded_at=now,
        )
    if status == "forming":
        return
    last_day = ended or today
    # Goals with progress.
    for n, title in enumerate(rnd.sample(GOAL_TEXT, rnd.randint(2, 3))):
        gid = w.new_id(Goal)
        set_on = start + timedelta(days=rnd.randint(7, 21))
        set_on = min(set_on, last_day)
        done = rnd.random() < 0.3 and (last_day - set_on).days > 60
        closed = set_on + timedelta(days=rnd.randint(30, max(31, (last_day - set_on).days))) if done else None
        if closed and closed > last_day:
            closed = last_day
        w.add(
            Goal,
            id=gid,
            circle_id=cid,
            position=n,
            title=title,
            description="",
            set_on=set_on,
            status="achieved" if done else "open",
            closed_on=closed,
        )
        for k in range(rnd.randint(1, 3)):
            noted = min(last_day, set_on + timedelta(days=30 * (k + 1)))
            w.add(
                GoalProgress,
                id=w.new_id(GoalProgress),
                goal_id=gid,
                noted_on=noted,
                note=rnd.choice(
                    ("Made a start", "Good progress this month", "Setback, but back on track", "Nearly there")
                ),
                noted_by_id=None,
                recorded_at=now,
            )
    # Meetings: briefing, fortnightly meetings, quarterly reviews, end-of-circle review when closed.
    span = (last_day - start).days
    count = SHOWCASE_MEETINGS if showcase else max(2, min(rnd.randint(4, 12), span // 14))
    when: list[tuple[date, str]] = [(start + timedelta(days=3), "initial_briefing")]
    gap = max(1, (span - 7) // max(1, count))
    next_review = add_months(start, 3)
    for k in range(1, count):
        day = start + timedelta(days=3 + k * gap)
        if day > last_day:
            break
        kind = "circle_meeting"
        if day >= next_review:
            kind, next_review = "quarterly_review", add_months(day, 3)
        when.append((day, kind))
    if status == "closed":
        when.append((ended, "end_of_circle_review"))  # type: ignore[arg-type]
    members = inner + [(m, p) for m, p, _ in outer]
    for day, kind in when:
        mtg = w.new_id(Meeting)
        starts = datetime(day.year, day.month, day.day, rnd.choice((10, 14, 18)), rnd.choice((0, 30)))
        w.add(
            Meeting,
            id=mtg,
            circle_id=cid,
            kind=kind,
            starts_at=starts,
            ends_at=starts + timedelta(hours=1, minutes=30),
            venue=rnd.choice(
                (
                    "St Anne's church hall",
                    "Probation office, meeting room 2",
                    "Community centre",
                    "HMP visits hall",
                    "Library study room",
                )
            ),
            notes="",
            created_at=now,
        )
        present = [
            (m, p)
            for m, p in (members if kind != "circle_meeting" else inner)
            if joined_on.get(m, start) <= day <= left_on.get(m, day)
        ]
        for mid, _ in present:
            w.add(
                Attendance,
                id=w.new_id(Attendance),
                meeting_id=mtg,
                member_id=mid,
                status=rnd.choices(("present", "apologies", "absent"), (8, 2, 1))[0],
            )
        cats = (
            "attendance",
            "goals_progress",
            "minutes",
            "risk_concerns",
            "significant_developments",
            "internal",
        )
        chosen = cats if kind != "circle_meeting" else rnd.sample(cats, rnd.randint(3, 5))
        for pos, cat in enumerate(chosen):
            heading, body = SECTION_TEXT[cat]
            w.add(
                MinutesSection,
                id=w.new_id(MinutesSection),
                meeting_id=mtg,
                position=pos,
                heading=heading,
                body=body,
                category=cat,
            )
        if rnd.random() < 0.5:
            w.add(
                Decision,
                id=w.new_id(Decision),
                meeting_id=mtg,
                position=0,
                text="Next meeting agreed for the same time in two weeks.",
                category="minutes",
            )
        for _ in range(rnd.randint(0, 2)):
            owner = rnd.choice(members)[1] if rnd.random() < 0.8 else coordinator
            st = rnd.choices(("open", "done", "blocked"), (3, 5, 1))[0]
            due = day + timedelta(days=rnd.randint(7, 28))
            w.add(
                Action,
                id=w.new_id(Action),
                circle_id=cid,
                meeting_id=mtg,
                description=rnd.choice(ACTION_TEXT),
                owner_id=owner,
                created_on=day,
                due_on=due,
                status=st,
                barrier="Waiting for a reply from the housing office" if st == "blocked" else "",
                done_on=min(due, last_day) if st == "done" else None,
                category=rnd.choice(("minutes", "goals_progress")),
            )
    # Significant developments.
    for _ in range(rnd.randint(0, 3)):
        happened = start + timedelta(days=rnd.randint(0, max(0, span)))
        kind = rnd.choice(("progress", "risk", "need"))
        escalated = kind == "risk" and rnd.random() < 0.4
        did = w.new_id(Development)
        w.add(
            Development,
            id=did,
            circle_id=cid,
            occurred_on=happened,
            kind=kind,
            description={
                "progress": "Started volunteering two days a week.",
                "risk": "Disclosed contact with a former associate; police informed.",
                "need": "Lost accommodation; urgent housing support needed.",
            }[kind],
            reported_by_id=rnd.choice(members)[1],
            escalated_to_mappa=escalated,
            escalated_on=happened + timedelta(days=1) if escalated else None,
            recorded_at=now,
        )
        for _mid, pid, _org in rnd.sample(outer, min(len(outer), rnd.randint(0, 2))):
            w.add(DevelopmentShare, development_id=did, person_id=pid, shared_on=happened)
    # End-of-circle stakeholder questionnaires.
    if status == "closed":
        for _mid, pid, org in rnd.sample(outer, min(len(outer), rnd.randint(1, 2))):
            qid = w.new_id(QuestionnaireResponse)
            w.add(
                QuestionnaireResponse,
                id=qid,
                circle_id=cid,
                respondent_id=pid,
                organisation_id=org,
                received_on=min(today, ended + timedelta(days=rnd.randint(5, 40))),
            )  # type: ignore[operator]
            for key in QUESTION_KEYS:
                w.add(
                    QuestionnaireAnswer,
                    response_id=qid,
                    question=key,
                    rating=None if key == "comments" else rnd.randint(3, 5),
                    comment="The circle kept us well informed." if key == "comments" else "",
                )
