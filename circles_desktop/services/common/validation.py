"""Errors a coordinator can act on, keyed by the form field they belong to.

A service collects every problem with a form before raising, so the UI can show each message beside
its field at once rather than one at a time. The key "" is for problems with the record as a whole.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TypeVar

from sqlalchemy.orm import Session

from circles_desktop.services.common.words import uk_date

T = TypeVar("T")


class ValidationError(ValueError):
    """One or more problems, as {field: message}."""

    def __init__(self, errors: Mapping[str, str] | str, field: str = "") -> None:
        self.errors: dict[str, str] = {field: errors} if isinstance(errors, str) else dict(errors)
        super().__init__(" ".join(self.errors.values()))

    def __str__(self) -> str:
        return " ".join(self.errors.values())


class NotFound(LookupError):
    """The record asked for is not there (deleted, or a stale id from a list)."""


class Problems:
    """Collects field problems; `raise_if_any()` at the end."""

    def __init__(self) -> None:
        self.errors: dict[str, str] = {}

    def add(self, field: str, message: str) -> None:
        self.errors.setdefault(field, message)  # the first problem with a field is the one to fix first

    def require(self, field: str, value: object, what: str) -> None:
        if value is None or (isinstance(value, str) and not value.strip()):
            self.add(field, f"Enter {what}.")

    def choose(self, field: str, value: object, what: str) -> None:
        if value is None or value == "":
            self.add(field, f"Choose {what}.")

    def one_of(self, field: str, value: str | None, allowed: tuple[str, ...], what: str) -> None:
        if value is None or value == "":
            self.add(field, f"Choose {what}.")
        elif value not in allowed:
            self.add(field, f"“{value}” is not a known {what}.")

    def not_before(
        self, field: str, later: date | None, earlier: date | None, later_what: str, earlier_what: str
    ) -> None:
        """Dates may not run backwards."""
        if later is not None and earlier is not None and later < earlier:
            self.add(
                field, f"The {later_what} ({uk_date(later)}) cannot be before the {earlier_what} ({uk_date(earlier)})."
            )

    def max_length(self, field: str, value: str | None, limit: int, what: str) -> None:
        if value is not None and len(value) > limit:
            self.add(field, f"The {what} is too long: at most {limit} characters.")

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)


def get(session: Session, model: type[T], ident: int | None, what: str) -> T:
    obj = session.get(model, ident) if ident is not None else None
    if obj is None:
        raise NotFound(f"The {what} could not be found; it may have been deleted.")
    return obj


def clean(text: str | None) -> str:
    return (text or "").strip()
