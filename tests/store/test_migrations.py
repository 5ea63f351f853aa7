"""Opening a database from an older version: a verified backup first, then an upgrade to head."""

from __future__ import annotations

import pytest

from circles_desktop.store import backup as store_backup
from circles_desktop.store import migrate
from circles_desktop.store.database import Database
from circles_desktop.store.errors import DatabaseTooNew
from circles_desktop.store.inspection import inspect
from support import PASSPHRASE


def _revision_before_head() -> str | None:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(migrate._config())
    down = script.get_revision(migrate.head()).down_revision
    return down if isinstance(down, str) else None


def test_revision_chain_is_linear():
    from alembic.script import ScriptDirectory

    assert len(ScriptDirectory.from_config(migrate._config()).get_heads()) == 1


SYNTHETIC = '''"""A test-only revision: rebuilds database_info with a new column (Alembic batch mode)."""
import sqlalchemy as sa
from alembic import op

revision = "9001"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("database_info", recreate="always") as batch:
        batch.add_column(sa.Column("note", sa.Text(), nullable=True))
    op.execute("UPDATE database_info SET note = 'upgraded'")


def downgrade() -> None:
    pass
'''


@pytest.fixture
def synthetic_revision(tmp_path, monkeypatch):
    """The real migrations plus one more, so the upgrade path is tested even while there is one revision."""
    import shutil

    real_head = migrate.head()
    copy = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS, copy, ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "versions" / "9001_synthetic.py").write_text(SYNTHETIC.format(head=real_head))
    monkeypatch.setattr(migrate, "MIGRATIONS", copy)
    assert migrate.head() == "9001"
    return real_head


def test_upgrade_path_with_a_synthetic_revision(data_dir, synthetic_revision):
    _older_database_is_backed_up_then_upgraded(data_dir)
    from circles_desktop.store.keyfile import KeyFile
    from circles_desktop.store.sqlcipher import raw_connect

    key = KeyFile.load(data_dir / "circles.key").unwrap(PASSPHRASE)
    conn = raw_connect(data_dir / "circles.db", key)
    assert conn.execute("SELECT note FROM database_info").fetchone()[0] == "upgraded"
    conn.close()


def test_older_database_is_backed_up_then_upgraded(data_dir):
    """With the real migrations: skipped only while there is a single revision."""
    _older_database_is_backed_up_then_upgraded(data_dir)


def _older_database_is_backed_up_then_upgraded(data_dir):
    previous = _revision_before_head()
    if previous is None:
        pytest.skip("only one schema revision exists, so there is no older database to upgrade")
    db, _ = Database.create(data_dir, PASSPHRASE, revision=previous)
    key, database_id, salt = db.data_key, db.database_id, db.key_file.database_salt
    db.close()
    assert inspect(data_dir / "circles.db", key, database_id, salt=salt) == previous
    assert not (data_dir / "backups").exists()

    db = Database.open(data_dir, PASSPHRASE)
    try:
        with db.engine.connect() as conn:
            assert migrate.current(conn) == migrate.head()
        assert db.integrity_problems() == []
    finally:
        db.close()

    backups = sorted((data_dir / "backups").glob("before-upgrade-*.db"))
    assert len(backups) == 1
    backup = backups[0]
    assert previous in backup.name
    assert backup.with_suffix(".key").exists()
    assert store_backup.verify(backup, key, database_id, thorough=True)[0] == []
    # made before the upgrade: the copy is still at the older revision
    from circles_desktop.store.keyfile import KeyFile

    backup_salt = KeyFile.load(backup.with_suffix(".key")).database_salt
    assert inspect(backup, key, database_id, salt=backup_salt) == previous

    # a second open finds it at head: no second backup
    Database.open(data_dir, PASSPHRASE).close()
    assert len(list((data_dir / "backups").glob("before-upgrade-*.db"))) == 1


def test_unknown_revision_is_too_new(created):
    from support.store_cases import BUILDERS, snapshot

    data_dir, _ = created
    BUILDERS["newer schema"](data_dir)
    before = snapshot(data_dir)
    with pytest.raises(DatabaseTooNew, match="newer version"):
        Database.open(data_dir, PASSPHRASE)
    assert snapshot(data_dir) == before
    assert not (data_dir / "backups").exists()
