"""Themes: tags shared across learning circles ("Neglect", "Voice of the child"), and the count of themes
over a date range that goes to the Quality, Performance and Action Group.

A theme is counted once per learning circle (the link's key is circle + theme), by the learning circle's
date: a circle belongs to a range when it met on or between the range's first and last days. A circle
with no date yet is in no range.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import ScalarSelect, func, select
from sqlalchemy.orm import Session

from circles_desktop.models import Child, LearningCircle, LearningStepRecord, LearningTheme, Meeting, Theme
from circles_desktop.models.kinds.learning import StepState
from circles_desktop.services.common.text import search_key, starts_with
from circles_desktop.services.common.validation import Problems, ValidationError, clean, get
from circles_desktop.services.learning.learning_state import editable
from circles_desktop.services.security import audit


@dataclass(frozen=True)
class ThemeRow:
    id: int
    name: str
    circles: int  # learning circles with this theme, at any date


@dataclass(frozen=True)
class ThemeCount:
    theme_id: int
    name: str
    count: int  # learning circles held in the range with this theme


def _check_name(name: str) -> str:
    p = Problems()
    p.require("name", name, "the theme")
    p.max_length("name", name, 120, "theme")
    p.raise_if_any()
    return " ".join(clean(name).split())


def find_or_create_theme(session: Session, name: str) -> Theme:
    """The theme with this name (ignoring case and accents), made if new."""
    name = _check_name(name)
    key = search_key(name)
    theme = session.scalar(select(Theme).where(Theme.name_key == key))
    if theme is None:
        theme = Theme(name=name, name_key=key)
        session.add(theme)
        session.flush()
        audit.record(session, "theme created", f"theme {theme.id}")
    return theme


def add_theme(session: Session, circle_id: int, name: str) -> Theme:
    """Tag a learning circle with a theme (an existing one if the name matches). Once per circle."""
    editable(session, circle_id)
    theme = find_or_create_theme(session, name)
    if session.get(LearningTheme, (circle_id, theme.id)) is not None:
        raise ValidationError(f"“{theme.name}” is already a theme of this learning circle.", "name")
    session.add(LearningTheme(circle_id=circle_id, theme_id=theme.id))
    session.flush()
    audit.record(session, "learning circle theme added", f"circle {circle_id}", f"theme {theme.id}")
    return theme


def remove_theme(session: Session, circle_id: int, theme_id: int) -> None:
    editable(session, circle_id)
    link = session.get(LearningTheme, (circle_id, theme_id))
    if link is None:
        return
    others = session.scalar(
        select(func.count())
        .select_from(LearningTheme)
        .where(LearningTheme.circle_id == circle_id, LearningTheme.theme_id != theme_id)
    )
    shared = session.get(LearningStepRecord, (circle_id, "themes_shared"))
    if not others and shared is not None and shared.state == StepState.DONE:
        raise ValidationError(
            "“Themes shared with the Quality, Performance and Action Group” is marked done, so at least one "
            "theme must stay. Undo that step first."
        )
    session.delete(link)
    session.flush()
    audit.record(session, "learning circle theme removed", f"circle {circle_id}", f"theme {theme_id}")


def circle_themes(session: Session, circle_id: int) -> list[ThemeRow]:
    """The themes of one learning circle, by name."""
    uses = _uses()
    stmt = (
        select(Theme.id, Theme.name, uses)
        .join(LearningTheme, LearningTheme.theme_id == Theme.id)
        .where(LearningTheme.circle_id == circle_id)
        .order_by(Theme.name_key)
    )
    return [ThemeRow(*r) for r in session.execute(stmt)]


def _uses() -> ScalarSelect[int]:
    """How many learning circles have the theme (correlated to the theme row of the outer query)."""
    return (
        select(func.count())
        .select_from(LearningTheme)
        .where(LearningTheme.theme_id == Theme.id)
        .correlate(Theme)
        .scalar_subquery()
    )


def list_themes(session: Session, text: str = "") -> list[ThemeRow]:
    """Every theme (for the picker: names starting with `text`), by name, with how many circles use it."""
    stmt = select(Theme.id, Theme.name, _uses()).order_by(Theme.name_key)
    key = search_key(text)
    if key:
        stmt = stmt.where(starts_with(Theme.name_key, key))
    return [ThemeRow(*r) for r in session.execute(stmt)]


def rename_theme(session: Session, theme_id: int, name: str) -> Theme:
    theme = get(session, Theme, theme_id, "theme")
    name = _check_name(name)
    key = search_key(name)
    other = session.scalar(select(Theme.id).where(Theme.name_key == key, Theme.id != theme_id))
    if other is not None:
        raise ValidationError(f"There is already a theme called “{name}”.", "name")
    theme.name, theme.name_key = name, key
    session.flush()
    audit.record(session, "theme updated", f"theme {theme_id}")
    return theme


def delete_theme(session: Session, theme_id: int) -> None:
    theme = get(session, Theme, theme_id, "theme")
    used = session.scalar(select(func.count()).select_from(LearningTheme).where(LearningTheme.theme_id == theme_id))
    if used:
        raise ValidationError(
            f"“{theme.name}” is a theme of {used} learning circle{'' if used == 1 else 's'}; remove it from them first."
        )
    session.delete(theme)
    session.flush()
    audit.record(session, "theme deleted", f"theme {theme_id}")


def theme_counts(
    session: Session, date_from: date | None, date_to: date | None, locality: str | None = None
) -> list[ThemeCount]:
    """How many learning circles held from `date_from` to `date_to` (both days included) had each theme,
    most frequent first. Themes with no circle in the range are left out."""
    p = Problems()
    p.require("date_from", date_from, "the first day of the range")
    p.require("date_to", date_to, "the last day of the range")
    p.not_before("date_to", date_to, date_from, "last day of the range", "first day")
    p.raise_if_any()
    assert date_from is not None and date_to is not None  # raise_if_any has made sure
    start = datetime.combine(date_from, datetime.min.time())
    end = datetime.combine(date_to + timedelta(days=1), datetime.min.time())
    n = func.count(func.distinct(LearningTheme.circle_id)).label("n")
    stmt = (
        select(Theme.id, Theme.name, n)
        .join(LearningTheme, LearningTheme.theme_id == Theme.id)
        .join(LearningCircle, LearningCircle.circle_id == LearningTheme.circle_id)
        .join(Meeting, Meeting.id == LearningCircle.meeting_id)
        .where(Meeting.starts_at >= start, Meeting.starts_at < end)
        .group_by(Theme.id, Theme.name)
        .order_by(n.desc(), Theme.name_key)
    )
    if locality:
        stmt = stmt.join(Child, Child.id == LearningCircle.child_id).where(Child.locality == locality)
    return [ThemeCount(r.id, r.name, r.n) for r in session.execute(stmt)]
