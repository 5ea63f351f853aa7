"""What every SQL-paged list shares: the order its pages are cut in, by whichever column the coordinator
clicked (a list's SORTS: {sort key: the columns it orders by})."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import ColumnElement, ScalarSelect, UnaryExpression
from sqlalchemy.orm import InstrumentedAttribute

SortKey = ColumnElement[Any] | InstrumentedAttribute[Any] | ScalarSelect[Any]


def page_order(keys: Sequence[SortKey], descending: bool, unique: SortKey) -> list[UnaryExpression[Any]]:
    """ORDER BY the keys, then by `unique` (the id) in the same direction, so that consecutive pages
    neither overlap nor skip a row when keys tie."""
    return [k.desc() if descending else k.asc() for k in (*keys, unique)]


def order_for(
    sorts: Mapping[str, Sequence[SortKey]], sort: str | None, default: str, descending: bool, unique: SortKey
) -> list[UnaryExpression[Any]]:
    """page_order for the list's sort key `sort` (its `default` when None or not one of `sorts`)."""
    return page_order(sorts.get(sort or default, sorts[default]), descending, unique)
