"""Shared fixtures: fast key derivation for tests, temporary data folders, an open database."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from circles_desktop.store import keyfile
from support import FAST_SCRYPT, PASSPHRASE


def pytest_addoption(parser):
    parser.addoption("--slow", action="store_true", help="also run the slow robustness tests (CI does)")


def pytest_collection_modifyitems(config, items):
    # The quick local loop leaves out the slow SIGKILL rounds; README's test command (CI's) passes --slow.
    if config.getoption("--slow"):
        return
    slow = [item for item in items if item.get_closest_marker("slow")]
    if slow:
        config.hook.pytest_deselected(items=slow)
        items[:] = [item for item in items if not item.get_closest_marker("slow")]


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch):
    monkeypatch.setattr(keyfile, "DEFAULT_SCRYPT", FAST_SCRYPT)


@pytest.fixture
def data_dir(tmp_path):
    d = tmp_path / "data"
    d.mkdir()
    return d


@pytest.fixture
def created(data_dir):
    """A new database: (data_dir, recovery key), closed again."""
    from circles_desktop.services.security import access

    db, recovery = access.create(data_dir, PASSPHRASE)
    db.close()
    return data_dir, recovery


@pytest.fixture
def db(created):
    from circles_desktop.services.security import access

    data_dir, _ = created
    database = access.Unlocker(data_dir).unlock(PASSPHRASE)
    yield database
    database.close()


@pytest.fixture
def state(created, tmp_path):
    """The app's state unlocked on a new database, its key kept in memory, its settings in tmp_path.
    Modules whose screens need a different AppState define their own `state`, which takes precedence."""
    from PySide6.QtCore import QSettings

    from circles_desktop.services.security import access
    from circles_desktop.services.security.keyring_vault import KeyVault
    from circles_desktop.ui.app.app_state import AppState
    from support.ui import MemoryKeyring

    data_dir, _ = created
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    st = AppState(str(data_dir), vault=KeyVault(backend=MemoryKeyring()), settings=settings)
    st.set_database(access.Unlocker(data_dir).unlock(PASSPHRASE))
    yield st
    if st.database is not None:
        st.database.close()
