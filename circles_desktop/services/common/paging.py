"""What every SQL-paged list shares: the order its pages are cut in."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, UnaryExpression
from sqlalchemy.orm import InstrumentedAttribute

SortKey = ColumnElement[Any] | InstrumentedAttribute[Any]


def page_order(keys: Sequence[SortKey], descending: bool, unique: SortKey) -> list[UnaryExpression[Any]]:
    """ORDER BY the keys, then by `unique` (the id) in the same direction, so that consecutive pages
    neither overlap nor skip a row when keys tie."""
    return [k.desc() if descending else k.asc() for k in (*keys, unique)]
