"""Nothing readable by others: the data folder 0700 and every file of the database 0600 on POSIX,
whatever the umask; and a read-only data folder is said to be read-only, not damaged."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from circles_desktop.services.security import access
from support import PASSPHRASE
from support.cli import ROOT
from support.store_cases import crash_with_log, flip, snapshot

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def _everything(root: Path) -> dict[str, int]:
    return {str(p.relative_to(root)): mode(p) for p in [root, *root.rglob("*")]}


def test_created_opened_and_backed_up_under_umask_022(tmp_path, umask_022):
    data_dir = tmp_path / "new" / "data"
    db, _ = access.create(data_dir, PASSPHRASE)
    try:
        with db.session():
            pass
        db.backup_to(tmp_path / "usb" / "nightly" / "circles-backup.db")
        opened = _everything(data_dir)  # with the database open: -wal and -shm are there too
        assert {"circles.db-wal", "circles.db-shm", "circles.anchor", "circles.key"} <= opened.keys()
    finally:
        access.lock(db)
    assert {name: m for name, m in opened.items() if m != (0o700 if name == "." else 0o600)} == {}
    assert mode(data_dir.parent) == 0o700  # made for the data folder, so private too
    assert mode(tmp_path / "usb" / "nightly") == 0o700
    assert mode(tmp_path / "usb") == 0o700
    for name in ("circles-backup.db", "circles-backup.key"):
        assert mode(tmp_path / "usb" / "nightly" / name) == 0o600


def test_an_older_folder_is_made_private_on_opening(created, umask_022):
    data_dir, _ = created
    os.chmod(data_dir, 0o755)
    for p in data_dir.iterdir():
        os.chmod(p, 0o644)
    access.lock(access.Unlocker(data_dir).unlock(PASSPHRASE))
    assert {name: m for name, m in _everything(data_dir).items() if m != (0o700 if name == "." else 0o600)} == {}


def test_copies_kept_after_a_crash_are_private(created, tmp_path, umask_022):
    data_dir, _ = created
    crashed = crash_with_log(data_dir, tmp_path / "crashed", 5)
    flip(crashed / "circles.db-wal", 12)
    access.lock(access.Unlocker(crashed).unlock(PASSPHRASE))
    kept = next((crashed / "safety").glob("log-*"))
    assert mode(crashed / "safety") == mode(kept) == 0o700
    assert {p.name: mode(p) for p in kept.iterdir()} == {
        n: 0o600 for n in ("circles.db", "circles.db-wal", "circles.key")
    }


def _read_only_check(data_dir: Path) -> subprocess.CompletedProcess | None:
    """`check` on the folder mounted read-only (a mount namespace: root ignores permissions), or,
    for a user who is not root, with the folder's write permission taken away."""
    env = {**os.environ, "CIRCLES_PASSPHRASE": PASSPHRASE, "PYTHONPATH": str(ROOT)}
    cli = [sys.executable, "-m", "circles_desktop.cli", "check", "--data-dir", str(data_dir)]
    if os.geteuid() != 0:
        os.chmod(data_dir, 0o500)
        try:
            return subprocess.run(cli, capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
        finally:
            os.chmod(data_dir, 0o700)
    if shutil.which("unshare") is None:
        return None
    script = 'mount --bind -o ro "$1" "$1" && shift && exec "$@"'
    proc = subprocess.run(
        ["unshare", "--mount", "sh", "-c", script, "sh", str(data_dir), *cli],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=120,
    )  # fmt: skip
    if "mount" in proc.stderr and proc.returncode != 2:
        return None  # no mount namespaces here
    return proc


def test_a_read_only_folder_is_not_called_damaged(created):
    data_dir, _ = created
    before = snapshot(data_dir)
    proc = _read_only_check(data_dir)
    if proc is None:
        pytest.skip("cannot make a read-only folder here")
    assert proc.returncode == 2
    line = proc.stderr.strip()
    assert "is read-only" in line and "Nothing is wrong with the records" in line
    assert "damaged" not in line and "restore" not in line.lower()
    assert snapshot(data_dir) == before
