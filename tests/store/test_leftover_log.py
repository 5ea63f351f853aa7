"""A write-ahead log left by a crash: applied and said so, or, when SQLite would drop saved changes
(a damaged header, a damaged frame), said plainly, kept, and never reported as sound.

Each case leaves a data folder as a crash would (50 saves still in the log), damages the log the way
a bad sector or a stray write would, then opens it as `check` and the app do.
"""

from __future__ import annotations

import os

import pytest

from circles_desktop.services.security import access
from circles_desktop.store import wal
from circles_desktop.store.database import Database
from circles_desktop.store.errors import LogNotApplicable
from circles_desktop.store.notices import LOG_APPLIED, LOST_CHANGES
from circles_desktop.store.sqlcipher import PAGE_SIZE
from support import PASSPHRASE
from support.cli import check
from support.store_cases import crash_with_log, flip, saved_rows, snapshot

FRAME = wal.FRAME_HEADER + PAGE_SIZE
SAVES = 50


@pytest.fixture
def crashed(created, tmp_path):
    data_dir, _ = created
    return crash_with_log(data_dir, tmp_path / "after-crash", SAVES)


def test_an_intact_log_is_applied_and_said_so(crashed):
    db = access.Unlocker(crashed).unlock(PASSPHRASE)
    try:
        assert [n.kind for n in db.notices] == [LOG_APPLIED]
        assert f"{SAVES} changes saved just before were recovered" in db.notices[0].message
    finally:
        access.lock(db)
    assert saved_rows(crashed) == SAVES
    assert not list((crashed / "safety").iterdir())  # nothing lost, so no copy is kept


# magic number, checkpoint sequence, salt, stored checksum: each makes SQLite ignore the whole log
@pytest.mark.parametrize("offset", [0, 3, 12, 17, 25], ids=["magic", "magic-order", "sequence", "salt", "checksum"])
def test_a_damaged_header_is_never_silent(crashed, offset):
    flip(crashed / "circles.db-wal", offset)
    result = check(crashed)
    assert result.returncode == 2, result.stdout
    line = result.stderr.strip()
    assert "\n" not in line and "sound." not in result.stdout
    assert f"{SAVES} saved changes could not be recovered from its log because its header is damaged" in line
    assert "Restore the newest backup" in line

    kept = next((crashed / "safety").glob("log-*"))
    assert sorted(p.name for p in kept.iterdir()) == ["circles.db", "circles.db-wal", "circles.key"]
    assert str(kept) in line
    assert saved_rows(crashed) == 0  # the records really are short: it was said, not hidden
    again = check(crashed)  # and it stays said until a restore or the coordinator accepts it
    assert again.returncode == 2 and "could not be recovered" in again.stderr


def test_a_damaged_frame_loses_what_follows_and_says_how_much(crashed):
    log = crashed / "circles.db-wal"
    reading = wal.read(log, PAGE_SIZE)
    assert reading is not None and len(reading.found_commits) == SAVES
    tenth = reading.found_commits[9]  # damage the page of the tenth save
    flip(log, wal.HEADER + (tenth - 1) * FRAME + wal.FRAME_HEADER + 100)
    db = Database.open(crashed, PASSPHRASE)
    try:
        [notice] = db.notices
        assert notice.kind == LOST_CHANGES and notice.damage
        assert f"{SAVES - 10} saved changes could not be recovered" in notice.message
        assert "a frame in it is damaged" in notice.message
    finally:
        db.close()
    assert saved_rows(crashed) == 9


def test_a_log_cut_short_by_the_crash_loses_nothing_acknowledged(crashed):
    """A crash in the middle of writing a frame leaves it incomplete: that save never returned."""
    log = crashed / "circles.db-wal"
    os.truncate(log, log.stat().st_size - 100)
    db = access.Unlocker(crashed).unlock(PASSPHRASE)
    try:
        assert [n.kind for n in db.notices] == [LOG_APPLIED]
    finally:
        access.lock(db)
    assert saved_rows(crashed) == SAVES - 1
    assert check(crashed).returncode == 0


def test_the_app_knows_too(crashed):
    """The unlock writes what it found into the audit log, where Settings and check read it."""
    from circles_desktop.services.security import integrity

    flip(crashed / "circles.db-wal", 12)
    db = access.Unlocker(crashed).unlock(PASSPHRASE)
    try:
        with db.session() as s:
            [entry] = integrity.unresolved(s)
            assert entry.action == integrity.DAMAGE_FOUND and "could not be recovered" in entry.detail
            integrity.accept(s)
        with db.session() as s:
            assert integrity.unresolved(s) == []
    finally:
        access.lock(db)
    assert check(crashed).returncode == 0


def test_a_log_of_another_database_changes_no_file(crashed, tmp_path):
    other, _ = access.create(tmp_path / "other", PASSPHRASE)
    other.close()
    stranger = crash_with_log(tmp_path / "other", tmp_path / "other-crashed", 5)
    (crashed / "circles.db-shm").unlink()
    (crashed / "circles.db-wal").write_bytes((stranger / "circles.db-wal").read_bytes())
    before = snapshot(crashed)
    with pytest.raises(LogNotApplicable) as info:
        Database.open(crashed, PASSPHRASE)
    assert "does not belong to this database" in str(info.value)
    assert snapshot(crashed) == before  # no -shm appeared, nothing was copied, nothing applied
    result = check(crashed)
    assert result.returncode == 2 and "does not belong to this database" in result.stderr
    assert snapshot(crashed) == before


def test_the_app_says_the_same_and_offers_the_newest_backup(qtbot, request, created, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from circles_desktop.services.security import backups
    from support.ui import WAIT_MS, start_shell, unlock

    data_dir, _ = created
    db = Database.open(data_dir, PASSPHRASE)
    made = backups.back_up(db, backups.BY_HAND, target=tmp_path / "usb" / "friday.db")
    db.close()
    crashed = crash_with_log(data_dir, tmp_path / "after-crash", SAVES)
    flip(crashed / "circles.db-wal", 17)
    shell = start_shell(qtbot, request, crashed)
    unlock(qtbot, shell, PASSPHRASE)
    qtbot.waitUntil(lambda: shell.window.findChild(QMessageBox, "damage found") is not None, timeout=WAIT_MS)
    box = shell.window.findChild(QMessageBox, "damage found")
    assert f"{SAVES} saved changes could not be recovered" in box.text()
    assert made.path in box.informativeText()
    started = []
    settings = shell.window.show_area("Settings")
    monkeypatch.setattr(settings.backup.restoring, "start", started.append)
    # The button's words, its access key's ampersand aside.
    restore = next(b for b in box.buttons() if "Restore the newest backup" in b.text().replace("&", ""))
    restore.click()
    assert [str(p) for p in started] == [made.path]
