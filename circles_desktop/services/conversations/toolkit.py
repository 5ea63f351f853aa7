"""The toolkit's priorities and pitfalls as a checklist: the organisation's own copy, and how far each
conversation has worked through it.

The app ships the toolkit's items (resources/toolkit/community_conversations.json, read through
`circles_desktop.shipped`). The organisation's copy is made from them the first time anything is
written to it (an edit, or an item ticked); until then the shipped items are shown as they are. The
organisation may reword, add, reorder and retire items; a retired item is no longer offered, but stays
on any conversation that worked through it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import cache

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from circles_desktop import shipped
from circles_desktop.models import ConversationCheck, ToolkitItem
from circles_desktop.models.kinds.conversations import CheckState
from circles_desktop.services.common import positions
from circles_desktop.services.common.validation import NotFound, Problems, ValidationError, clean
from circles_desktop.services.conversations.conversations import find_conversation
from circles_desktop.services.security import audit

TOOLKIT_FILE = ("toolkit", "community_conversations.json")
LEFT = "left"  # an item not yet worked through (no row)


@dataclass(frozen=True)
class Item:
    code: str
    section: str
    text: str
    position: int = 0
    retired: bool = False


@dataclass(frozen=True)
class CheckRow:
    code: str
    section: str
    text: str
    state: str  # CheckState, or LEFT
    note: str
    recorded_on: date | None
    retired: bool

    @property
    def is_left(self) -> bool:
        return self.state == LEFT


@cache
def shipped_items() -> tuple[Item, ...]:
    """The toolkit's items as the app ships them, in order."""
    with shipped.path(*TOOLKIT_FILE).open(encoding="utf-8") as f:
        data = json.load(f)
    found: list[Item] = []
    for section in data["sections"]:
        for entry in section["items"]:
            found.append(Item(entry["code"], section["section"], entry["text"], len(found)))
    return tuple(found)


def _stored(session: Session) -> list[ToolkitItem]:
    return list(session.scalars(select(ToolkitItem).order_by(ToolkitItem.position, ToolkitItem.id)))


def ensure_items(session: Session) -> list[ToolkitItem]:
    """The organisation's copy, made from the shipped items the first time it is needed for a write."""
    rows = _stored(session)
    if rows:
        return rows
    for item in shipped_items():
        session.add(ToolkitItem(code=item.code, section=item.section, text=item.text, position=item.position))
    session.flush()
    audit.record(session, "toolkit checklist created", "toolkit", f"{len(shipped_items())} items")
    return _stored(session)


def items(session: Session, include_retired: bool = False) -> list[Item]:
    """The organisation's items in order (the shipped ones until its copy is made)."""
    rows = _stored(session)
    if not rows:
        return list(shipped_items())
    return [Item(r.code, r.section, r.text, r.position, r.retired) for r in rows if include_retired or not r.retired]


def sections(session: Session) -> list[str]:
    return list(dict.fromkeys(i.section for i in items(session, include_retired=True)))


# --- the organisation's copy ---------------------------------------------------------------------------
def _find(session: Session, code: str) -> ToolkitItem:
    ensure_items(session)
    found = session.scalar(select(ToolkitItem).where(ToolkitItem.code == code))
    if found is None:
        raise NotFound("That checklist item could not be found; it may have been deleted.")
    return found


def _check_words(section: str, text: str) -> None:
    p = Problems()
    p.require("section", section, "the heading the item goes under")
    p.max_length("section", section, 80, "heading")
    p.require("text", text, "the words of the item")
    p.raise_if_any()


