"""List speed on a large demo database (issue 3), encrypted beside an unencrypted copy.

1. People list: time from a filter keystroke (the search box's text changes) to the table's viewport
   having painted the new rows, driving the real PeopleArea offscreen. Median over many different
   keystrokes (typing names letter by letter, dates of birth, references, clearing). Budget 16 ms.
2. Opening a circle with 50 meetings (the demo's showcase circle): services.overview.circle_overview +
   meetings.list_meetings in a fresh session, and, when the Circle screen exists, building and painting
   the real CircleScreen.
3. Sorting the People list by a click on a header (issue 9): time from asking the model to sort (what
   the header click does) to the viewport having painted the first page in the new order — by date of
   birth, and by name descending. Budget 16 ms, as a keystroke.
4. The same on an unencrypted copy (sqlcipher_export into a plain SQLite file, opened with the same
   pragmas), printed as a ratio encrypted / plain. Budget 1.1.

The demo database is built once (fast scrypt: the unlock cost is not what is measured here) and kept
under --data-dir between runs; --rebuild starts again.

    QT_QPA_PLATFORM=offscreen python benchmarks/lists.py --size 100000 [--data-dir DIR] [--rebuild]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PASSPHRASE = "benchmark lists passphrase"
KEYSTROKE_BUDGET_MS = 16.0
RATIO_BUDGET = 1.1
FAST_SCRYPT = {"n": 2**10, "r": 8, "p": 1}


# --- the databases ---------------------------------------------------------------------------------
def open_encrypted(data_dir: Path, size: int, rebuild: bool):
    from circles_desktop.services.demo import demo
    from circles_desktop.services.security import access
    from circles_desktop.store import keyfile
    from circles_desktop.store.paths import DataPaths

    keyfile.DEFAULT_SCRYPT = FAST_SCRYPT
    if rebuild and data_dir.exists():
        shutil.rmtree(data_dir)
    if not DataPaths.at(str(data_dir)).database.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        print(f"Building a demo database of {size:,} people in {data_dir} (once; kept for later runs)...")
        t = time.perf_counter()
        db, _recovery = access.create(data_dir, PASSPHRASE)
        summary = demo.fill(db, size=size)
        print(f"  built in {time.perf_counter() - t:.1f} s: {summary.rows.get('people', 0):,} people")
        db.close()
    return access.Unlocker(data_dir).unlock(PASSPHRASE)


def export_plain(db, plain: Path) -> None:
    """An unencrypted copy made with sqlcipher_export (only for measuring: it is deleted after)."""
    from circles_desktop.store.sqlcipher import raw_connect

    plain.unlink(missing_ok=True)
    conn = raw_connect(db.paths.database, db.data_key)
    try:
        conn.execute(f"ATTACH DATABASE '{plain}' AS plaintext KEY ''")
        conn.execute("SELECT sqlcipher_export('plaintext')")
        conn.execute("DETACH DATABASE plaintext")
    finally:
        conn.close()


class PlainDatabase:
    """Enough of store.Database for the screens and services: short sessions over a plain file,
    with the same pragmas as the encrypted store (WAL, 32 MiB page cache, temp store in memory)."""

    def __init__(self, path: Path) -> None:
        from sqlalchemy import create_engine, event
        from sqlalchemy.orm import sessionmaker

        from circles_desktop.store.sqlcipher import CACHE_KIB

        self.path = path
        self.engine = create_engine(f"sqlite:///{path}", connect_args={"check_same_thread": False})

        def configure(conn, _record) -> None:
            conn.isolation_level = None
            cur = conn.cursor()
            for pragma in (
                "journal_mode = WAL",
                "synchronous = FULL",
                "foreign_keys = ON",
                "temp_store = MEMORY",
                f"cache_size = -{CACHE_KIB}",
            ):
                cur.execute(f"PRAGMA {pragma}")
            cur.close()

        event.listen(self.engine, "connect", configure)
        event.listen(self.engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN"))
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self.is_open = True

    @contextlib.contextmanager
    def session(self) -> Iterator:
        s = self._sessions()
        try:
            yield s
            s.commit()
        except BaseException:
            s.rollback()
            raise
        finally:
            s.close()

    def close(self) -> None:
        self.engine.dispose()
        self.is_open = False


# --- measuring -------------------------------------------------------------------------------------
def keystrokes(db) -> list[str]:
    """What a coordinator types, one entry per keystroke: names letter by letter, dates, references."""
    from circles_desktop.services.people import people

    with db.session() as s:
        sample = people.search_people(s, "", None, 0, 4000)
    picks = sample[:: max(1, len(sample) // 12)][:12]
    texts: list[str] = []
    for row in picks:
        typed = ""
        for ch in (row.family_name.split()[0])[:5]:
            typed += ch
            texts.append(typed)
        texts.append(typed + " " + row.given_name[:1])
        texts.append("")  # cleared: the whole list again
    for row in [r for r in sample if r.date_of_birth][:8]:
        texts.append(row.date_of_birth.strftime("%d/%m/%Y"))
    for row in [r for r in sample if r.reference][:6]:
        texts.append(row.reference[:4])
        texts.append(row.reference)
    texts.append("zzzz")  # nothing found
    return texts


class _PaintWatch:
    """Times an action on the People list to its viewport's next paint having finished."""

    def __init__(self, area) -> None:
        from PySide6.QtCore import QEvent, QObject
        from PySide6.QtWidgets import QApplication

        class Watch(QObject):
            painted = False

            def eventFilter(self, _obj, event) -> bool:  # noqa: N802 (Qt's name)
                if event.type() == QEvent.Type.Paint:
                    self.painted = True
                return False

        self.app = QApplication.instance()
        self.watch = Watch()
        self.viewport = area.table.viewport()

    def __enter__(self) -> _PaintWatch:
        self.viewport.installEventFilter(self.watch)
        return self

    def __exit__(self, *_exc) -> None:
        self.viewport.removeEventFilter(self.watch)

    def ms(self, action, cpu: list[float] | None = None) -> float:
        """Wall ms; with `cpu`, this thread's CPU ms is appended to it too (the work is all on the GUI
        thread, so CPU time says what the list costs when the machine is shared and wall time grows)."""
        self.app.processEvents()
        self.watch.painted = False
        t, c = time.perf_counter(), time.thread_time()
        action()
        while not self.watch.painted:
            self.app.processEvents()
            if time.perf_counter() - t > 5:
                raise RuntimeError("the People list did not paint within 5 s")
        if cpu is not None:
            cpu.append((time.thread_time() - c) * 1000)
        return (time.perf_counter() - t) * 1000


