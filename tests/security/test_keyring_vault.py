"""'Remember on this computer': round trip, no backend, and a keyring that never answers."""

from __future__ import annotations

import time

import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from keyring.errors import PasswordDeleteError

from circles_desktop.services.security.keyring_vault import SERVICE, KeyringUnavailable, KeyVault


class MemoryKeyring(KeyringBackend):
    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def set_password(self, service, username, password):
        self.items[(service, username)] = password

    def get_password(self, service, username):
        return self.items.get((service, username))

    def delete_password(self, service, username):
        if self.items.pop((service, username), None) is None:
            raise PasswordDeleteError("not found")


class HangingKeyring(MemoryKeyring):
    def set_password(self, service, username, password):
        time.sleep(3)

    def get_password(self, service, username):
        time.sleep(3)


def test_remember_recall_forget():
    backend = MemoryKeyring()
    vault = KeyVault(backend=backend)
    key = bytes(range(32))
    assert vault.unavailable_reason() is None
    assert vault.recall("db-1") is None
    vault.remember("db-1", key)
    assert vault.recall("db-1") == key
    assert vault.recall("db-2") is None
    assert list(backend.items) == [(SERVICE, "db-1")]
    assert key not in backend.items[(SERVICE, "db-1")].encode()  # stored encoded, as text
    vault.forget("db-1")
    assert vault.recall("db-1") is None
    vault.forget("db-1")  # forgetting twice is fine


def test_remembered_key_opens_the_database(db):
    from circles_desktop.services.security import access

    vault = KeyVault(backend=MemoryKeyring())
    vault.remember(db.database_id, db.data_key)
    data_dir, database_id = db.paths.root, db.database_id
    db.close()
    again = access.Unlocker(data_dir).unlock_with_key(vault.recall(database_id))
    try:
        assert again.database_id == database_id
    finally:
        again.close()


def test_fail_backend_says_why():
    vault = KeyVault(backend=fail.Keyring())
    reason = vault.unavailable_reason()
    assert reason and "No system keyring" in reason
    with pytest.raises(KeyringUnavailable):
        vault.remember("db-1", bytes(32))


def test_hanging_backend_times_out_and_stays_unavailable():
    vault = KeyVault(backend=HangingKeyring(), timeout=0.3)
    start = time.monotonic()
    with pytest.raises(KeyringUnavailable, match="did not answer"):
        vault.remember("db-1", bytes(32))
    assert time.monotonic() - start < 1.0
    start = time.monotonic()
    with pytest.raises(KeyringUnavailable):
        vault.recall("db-1")  # no second wait
    assert time.monotonic() - start < 0.1
    assert "did not answer" in (vault.unavailable_reason() or "")


def test_recall_ignores_garbage():
    backend = MemoryKeyring()
    backend.items[(SERVICE, "db-1")] = "not base64!"
    backend.items[(SERVICE, "db-2")] = "AAAA"  # valid, but not a 32-byte key
    vault = KeyVault(backend=backend)
    assert vault.recall("db-1") is None
    assert vault.recall("db-2") is None
