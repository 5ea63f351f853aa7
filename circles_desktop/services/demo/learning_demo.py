"""Demo data for Locality Learning Circles: fictional localities with their managers, practitioners and
learners; children with summaries and chronologies; learning circles at every stage across several
months, with learning points, actions, attendance and themes.

Everything goes in through the services, so every rule holds by construction (step dates never before the
proposal, case notes never before the circle, a complete circle has no step left without a reason).
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from sqlalchemy.orm import Session

from circles_desktop.models import Child, LearningCircle
from circles_desktop.models.learning import LearningStage
from circles_desktop.models.vocab import ActionStatus, MemberRole
from circles_desktop.services.learning import children, learning_checklist, learning_points, themes
from circles_desktop.services.learning import learning_circles as lcs
from circles_desktop.services.learning.learning_steps import STEPS
from circles_desktop.services.meetings import actions, meetings
from circles_desktop.services.people import people

LOCALITIES = ("Avonford North", "Brackenmoor and Lydford", "Kingsbridge East")
GIVEN = (
    "Siân Zoë Łukasz Aoife Oluwaseun Zainab Małgorzata Dáithí Björn Amara Bethan Callum Chloé Eilidh Farah "
    "Gareth Idris Jakub Leila Niamh Priya Rhys Saoirse Tomasz Yusuf Bronwen Ciarán Efe Ifeoma José Lowri "
    "Nuala Ruairí Søren Thandiwe Wiktoria Zofia Émilie Hywel Pádraig"
).split()
FAMILY = (
    "Jones Davies Evans Okafor Adeyemi Mensah Begum Hussain Kowalski Nowak Wiśniewski Nguyễn Trần Müller "
    "Lindqvist Dubois Lefèvre Björk Llewellyn Pritchard Rees Yilmaz Kaur Singh Novák Ní_Bhriain Ó_Briain"
).split()
CHILD_GIVEN = (
    "Kai Maja Oskar Ffion Amir Zuzanna Tyler Aaliyah Rhiannon Mateusz Chidi Nia Aarav Lena Dylan Elif Seren "
    "Jayden Anaïs Rónán Yaw Zara Hana Iestyn"
).split()
SUMMARIES = (
    "{name} lives with their mother and two younger siblings. School report good attendance until the "
    "autumn term, since when there have been several missing episodes at weekends. {name} says they "
    "feel safest at their grandmother's.",
    "{name} has been known to children's services since birth because of neglect. The family moved into "
    "the locality last year; the child protection plan transferred with them. {name} enjoys football and "
    "drawing and wants to stay at the same school.",
    "{name} lives with their father after the parents separated. Police attended the home twice for "
    "domestic abuse this year. {name} has told their teacher they are worried about their father's drinking.",
    "{name} is in foster care and sees their mother fortnightly. There have been three changes of social "
    "worker in a year; {name} says nobody listens. Health reports missed dental and optician appointments.",
)
EVENTS = (
    "Referral received from school: concerns about hunger and clothing",
    "Strategy discussion held; section 47 enquiry started",
    "Initial child protection conference: child protection plan (neglect)",
    "Reported missing overnight; found at a friend's address",
    "Return home interview completed",
    "Police called to the home: domestic incident",
    "Change of allocated social worker",
    "Core group meeting: plan reviewed",
    "Moved to a new school",
    "Review child protection conference: plan continues",
    "Health assessment: dental and optician appointments missed",
    "Child's views gathered by advocate",
)
FOCUS = (
    "We are here to understand the events that led up to the missing episodes of this young person.",
    "We are here to consider creative solutions to avoid further escalation of risk.",
    "We are here to understand how the child's voice has shaped our planning.",
    "We are here to look at why the plan has drifted and what would move it on.",
)
POINTS = (
    "Return home interviews were not always shared with the allocated worker; they should be.",
    "The child's own account of what happened was not recorded in their words.",
    "Changes of worker meant the chronology was not kept up to date; the team manager will check it monthly.",
    "School held important information that was not brought to core group meetings.",
    "Our plan was adult-focused; the child's wishes were not written into it.",
    "Professional curiosity: we accepted explanations without checking them.",
    "Escalation to the Service Manager came late; the thresholds were not clear to the team.",
)
ACTIONS = (
    "Update the chronology and share it with the core group",
    "Arrange a direct-work session to gather the child's views",
    "Invite the school's designated safeguarding lead to the next core group",
    "Refer to the exploitation panel",
    "Book a multi-agency meeting with health and police",
    "Brief the team on escalation thresholds",
)
THEMES = (
    "Neglect",
    "Voice of the child",
    "Missing from home",
    "Domestic abuse",
    "Parental mental health",
    "Child exploitation",
    "Drift and delay",
    "Multi-agency working",
    "Professional curiosity",
    "Recording and chronologies",
)
NOT_APPLICABLE = {"invitations_circulated": "Learners were invited in person at the team meeting."}


def _name(rnd: random.Random, given: tuple[str, ...] | list[str] = GIVEN) -> tuple[str, str]:
    return rnd.choice(given), rnd.choice(FAMILY).replace("_", " ")


def _person(s: Session, rnd: random.Random) -> int:
    given, family = _name(rnd)
    form = people.PersonForm(given_name=given, family_name=family, parts={"professional"})
    return people.create_person(s, form, allow_duplicate=True).id


def fill_learning(session: Session, size: int = 200, seed: int = 1, today: date | None = None) -> int:
    """Add learning circles (about size // 20, between 8 and 36) and all around them. Returns how many."""
    today = today or date.today()
    rnd = random.Random(seed * 7919 + 5)
    count = max(8, min(36, size // 20))
    staff: dict[str, dict[str, list[int]]] = {}
    for locality in LOCALITIES:
        staff[locality] = {
            MemberRole.HEAD_OF_LOCALITY: [_person(session, rnd)],
            MemberRole.SERVICE_MANAGER: [_person(session, rnd) for _ in range(2)],
            MemberRole.TEAM_MANAGER: [_person(session, rnd) for _ in range(2)],
            MemberRole.PRACTITIONER: [_person(session, rnd) for _ in range(4)],
            MemberRole.LEARNER: [_person(session, rnd) for _ in range(6)],
        }
    # The first four show every stage; the rest spread over the last eight months and the next one.
    plan = [LearningStage.BEFORE, LearningStage.DURING, LearningStage.AFTER, LearningStage.COMPLETE]
    for i in range(count):
        stage = plan[i] if i < len(plan) else None
        if stage == LearningStage.BEFORE or (stage is None and i % 9 == 4):
            held = today + timedelta(days=rnd.randint(5, 25))
        elif stage in (LearningStage.DURING, LearningStage.AFTER):
            held = today - timedelta(days=rnd.randint(1, 10) if stage == LearningStage.DURING else rnd.randint(12, 30))
        else:
            held = today - timedelta(days=rnd.randint(20, 240))
        if stage is None:
            stage = (
                LearningStage.BEFORE
                if held > today
                else LearningStage.COMPLETE
                if (today - held).days > 60
                else rnd.choice([LearningStage.AFTER, LearningStage.COMPLETE])
            )
        _circle(
            session, rnd, today, staff[LOCALITIES[i % len(LOCALITIES)]], LOCALITIES[i % len(LOCALITIES)], held, stage, i
        )
    return count


def _circle(
    s: Session,
    rnd: random.Random,
    today: date,
    staff: dict[str, list[int]],
    locality: str,
    held: date,
    stage: str,
    i: int,
) -> None:
    # Proposed at the Locality Management Meeting two to four weeks before, and never after today.
    proposed = min(held - timedelta(days=rnd.randint(14, 28)), today - timedelta(days=rnd.randint(3, 6)))
    practitioner = rnd.choice(staff[MemberRole.PRACTITIONER])
    given, family = _name(rnd, CHILD_GIVEN)
    born = proposed - timedelta(days=rnd.randint(3 * 365, 17 * 365))
    summary_on = proposed - timedelta(days=rnd.randint(1, 10))
    child = children.create_child(
        s,
        children.ChildForm(
            given_name=given,
            family_name=family,
            date_of_birth=born,
            locality=locality,
            case_reference=f"ZCR-{200000 + i * 37 + rnd.randint(0, 30):06d}",
            practitioner_id=practitioner,
            summary=rnd.choice(SUMMARIES).format(name=given),
            summary_updated_on=summary_on,
        ),
        today=today,
    )
    span = max(30, (proposed - born).days)
    for event in rnd.sample(EVENTS, rnd.randint(3, 7)):
        children.add_chronology_entry(s, child.id, born + timedelta(days=rnd.randint(span // 3, span)), event, today)
    virtual = rnd.random() < 0.3
    reasons = set(
        rnd.sample(["audit_outcome", "escalation_of_risk", "exceptions_reporting", "turning_point"], rnd.randint(1, 2))
    )
    other = ""
    if rnd.random() < 0.15:
        reasons.add("other")
        other = "Requested by the Independent Reviewing Officer"
    circle = lcs.create_learning_circle(
        s,
        lcs.LearningCircleForm(
            child_id=child.id,
            reasons=reasons,
            other_reason=other,
            proposed_on=proposed,
            head_of_locality_id=staff[MemberRole.HEAD_OF_LOCALITY][0],
            service_manager_id=rnd.choice(staff[MemberRole.SERVICE_MANAGER]),
            team_manager_id=rnd.choice(staff[MemberRole.TEAM_MANAGER]),
            meets_at=datetime.combine(held, time(rnd.choice((10, 14)))),
            venue="Microsoft Teams"
            if virtual
            else rnd.choice(("Room 2.14, Locality Hub", "The Oak Room", "Ystafell 3")),
            virtual=virtual,
            areas_of_focus=rnd.choice(FOCUS),
        ),
    )
    cid = circle.id
    # Held here so the session's identity map keeps them between service calls (it holds weak references).
    kept = (s.get(LearningCircle, cid), s.get(Child, child.id), circle)  # noqa: F841
    for pid in rnd.sample(staff[MemberRole.PRACTITIONER], 2):
        if pid != practitioner:
            lcs.add_learner(s, cid, pid, MemberRole.PRACTITIONER)
    for pid in rnd.sample(staff[MemberRole.LEARNER], rnd.randint(3, 5)):
        lcs.add_learner(s, cid, pid)

    def stamp(code: str, on: date) -> None:
        on = min(max(on, proposed), today)
        if code == "invitations_circulated" and i % 5 == 3:
            learning_checklist.mark_not_applicable(s, cid, code, NOT_APPLICABLE[code], on, today=today)
        else:
            learning_checklist.mark_step(s, cid, code, on, today=today)

    before = [st.code for st in STEPS if st.stage == LearningStage.BEFORE]
    if stage == LearningStage.BEFORE:
        for k, code in enumerate(before[: rnd.randint(1, 3)]):
            stamp(code, proposed + timedelta(days=k + 1))
        return
    for k, code in enumerate(before):
        stamp(code, proposed + timedelta(days=k + 1))
    # The circle meets: attendance, learning points, actions.
    detail = lcs.get_learning_circle(s, cid)
    everyone = lcs.learning_members(s, cid)
    meetings.set_attendance(
        s, detail.meeting_id, {m.id: ("apologies" if rnd.random() < 0.12 else "present") for m in everyone}
    )
    for text in rnd.sample(POINTS, rnd.randint(2, 4)):
        learning_points.add_learning_point(s, cid, text)
    owners = [m.person_id for m in everyone if m.role in (MemberRole.TEAM_MANAGER, MemberRole.PRACTITIONER)]
    agreed = []
    for text in rnd.sample(ACTIONS, rnd.randint(1, 3)):
        form = learning_points.new_action_form(s, cid)
        form.description, form.owner_id = text, rnd.choice(owners)
        form.due_on = held + timedelta(days=rnd.randint(14, 42))
        agreed.append(actions.add_action(s, cid, form).id)
    learners = [m.person_id for m in everyone if m.role == MemberRole.LEARNER]
    during = [st.code for st in STEPS if st.stage == LearningStage.DURING]
    done_during = during[: rnd.randint(2, 5)] if stage == LearningStage.DURING else during
    for code in done_during:
        learning_checklist.mark_step(
            s, cid, code, held, rnd.choice(learners) if code == "timekeeper" else None, today=today
        )
    if stage == LearningStage.DURING:
        return
    for name in rnd.sample(THEMES, rnd.randint(2, 4)):
        themes.add_theme(s, cid, name)
    after_day = min(today, held + timedelta(days=rnd.randint(2, 9)))
    learning_checklist.mark_step(s, cid, "shared_with_learners_and_qap", after_day, today=today)
    learning_checklist.mark_step(s, cid, "case_note", min(today, after_day + timedelta(days=1)), today=today)
    if stage == LearningStage.AFTER:
        return
    # Complete: every action done or its barrier raised, themes to the QPAG, then completed.
    follow_up = min(today, held + timedelta(days=rnd.randint(20, 45)))
    for n, action_id in enumerate(agreed):
        if n == 1 and rnd.random() < 0.5:
            actions.set_status(
                s,
                action_id,
                ActionStatus.BLOCKED,
                barrier="Waiting for a health appointment; raised with the Service Manager.",
            )
        else:
            actions.set_status(s, action_id, ActionStatus.DONE, done_on=follow_up)
    learning_checklist.mark_step(s, cid, "actions_followed_up", follow_up, today=today)
    learning_checklist.mark_step(s, cid, "themes_shared", follow_up, today=today)
    learning_checklist.complete_circle(s, cid, follow_up, today=today)
