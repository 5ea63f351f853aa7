"""The audit log's hash chain: any change to any row, a removed row or a reordering is found and named."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, select, text, update
from sqlalchemy.exc import IntegrityError

from circles_desktop.models import AuditEntry
from circles_desktop.services.security import audit
from circles_desktop.store.sqlcipher import raw_connect

TARGET = 4  # the entry the attacker changes


@pytest.fixture
def logged(db):
    with db.session() as s:
        for i in range(6):
            audit.record(s, f"action {i}", f"object {i}", f"detail {i}")
    with db.session() as s:
        report = audit.verify(s)
    assert report.ok and report.entries >= 7, report.message()
    return db


def _attack(db, *statements):
    """An attacker with the key: drop the append-only triggers and rewrite rows directly."""
    conn = raw_connect(db.paths.database, db.data_key)
    try:
        conn.execute("DROP TRIGGER audit_log_no_update")
        conn.execute("DROP TRIGGER audit_log_no_delete")
        for sql in statements:
            conn.execute(sql)
    finally:
        conn.close()


def _verify(db):
    with db.session() as s:
        return audit.verify(s)


@pytest.mark.parametrize(
    "change",
    [
        "action = 'export'",
        "object = 'someone else'",
        "detail = detail || ' '",
        "at = '2020-01-01 00:00:00.000000'",
        "hash = '" + "ab" * 32 + "'",
        "prev_hash = '" + "cd" * 32 + "'",
    ],
)
def test_altered_field_is_named(logged, change):
    _attack(logged, f"UPDATE audit_log SET {change} WHERE id = {TARGET}")
    report = _verify(logged)
    assert not report.ok
    assert report.first_broken == TARGET
    assert f"entry {TARGET}" in report.message()


def test_altered_row_with_recomputed_hash_breaks_the_next(logged):
    """Rewriting a row and its own hash consistently still breaks the link from the entry after it."""
    with logged.session() as s:
        e = s.get(AuditEntry, TARGET)
        new_hash = audit._digest(e.id, e.at, "nothing happened", e.object, e.detail, e.prev_hash)
    _attack(logged, f"UPDATE audit_log SET action = 'nothing happened', hash = '{new_hash}' WHERE id = {TARGET}")
    report = _verify(logged)
    assert report.first_broken == TARGET + 1
    assert "does not follow" in report.reason


def test_deleted_row_is_named(logged):
    _attack(logged, f"DELETE FROM audit_log WHERE id = {TARGET}")
    report = _verify(logged)
    assert report.first_broken == TARGET + 1
    assert f"entry {TARGET} is missing" in report.message()


def test_reordered_rows_are_found(logged):
    a, b = TARGET, TARGET + 1
    _attack(
        logged,
        f"UPDATE audit_log SET id = -1 WHERE id = {a}",
        f"UPDATE audit_log SET id = {a} WHERE id = {b}",
        f"UPDATE audit_log SET id = {b} WHERE id = -1",
    )
    report = _verify(logged)
    assert report.first_broken == a


def test_app_cannot_update_or_delete(logged):
    with pytest.raises(IntegrityError, match="append-only"):
        with logged.session() as s:
            s.execute(update(AuditEntry).where(AuditEntry.id == 1).values(detail="rewritten"))
    with pytest.raises(IntegrityError, match="append-only"):
        with logged.session() as s:
            s.execute(delete(AuditEntry).where(AuditEntry.id == 1))
    with pytest.raises(IntegrityError, match="append-only"):
        with logged.session() as s:
            s.get(AuditEntry, 2).object = "changed through the ORM"
    with logged.session() as s:
        assert s.execute(select(AuditEntry.detail).where(AuditEntry.id == 1)).scalar_one() != "rewritten"
        assert audit.verify(s).ok


def test_recent_is_newest_first(logged):
    with logged.session() as s:
        ids = [e.id for e in audit.recent(s, limit=3)]
        total = s.execute(text("SELECT max(id) FROM audit_log")).scalar_one()
    assert ids == [total, total - 1, total - 2]


def test_unlock_lock_and_passphrase_change_are_logged(created):
    from circles_desktop.services.security import access
    from support import PASSPHRASE

    data_dir, _ = created
    db = access.Unlocker(data_dir).unlock(PASSPHRASE)
    access.change_passphrase(db, PASSPHRASE, "violet harbour compass")
    access.lock(db)
    db = access.Unlocker(data_dir).unlock("violet harbour compass")
    try:
        with db.session() as s:
            actions = [e.action for e in reversed(audit.recent(s))]
            assert audit.verify(s).ok
    finally:
        db.close()
    assert actions == ["create", "audit anchored", "unlock", "passphrase changed", "lock", "unlock"]
