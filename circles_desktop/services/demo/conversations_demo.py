"""Demo data for community conversations and a community of practice: several conversations (one on the
same locality and theme as another, so the similar-work warning shows) with their series, attendance by
group, what people noticed, sparks and follow-ups, and the toolkit's checklist part worked through; and one
community of practice with two seasons (Prison Release, ended; Engagement, running), monthly sessions,
presentations (one lived-experience presenter anonymous), participants by sector, barriers and a mailing
list with someone removed at their request. Texts come from resources/demo/conversations.json.

Everything goes in through the services, so every rule holds by construction.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from circles_desktop.models import Organisation, Person, ProfessionalRole
from circles_desktop.models.kinds.conversations import AttendeeGroup, SparkStatus
from circles_desktop.models.kinds.practice import Sector
from circles_desktop.services.circles.reviews import add_months
from circles_desktop.services.common.text import search_key
from circles_desktop.services.conversations import conversation_sessions, conversations, similar_work, sparks, toolkit
from circles_desktop.services.demo import definitions
from circles_desktop.services.people import people
from circles_desktop.services.practice import barriers, mailing_list, practice, seasons, session_parts


def _person(s: Session, rnd: random.Random) -> int:
    names = definitions.names()
    form = people.PersonForm(given_name=rnd.choice(names.staff_given), family_name=rnd.choice(names.staff_family))
    return people.create_person(s, form, allow_duplicate=True).id


def fill_conversations(session: Session, size: int = 200, seed: int = 1, today: date | None = None) -> int:
    """Add about size // 2500 conversations (at least 5) and one community of practice. Returns how many
    conversations."""
    today = today or date.today()
    rnd = random.Random(seed * 4201 + 11)
    texts = definitions.conversation_texts()
    organiser = _person(session, rnd)
    count = max(len(texts.conversations) + 1, min(40, size // 2500))
    made: list[int] = []
    for i in range(count):
        entry = texts.conversations[i % len(texts.conversations)]
        if i == len(texts.conversations):  # the same locality and theme as the first: the warning shows
            entry = {**texts.conversations[0], "title": "Nobody on their own in Northfield"}
        made.append(_conversation(session, rnd, today, organiser, entry, i))
    # The repeat of the first locality and theme is left undecided, so its warning shows; a later one joins forces.
    if len(made) > len(texts.conversations) + 1:
        similar_work.decide_overlap(session, made[-1], made[0], "join_forces", today, "One series, shared venues")
    fill_practice(session, rnd, today)
    return count


def _conversation(s: Session, rnd: random.Random, today: date, organiser: int, entry: dict[str, str], i: int) -> int:
    texts = definitions.conversation_texts()
    started = today - timedelta(days=rnd.randint(120, 200))
    form = conversations.ConversationForm(organiser_id=organiser, started_on=started, **entry)
    cid = conversations.create_conversation(s, form).id
    work = similar_work.SimilarWorkForm(kind="nag", name=texts.similar_work[i % len(texts.similar_work)])
    if i % 2 == 0:
        work.decision, work.decided_on = "join_forces", started + timedelta(days=7)
    similar_work.add_similar_work(s, cid, work)
    held = [started + timedelta(days=28 * (k + 1) + rnd.randint(0, 5)) for k in range(rnd.randint(2, 4))]
    held = [d for d in held if d < today] + ([today + timedelta(days=rnd.randint(7, 21))] if i % 2 == 0 else [])
    series = []
    for k, day in enumerate(held):
        venue = texts.venues[(i + k) % len(texts.venues)]
        form_s = conversation_sessions.SessionForm(datetime.combine(day, time(18, 30)), None, venue)
        mid = conversation_sessions.add_session(s, cid, form_s).id
        series.append(mid)
        if day < today:
            _held(s, rnd, mid, i)
    past = [m for m, d in zip(series, held, strict=True) if d < today]
    for k, mid in enumerate(past[:2]):
        spark = texts.sparks[(i + k) % len(texts.sparks)]
        sid = sparks.add_spark(s, cid, sparks.SparkForm(mid, spark["idea"], spark["carried_by"], k % 2 == 1)).id
        later = past[k + 1 :]
        if later and rnd.random() < 0.7:
            status = SparkStatus.DONE if rnd.random() < 0.3 else SparkStatus.GROWING
            sparks.follow_up(s, sid, later[0], rnd.choice(texts.follow_ups), status)
    for code, note in texts.checklist_notes.items():
        state = "not_for_this_one" if code == "web_chats" else "done"
        toolkit.mark(s, cid, code, state, started + timedelta(days=10), note)
    for code in rnd.sample([item.code for item in toolkit.items(s)][:12], 4):
        if code not in texts.checklist_notes:
            toolkit.mark(s, cid, code, "done", started + timedelta(days=14))
    return cid


def _held(s: Session, rnd: random.Random, meeting_id: int, i: int) -> None:
    """Who came (the second conversation leans on professionals), and what they noticed."""
    pros = rnd.randint(6, 9) if i == 1 else rnd.randint(1, 4)
    counts = {
        AttendeeGroup.LOCAL_RESIDENTS: rnd.randint(4, 14),
        AttendeeGroup.ALREADY_ACTIVE: rnd.randint(1, 5),
        AttendeeGroup.PROFESSIONALS: pros,
        AttendeeGroup.CHILDREN_YOUNG_PEOPLE: rnd.choice((0, 0, 2, 5)),
        AttendeeGroup.LESS_OFTEN_HEARD: rnd.choice((0, 1, 3)),
    }
    conversation_sessions.set_headcounts(s, meeting_id, {str(g): n for g, n in counts.items()})
    for text in rnd.sample(definitions.conversation_texts().noticed, rnd.randint(2, 3)):
        sparks.add_noticed(s, meeting_id, text)


# --- the community of practice -------------------------------------------------------------------------
def fill_practice(s: Session, rnd: random.Random, today: date) -> int:
    texts = definitions.conversation_texts().practice
    started = add_months(today, -9)
    coordinator, chair = _person(s, rnd), _person(s, rnd)
    form = practice.PracticeForm(texts["title"], coordinator, started, texts["purpose"])
    cid = practice.create_practice(s, form).id
    every = list(s.scalars(select(Organisation.id).order_by(Organisation.id)))
    orgs = rnd.sample(every, min(8, len(every)))  # voluntary and statutory alike
    kinds = dict(s.execute(select(Organisation.id, Organisation.kind).where(Organisation.id.in_(orgs))).all())
    first, second = texts["seasons"]
    ends = add_months(started, 4)
    one = seasons.add_season(s, cid, seasons.SeasonForm(first["theme"], chair, started, ends, first["outcomes"])).id
    two = seasons.add_season(s, cid, seasons.SeasonForm(second["theme"], chair, ends + timedelta(days=14))).id
    for season_id, entry, begin, months in ((one, first, started, 4), (two, second, ends + timedelta(days=14), 4)):
        for k in range(months):
            day = add_months(begin, k) + timedelta(days=3)
            if day >= today or (season_id == one and day > ends):
                break
            _session(s, rnd, cid, season_id, entry, day, k, orgs, kinds, today)
    _mailing_list(s, rnd, cid, started, today)
    return cid


def _session(
    s: Session,
    rnd: random.Random,
    cid: int,
    season_id: int,
    entry: dict,
    day: date,
    k: int,
    orgs: list[int],
    kinds: dict[int, str],
    today: date,
) -> None:
    texts = definitions.conversation_texts().practice
    online = k % 3 == 2
    form = seasons.SessionForm(
        season_id,
        datetime.combine(day, time(12)),
        None,
        texts["online_venue"] if online else texts["venue"],
        "online" if online else "in_person",
        "" if online else texts["refreshments"],
        entry["discussion"] if k == 0 else "",
    )
    mid = seasons.add_session(s, cid, form).id
    title = entry["presentations"][k % len(entry["presentations"])]
    presenter = _person(s, rnd)
    lived = k in (0, 1)
    talk = session_parts.PresentationForm(
        title, presenter, lived, named=(k != 1), consent_on=day - timedelta(days=7) if lived else None,
        consent_note=texts["consent_note"] if lived else "",
    )  # fmt: skip
    session_parts.add_presentation(s, mid, talk)
    for org_id in rnd.sample(orgs, min(len(orgs), rnd.randint(3, 5))):
        sector = session_parts.usual_sector(kinds.get(org_id))
        session_parts.add_participants(s, mid, org_id, sector, rnd.randint(1, 4))
    session_parts.add_participants(s, mid, None, Sector.LIVED_EXPERIENCE, rnd.randint(1, 3))
    if k < len(texts["barriers"]) and season_id == min(_season_ids(s, cid)):
        b = texts["barriers"][k]
        raised = min(today, day + timedelta(days=10))
        changed = min(today, day + timedelta(days=45)) if b["what_changed"] else None
        form_b = barriers.BarrierForm(mid, b["description"], b["raised_with"], raised, b["what_changed"], changed)
        barriers.add_barrier(s, cid, form_b, today)


def _season_ids(s: Session, cid: int) -> list[int]:
    return [r.id for r in seasons.seasons(s, cid)]


def _mailing_list(s: Session, rnd: random.Random, cid: int, started: date, today: date) -> None:
    notes = definitions.conversation_texts().practice["mailing_consent"]
    # Professionals who asked to hear about the community of practice.
    stmt = select(Person).join(ProfessionalRole, ProfessionalRole.person_id == Person.id).distinct()
    found = list(s.scalars(stmt.order_by(Person.id).limit(12)))
    for n, p in enumerate(found):
        email = f"{search_key(p.given_name).replace(' ', '')}.{search_key(p.family_name).replace(' ', '-')}@example.org"
        asked = started + timedelta(days=rnd.randint(0, max(1, (today - started).days - 30)))
        form = mailing_list.EntryForm(p.id, email, asked, True, notes[n % len(notes)])
        entry = mailing_list.add_entry(s, cid, form, today)
        if n == 3:
            mailing_list.remove_entry(
                s, entry.id, min(today, asked + timedelta(days=20)), "Asked to be taken off", today
            )