def time_keystrokes(area, texts: list[str], cpu: list[float] | None = None) -> list[float]:
    """ms from setting the search text (what a keystroke does: textChanged -> filter in SQL -> reset)
    to the viewport's next paint having finished; the CPU ms of each appended to `cpu` if given."""
    out = []
    previous = None
    with _PaintWatch(area) as watch:
        for text in texts:
            if text != previous:
                out.append(watch.ms(lambda text=text: area.search.setText(text), cpu))
            previous = text
    return out


SORTS = (("date_of_birth", False), ("date_of_birth", True), ("name", True), ("name", False))


def time_sorts(area, rounds: int = 5, cpu: list[float] | None = None) -> dict[str, list[float]]:
    """ms from set_sort (a header click) to the viewport's next paint, per (column, direction)."""
    from circles_desktop.ui.people.people_page import PeopleModel

    columns = {"date_of_birth": PeopleModel.COL_BORN, "name": PeopleModel.COL_NAME}
    area.search.setText("")
    out: dict[str, list[float]] = {}
    with _PaintWatch(area) as watch:
        for _ in range(rounds):
            for key, descending in SORTS:
                took = watch.ms(
                    lambda key=key, descending=descending: area.model.set_sort(columns[key], descending), cpu
                )
                out.setdefault(f"{key} {'desc' if descending else 'asc'}", []).append(took)
    area.model.set_sort(PeopleModel.COL_NAME, False)
    return out


