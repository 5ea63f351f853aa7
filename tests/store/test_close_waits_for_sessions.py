"""Locking while a worker is reading: the database closes only once that read has ended, because a
SQLCipher connection torn down under a running query takes the process with it (seen as a segfault
when Home's background read met a lock). No new session starts once closing has begun."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import text


def test_close_waits_for_a_session_running_in_another_thread(db):
    inside, go = threading.Event(), threading.Event()
    order: list[str] = []

    def worker() -> None:
        with db.session() as s:
            s.execute(text("SELECT count(*) FROM people")).scalar()
            inside.set()
            go.wait()
            order.append(str(s.execute(text("SELECT count(*) FROM people")).scalar()))
        order.append("worker done")

    def closer() -> None:
        db.close()
        order.append("closed")

    reading = threading.Thread(target=worker)
    reading.start()
    inside.wait()
    closing = threading.Thread(target=closer)
    closing.start()
    while db.is_open:  # closing has begun: from now on no session starts
        threading.Event().wait(0.001)
    with pytest.raises(RuntimeError, match="locked"):
        with db.session():
            pass
    closing.join(0.5)
    assert closing.is_alive()  # still waiting for the read
    go.set()
    reading.join()
    closing.join()
    assert order == ["0", "worker done", "closed"]
