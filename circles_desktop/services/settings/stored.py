"""Reading and writing settings kept in the database (models.Setting): plain strings by key, so each
area says what its own settings mean (services/settings/organisation.py, services/home/thresholds.py)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from circles_desktop.models import Setting


def read(session: Session, keys: Iterable[str]) -> dict[str, str]:
    """The stored value of each key that has one (keys never saved are left out)."""
    wanted = list(keys)
    rows = session.execute(select(Setting.key, Setting.value).where(Setting.key.in_(wanted)))
    return {key: value for key, value in rows}


def write(session: Session, values: Mapping[str, str]) -> None:
    """Save the values, each replacing any before it, in the caller's unit of work."""
    for key, value in values.items():
        row = session.get(Setting, key)
        if row is None:
            session.add(Setting(key=key, value=value))
        else:
            row.value = value
    session.flush()


def forget(session: Session, keys: Iterable[str]) -> None:
    """Remove the keys, so their defaults apply again."""
    for key in keys:
        row = session.get(Setting, key)
        if row is not None:
            session.delete(row)
    session.flush()