def time_sql_only(db, texts: list[str]) -> list[float]:
    from circles_desktop.services.people import people

    out = []
    for text in texts:
        t = time.perf_counter()
        with db.session() as s:
            people.count_people(s, text)
            people.search_people(s, text, None, 0, 200)
        out.append((time.perf_counter() - t) * 1000)
    return out


def showcase_circle(db) -> int:
    """The circle with the most meetings (the demo's showcase has 50)."""
    from sqlalchemy import func, select

    from circles_desktop.models import Meeting

    with db.session() as s:
        row = s.execute(
            select(Meeting.circle_id, func.count()).group_by(Meeting.circle_id).order_by(func.count().desc()).limit(1)
        ).first()
    if row is None or row[1] < 50:
        raise SystemExit("no circle with 50 meetings in this database")
    return row[0]


def time_circle_services(db, circle_id: int, runs: int) -> list[float]:
    from circles_desktop.services.circles import overview
    from circles_desktop.services.meetings import meetings

    out = []
    for _ in range(runs):
        t = time.perf_counter()
        with db.session() as s:
            info = overview.circle_overview(s, circle_id)
            rows = meetings.list_meetings(s, circle_id, limit=100)
        out.append((time.perf_counter() - t) * 1000)
        assert len(rows) >= 50 and info.circle.id == circle_id
    return out


def time_circle_screen(state, circle_id: int, runs: int) -> list[float] | None:
    try:
        from circles_desktop.ui.circles.circle_screen import CircleScreen
    except Exception:
        return None
    return time_screen(lambda: CircleScreen(state, circle_id), runs)


def time_screen(make, runs: int) -> list[float]:
    """ms from making a screen (`make()`) to its first paint having finished."""
    from PySide6.QtWidgets import QApplication

    out = []
    for _ in range(runs):
        t = time.perf_counter()
        screen = make()
        screen.resize(1166, 740)
        screen.show()
        screen.repaint()
        QApplication.processEvents()
        out.append((time.perf_counter() - t) * 1000)
        screen.close()
        screen.deleteLater()
        QApplication.processEvents()
    return out


def stats(ms: list[float]) -> tuple[float, float, float]:
    ordered = sorted(ms)
    p90 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))]
    return statistics.median(ms), p90, max(ms)


