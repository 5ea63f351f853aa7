"""Home's documents still held under withdrawn consent: shared before a consent they relied on was
withdrawn, and not yet returned (the register in services/sharing/sharing.py decides which)."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from circles_desktop.services.common import record_ref as rr
from circles_desktop.services.common.record_ref import RecordRef
from circles_desktop.services.common.words import uk_date
from circles_desktop.services.home.items import DueItem, Found
from circles_desktop.services.home.names import circle_names
from circles_desktop.services.home.thresholds import Thresholds
from circles_desktop.services.sharing import sharing


def held_documents(session: Session, _today: date, _t: Thresholds, first_few: int) -> Found:
    rows = sharing.held_after_withdrawal(session, None, limit=first_few)
    names = circle_names(session, (r.circle_id for r in rows if r.circle_id is not None))
    items = []
    for r in rows:
        withdrawn = min(w.withdrawn_on for w in r.withdrawn)
        what = r.kind_label + (f" of {uk_date(r.meeting_date)}" if r.meeting_date else "")
        asked = f"; asked back {uk_date(r.asked_back_on)}" if r.asked_back_on else "; ask for it back"
        circle = names.get(r.circle_id, "") if r.circle_id is not None else ""
        opens = RecordRef(rr.CIRCLE, r.circle_id, rr.SHARED, r.id) if r.circle_id is not None else None
        if opens is None:
            continue  # its circle was deleted: nothing to open, and the register keeps it
        items.append(DueItem(f"{what} held by {r.recipient_name}{asked} ({circle})", withdrawn, opens))
    return Found(sharing.count_held_after_withdrawal(session), tuple(items))
