"""Create, reopen, passphrases and the recovery key."""

import pytest

from circles_desktop.services.security import access, audit
from circles_desktop.store.database import Database
from circles_desktop.store.errors import AlreadyExists, NoDatabase, WrongPassphrase
from support import PASSPHRASE


def test_create_close_reopen(created):
    data_dir, _ = created
    db = Database.open(data_dir, PASSPHRASE)
    try:
        assert db.integrity_problems() == []
        with db.session() as s:
            assert audit.verify(s).ok
    finally:
        db.close()


def test_wrong_passphrase_refused(created):
    data_dir, _ = created
    with pytest.raises(WrongPassphrase, match="not right"):
        Database.open(data_dir, "tangerine orbit lantern!")


def test_recovery_key_unlocks_in_any_spacing(created):
    data_dir, recovery = created
    typed = recovery.replace("-", " ").lower()
    Database.open(data_dir, typed).close()


def test_change_passphrase_old_fails_new_works(db):
    data_dir = db.paths.root
    before = db.paths.database.read_bytes()
    access.change_passphrase(db, PASSPHRASE, "violet harbour compass")
    db.close()
    assert db.paths.database.read_bytes()[:4096] == before[:4096]  # database not rewritten
    with pytest.raises(WrongPassphrase):
        Database.open(data_dir, PASSPHRASE)
    Database.open(data_dir, "violet harbour compass").close()


def test_change_passphrase_needs_the_current_one(db):
    with pytest.raises(WrongPassphrase):
        access.change_passphrase(db, "not the passphrase", "violet harbour compass")


def test_weak_new_passphrase_rejected(data_dir):
    with pytest.raises(access.PassphraseRejected, match="at least"):
        access.create(data_dir, "short")
    assert not (data_dir / "circles.db").exists()


def test_init_refuses_existing(created):
    data_dir, _ = created
    with pytest.raises(AlreadyExists):
        access.create(data_dir, PASSPHRASE)


def test_open_missing_database(data_dir):
    with pytest.raises(NoDatabase):
        Database.open(data_dir, PASSPHRASE)


def test_failed_unlocks_logged_after_next_success(created):
    data_dir, _ = created
    unlocker = access.Unlocker(data_dir)
    for _ in range(2):
        with pytest.raises(WrongPassphrase):
            unlocker.unlock("wrong wrong wrong")
    db = unlocker.unlock(PASSPHRASE)
    try:
        with db.session() as s:
            actions = [e.action for e in reversed(audit.recent(s))]
        assert actions[-3:] == ["unlock failed", "unlock failed", "unlock"]
    finally:
        db.close()


def test_growing_delay_after_five_failures(created):
    data_dir, _ = created
    unlocker = access.Unlocker(data_dir)
    for i in range(7):
        if i < 5:
            assert unlocker.delay_remaining() == 0
        with pytest.raises(WrongPassphrase):
            unlocker.unlock("wrong wrong wrong")
    assert unlocker.delay_remaining() > 2.0
