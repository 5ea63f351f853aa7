"""Backups made for the coordinator: each verified, on a schedule and by hand, a number of generations
kept, a missing drive said beside the folder, the last verified backup and its reminder for Home and
Settings; cancelled or failed backups leave nothing behind."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from circles_desktop.services.common.validation import ValidationError
from circles_desktop.services.security import access, backups
from circles_desktop.services.security import restore as restoring
from circles_desktop.store.errors import BackupFailed, Cancelled
from support import PASSPHRASE

MONDAY = datetime(2025, 3, 10, 9, 0, tzinfo=UTC)


@pytest.fixture
def usb(tmp_path):
    drive = tmp_path / "usb"
    drive.mkdir()
    return drive


def _files(folder):
    return sorted(p.name for p in folder.iterdir())


def test_nothing_backed_up_yet_is_a_reminder(db):
    status = backups.status(db.paths, MONDAY)
    assert status.last is None and status.reminder_due
    assert "No backup has been made yet" in status.message
    assert backups.due(db.paths, MONDAY)  # daily by default, and none yet


def test_a_scheduled_backup_is_verified_recorded_and_reminded_about(db, usb):
    backups.save_policy(db.paths, backups.Policy(folder=str(usb)))
    made = backups.back_up(db, backups.SCHEDULED, now=MONDAY)
    assert made.path.startswith(str(usb)) and made.size > 0
    assert _files(usb) == ["circles-backup-" + f"{MONDAY.astimezone():%Y%m%d-%H%M%S}" + e for e in (".db", ".key")]
    prepared = restoring.prepare(db.paths.root, made.path, data_key=db.data_key)  # it opens and verifies
    restoring.discard(prepared)

    assert not backups.due(db.paths, MONDAY + timedelta(hours=23))
    assert backups.due(db.paths, MONDAY + timedelta(days=1))
    fresh = backups.status(db.paths, MONDAY + timedelta(days=2))
    assert not fresh.reminder_due and "(2 days ago)" in fresh.message and str(usb) in fresh.message
    stale = backups.status(db.paths, MONDAY + timedelta(days=8))
    assert stale.reminder_due and "more than 7 days old" in stale.message
    assert backups.last_verified(db.paths) == made


def test_generations_are_kept_and_only_ours_removed(db, usb, tmp_path):
    other, _ = access.create(tmp_path / "other", PASSPHRASE)
    backups.back_up(other, backups.SCHEDULED, target=usb / "circles-backup-20200101-000000.db")
    access.lock(other)
    (usb / "holiday photos.db").write_bytes(b"not ours")
    backups.save_policy(db.paths, backups.Policy(folder=str(usb), keep=3))
    made = [backups.back_up(db, backups.SCHEDULED, now=MONDAY + timedelta(days=d)) for d in range(5)]
    ours = [p for p in usb.glob("circles-backup-2025*.db")]
    assert sorted(str(p) for p in ours) == [m.path for m in made[2:]]
    assert (usb / "circles-backup-20200101-000000.db").exists()  # another database's backup stays
    assert (usb / "holiday photos.db").exists()


def test_a_missing_drive_is_a_message_beside_the_folder(db, usb, tmp_path):
    backups.save_policy(db.paths, backups.Policy(folder=str(usb)))
    usb.rmdir()  # the drive is not plugged in
    with pytest.raises(ValidationError) as info:
        backups.back_up(db, backups.SCHEDULED, now=MONDAY)
    assert "folder" in info.value.errors and "plug the drive in" in info.value.errors["folder"]
    assert backups.last_verified(db.paths) is None


@pytest.mark.parametrize(
    "change, field",
    [({"every_days": 31}, "every_days"), ({"keep": 0}, "keep"), ({"remind_after_days": 0}, "remind_after_days"),
     ({"folder": "/no/such/folder"}, "folder")],
)  # fmt: skip
def test_a_policy_out_of_range_is_refused_beside_its_field(db, change, field):
    with pytest.raises(ValidationError) as info:
        backups.save_policy(db.paths, backups.Policy(**change))
    assert list(info.value.errors) == [field]
    assert backups.load(db.paths).policy == backups.Policy()  # nothing kept


def test_a_cancelled_backup_leaves_nothing(db, usb):
    steps: list[int] = []

    def progress(what, done, total):
        steps.append(done)

    with pytest.raises(Cancelled):
        backups.back_up(db, backups.BY_HAND, target=usb / "x.db", progress=progress, cancelled=lambda: bool(steps))
    assert _files(usb) == [] and backups.last_verified(db.paths) is None


def test_a_copy_that_does_not_verify_leaves_nothing(db, usb):
    """A drive that corrupts what it is given: the copy is damaged once written, before it is read back."""
    partial = usb / "x.db.partial"

    def progress(what, done, total):
        if what == "Copying" and done == total:
            data = bytearray(partial.read_bytes())
            for i in range(4096 * 3 + 100, 4096 * 3 + 200):
                data[i] ^= 0xFF
            partial.write_bytes(bytes(data))

    with pytest.raises(BackupFailed, match="did not verify"):
        backups.back_up(db, backups.BY_HAND, target=usb / "x.db", progress=progress)
    assert _files(usb) == [] and backups.last_verified(db.paths) is None


def test_a_backup_while_another_is_being_made_is_refused_and_the_first_is_whole(db, usb):
    import threading

    started, go_on = threading.Event(), threading.Event()
    made: list[backups.Made] = []

    def progress(what, done, total):
        started.set()
        assert go_on.wait(30), "the test never let the first backup go on"

    first = threading.Thread(
        target=lambda: made.append(backups.back_up(db, backups.SCHEDULED, target=usb / "first.db", progress=progress))
    )
    first.start()
    assert started.wait(30)
    with pytest.raises(ValidationError) as refused:  # the one by hand, while the schedule's is writing
        backups.back_up(db, backups.BY_HAND, target=usb / "second.db")
    assert refused.value.errors == {"folder": backups.UNDER_WAY}
    go_on.set()
    first.join(60)
    assert [m.path for m in made] == [str(usb / "first.db")] and not (usb / "second.db").exists()
    assert backups.back_up(db, backups.BY_HAND, target=usb / "third.db").path == str(usb / "third.db")
