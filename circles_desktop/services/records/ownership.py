"""Which rows belong to a record, found by walking the foreign keys of the models' metadata.

Nothing here names a table: a table another area adds later (a Community Circle's details, a
conversation's sparks) is covered as soon as its foreign keys point at a circle, a meeting or a member.

A row belongs to the record when it refers to the record or to a row that already belongs (a meeting
of the circle, the attendance at that meeting). Two kinds of table are also taken when a row that
belongs points at them: the referral the circle grew from (with its risk reports) and stored files
(signed consent forms, risk reports); each is kept if anything outside the record still points at it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import ForeignKeyConstraint, Table, select, text, tuple_
from sqlalchemy.orm import Session

from circles_desktop.models import Base

Key = tuple[object, ...]
# Tables whose rows exist only for the row that points at them (see the module's docstring).
TAKEN_WITH_OWNER = frozenset({"referrals", "stored_files"})
CHUNK = 500  # values per IN (...): well under SQLite's limit on bound parameters


def table(name: str) -> Table:
    return Base.metadata.tables[name]


def _pk(t: Table) -> list:
    return list(t.primary_key.columns)


def _chunks(values: list, size: int = CHUNK) -> Iterable[list]:
    for i in range(0, len(values), size):
        yield values[i : i + size]


def _in(columns: list, values: Iterable[Key]):
    """columns IN values, for one column or several (SQLite row values)."""
    vals = list(values)
    if len(columns) == 1:
        return columns[0].in_([v[0] for v in vals])
    return tuple_(*columns).in_(vals)


def key_clause(t: Table, key: Key):
    """The WHERE clause for one row of `t` by its primary key."""
    return _in(_pk(t), [key])


def column_values(session: Session, t: Table, keys: set[Key], columns: list) -> set[Key]:
    """The values of `columns` in the rows of `t` with these primary keys (NULLs left out)."""
    found: set[Key] = set()
    for part in _chunks(sorted(keys, key=repr)):
        for row in session.execute(select(*columns).where(_in(_pk(t), part))):
            if all(v is not None for v in row):
                found.add(tuple(row))
    return found


def keys_where(session: Session, t: Table, columns: list, values: set[Key]) -> set[Key]:
    """Primary keys of the rows of `t` whose `columns` hold one of `values`."""
    found: set[Key] = set()
    for part in _chunks(sorted(values, key=repr)):
        found.update(tuple(r) for r in session.execute(select(*_pk(t)).where(_in(columns, part))))
    return found


def cascades(fk: ForeignKeyConstraint) -> bool:
    return (fk.ondelete or "").upper() == "CASCADE"


def _referring(fk: ForeignKeyConstraint) -> tuple[list, list]:
    """(the referring columns, the columns they refer to), in matching order."""
    return [e.parent for e in fk.elements], [e.column for e in fk.elements]


@dataclass
class Rows:
    """Primary keys of the rows that belong, table by table."""

    by_table: dict[str, set[Key]] = field(default_factory=dict)

    def add(self, name: str, keys: set[Key]) -> bool:
        have = self.by_table.setdefault(name, set())
        new = keys - have
        have |= new
        return bool(new)

    def counts(self) -> dict[str, int]:
        return {name: len(keys) for name, keys in self.by_table.items() if keys}

    def total(self) -> int:
        return sum(self.counts().values())


def _step(session: Session, rows: Rows, t: Table, fk: ForeignKeyConstraint, follow) -> bool:
    parent_cols, target_cols = _referring(fk)
    target = fk.referred_table
    changed = False
    # t's rows that point at a row that belongs; a taken-along row keeps only what lives and dies
    # with it (a referral's steps and risk reports), not the other rows that use it.
    inbound = follow(fk) and (target.name not in TAKEN_WITH_OWNER or cascades(fk))
    if rows.by_table.get(target.name) and inbound:
        values = column_values(session, target, rows.by_table[target.name], target_cols)
        if values:
            changed |= rows.add(t.name, keys_where(session, t, parent_cols, values))
    if target.name in TAKEN_WITH_OWNER and rows.by_table.get(t.name):  # what a row that belongs points at
        values = column_values(session, t, rows.by_table[t.name], parent_cols)
        if values:
            changed |= rows.add(target.name, keys_where(session, target, target_cols, values))
    return changed


def belonging_to(session: Session, root: str, key: Key, follow=lambda fk: True) -> Rows:
    """Every row that belongs to the row `key` of table `root`, itself included. `follow(fk)` says
    whether rows pointing through that foreign key belong (a person owns only what cascades)."""
    rows = Rows()
    rows.add(root, {key})
    changed = True
    while changed:  # until nothing new is found: each pass follows one more link
        changed = False
        for t in Base.metadata.sorted_tables:
            for fk in t.foreign_key_constraints:
                changed |= _step(session, rows, t, fk, follow)
    _keep_shared(session, rows)
    return rows


def _keep_shared(session: Session, rows: Rows) -> None:
    """Leave out a taken-along row (a file, a referral) that something outside still points at."""
    for name in TAKEN_WITH_OWNER:
        keys = rows.by_table.get(name)
        if not keys:
            continue
        for user, fk in referring_keys(session, table(name), keys):
            if cascades(fk):
                continue
            parent_cols, target_cols = _referring(fk)
            outside = user.keys - rows.by_table.get(user.table, set())
            if outside:
                still = column_values(session, table(user.table), outside, parent_cols)
                keys -= keys_where(session, table(name), target_cols, still)


@dataclass(frozen=True)
class Referrers:
    table: str
    column: str  # the referring column(s), joined by ", "
    keys: set[Key]


def referring_keys(session: Session, target: Table, keys: set[Key]) -> list[tuple[Referrers, ForeignKeyConstraint]]:
    """Every row in any table that points at one of `keys` of `target`, foreign key by foreign key."""
    found = []
    for t in Base.metadata.sorted_tables:
        for fk in t.foreign_key_constraints:
            if fk.referred_table is not target:
                continue
            parent_cols, target_cols = _referring(fk)
            values = column_values(session, target, keys, target_cols)
            users = keys_where(session, t, parent_cols, values) if values else set()
            if users:
                found.append((Referrers(t.name, ", ".join(c.name for c in parent_cols), users), fk))
    return found


def delete(session: Session, rows: Rows) -> int:
    """Delete the rows, those that point at others first; returns how many went."""
    gone = 0
    # Deleted for good: SQLite overwrites the freed space rather than leaving the old bytes in free
    # pages (encrypted, but readable again by anyone with the key) until something reuses them.
    before = session.execute(text("PRAGMA secure_delete")).scalar()
    session.execute(text("PRAGMA secure_delete = ON"))
    for t in reversed(Base.metadata.sorted_tables):
        keys = rows.by_table.get(t.name)
        for part in _chunks(sorted(keys or (), key=repr)):
            result = session.execute(t.delete().where(_in(_pk(t), part)))
            gone += getattr(result, "rowcount", 0)  # a CursorResult for a DELETE
    session.execute(text(f"PRAGMA secure_delete = {int(before or 0)}"))
    session.expire_all()
    return gone
