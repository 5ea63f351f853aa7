"""Every way opening can fail: the right error type, a clear and distinct message, and not one byte changed.

Each case breaks a freshly created database (see store_cases.py), snapshots every file in the data
folder (contents and names, so a -wal, -shm or journal appearing or vanishing shows), tries to open,
and compares.
"""

from __future__ import annotations

import shutil

import pytest

from circles_desktop.services.security import access
from circles_desktop.store import inspection
from circles_desktop.store.database import Database
from circles_desktop.store.errors import DatabaseDamaged, DatabaseTooNew, NotACirclesDatabase, StoreError
from support import PASSPHRASE, store_cases
from support.store_cases import CASES, snapshot


@pytest.fixture
def filled(created):
    data_dir, recovery = created
    store_cases.fill(data_dir)
    return data_dir, recovery


def _open_failure(data_dir, case, recovery) -> tuple[StoreError, str]:
    extra = {}
    if case.name == "damaged page":
        extra["page"] = store_cases.damage_page(data_dir)
        secret = case.secret
    else:
        secret = case.build(data_dir, recovery)
    before = snapshot(data_dir)
    with pytest.raises(StoreError) as info:
        Database.open(data_dir, secret)
    assert snapshot(data_dir) == before, f"{case.name}: files changed"
    return info.value, case.fragment.format(**extra)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_error_case_changes_nothing(filled, case):
    data_dir, recovery = filled
    err, fragment = _open_failure(data_dir, case, recovery)
    assert type(err) is case.error, f"{case.name}: {type(err).__name__}: {err}"
    assert fragment in str(err)
    assert "\n" not in str(err)


def test_error_messages_are_distinct(tmp_path, monkeypatch):
    from circles_desktop.store import keyfile
    from support import FAST_SCRYPT

    monkeypatch.setattr(keyfile, "DEFAULT_SCRYPT", FAST_SCRYPT)
    messages = {}
    for case in CASES:
        data_dir = tmp_path / case.name.replace(" ", "-") / "data"
        db, recovery = access.create(data_dir, PASSPHRASE)
        db.close()
        if case.name == "damaged page":
            store_cases.fill(data_dir)
        err, _ = _open_failure(data_dir, case, recovery)
        # The folder name is in most messages; compare what is said about it.
        messages[case.name] = str(err).replace(str(data_dir), "DIR")
    # Cases that are the same condition share a message; every other pair must differ.
    same = [
        {"random 3000 bytes", "random 5000 bytes"},  # both: not whole pages
        {"random 8192 bytes", "key file of another database"},  # indistinguishable without the key
    ]
    names = list(messages)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            if any({a, b} <= group for group in same):
                assert messages[a] == messages[b]
            else:
                assert messages[a] != messages[b], (a, b)


def test_damaged_page_found_even_without_page_check(filled):
    """Opening without the page check cannot see the damage; the first read of it still says which page."""
    from sqlalchemy import text

    data_dir, _ = filled
    page = store_cases.damage_page(data_dir)
    db = Database.open(data_dir, PASSPHRASE, check_pages=False)
    try:
        with pytest.raises(DatabaseDamaged, match=f"HMAC verification failed for page {page}"):
            with db.session() as s:
                s.execute(text("SELECT count(*), sum(length(body)) FROM filler")).one()
        assert any(f"page {page}" in p for p in db.integrity_problems())
    finally:
        db.close()


def test_full_check_finds_damage(filled):
    data_dir, _ = filled
    page = store_cases.damage_page(data_dir)
    before = snapshot(data_dir)
    with pytest.raises(DatabaseDamaged, match=f"page {page}"):
        Database.open(data_dir, PASSPHRASE, full_check=True)
    assert snapshot(data_dir) == before


def test_memory_error_becomes_database_damaged(filled, monkeypatch):
    """SQLCipher can raise MemoryError for a damaged page: it must come out as DatabaseDamaged naming it."""
    data_dir, _ = filled
    page = store_cases.damage_page(data_dir)
    real = inspection.raw_connect

    class Exploding:
        def __init__(self, conn):
            self._conn = conn

        def execute(self, sql, *args):
            if sql.startswith("SELECT database_id"):
                raise MemoryError()
            return self._conn.execute(sql, *args)

        def close(self):
            self._conn.close()

    monkeypatch.setattr(inspection, "raw_connect", lambda *a, **k: Exploding(real(*a, **k)))
    before = snapshot(data_dir)
    with pytest.raises(DatabaseDamaged, match=f"HMAC verification failed for page {page}"):
        Database.open(data_dir, PASSPHRASE)
    assert snapshot(data_dir) == before


def test_refusal_with_a_leftover_wal_changes_nothing(created, tmp_path):
    """A crash leaves a WAL; refusing such a database must not checkpoint the WAL into the file."""
    data_dir, _ = created
    db = Database.open(data_dir, PASSPHRASE)
    with db._raw() as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    copy = tmp_path / "after-crash"
    shutil.copytree(data_dir, copy)  # as a crash would leave it: database, -wal and -shm
    db.close()
    assert (copy / "circles.db-wal").stat().st_size > 0
    before = snapshot(copy)
    with pytest.raises(DatabaseTooNew):
        Database.open(copy, PASSPHRASE)
    after = snapshot(copy)
    assert after.keys() == before.keys()
    # the wal-index (-shm) is a cache SQLite may rebuild; the database and its log must be untouched
    for name in ("circles.db", "circles.db-wal", "circles.key"):
        assert after[name] == before[name], name


def test_damaged_first_page_is_damage_not_a_foreign_file(created):
    data_dir, _ = created
    path = data_dir / "circles.db"
    data = bytearray(path.read_bytes())
    data[100] ^= 0xFF  # inside page 1, after the salt
    path.write_bytes(bytes(data))
    before = snapshot(data_dir)
    with pytest.raises(DatabaseDamaged, match="page 1"):
        Database.open(data_dir, PASSPHRASE)
    assert snapshot(data_dir) == before


def test_key_file_without_salt_still_refuses_other_database(created, tmp_path):
    """Key files written before the salt was recorded: another database is still refused, unchanged."""
    import json

    data_dir, _ = created
    store_cases._other_key_file(data_dir)
    kf = data_dir / "circles.key"
    doc = json.loads(kf.read_text())
    doc.pop("database_salt")
    doc.pop("checksum")
    from circles_desktop.store.keyfile import KeyFile

    doc["checksum"] = KeyFile._checksum(doc)
    kf.write_text(json.dumps(doc))
    before = snapshot(data_dir)
    with pytest.raises(NotACirclesDatabase, match="does not decrypt"):
        Database.open(data_dir, PASSPHRASE)
    assert snapshot(data_dir) == before
