"""Records kept in an order the coordinator sets (minutes sections, learning points): moving one, and
numbering them all again so the stored positions have no gaps."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, TypeVar


class Positioned(Protocol):
    position: int


P = TypeVar("P", bound=Positioned)


def number(rows: Iterable[Positioned], start: int = 0) -> None:
    """Store each row's place in `rows` as its position, counting from `start`."""
    for i, row in enumerate(rows, start=start):
        row.position = i


def move(rows: list[P], item: P, index: int, start: int = 0) -> list[P]:
    """`rows` with `item` taken out and put back at `index` (0-based, kept within the list), numbered
    from `start`."""
    others = [r for r in rows if r is not item]
    others.insert(max(0, min(index, len(others))), item)
    number(others, start)
    return others
