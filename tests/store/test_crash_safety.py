"""Crash safety: a writer killed with SIGKILL at random moments never loses a record whose save returned.

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