def measure(db, label: str, texts: list[str], runs: int) -> dict[str, list[float] | None]:
    from PySide6.QtCore import QSettings

    from circles_desktop.ui.app.app_state import AppState
    from circles_desktop.ui.people.people_page import PeopleArea

    state = AppState(
        None,
        settings=QSettings(str(Path(os.environ.get("TMPDIR", "/tmp")) / "bench-lists.ini"), QSettings.Format.IniFormat),
    )
    state.database = db
    area = PeopleArea(state)
    area.resize(1166, 740)
    area.show()
    time_keystrokes(area, texts)  # warm-up: page cache and Qt's first paints
    typing_cpu: list[float] = []
    typing = time_keystrokes(area, texts, typing_cpu)
    time_sorts(area, rounds=1)  # warm-up for the orders
    sorts_cpu: list[float] = []
    sorts = time_sorts(area, cpu=sorts_cpu)
    time_sql_only(db, texts)
    sql = time_sql_only(db, texts)
    area.close()
    area.deleteLater()
    circle_id = showcase_circle(db)
    time_circle_services(db, circle_id, 3)
    circle = time_circle_services(db, circle_id, runs)
    screen = time_circle_screen(state, circle_id, runs)
    print(f"  measured {label}: {len(typing)} keystrokes, circle {circle_id} x{runs}")
    return {
        "typing": typing,
        "typing_cpu": typing_cpu,
        "sorts_cpu": sorts_cpu,
        "sql": sql,
        "sort_dob": sorts["date_of_birth asc"] + sorts["date_of_birth desc"],
        "sort_name_desc": sorts["name desc"],
        "circle": circle,
        "screen": screen,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--data-dir", type=Path, default=None, help="where the demo database is kept between runs")
    parser.add_argument("--rebuild", action="store_true", help="build the demo database again")
    parser.add_argument("--runs", type=int, default=15, help="times to open the circle in each round")
    parser.add_argument("--rounds", type=int, default=4, help="rounds of measuring, alternating the databases")
    args = parser.parse_args(argv)
    data_dir = args.data_dir or Path(f"/tmp/circles-bench-lists-{args.size}")

    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    db = open_encrypted(data_dir, args.size, args.rebuild)
    plain_path = data_dir.parent / f"{data_dir.name}-plain.db"
    try:
        from circles_desktop.services.people import people

        with db.session() as s:
            total = people.count_people(s)
        print(f"Database: {db.paths.database} ({total:,} people)")
        export_plain(db, plain_path)
        plain = PlainDatabase(plain_path)
        texts = keystrokes(db)
        # Rounds in the order encrypted, plain, plain, encrypted... so warm-up and drift fall on both alike.
        enc: dict = {}
        pln: dict = {}
        for i in range(args.rounds):
            order = [(db, "encrypted", enc), (plain, "plain", pln)]
            for target, name, into in order if i % 2 == 0 else order[::-1]:
                for key, values in measure(target, name, texts, args.runs).items():
                    into[key] = None if values is None else (into.get(key) or []) + values
        plain.close()
    finally:
        db.close()
        for suffix in ("", "-wal", "-shm"):
            Path(str(plain_path) + suffix).unlink(missing_ok=True)
    del app

    rows = [
        ("People list: keystroke -> painted rows", "typing", KEYSTROKE_BUDGET_MS),
        ("  CPU time of it (GUI thread)", "typing_cpu", None),
        ("  of which SQL (count + first page)", "sql", None),
        ("People list: sort by date of birth", "sort_dob", KEYSTROKE_BUDGET_MS),
        ("People list: sort by name, descending", "sort_name_desc", KEYSTROKE_BUDGET_MS),
        ("  CPU time of every sort (GUI thread)", "sorts_cpu", None),
        ("Open circle, 50 meetings (services)", "circle", None),
        ("Open circle, 50 meetings (Circle screen)", "screen", None),
    ]
    print()
    print(f"{'measure (ms)':<42}{'median':>8}{'p90':>8}{'max':>8}{'plain med':>11}{'ratio':>8}{'budget':>10}")
    print("-" * 95)
    failures = []
    for title, key, budget in rows:
        if enc[key] is None or pln[key] is None:
            print(f"{title:<42}{'(screen not available)':>53}")
            continue
        med, p90, worst = stats(enc[key])
        pmed = statistics.median(pln[key])
        ratio = med / pmed if pmed else float("nan")
        budget_text = f"<= {budget:g} ms" if budget else (f"r<={RATIO_BUDGET}" if key == "circle" else "")
        print(f"{title:<42}{med:8.2f}{p90:8.2f}{worst:8.2f}{pmed:11.2f}{ratio:8.2f}{budget_text:>10}")
        if budget and med > budget:
            failures.append(f"{title}: median {med:.1f} ms over {budget} ms")
        if key in ("typing", "circle") and ratio > RATIO_BUDGET:
            failures.append(f"{title}: encrypted/plain {ratio:.2f} over {RATIO_BUDGET}")
    print()
    print("ratio = encrypted median / plain median (same queries, same pragmas, warm page cache)")
    if failures:
        print("OVER BUDGET: " + "; ".join(failures))
        return 1
    print("Within budget.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
