"""Everything the Circle screen's overview shows, gathered in one call."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from circles_desktop.models import Action, Circle, Goal, Meeting, Referral
from circles_desktop.models.vocab import ActionStatus, Ring
from circles_desktop.services.circles import circles, members, reviews


@dataclass(frozen=True)
class CircleOverview:
    circle: Circle  # detached; its focus_person, coordinator and cosa details are loaded
    referral_reference: str
    inner: list[members.MemberRow]  # in the circle today
    outer: list[members.MemberRow]
    days_until_release: int | None
    review_due: reviews.ReviewDue | None
    meetings: int
    open_actions: int
    overdue_actions: int
    goals: int


def circle_overview(session: Session, circle_id: int, today: date | None = None) -> CircleOverview:
    today = today or date.today()
    circle = circles.get_circle(session, circle_id)
    on = min(today, circle.ended_on) if circle.ended_on else today
    current = members.members(session, circle_id, on_date=on)
    ref = (
        session.scalar(select(Referral.reference).where(Referral.id == circle.referral_id))
        if circle.referral_id
        else ""
    )

    def count(stmt) -> int:
        return session.scalar(stmt) or 0

    return CircleOverview(
        circle=circle,
        referral_reference=ref or "",
        inner=[m for m in current if m.ring == Ring.INNER],
        outer=[m for m in current if m.ring == Ring.OUTER],
        days_until_release=circles.days_until_release(circle, today),
        review_due=reviews.quarterly_review_due(session, circle_id, today),
        meetings=count(select(func.count()).select_from(Meeting).where(Meeting.circle_id == circle_id)),
        open_actions=count(
            select(func.count())
            .select_from(Action)
            .where(Action.circle_id == circle_id, Action.status != ActionStatus.DONE)
        ),
        overdue_actions=count(
            select(func.count())
            .select_from(Action)
            .where(Action.circle_id == circle_id, Action.status != ActionStatus.DONE, Action.due_on < today)
        ),
        goals=count(select(func.count()).select_from(Goal).where(Goal.circle_id == circle_id)),
    )
