"""Similar work already happening (the toolkit's first pitfall): neighbourhood action groups (NAGs),
neighbourhood forums and other groups on the same thing, and the other conversations in the app that
cover the same locality and theme, each with the organiser's decision: join forces, or keep going
separately. A decision recorded on either conversation counts for both.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from circles_desktop.models import Circle, ConversationDetails, SimilarWork
from circles_desktop.models.kinds.conversations import SimilarWorkKind, WorkDecision
from circles_desktop.models.vocab import CircleKind
from circles_desktop.services.common.validation import Problems, ValidationError, clean, get
from circles_desktop.services.common.words import uk_date
from circles_desktop.services.conversations.conversations import find_conversation
from circles_desktop.services.security import audit

KINDS = SimilarWorkKind.values()
DECISIONS = WorkDecision.values()


@dataclass
class SimilarWorkForm:
    kind: str = SimilarWorkKind.NAG
    name: str = ""
    contact: str = ""
    notes: str = ""
    decision: str | None = None  # WorkDecision, or None while undecided
    decided_on: date | None = None
    other_circle_id: int | None = None  # another conversation in the app


@dataclass(frozen=True)
class SimilarWorkRow:
    id: int
    kind: str
    name: str
    contact: str
    notes: str
    decision: str | None
    decided_on: date | None
    other_circle_id: int | None

    @property
    def kind_label(self) -> str:
        return SimilarWorkKind(self.kind).label

    @property
    def decision_words(self) -> str:
        if self.decision is None:
            return "Not decided yet"
        return f"{WorkDecision(self.decision).label} ({uk_date(self.decided_on)})"


@dataclass(frozen=True)
class Overlap:
    """Another conversation on the same locality and theme; `decision` once either side has recorded one."""

    circle_id: int
    reference: str
    title: str
    locality: str
    theme: str
    decision: str | None = None
    decided_on: date | None = None
    similar_work_ids: tuple[int, ...] = field(default=())

    @property
    def warning(self) -> str:
        return (
            f"{self.reference} “{self.title}” also covers {self.locality} and {self.theme.lower()}. "
            "There can be a strength in joining forces: decide whether to join forces or keep going separately."
        )


def _row(w: SimilarWork) -> SimilarWorkRow:
    return SimilarWorkRow(w.id, w.kind, w.name, w.contact, w.notes, w.decision, w.decided_on, w.other_circle_id)


def similar_work(session: Session, circle_id: int) -> list[SimilarWorkRow]:
    stmt = select(SimilarWork).where(SimilarWork.circle_id == circle_id).order_by(SimilarWork.id)
    return [_row(w) for w in session.scalars(stmt)]


def _validate(session: Session, circle: Circle, form: SimilarWorkForm, work_id: int | None = None) -> None:
    p = Problems()
    p.one_of("kind", form.kind, KINDS, "kind of work")
    if form.kind == SimilarWorkKind.CONVERSATION:
        p.choose("other_circle_id", form.other_circle_id, "the other conversation")
    elif form.other_circle_id is not None:
        p.add("other_circle_id", "Only another community conversation is chosen from the app.")
    if form.kind != SimilarWorkKind.CONVERSATION:
        p.require("name", form.name, "the name of the group or forum")
    p.max_length("name", form.name, 200, "name")
    if form.decision is not None:
        p.one_of("decision", form.decision, DECISIONS, "decision")
        p.require("decided_on", form.decided_on, "the date it was decided")
        p.not_before("decided_on", form.decided_on, circle.started_on, "date it was decided", "date planning started")
    elif form.decided_on is not None:
        p.add("decided_on", "Choose the decision as well, or clear this date.")
    if form.other_circle_id is not None:
        if form.other_circle_id == circle.id:
            p.add("other_circle_id", "Choose another conversation, not this one.")
        else:
            other = session.get(Circle, form.other_circle_id)
            if other is None or other.kind != CircleKind.CONVERSATION:
                p.add("other_circle_id", "That community conversation could not be found; it may have been deleted.")
        taken = session.scalar(
            select(SimilarWork.id).where(
                SimilarWork.circle_id == circle.id,
                SimilarWork.other_circle_id == form.other_circle_id,
                SimilarWork.id != (work_id or 0),
            )
        )
        if taken is not None:
            p.add("other_circle_id", "That conversation is already recorded here; change what was decided instead.")
    p.raise_if_any()


def _apply(w: SimilarWork, form: SimilarWorkForm, session: Session) -> None:
    w.kind = form.kind
    w.other_circle_id = form.other_circle_id
    name = clean(form.name)
    if not name and form.other_circle_id is not None:
        other = get(session, Circle, form.other_circle_id, "community conversation")
        name = f"{other.reference} {other.title}"
    w.name = name
    w.contact = form.contact.strip()
    w.notes = form.notes.strip()
    w.decision = form.decision
    w.decided_on = form.decided_on if form.decision else None


def add_similar_work(session: Session, circle_id: int, form: SimilarWorkForm) -> SimilarWork:
    circle = find_conversation(session, circle_id)
    _validate(session, circle, form)
    work = SimilarWork(circle_id=circle_id)
    _apply(work, form, session)
    session.add(work)
    session.flush()
    audit.record(session, "similar work created", f"similar work {work.id}", f"circle {circle_id}")
    return work


def update_similar_work(session: Session, work_id: int, form: SimilarWorkForm) -> SimilarWork:
    work = get(session, SimilarWork, work_id, "similar work")
    circle = find_conversation(session, work.circle_id)
    _validate(session, circle, form, work_id)
    _apply(work, form, session)
    session.flush()
    audit.record(session, "similar work updated", f"similar work {work.id}")
    return work


def similar_work_form(session: Session, work_id: int) -> SimilarWorkForm:
    w = get(session, SimilarWork, work_id, "similar work")
    return SimilarWorkForm(w.kind, w.name, w.contact, w.notes, w.decision, w.decided_on, w.other_circle_id)


def delete_similar_work(session: Session, work_id: int) -> None:
    work = get(session, SimilarWork, work_id, "similar work")
    session.delete(work)
    session.flush()
    audit.record(session, "similar work deleted", f"similar work {work_id}")


def decide_overlap(
    session: Session, circle_id: int, other_circle_id: int, decision: str | None, on: date | None, notes: str = ""
) -> SimilarWork:
    """Record the choice about another conversation on the same locality and theme (join forces, or not)."""
    if decision is None:
        raise ValidationError("Choose whether to join forces or keep going separately.", "decision")
    existing = session.scalar(
        select(SimilarWork).where(SimilarWork.circle_id == circle_id, SimilarWork.other_circle_id == other_circle_id)
    )
    form = SimilarWorkForm(
        kind=SimilarWorkKind.CONVERSATION,
        notes=notes,
        decision=decision,
        decided_on=on,
        other_circle_id=other_circle_id,
    )
    if existing is not None:
        form.name, form.contact = existing.name, existing.contact
        return update_similar_work(session, existing.id, form)
    return add_similar_work(session, circle_id, form)


# --- other conversations on the same locality and theme --------------------------------------------
def overlaps(session: Session, circle_id: int) -> list[Overlap]:
    """Other conversations whose locality and theme match this one's (accents, case and punctuation aside),
    with any decision recorded about them on either side."""
    mine = session.get(ConversationDetails, circle_id)
    if mine is None or not mine.locality_key or not mine.theme_key:
        return []
    # Columns, not whole circles: a circle loads its people with it, which opening a screen does not need.
    stmt = (
        select(Circle.id, Circle.reference, Circle.title, ConversationDetails.locality, ConversationDetails.theme)
        .join(ConversationDetails, ConversationDetails.circle_id == Circle.id)
        .where(
            Circle.kind == CircleKind.CONVERSATION,
            Circle.id != circle_id,
            ConversationDetails.locality_key == mine.locality_key,
            ConversationDetails.theme_key == mine.theme_key,
        )
        .order_by(Circle.started_on.desc(), Circle.id)
    )
    found = []
    for other_id, reference, title, locality, theme in session.execute(stmt):
        both_ways = or_(
            and_(SimilarWork.circle_id == circle_id, SimilarWork.other_circle_id == other_id),
            and_(SimilarWork.circle_id == other_id, SimilarWork.other_circle_id == circle_id),
        )
        decided = session.scalars(
            select(SimilarWork).where(both_ways, SimilarWork.decision.is_not(None)).order_by(SimilarWork.decided_on)
        ).all()
        last = decided[-1] if decided else None
        found.append(
            Overlap(
                other_id,
                reference,
                title,
                locality,
                theme,
                last.decision if last else None,
                last.decided_on if last else None,
                tuple(w.id for w in decided),
            )
        )
    return found


def undecided_overlaps(session: Session, circle_id: int) -> list[Overlap]:
    """The overlaps still waiting for the organiser's choice: what the warning shows."""
    return [o for o in overlaps(session, circle_id) if o.decision is None]
