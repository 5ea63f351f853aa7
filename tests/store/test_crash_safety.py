"""Crash safety: a writer killed with SIGKILL at random moments never loses a record whose save returned,
nor, killed while backing up or restoring, a backup it reported made or the database a restore replaced.

The writer process inserts one record per transaction through Database.session (WAL,
synchronous=FULL) and prints each id only after its commit has returned. The parent kills it at a
random moment, many times over, and after each kill reopens the database: every printed id must be
there, each transaction whole, and the integrity checks clean.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from circles_desktop.store.database import Database
from circles_desktop.store.sqlcipher import raw_connect
from support import PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = 30
MIN_ROUNDS = 20  # on a busy machine, stop after this many once the time budget is spent
BUDGET = 35.0  # seconds

WRITER = r"""
import os, sys
from sqlalchemy import text
from circles_desktop.store.database import Database

db = Database.open(sys.argv[1], data_key=bytes.fromhex(os.environ["CIRCLES_TEST_KEY"]))
with db.session() as s:
    sync = s.execute(text("PRAGMA synchronous")).scalar_one()
    mode = s.execute(text("PRAGMA journal_mode")).scalar_one()
    start = s.execute(text("SELECT coalesce(max(id), 0) FROM records")).scalar_one()
print(f"ready synchronous={sync} journal_mode={mode}", flush=True)
i = start
while True:
    i += 1
    with db.session() as s:
        body = f"record {i} " + "x" * 300
        s.execute(text("INSERT INTO records (id, body) VALUES (:i, :b)"), {"i": i, "b": body})
        s.execute(text("INSERT INTO records_echo (id) VALUES (:i)"), {"i": i})
    print(i, flush=True)
"""


@pytest.mark.slow
def test_sigkill_never_loses_a_returned_save(created):
    data_dir, _ = created
    db = Database.open(data_dir, PASSPHRASE)
    key = db.data_key
    with db.session() as s:
        s.execute(text("CREATE TABLE records (id INTEGER PRIMARY KEY, body TEXT NOT NULL)"))
        s.execute(text("CREATE TABLE records_echo (id INTEGER PRIMARY KEY)"))
    db.close()

    env = {k: v for k, v in os.environ.items() if k != "CIRCLES_PASSPHRASE"}
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env["CIRCLES_TEST_KEY"] = key.hex()
    rng = random.Random(int.from_bytes(os.urandom(4), "big"))
    confirmed: set[int] = set()
    deadline = time.monotonic() + BUDGET
    rounds = 0
    for round_no in range(ROUNDS):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(data_dir)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            cwd=ROOT,
            text=True,
        )
        first = proc.stdout.readline()
        assert first.startswith("ready synchronous=2 journal_mode=wal"), (first, proc.stderr.read())
        time.sleep(rng.uniform(0.0, 0.2))  # write for a random while, then kill mid-stream
        proc.send_signal(signal.SIGKILL)
        out, err = proc.communicate(timeout=10)
        assert proc.returncode == -signal.SIGKILL, err
        printed = {int(line) for line in out.split()}  # each line is one small write: never torn
        confirmed |= printed

        db = Database.open(data_dir, data_key=key)
        try:
            assert db.integrity_problems() == [], f"round {round_no}"
            with db.session() as s:
                ids = set(s.execute(text("SELECT id FROM records")).scalars())
                echoes = set(s.execute(text("SELECT id FROM records_echo")).scalars())
        finally:
            db.close()
        lost = confirmed - ids
        assert not lost, f"round {round_no}: saves that returned were lost: {sorted(lost)[:10]}"
        assert ids == echoes, f"round {round_no}: a transaction was applied in part"
        rounds += 1
        if rounds >= MIN_ROUNDS and time.monotonic() > deadline:
            break
    assert len(confirmed) > rounds  # the writer really did write, round after round


BACKER = r"""
import os, sys
from pathlib import Path
from sqlalchemy import text
from circles_desktop.store.database import Database

db = Database.open(sys.argv[1], data_key=bytes.fromhex(os.environ["CIRCLES_TEST_KEY"]))
out = Path(sys.argv[2])
with db.session() as s:
    i = s.execute(text("SELECT coalesce(max(id), 0) FROM records")).scalar_one()
print("ready", flush=True)
while True:
    i += 1
    with db.session() as s:
        s.execute(text("INSERT INTO records (id, body) VALUES (:i, :b)"), {"i": i, "b": "x" * 300})
        s.execute(text("INSERT INTO records_echo (id) VALUES (:i)"), {"i": i})
    print(i, flush=True)
    if i % 3 == 0:
        db.backup_to(out / f"backup-{i}.db")
        print(f"backup {i}", flush=True)
"""

RESTORER = r"""
import os, sys
from sqlalchemy import text
from circles_desktop.services.security import restore as restoring
from circles_desktop.store.database import Database

key = bytes.fromhex(os.environ["CIRCLES_TEST_KEY"])
db = Database.open(sys.argv[1], data_key=key)
with db.session() as s:
    i = s.execute(text("SELECT coalesce(max(id), 0) FROM records")).scalar_one()
print("ready", flush=True)
for i in range(i + 1, i + 4):
    with db.session() as s:
        s.execute(text("INSERT INTO records (id, body) VALUES (:i, :b)"), {"i": i, "b": "x" * 300})
        s.execute(text("INSERT INTO records_echo (id) VALUES (:i)"), {"i": i})
    print(i, flush=True)
