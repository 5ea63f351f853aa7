"""The engine's settings, its files on disk, transactions and backups."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from circles_desktop.store import migrate, sqlcipher
from circles_desktop.store.database import Database
from circles_desktop.store.errors import AlreadyExists, MigrationFailed
from support import PASSPHRASE

HALF_DONE = "SELECT count(*) FROM sqlite_master WHERE name = 'half_done'"


def _names(d):
    return sorted(p.name for p in d.iterdir())


def test_connection_settings(db):
    with db._raw() as conn:
        got = {
            name: str(conn.execute(f"PRAGMA {name}").fetchone()[0])
            for name in (
                "journal_mode",
                "synchronous",
                "foreign_keys",
                "temp_store",
                "cipher_log_level",
                # what cipher_compatibility = 4 means (the pragma itself cannot be read back)
                "cipher_page_size",
                "cipher_hmac_algorithm",
                "cipher_kdf_algorithm",
                "cipher_use_hmac",
                "cipher_plaintext_header_size",
            )
        }
    assert got == {
        "journal_mode": "wal",
        "synchronous": "2",  # FULL
        "foreign_keys": "1",
        "temp_store": "2",  # MEMORY
        "cipher_log_level": "NONE",  # failures are exceptions, not lines on stderr
        "cipher_page_size": "4096",
        "cipher_hmac_algorithm": "HMAC_SHA512",
        "cipher_kdf_algorithm": "PBKDF2_HMAC_SHA512",
        "cipher_use_hmac": "1",
        "cipher_plaintext_header_size": "0",
    }


def test_raw_key_not_passphrase(created):
    """The file opens with the raw data key, and not with the passphrase as a SQLCipher passphrase."""
    import sqlcipher3

    from circles_desktop.store.keyfile import KeyFile

    data_dir, _ = created
    key = KeyFile.load(data_dir / "circles.key").unwrap(PASSPHRASE)
    assert len(key) == 32
    conn = sqlcipher.raw_connect(data_dir / "circles.db", key)
    assert conn.execute("SELECT count(*) FROM database_info").fetchone()[0] == 1
    conn.close()
    conn = sqlcipher3.connect(str(data_dir / "circles.db"))
    conn.execute(f"PRAGMA key = '{PASSPHRASE}'")
    with pytest.raises(sqlcipher3.DatabaseError):
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    conn.close()


def test_wal_and_shm_come_and_go_with_the_connection(created):
    data_dir, _ = created
    assert _names(data_dir) == ["circles.anchor", "circles.db", "circles.key"]
    db = Database.open(data_dir, PASSPHRASE)
    # checking left nothing behind; the open database has its log and wal-index
    assert _names(data_dir) == ["circles.anchor", "circles.db", "circles.db-shm", "circles.db-wal", "circles.key"]
    with db.session() as s:
        s.execute(text("CREATE TABLE t (x INTEGER)"))
        s.execute(text("INSERT INTO t VALUES (1)"))
    assert _names(data_dir) == ["circles.anchor", "circles.db", "circles.db-shm", "circles.db-wal", "circles.key"]
    db.close()
    assert _names(data_dir) == ["circles.anchor", "circles.db", "circles.key"]  # checkpointed and removed on close
    db = Database.open(data_dir, PASSPHRASE)
    db.close()
    assert _names(data_dir) == ["circles.anchor", "circles.db", "circles.key"]


def test_session_is_one_transaction_including_reads(db):
    """Reads are inside the unit of work: a value read, then written, cannot be changed in between."""
    with db.session() as s:
        s.execute(text("CREATE TABLE counter (n INTEGER)"))
        s.execute(text("INSERT INTO counter VALUES (0)"))
    with db.session() as s:
        s.execute(text("SELECT n FROM counter")).scalar_one()
        assert s.connection().connection.driver_connection.in_transaction


def test_session_rolls_back_whole(db):
    with db.session() as s:
        s.execute(text("CREATE TABLE t (x INTEGER UNIQUE)"))
    with pytest.raises(Exception, match="UNIQUE"):
        with db.session() as s:
            s.execute(text("INSERT INTO t VALUES (1)"))
            s.execute(text("INSERT INTO t VALUES (1)"))
    with db.session() as s:
        assert s.execute(text("SELECT count(*) FROM t")).scalar_one() == 0


def test_ddl_rolls_back_with_its_transaction(db):
    """Migrations are only atomic if DDL is inside the transaction (the driver's default leaves it out)."""
    with pytest.raises(RuntimeError):
        with db.engine.begin() as conn:
            conn.exec_driver_sql("CREATE TABLE half_done (x INTEGER)")
            raise RuntimeError("migration step failed")
    with db.session() as s:
        assert s.execute(text(HALF_DONE)).scalar_one() == 0


def test_failed_migration_rolls_back(db, monkeypatch):
    def failing_upgrade(conn, target="head"):
        conn.exec_driver_sql("CREATE TABLE half_done (x INTEGER)")
        raise ValueError("step 2 failed")

    monkeypatch.setattr(migrate, "upgrade", failing_upgrade)
    with pytest.raises(MigrationFailed, match="step 2 failed"):
        db._upgrade_schema("head", backup=db.paths.backups / "x.db")
    with db.session() as s:
        assert s.execute(text(HALF_DONE)).scalar_one() == 0
        assert s.execute(text("PRAGMA foreign_keys")).scalar_one() == 1  # back on afterwards


def _parent_child(db):
    with db.session() as s:
        s.execute(text("CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT)"))
        s.execute(
            text(
                "CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent(id) ON DELETE CASCADE)"
            )
        )
        s.execute(text("INSERT INTO parent VALUES (1, 'a')"))
        s.execute(text("INSERT INTO child VALUES (10, 1), (11, 1)"))


def _rebuild_parent(conn):
    """What Alembic's batch mode does to alter a table on SQLite."""
    conn.exec_driver_sql("CREATE TABLE _alembic_tmp_parent (id INTEGER PRIMARY KEY, name TEXT, extra TEXT)")
    conn.exec_driver_sql("INSERT INTO _alembic_tmp_parent (id, name) SELECT id, name FROM parent")
    conn.exec_driver_sql("DROP TABLE parent")
    conn.exec_driver_sql("ALTER TABLE _alembic_tmp_parent RENAME TO parent")


def test_table_rebuild_in_migration_keeps_child_rows(db, monkeypatch):
    _parent_child(db)
    monkeypatch.setattr(migrate, "upgrade", lambda conn, target="head": _rebuild_parent(conn))
    db._upgrade_schema("head")
    with db.session() as s:
        assert s.execute(text("SELECT count(*) FROM child")).scalar_one() == 2


def test_table_rebuild_with_foreign_keys_on_would_lose_rows(db):
    """The hazard the migration runner avoids: the same rebuild in an ordinary session cascades."""
    _parent_child(db)
    with db.engine.begin() as conn:
        _rebuild_parent(conn)
    with db.session() as s:
        assert s.execute(text("SELECT count(*) FROM child")).scalar_one() == 0


def test_backup_is_verified_and_opens_on_its_own(db, tmp_path):
    with db.session() as s:
        s.execute(text("CREATE TABLE t (x TEXT)"))
        s.execute(text("INSERT INTO t VALUES ('kept')"))
    target = db.backup_to(tmp_path / "out" / "copy.db")
    assert sorted(p.name for p in target.parent.iterdir()) == ["copy.db", "copy.key"]
    restored = tmp_path / "restored"
    restored.mkdir()
    (restored / "circles.db").write_bytes(target.read_bytes())
    (restored / "circles.key").write_bytes(target.with_suffix(".key").read_bytes())
    other = Database.open(restored, PASSPHRASE, full_check=True)
    try:
        with other.session() as s:
            assert s.execute(text("SELECT x FROM t")).scalar_one() == "kept"
    finally:
        other.close()


def test_create_refuses_to_overwrite_a_key_file(data_dir):
    (data_dir / "circles.key").write_text("{}")
    with pytest.raises(AlreadyExists):
        Database.create(data_dir, PASSPHRASE)
    assert (data_dir / "circles.key").read_text() == "{}"
    assert not (data_dir / "circles.db").exists()


def test_closed_database_refuses_sessions(db):
    db.close()
    assert not db.is_open
    with pytest.raises(RuntimeError, match="locked"):
        with db.session():
            pass
    with pytest.raises(RuntimeError, match="locked"):
        db.data_key  # noqa: B018