def add_item(session: Session, section: str, text: str) -> Item:
    """A new item of the organisation's own, at the end of its heading."""
    _check_words(section, text)
    rows = ensure_items(session)
    number = (session.scalar(select(func.count()).select_from(ToolkitItem)) or 0) + 1
    while session.scalar(select(ToolkitItem.id).where(ToolkitItem.code == f"own-{number}")) is not None:
        number += 1
    item = ToolkitItem(code=f"own-{number}", section=clean(section), text=clean(text), position=0)
    same = [r for r in rows if r.section == item.section]
    at = rows.index(same[-1]) + 1 if same else len(rows)
    positions.move([*rows[:at], item, *rows[at:]], item, at)
    session.add(item)
    session.flush()
    audit.record(session, "toolkit item created", f"toolkit item {item.id}")
    return Item(item.code, item.section, item.text, item.position)


def update_item(session: Session, code: str, section: str, text: str) -> None:
    _check_words(section, text)
    item = _find(session, code)
    item.section, item.text = clean(section), clean(text)
    session.flush()
    audit.record(session, "toolkit item updated", f"toolkit item {item.id}")


def move_item(session: Session, code: str, index: int) -> None:
    item = _find(session, code)
    positions.move(_stored(session), item, index)
    session.flush()
    audit.record(session, "toolkit item updated", f"toolkit item {item.id}", "moved")


def retire_item(session: Session, code: str, retired: bool = True) -> None:
    """Stop offering an item (or offer it again); conversations that worked through it keep it."""
    item = _find(session, code)
    item.retired = retired
    session.flush()
    audit.record(session, "toolkit item updated", f"toolkit item {item.id}", "retired" if retired else "restored")


# --- one conversation's way through it -----------------------------------------------------------------
def checklist(session: Session, circle_id: int) -> list[CheckRow]:
    """Every item offered, with this conversation's state; retired items only where it worked through them."""
    find_conversation(session, circle_id)
    recorded = {
        code: check
        for code, check in session.execute(
            select(ToolkitItem.code, ConversationCheck)
            .join(ConversationCheck, ConversationCheck.item_id == ToolkitItem.id)
            .where(ConversationCheck.circle_id == circle_id)
        ).all()
    }
    rows = []
    for item in items(session, include_retired=True):
        check = recorded.get(item.code)
        if item.retired and check is None:
            continue
        rows.append(
            CheckRow(
                item.code,
                item.section,
                item.text,
                check.state if check else LEFT,
                check.note if check else "",
                check.recorded_on if check else None,
                item.retired,
            )
        )
    return rows


def mark(session: Session, circle_id: int, code: str, state: str, on: date | None, note: str = "") -> None:
    """Mark an item done (with how, if the organiser wishes) or not for this conversation (with why)."""
    circle = find_conversation(session, circle_id)
    p = Problems()
    p.one_of("state", state, CheckState.values(), "way of marking the item")
    p.require("on", on, "the date")
    p.not_before("on", on, circle.started_on, "date", "date planning started")
    if state == CheckState.NOT_FOR_THIS_ONE and not note.strip():
        p.add("note", "Say why this does not fit this conversation.")
    p.raise_if_any()
    item = _find(session, code)
    if item.retired and session.get(ConversationCheck, (circle_id, item.id)) is None:
        raise ValidationError("That item is no longer on the organisation's checklist.", "code")
    check = session.get(ConversationCheck, (circle_id, item.id))
    if check is None:
        check = ConversationCheck(circle_id=circle_id, item_id=item.id)
        session.add(check)
    check.state, check.note, check.recorded_on = state, note.strip(), on  # type: ignore[assignment]
    session.flush()
    audit.record(session, "toolkit item marked", f"circle {circle_id}", f"{code} {state}")


def unmark(session: Session, circle_id: int, code: str) -> None:
    """Back to "still to think about"."""
    find_conversation(session, circle_id)
    item = _find(session, code)
    check = session.get(ConversationCheck, (circle_id, item.id))
    if check is not None:
        session.delete(check)
        session.flush()
        audit.record(session, "toolkit item unmarked", f"circle {circle_id}", code)


def progress(rows: list[CheckRow]) -> tuple[int, int]:
    """(worked through, offered): done or not for this one, out of every item shown."""
    return sum(1 for r in rows if not r.is_left), len(rows)
