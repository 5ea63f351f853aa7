"""Home's items from the kinds of circle with areas of their own: Community Circles (12-month reviews,
the first three supported meetings, the connectors' six-weekly practice sessions), community
conversations (sparks waiting for their follow-up) and communities of practice (the next monthly
session). Each reads its area's own due query and shows what falls due within `reviews_within` days."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Protocol

from sqlalchemy.orm import Session

from circles_desktop.services.common import record_ref as rr
from circles_desktop.services.common.record_ref import RecordRef
from circles_desktop.services.community import due as community_due
from circles_desktop.services.home.items import DueItem, Found
from circles_desktop.services.home.thresholds import Thresholds


class _Due(Protocol):
    @property
    def due_on(self) -> date: ...
    @property
    def what(self) -> str: ...


def _found(rows: Sequence[_Due], refs: Sequence[RecordRef], first_few: int) -> Found:
    items = tuple(DueItem(r.what, r.due_on, ref) for r, ref in zip(rows[:first_few], refs[:first_few], strict=True))
    return Found(len(rows), items)


def _horizon(today: date, t: Thresholds) -> date:
    return today + timedelta(days=t.reviews_within)


def _community(rows: list[community_due.DueRow], first_few: int) -> Found:
    kinds = {community_due.CIRCLE: rr.COMMUNITY_CIRCLE, community_due.CONNECTOR: rr.CONNECTOR}
    return _found(rows, [RecordRef(kinds[r.opens], r.record_id) for r in rows], first_few)


def community_reviews(session: Session, today: date, t: Thresholds, first_few: int) -> Found:
    return _community(community_due.twelve_month_reviews(session, _horizon(today, t)), first_few)


def supported_meetings(session: Session, today: date, t: Thresholds, first_few: int) -> Found:
    return _community(community_due.supported_meetings(session, today, _horizon(today, t)), first_few)


def network_sessions(session: Session, today: date, t: Thresholds, first_few: int) -> Found:
    return _community(community_due.practice_sessions(session, today, _horizon(today, t)), first_few)


def sparks(session: Session, today: date, t: Thresholds, first_few: int) -> Found:
    from circles_desktop.services.conversations.sparks import sparks_due

    rows = [r for r in sparks_due(session, today) if r.due_on <= _horizon(today, t)]
    return _found(rows, [RecordRef(rr.CONVERSATION, r.circle_id) for r in rows], first_few)


def practice_sessions(session: Session, today: date, t: Thresholds, first_few: int) -> Found:
    from circles_desktop.services.practice.seasons import next_sessions_due

    rows = [r for r in next_sessions_due(session, today) if r.due_on <= _horizon(today, t)]
    return _found(rows, [RecordRef(rr.PRACTICE, r.circle_id) for r in rows], first_few)
