"""Demo data: an obviously fictional but realistic caseload for every screen, scaling to N people.

Places and organisations are invented (Wessex, Severnside, HMP Wealdmoor...), names are drawn from a
varied list with non-ASCII names, and references start with Z; all of these are data files in
resources/demo/ (read by definitions.py), and the code here and beside it holds only the logic: how
many, which goes with which, and dates relative to today. The same size, seed and day make the same
demo. Rows go in with bulk inserts in batches (writer.py); the services' rules are respected by
construction (dates run forwards, prison volunteers have enhanced checks, every active circle has a
volunteer and an accepted referral, closed circles had an end-of-circle review).

The stages, in order: organisations and people (people_demo), referrals (referrals_demo), CoSA circles
(circles_demo), Community Circles and the connectors' network (community_demo), learning circles
(learning_demo), community conversations and a community of practice (conversations_demo), the register
of shared documents (sharing_demo).

`fill` writes inside one unit of work: it all goes in, or (on an error, or a progress callback that
raises to cancel) none of it does.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from circles_desktop.services.demo.circles_demo import SHOWCASE_MEETINGS, add_circles
from circles_desktop.services.demo.community_demo import fill_community
from circles_desktop.services.demo.conversations_demo import fill_conversations
from circles_desktop.services.demo.learning_demo import fill_learning
from circles_desktop.services.demo.people_demo import add_organisations, add_people, add_vetting
from circles_desktop.services.demo.referrals_demo import add_referrals
from circles_desktop.services.demo.sharing_demo import fill_shared_documents
from circles_desktop.services.demo.writer import Pool, Writer
from circles_desktop.services.security import audit

__all__ = ["SHOWCASE_MEETINGS", "DemoSummary", "Progress", "fill"]

Progress = Callable[[int, int], None]


@dataclass
class DemoSummary:
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


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


def _fill(session: Session, size: int, seed: int, progress: Progress | None, today: date) -> DemoSummary:
    started = time.perf_counter()
    rnd = random.Random(seed)
    w = Writer(session)
    stages = 5
    step = iter(range(1, stages + 1))

    def report() -> None:
        if progress is not None:
            progress(next(step), stages)

    pool = Pool()
    add_organisations(w, rnd, size, pool)
    add_people(w, rnd, size, today, pool)
    w.flush()
    report()
    add_vetting(w, rnd, today, pool)
    w.flush()
    report()
    cosa_accepted, community_accepted = add_referrals(w, rnd, today, pool)
    w.flush()
    report()
    add_circles(w, rnd, today, pool, cosa_accepted)
    w.flush()
    fill_community(session, size, seed, today, community_accepted)
    fill_learning(session, size, seed, today)
    fill_conversations(session, size, seed, today)
    fill_shared_documents(session, seed, today)
    report()
    audit.record(session, "demo data created", "database", f"{size} people")
    report()
    return DemoSummary(dict(sorted(w.counts.items())), time.perf_counter() - started)
