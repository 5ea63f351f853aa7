"""A small demo database built once for the module and copied for each test that changes it."""

from __future__ import annotations

import shutil

import pytest
from sqlalchemy import text

from circles_desktop.services.demo import demo
from circles_desktop.services.security import access
from circles_desktop.store import keyfile
from support import FAST_SCRYPT, PASSPHRASE

DEMO_SIZE = 60


@pytest.fixture(scope="session")
def demo_master(tmp_path_factory):
    """A demo data folder (closed); copy it before changing it."""
    folder = tmp_path_factory.mktemp("records-demo")
    before = keyfile.DEFAULT_SCRYPT
    keyfile.DEFAULT_SCRYPT = FAST_SCRYPT
    try:
        db, _ = access.create(folder, PASSPHRASE)
        demo.fill(db, size=DEMO_SIZE, seed=1)
        db.close()
    finally:
        keyfile.DEFAULT_SCRYPT = before
    return folder


@pytest.fixture
def demo_db(demo_master, tmp_path):
    """An open copy of the demo database, for one test."""
    folder = tmp_path / "demo"
    shutil.copytree(demo_master, folder)
    database = access.Unlocker(folder).unlock(PASSPHRASE)
    yield database
    database.close()


def table_counts(session) -> dict[str, int]:
    """Rows in every table the database holds, read from sqlite_master (not from our metadata)."""
    names = session.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'")).scalars().all()
    return {n: session.execute(text(f'SELECT count(*) FROM "{n}"')).scalar_one() for n in names}


@pytest.fixture
def count_rows():
    """table_counts, for the tests (a fixture, so no test module imports conftest)."""
    return table_counts
