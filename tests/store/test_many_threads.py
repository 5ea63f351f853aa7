"""More threads than a per-thread pool keeps (the Background pool's workers, the UI thread, a backup)
each read at once: every read finishes with the right answer and the process survives. With the
pysqlcipher dialect's default pool (one connection per thread, the oldest closed past five threads)
this test crashed the process inside SQLCipher."""

from __future__ import annotations

import threading

from sqlalchemy import text
from sqlalchemy.pool import QueuePool

from circles_desktop.services.demo import demo


def test_twelve_threads_read_at_once_and_each_gets_its_answer(db):
    demo.fill(db, size=40, seed=1)
    with db.session() as s:
        expected = s.execute(text("SELECT count(*), sum(length(given_name)) FROM people")).one()
    assert isinstance(db.engine.pool, QueuePool)
    start, answers, failures = threading.Barrier(12), [], []

    def reader() -> None:
        try:
            start.wait()
            for _ in range(30):
                with db.session() as s:
                    answers.append(s.execute(text("SELECT count(*), sum(length(given_name)) FROM people")).one())
        except BaseException as exc:  # noqa: BLE001 (reported below, in the test's thread)
            failures.append(exc)

    threads = [threading.Thread(target=reader) for _ in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not failures
    assert len(answers) == 12 * 30 and set(answers) == {tuple(expected)}
