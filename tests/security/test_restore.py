"""Restoring a backup from the command line: verified first, its date and contents shown, the current
database kept as a safety copy (even when it is damaged), the restore audited; a damaged backup, a
backup of another database, or one the passphrase does not open is refused with exit 2, one line, and
not one byte of the data folder changed."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from sqlalchemy import text

from circles_desktop.services.security import access, audit, integrity
from circles_desktop.services.security import restore as restoring
from circles_desktop.store.database import Database
from circles_desktop.store.errors import BackupRefused, WrongPassphrase
from support import PASSPHRASE, store_cases
from support.cli import check, run
from support.store_cases import snapshot

NEW_PASSPHRASE = "violet harbour compass"


def _note(data_dir: Path, body: str) -> None:
    """A record only some copies of the database hold."""
    db = Database.open(data_dir, PASSPHRASE)
    try:
        with db.session() as s:
            s.execute(text("CREATE TABLE IF NOT EXISTS notes (body TEXT)"))
            s.execute(text("INSERT INTO notes VALUES (:b)"), {"b": body})
    finally:
        db.close()


def _notes(data_dir: Path, secret: str = PASSPHRASE) -> list[str]:
    db = Database.open(data_dir, secret)
    try:
        with db.session() as s:
            return list(s.execute(text("SELECT body FROM notes ORDER BY rowid")).scalars())
    finally:
        db.close()


@pytest.fixture
def backed_up(created, tmp_path):
    """A filled database with one note, backed up to a 'USB drive', then a second note after."""
    data_dir, _ = created
    store_cases.fill(data_dir)
    _note(data_dir, "before the backup")
    proc = run(
        "backup", "--data-dir", str(data_dir), "--to", str(tmp_path / "usb" / "monday.db"), passphrase=PASSPHRASE
    )
    assert proc.returncode == 0, proc.stderr
    _note(data_dir, "after the backup")
    return data_dir, tmp_path / "usb" / "monday.db"


def restore(data_dir: Path, backup: Path, secret: str = PASSPHRASE, *extra: str):
    return run("restore", str(backup), "--data-dir", str(data_dir), "--yes", *extra, passphrase=secret, timeout=120)


def _refused(proc, fragment: str) -> None:
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    line = proc.stderr.strip().splitlines()[-1]
    assert line.startswith("circles-desktop: error: ") and fragment in line, line
    assert "Traceback" not in proc.stderr


def test_restore_brings_the_records_back_and_keeps_the_current_ones(backed_up):
    data_dir, backup = backed_up
    proc = restore(data_dir, backup)
    assert proc.returncode == 0, proc.stderr
    assert "Made " in proc.stdout and "people" in proc.stdout and "audit log entries" in proc.stdout
    assert _notes(data_dir) == ["before the backup"]
    [kept] = (data_dir / "safety").glob("before-restore-*")
    assert str(kept) in proc.stdout
    assert _notes(kept) == ["before the backup", "after the backup"]  # the copy opens on its own
    db = access.Unlocker(data_dir).unlock(PASSPHRASE)
    try:
        with db.session() as s:
            entries = [e for e in audit.recent(s, 5) if e.action == integrity.RESTORED]
            assert entries and entries[0].object == str(backup) and str(kept) in entries[0].detail
            assert audit.verify(s).ok
    finally:
        access.lock(db)
    assert check(data_dir).returncode == 0  # the anchor was moved to the restored log
    assert not (data_dir / ".restoring").exists()


def test_a_damaged_live_database_is_restored_and_kept(backed_up):
    data_dir, backup = backed_up
    db = Database.open(data_dir, PASSPHRASE)
    db.close()  # checkpointed: the damage goes into the file itself
    page = store_cases.damage_page(data_dir)
    damaged = (data_dir / "circles.db").read_bytes()
    assert check(data_dir).returncode == 2
    proc = restore(data_dir, backup)
    assert proc.returncode == 0, proc.stderr
    [kept] = (data_dir / "safety").glob("before-restore-*")
    assert (kept / "circles.db").read_bytes() == damaged  # kept as it was, damage and all
    assert page > 0 and _notes(data_dir) == ["before the backup"]
    assert check(data_dir).returncode == 0


def test_a_damaged_backup_is_refused_and_nothing_changes(backed_up):
    data_dir, backup = backed_up
    data = bytearray(backup.read_bytes())
    data[len(data) // 2 + 300] ^= 0xFF
    backup.write_bytes(bytes(data))
    before = snapshot(data_dir)
    _refused(restore(data_dir, backup), "cannot be restored: it is damaged")
    assert snapshot(data_dir) == before


def test_a_backup_of_another_database_is_refused(backed_up, tmp_path):
    data_dir, _ = backed_up
    other, _ = access.create(tmp_path / "other", PASSPHRASE)
    foreign = other.backup_to(tmp_path / "usb" / "someone-else.db")
    access.lock(other)
    before = snapshot(data_dir)
    _refused(restore(data_dir, foreign), "is a backup of another Circles Desktop database")
    assert snapshot(data_dir) == before


@pytest.mark.parametrize("what", ["plain SQLite", "random bytes", "key file missing", "no such file"])
def test_what_is_not_a_backup_is_refused(backed_up, tmp_path, what):
    data_dir, backup = backed_up
    if what == "plain SQLite":
        import sqlite3

        backup.unlink()
        sqlite3.connect(backup).execute("CREATE TABLE t (x)").connection.close()
        fragment = "unencrypted SQLite database"
    elif what == "random bytes":
        backup.write_bytes(os.urandom(8192))
        fragment = "not a Circles Desktop backup"
    elif what == "key file missing":
        backup.with_suffix(".key").unlink()
        fragment = "its key file monday.key is not beside it"
    else:
        backup = tmp_path / "nowhere.db"
        fragment = "there is no such file"
    before = snapshot(data_dir)
    _refused(restore(data_dir, backup), fragment)
    assert snapshot(data_dir) == before


def test_a_passphrase_that_opens_neither_is_refused(backed_up):
    data_dir, backup = backed_up
    before = snapshot(data_dir)
    _refused(restore(data_dir, backup, "not the passphrase at all"), "That passphrase is not right")
    assert snapshot(data_dir) == before


def test_without_yes_and_no_terminal_it_asks_for_yes(backed_up):
    data_dir, backup = backed_up
    before = snapshot(data_dir)
    proc = run("restore", str(backup), "--data-dir", str(data_dir), passphrase=PASSPHRASE)
    _refused(proc, "add --yes")
    assert snapshot(data_dir) == before


def test_the_passphrase_of_today_opens_a_backup_made_before_it_changed(backed_up):
    data_dir, backup = backed_up
    db = access.Unlocker(data_dir).unlock(PASSPHRASE)
    access.change_passphrase(db, PASSPHRASE, NEW_PASSPHRASE)
    access.lock(db)
    assert restore(data_dir, backup, NEW_PASSPHRASE).returncode == 0
    assert _notes(data_dir, NEW_PASSPHRASE) == ["before the backup"]  # unlocked as before the restore
    with pytest.raises(WrongPassphrase):
        Database.open(data_dir, PASSPHRASE)


def test_restore_onto_a_new_computer(backed_up, tmp_path):
    _, backup = backed_up
    fresh = tmp_path / "new laptop" / "data"
    assert restore(fresh, backup).returncode == 0
    assert _notes(fresh) == ["before the backup"]


def test_a_restore_not_confirmed_leaves_nothing(backed_up):
    data_dir, backup = backed_up
    before = snapshot(data_dir)
    prepared = restoring.prepare(data_dir, backup, secret=PASSPHRASE)
    assert (data_dir / ".restoring").exists()
    assert prepared.holds["audit log entries"] > 0 and prepared.made_at is not None
    restoring.discard(prepared)
    assert snapshot(data_dir) == before


def test_a_restore_cancelled_while_checking_leaves_nothing(backed_up):
    data_dir, backup = backed_up
    before = snapshot(data_dir)
    seen: list[str] = []

    def cancelled() -> bool:
        return "Checking the copy" in seen

    from circles_desktop.store.errors import Cancelled

    with pytest.raises(Cancelled):
        restoring.prepare(data_dir, backup, secret=PASSPHRASE, progress=lambda what, *_: seen.append(what),
                          cancelled=cancelled)  # fmt: skip
    assert snapshot(data_dir) == before


def test_an_interrupted_swap_is_finished_on_opening(backed_up):
    """The swap's journal is written before any live file is touched; opening finishes what it began."""
    from circles_desktop.store import restore as store_restore

    data_dir, backup = backed_up
    prepared = restoring.prepare(data_dir, backup, secret=PASSPHRASE)
    real = store_restore._complete
    store_restore._complete = lambda paths, journal: None  # the power goes just after the journal
    try:
        store_restore.swap(prepared.paths, prepared.staged, prepared.install)
    finally:
        store_restore._complete = real
    assert (data_dir / ".restoring" / "journal.json").exists()
    db = access.Unlocker(data_dir).unlock(PASSPHRASE)
    try:
        assert [n.kind for n in db.notices] == ["interrupted restore finished"]
        with db.session() as s:
            assert integrity.RESTORED in [e.action for e in audit.recent(s, 3)]
    finally:
        access.lock(db)
    assert _notes(data_dir) == ["before the backup"]
    [kept] = (data_dir / "safety").glob("before-restore-*")
    assert _notes(kept) == ["before the backup", "after the backup"]


def test_refusals_are_store_errors_with_one_sentence(backed_up, tmp_path):
    data_dir, backup = backed_up
    shutil.copyfile(backup, tmp_path / "copy.db")  # no key file beside it
    with pytest.raises(BackupRefused) as info:
        restoring.prepare(data_dir, tmp_path / "copy.db", secret=PASSPHRASE)
    assert str(info.value).endswith("Nothing was changed.")
