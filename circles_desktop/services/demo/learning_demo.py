"""Demo data for Locality Learning Circles: fictional localities with their managers, practitioners and
learners; children with summaries and chronologies; learning circles at every stage across several
months, with learning points, actions, attendance and themes. The names, localities and texts come from
resources/demo (names.json, places.json, children.json, learning_circles.json).

Everything goes in through the services, so every rule holds by construction (step dates never before the
proposal, case notes never before the circle, a complete circle has no step left without a reason).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy.orm import Session

from circles_desktop.models import Child, Circle, LearningCircle
from circles_desktop.models.kinds.learning import LearningStage
from circles_desktop.models.vocab import ActionStatus, MemberRole
from circles_desktop.services.demo import definitions
from circles_desktop.services.learning import children, learning_checklist, learning_points, themes
from circles_desktop.services.learning import learning_circles as lcs
from circles_desktop.services.learning.learning_steps import STEPS
from circles_desktop.services.meetings import actions, meetings
from circles_desktop.services.people import people

# How many of each role every locality has.
STAFF = {
    MemberRole.HEAD_OF_LOCALITY: 1,
    MemberRole.SERVICE_MANAGER: 2,
    MemberRole.TEAM_MANAGER: 2,
    MemberRole.PRACTITIONER: 4,
    MemberRole.LEARNER: 6,
}
# The first four show every stage; the rest spread over the last eight months and the next one.
FIRST_STAGES = (LearningStage.BEFORE, LearningStage.DURING, LearningStage.AFTER, LearningStage.COMPLETE)
REASONS = ["audit_outcome", "escalation_of_risk", "exceptions_reporting", "turning_point"]

Staff = dict[str, list[int]]  # role -> person ids


def _name(rnd: random.Random, given: tuple[str, ...]) -> tuple[str, str]:
    return rnd.choice(given), rnd.choice(definitions.names().staff_family)


def _person(s: Session, rnd: random.Random) -> int:
    given, family = _name(rnd, definitions.names().staff_given)
    form = people.PersonForm(given_name=given, family_name=family, parts={"professional"})
    return people.create_person(s, form, allow_duplicate=True).id


def fill_learning(session: Session, size: int = 200, seed: int = 1, today: date | None = None) -> int:
    """Add learning circles (about size // 20, between 8 and 36) and all around them. Returns how many."""
    today = today or date.today()
    rnd = random.Random(seed * 7919 + 5)
    count = max(8, min(36, size // 20))
    localities = definitions.places().localities
    staff: dict[str, Staff] = {
        locality: {role: [_person(session, rnd) for _ in range(n)] for role, n in STAFF.items()}
        for locality in localities
    }
    for i in range(count):
        held, stage = _when(rnd, today, i)
        locality = localities[i % len(localities)]
        _circle(session, rnd, today, staff[locality], locality, held, stage, i)
    return count


def _when(rnd: random.Random, today: date, i: int) -> tuple[date, str]:
    """The day the i-th learning circle meets, and the stage it has reached by today."""
    stage = FIRST_STAGES[i] if i < len(FIRST_STAGES) else None
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
    return held, stage


@dataclass
class _Made:
    """One learning circle as it is filled in."""

    s: Session
    rnd: random.Random
    today: date
    id: int
    proposed: date
    held: date
    i: int

    def stamp(self, code: str, on: date) -> None:
        """Tick a step of the checklist, never before the proposal nor after today."""
        on = min(max(on, self.proposed), self.today)
        not_applicable = definitions.learning_texts().not_applicable
        if code in not_applicable and self.i % 5 == 3:
            learning_checklist.mark_not_applicable(self.s, self.id, code, not_applicable[code], on, today=self.today)
        else:
            learning_checklist.mark_step(self.s, self.id, code, on, today=self.today)


def _circle(
    s: Session, rnd: random.Random, today: date, staff: Staff, locality: str, held: date, stage: str, i: int
) -> None:
    # Proposed at the Locality Management Meeting two to four weeks before, and never after today.
    proposed = min(held - timedelta(days=rnd.randint(14, 28)), today - timedelta(days=rnd.randint(3, 6)))
    practitioner = rnd.choice(staff[MemberRole.PRACTITIONER])
    child = _child(s, rnd, today, locality, practitioner, proposed, i)
    circle = _propose(s, rnd, staff, child.id, proposed, held)
    # Held here so the session's identity map keeps them between service calls (it holds weak references).
    kept = (s.get(LearningCircle, circle.id), s.get(Child, child.id), circle)  # noqa: F841
    for pid in rnd.sample(staff[MemberRole.PRACTITIONER], 2):
        if pid != practitioner:
            lcs.add_learner(s, circle.id, pid, MemberRole.PRACTITIONER)
    for pid in rnd.sample(staff[MemberRole.LEARNER], rnd.randint(3, 5)):
        lcs.add_learner(s, circle.id, pid)
    made = _Made(s, rnd, today, circle.id, proposed, held, i)
    before = [st.code for st in STEPS if st.stage == LearningStage.BEFORE]
    if stage == LearningStage.BEFORE:
        for k, code in enumerate(before[: rnd.randint(1, 3)]):
            made.stamp(code, proposed + timedelta(days=k + 1))
        return
    for k, code in enumerate(before):
        made.stamp(code, proposed + timedelta(days=k + 1))
    agreed = _meet(made, stage)
    if stage == LearningStage.DURING:
        return
    _share_learning(made)
    if stage == LearningStage.AFTER:
        return
    _complete(made, agreed)


def _child(
    s: Session, rnd: random.Random, today: date, locality: str, practitioner: int, proposed: date, i: int
) -> Child:
    """The child the circle is about, with a summary and a chronology of key events."""
    texts = definitions.child_texts()
    given, family = _name(rnd, definitions.names().children_given)
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
            summary=rnd.choice(texts.summaries).format(name=given),
            summary_updated_on=summary_on,
        ),
        today=today,
    )
    span = max(30, (proposed - born).days)
    for event in rnd.sample(texts.chronology_events, rnd.randint(3, 7)):
        children.add_chronology_entry(s, child.id, born + timedelta(days=rnd.randint(span // 3, span)), event, today)
    return child


def _propose(s: Session, rnd: random.Random, staff: Staff, child_id: int, proposed: date, held: date) -> Circle:
    texts = definitions.learning_texts()
    virtual = rnd.random() < 0.3
    reasons = set(rnd.sample(REASONS, rnd.randint(1, 2)))
    other = ""
    if rnd.random() < 0.15:
        reasons.add("other")
        other = texts.other_reason
    return lcs.create_learning_circle(
        s,
        lcs.LearningCircleForm(
            child_id=child_id,
            reasons=reasons,
            other_reason=other,
            proposed_on=proposed,
            head_of_locality_id=staff[MemberRole.HEAD_OF_LOCALITY][0],
            service_manager_id=rnd.choice(staff[MemberRole.SERVICE_MANAGER]),
            team_manager_id=rnd.choice(staff[MemberRole.TEAM_MANAGER]),
            meets_at=datetime.combine(held, time(rnd.choice((10, 14)))),
            venue=texts.virtual_venue if virtual else rnd.choice(texts.venues),
            virtual=virtual,
            areas_of_focus=rnd.choice(texts.areas_of_focus),
        ),
    )


def _meet(made: _Made, stage: str) -> list[int]:
    """The circle meets: attendance, learning points, actions agreed (their ids are returned)."""
    s, rnd, cid, held = made.s, made.rnd, made.id, made.held
    texts = definitions.learning_texts()
    detail = lcs.get_learning_circle(s, cid)
    everyone = lcs.learning_members(s, cid)
    assert detail.meeting_id is not None  # create_learning_circle makes its meeting
    meetings.set_attendance(
        s, detail.meeting_id, {m.id: ("apologies" if rnd.random() < 0.12 else "present") for m in everyone}
    )
    for text in rnd.sample(texts.learning_points, rnd.randint(2, 4)):
        learning_points.add_learning_point(s, cid, text)
    owners = [m.person_id for m in everyone if m.role in (MemberRole.TEAM_MANAGER, MemberRole.PRACTITIONER)]
    agreed = []
    for text in rnd.sample(texts.actions, rnd.randint(1, 3)):
        form = learning_points.new_action_form(s, cid)
        form.description, form.owner_id = text, rnd.choice(owners)
        form.due_on = held + timedelta(days=rnd.randint(14, 42))
        agreed.append(actions.add_action(s, cid, form).id)
    learners = [m.person_id for m in everyone if m.role == MemberRole.LEARNER]
    during = [st.code for st in STEPS if st.stage == LearningStage.DURING]
    done_during = during[: rnd.randint(2, 5)] if stage == LearningStage.DURING else during
    for code in done_during:
        learning_checklist.mark_step(
            s, cid, code, held, rnd.choice(learners) if code == "timekeeper" else None, today=made.today
        )
    return agreed


def _share_learning(made: _Made) -> None:
    """After: themes named, learning shared with learners and QAP, a case note on the child's record."""
    s, rnd, cid, today = made.s, made.rnd, made.id, made.today
    for name in rnd.sample(definitions.learning_texts().themes, rnd.randint(2, 4)):
        themes.add_theme(s, cid, name)
    after_day = min(today, made.held + timedelta(days=rnd.randint(2, 9)))
    learning_checklist.mark_step(s, cid, "shared_with_learners_and_qap", after_day, today=today)
    learning_checklist.mark_step(s, cid, "case_note", min(today, after_day + timedelta(days=1)), today=today)


def _complete(made: _Made, agreed: list[int]) -> None:
    """Every action done or its barrier raised, themes to the QPAG, then completed."""
    s, rnd, cid, today = made.s, made.rnd, made.id, made.today
    follow_up = min(today, made.held + timedelta(days=rnd.randint(20, 45)))
    for n, action_id in enumerate(agreed):
        if n == 1 and rnd.random() < 0.5:
            barrier = definitions.learning_texts().blocked_action_barrier
            actions.set_status(s, action_id, ActionStatus.BLOCKED, barrier=barrier)
        else:
            actions.set_status(s, action_id, ActionStatus.DONE, done_on=follow_up)
    learning_checklist.mark_step(s, cid, "actions_followed_up", follow_up, today=today)
    learning_checklist.mark_step(s, cid, "themes_shared", follow_up, today=today)
    learning_checklist.complete_circle(s, cid, follow_up, today=today)
