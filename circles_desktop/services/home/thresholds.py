"""The numbers of days Home counts by, kept as settings in the database (services/settings/stored.py)
and changed in Settings. Each has a default a coordinator can start from."""

from __future__ import annotations

from dataclasses import dataclass, fields

from sqlalchemy.orm import Session

from circles_desktop.services.common.validation import Problems
from circles_desktop.services.security import audit
from circles_desktop.services.settings import stored

PREFIX = "home."
MOST_DAYS = 3650  # ten years


@dataclass(frozen=True)
class Thresholds:
    reviews_within: int = 14  # a review is shown this many days before it falls due
    circle_length: int = 365  # a CoSA circle's end-of-circle review falls due once it has run this long
    no_contact: int = 28  # an active circle with no meeting or development for this long
    release_within: int = 90  # prison release dates this close
    dbs_renewal: int = 3 * 365  # a volunteer's DBS check is renewed this long after it was made
    training_renewal: int = 3 * 365  # and each training course refreshed
    renewal_within: int = 30  # renewals are shown this many days before they fall due
    learning_within: int = 7  # a learning circle's steps before it are shown this many days ahead
    learning_after: int = 28  # the steps after a learning circle fall due this long after it


LABELS: dict[str, str] = {
    "reviews_within": "Show reviews due within",
    "circle_length": "End-of-circle review after a circle has run",
    "no_contact": "Circles with no meeting or contact for",
    "release_within": "Prison release dates within",
    "dbs_renewal": "Renew DBS checks after",
    "training_renewal": "Refresh training after",
    "renewal_within": "Show renewals due within",
    "learning_within": "Show learning circle steps due within",
    "learning_after": "Steps after a learning circle due within",
}
NAMES = tuple(f.name for f in fields(Thresholds))


def thresholds(session: Session) -> Thresholds:
    """The saved thresholds, each falling back to its default (also if a saved value is unreadable)."""
    saved = stored.read(session, (PREFIX + name for name in NAMES))
    values = {}
    for name in NAMES:
        text = saved.get(PREFIX + name, "")
        if text.isdigit() and 1 <= int(text) <= MOST_DAYS:
            values[name] = int(text)
    return Thresholds(**values)


def save_thresholds(session: Session, values: dict[str, int | None]) -> Thresholds:
    """Save the thresholds given (by field name); every one must be a whole number of days, 1 to 3650."""
    p = Problems()
    for name, days in values.items():
        if name not in NAMES:
            p.add(name, f"“{name}” is not one of Home's settings.")
        elif days is None or not 1 <= days <= MOST_DAYS:
            p.add(name, f"Enter a number of days from 1 to {MOST_DAYS}.")
    p.raise_if_any()
    stored.write(session, {PREFIX + name: str(days) for name, days in values.items()})
    audit.record(session, "settings updated", "home thresholds")
    return thresholds(session)
