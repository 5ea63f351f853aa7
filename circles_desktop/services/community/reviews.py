"""Twelve months on: the connector goes back into the circle. The 12-month review falls due when the
facilitator's commitment is up, and records whether the circle carries on (with a new 12-month
commitment from that day), ends with its purpose achieved, or ends for another reason. A circle whose
purpose is achieved early can end before then, with the outcome recorded.

A circle carries on past its 12 months only through a review, which can be held from REVIEW_FROM_DAYS
before it falls due.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from circles_desktop.models import Circle, CommunityCircle, TwelveMonthReview
from circles_desktop.models.kinds.community import ENDINGS, ReviewOutcome
from circles_desktop.models.vocab import CircleStatus
from circles_desktop.services.circles import circles
from circles_desktop.services.common.validation import Problems, ValidationError, clean, get
from circles_desktop.services.common.words import uk_date
from circles_desktop.services.community import facilitators
from circles_desktop.services.community.first_meetings import connector_member
from circles_desktop.services.security import audit

REVIEW_FROM_DAYS = 28


@dataclass
class ReviewForm:
    held_on: date | None = None
    outcome: str = ""
    notes: str = ""  # what was said; for an ending for another reason, the reason


@dataclass(frozen=True)
class ReviewRow:
    id: int
    held_on: date
    outcome: str
    notes: str
    facilitator: str
    commitment_from: date

    @property
    def outcome_words(self) -> str:
        return ReviewOutcome(self.outcome).label


def _refuse(problems: dict[str, str]) -> None:
    if problems:
        raise ValidationError(problems)


def _open_circle(session: Session, circle_id: int) -> tuple[Circle, CommunityCircle]:
    circle = get(session, Circle, circle_id, "circle")
    return circle, get(session, CommunityCircle, circle_id, "Community Circle")


def review_problems(session: Session, circle_id: int, form: ReviewForm, today: date | None = None) -> dict[str, str]:
    """What stops the review being recorded as it stands (empty when it can be); shown before trying."""
    today = today or date.today()
    circle, _ = _open_circle(session, circle_id)
    p = Problems()
    p.require("held_on", form.held_on, "the date of the review")
    p.one_of("outcome", form.outcome, ReviewOutcome.values(), "outcome of the review")
    if circle.status == CircleStatus.CLOSED:
        p.add("", "This circle has ended.")
    commitment = facilitators.current_commitment(session, circle_id, today)
    if commitment is None:
        p.add("", "Match a facilitator first: the 12-month review comes at the end of their commitment.")
        return p.errors
    if commitment.reviewed:
        p.add("", "The review of this commitment has already been recorded.")
    on = form.held_on
    if on is not None:
        if on > today:
            p.add("held_on", "The date of the review cannot be in the future.")
        p.not_before("held_on", on, commitment.committed_on, "date of the review", "facilitator's commitment")
        earliest = commitment.until_on - timedelta(days=REVIEW_FROM_DAYS)
        if form.outcome == ReviewOutcome.CARRY_ON and on < earliest:
            p.add(
                "held_on",
                f"The 12-month review falls due on {uk_date(commitment.until_on)}: a circle carries on only after "
                f"it, which can be held from {uk_date(earliest)}. If the purpose has been achieved early, end "
                "the circle instead.",
            )
    if form.outcome == ReviewOutcome.CARRY_ON and not commitment.still_in_circle:
        p.add("outcome", f"{commitment.facilitator} has left the circle: match a new facilitator to carry on.")
    _ending_problems(session, p, circle, form.outcome, on, form.notes)
    return p.errors


def _ending_problems(session: Session, p: Problems, circle: Circle, how: str, on: date | None, reason: str) -> None:
    if how == ReviewOutcome.ENDED_OTHER and not reason.strip():
        p.add("notes", "Say why the circle is ending.")
    if how in ENDINGS and on is not None and "held_on" not in p.errors and "on_date" not in p.errors:
        for message in circles.closing_problems(session, circle, on).values():
            p.add("held_on", message)


def record_review(session: Session, circle_id: int, form: ReviewForm, today: date | None = None) -> ReviewRow:
    """Record the 12-month review: carrying on starts a new 12-month commitment for the facilitator from
    the day of the review; either ending closes the circle with its outcome."""
    today = today or date.today()
    _refuse(review_problems(session, circle_id, form, today))
    commitment = facilitators.current_commitment(session, circle_id, today)
    assert commitment is not None and form.held_on is not None  # checked
    on = form.held_on
    connector = connector_member(session, circle_id, on)
    review = TwelveMonthReview(
        circle_id=circle_id,
        commitment_id=commitment.id,
        held_on=on,
        outcome=form.outcome,
        connector_id=connector.person_id if connector is not None else None,
        notes=clean(form.notes),
    )
    session.add(review)
    session.flush()
    if form.outcome == ReviewOutcome.CARRY_ON:
        facilitators.commit(
            session, circle_id, commitment.facilitator_id, commitment.member_id, on, "Carried on at the 12-month review"
        )
    else:
        _end(session, circle_id, on, form.outcome, form.notes)
    audit.record(session, "twelve-month review created", f"circle {circle_id}", f"outcome {form.outcome}")
    return _row(review, commitment)


def end_problems(session: Session, circle_id: int, on: date | None, how: str, reason: str) -> dict[str, str]:
    """What stops the circle ending now, before its 12-month review (empty when it can)."""
    circle, _ = _open_circle(session, circle_id)
    p = Problems()
    p.require("on_date", on, "the date the circle ends")
    if how not in ENDINGS:
        p.add("how", "Choose how the circle ends: its purpose achieved, or another reason.")
    if circle.status == CircleStatus.CLOSED:
        p.add("", "This circle has already ended.")
    if on is not None and on > date.today():
        p.add("on_date", "The date the circle ends cannot be in the future.")
    if how == ReviewOutcome.ENDED_OTHER and not reason.strip():
        p.add("reason", "Say why the circle is ending.")
    if how in ENDINGS and on is not None and "on_date" not in p.errors:
        for message in circles.closing_problems(session, circle, on).values():
            p.add("on_date", message)
    return p.errors


def end_circle(session: Session, circle_id: int, on: date | None, how: str, reason: str = "") -> None:
    """End the circle before its review, with the outcome: its purpose achieved, or another reason."""
    _refuse(end_problems(session, circle_id, on, how, reason))
    assert on is not None
    _end(session, circle_id, on, how, reason)


def _end(session: Session, circle_id: int, on: date, how: str, reason: str) -> None:
    community = get(session, CommunityCircle, circle_id, "Community Circle")
    circles.close_circle(session, circle_id, on)
    community.ended_how = how
    community.ended_reason = clean(reason)
    session.flush()
    audit.record(session, "community circle updated", f"circle {circle_id}", f"ended {how}")


def reviews(session: Session, circle_id: int) -> list[ReviewRow]:
    by_id = {c.id: c for c in facilitators.commitments(session, circle_id)}
    stmt = select(TwelveMonthReview).where(TwelveMonthReview.circle_id == circle_id).order_by(TwelveMonthReview.held_on)
    return [_row(r, by_id[r.commitment_id]) for r in session.execute(stmt).scalars()]


def _row(review: TwelveMonthReview, commitment: facilitators.CommitmentRow) -> ReviewRow:
    return ReviewRow(
        review.id, review.held_on, review.outcome, review.notes, commitment.facilitator, commitment.committed_on
    )
