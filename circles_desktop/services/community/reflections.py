"""Reflecting on action at each meeting, with simple reflective prompts: what worked, what did not, what
next. Circles use reflective thinking to keep on task; the answers are kept with the meeting."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from circles_desktop.models import Circle, MeetingReflection
from circles_desktop.models.vocab import CircleKind
from circles_desktop.services.common.validation import Problems, get
from circles_desktop.services.common.words import uk_date
from circles_desktop.services.meetings import meetings
from circles_desktop.services.security import audit

# (field, the prompt, what it asks) — the words the screen shows beside each box.
PROMPTS: tuple[tuple[str, str, str], ...] = (
    ("what_worked", "What worked?", "Which actions moved the purpose on, and what helped them happen?"),
    ("what_did_not", "What did not work?", "What got stuck, and what was in the way?"),
    ("what_next", "What next?", "What will the circle try next, and who offers to do it?"),
)
LONGEST = 4000


@dataclass(frozen=True)
class Reflection:
    meeting_id: int
    what_worked: str = ""
    what_did_not: str = ""
    what_next: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.what_worked or self.what_did_not or self.what_next)


def reflection(session: Session, meeting_id: int) -> Reflection:
    row = session.get(MeetingReflection, meeting_id)
    if row is None:
        return Reflection(meeting_id)
    return Reflection(meeting_id, row.what_worked, row.what_did_not, row.what_next)


def save_reflection(session: Session, meeting_id: int, answers: Reflection, now: datetime | None = None) -> Reflection:
    """Keep the answers to the prompts for a meeting that has been held (all empty: none kept)."""
    now = now or datetime.now()
    meeting = meetings.get_meeting(session, meeting_id)
    circle = get(session, Circle, meeting.circle_id, "circle")
    p = Problems()
    if circle.kind != CircleKind.COMMUNITY:
        p.add("", "Reflection on action is recorded for Community Circles' meetings.")
    if meeting.starts_at > now:
        p.add("", f"Reflect on action once the meeting has been held (it is on {uk_date(meeting.starts_at)}).")
    for key, prompt, _ in PROMPTS:
        p.max_length(key, getattr(answers, key), LONGEST, f"answer to “{prompt}”")
    p.raise_if_any()
    row = session.get(MeetingReflection, meeting_id)
    kept = Reflection(meeting_id, answers.what_worked.strip(), answers.what_did_not.strip(), answers.what_next.strip())
    if kept.is_empty:
        if row is not None:
            session.delete(row)
    else:
        if row is None:
            row = MeetingReflection(meeting_id=meeting_id)
            session.add(row)
        row.what_worked, row.what_did_not, row.what_next = kept.what_worked, kept.what_did_not, kept.what_next
    session.flush()
    audit.record(session, "meeting updated", f"meeting {meeting_id}", "reflection on action")
    return kept