db.close()
restoring.restore(restoring.prepare(sys.argv[1], sys.argv[2], data_key=key)).database.close()
print("restored", flush=True)
"""

KILL_ROUNDS = 6  # each round starts a process and reopens the database: a few seconds on a busy machine


def _crash_setup(created):
    data_dir, _ = created
    db = Database.open(data_dir, PASSPHRASE)
    key = db.data_key
    with db.session() as s:
        s.execute(text("CREATE TABLE records (id INTEGER PRIMARY KEY, body TEXT NOT NULL)"))
        s.execute(text("CREATE TABLE records_echo (id INTEGER PRIMARY KEY)"))
        # Some bulk, so that copying and checking take long enough to be killed part-way.
        s.execute(text("CREATE TABLE bulk (body BLOB)"))
        s.execute(
            text(
                "WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 3000) "
                "INSERT INTO bulk SELECT randomblob(1000) FROM n"
            )
        )
    db.close()
    env = {k: v for k, v in os.environ.items() if k != "CIRCLES_PASSPHRASE"}
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env["CIRCLES_TEST_KEY"] = key.hex()
    return data_dir, key, env


def _run_and_kill(script: str, args: list[str], env: dict, wait: float | None) -> list[str]:
    """The script's output lines, killed after `wait` seconds (None: left to finish)."""
    proc = subprocess.Popen(
        [sys.executable, "-c", script, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env=env, cwd=ROOT, text=True,
    )  # fmt: skip
    first = proc.stdout.readline()
    assert first.startswith("ready"), (first, proc.stderr.read())
    if wait is not None:
        time.sleep(wait)
        proc.send_signal(signal.SIGKILL)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode in (0, -signal.SIGKILL), err
    return out.split("\n")


def _ids(path: Path, key: bytes) -> set[int]:
    conn = raw_connect(path, key, read_only=True)
    try:
        return {row[0] for row in conn.execute("SELECT id FROM records")}
    finally:
        conn.close()


@pytest.mark.slow
def test_sigkill_during_backups_loses_nothing_and_leaves_no_half_backup(created, tmp_path):
    from circles_desktop.store import backup

    data_dir, key, env = _crash_setup(created)
    out = tmp_path / "usb"
    out.mkdir()
    rng = random.Random(int.from_bytes(os.urandom(4), "big"))
    confirmed: set[int] = set()
    acknowledged: set[str] = set()
    for round_no in range(KILL_ROUNDS):
        lines = _run_and_kill(BACKER, [str(data_dir), str(out)], env, rng.uniform(0.2, 1.5))
        confirmed |= {int(x) for x in lines if x.isdigit()}
        acknowledged |= {f"backup-{x.split()[1]}.db" for x in lines if x.startswith("backup ")}
        db = Database.open(data_dir, data_key=key)
        try:
            assert db.integrity_problems() == [], f"round {round_no}"
            with db.session() as s:
                ids = set(s.execute(text("SELECT id FROM records")).scalars())
        finally:
            db.close()
        assert not confirmed - ids, f"round {round_no}: saves that returned were lost"
        named = {p.name for p in out.glob("backup-*.db")}
        assert acknowledged <= named, f"round {round_no}: a backup that was reported made is missing"
        for name in named:  # a file with a backup's name is always whole and verified
            problems, _ = backup.verify(out / name, key, db.database_id)
            assert problems == [], (round_no, name, problems)
    assert acknowledged, "no backup was ever finished: the kills came too soon to test anything"


@pytest.mark.slow
def test_sigkill_during_a_restore_keeps_one_whole_database_and_the_one_before(created, tmp_path):
    from circles_desktop.services.security import backups

    data_dir, key, env = _crash_setup(created)
    db = Database.open(data_dir, data_key=key)
    made = Path(backups.back_up(db, backups.BY_HAND, target=tmp_path / "usb" / "monday.db").path)
    db.close()
    in_backup = _ids(made, key)
    rng = random.Random(int.from_bytes(os.urandom(4), "big"))
    outcomes = set()
    for round_no in range(KILL_ROUNDS):
        before = _ids(data_dir / "circles.db", key)
        last = round_no == KILL_ROUNDS - 1  # left to finish: the restored outcome is always tested
        lines = _run_and_kill(RESTORER, [str(data_dir), str(made)], env, None if last else rng.uniform(0.0, 1.2))
        acked = before | {int(x) for x in lines if x.isdigit()}
        restored = "restored" in lines
        db = Database.open(data_dir, data_key=key)  # finishes a swap the kill cut short
        try:
            assert db.integrity_problems() == [], f"round {round_no}"
            with db.session() as s:
                ids = set(s.execute(text("SELECT id FROM records")).scalars())
        finally:
            db.close()
        assert not (data_dir / ".restoring" / "journal.json").exists()
        if restored or not acked <= ids:
            assert ids == in_backup, f"round {round_no}: neither the database before nor the backup"
            kept = max(data_dir.joinpath("safety").glob("before-restore-*"))
            assert acked <= _ids(kept / "circles.db", key), f"round {round_no}: the database before was not kept"
            outcomes.add("restored")
        else:
            outcomes.add("kept")
        assert restored or not last, lines
    assert "restored" in outcomes
