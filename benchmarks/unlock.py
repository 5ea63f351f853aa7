"""Unlock and open timings: key derivation with the real parameters, then opening once the key is known.

    python benchmarks/unlock.py [--large-mb 50] [--repeat 5]

Figures printed: scrypt with DEFAULT_SCRYPT (median of --repeat); Database.open with the data key
given, on a small and a large database, with no page check, with the page check (check_pages,
SQLCipher's HMAC of every page: what open does by default) and with the full check (full_check,
adding SQLite's integrity check: what `check` and backups do). "cold" runs first drop the files
from the OS page cache (posix_fadvise DONTNEED), as after a reboot.
"""

from __future__ import annotations

import argparse
import os
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from circles_desktop.store import keyfile  # noqa: E402
from circles_desktop.store.database import Database  # noqa: E402

PASSPHRASE = "benchmark passphrase horse"


def median_time(fn, repeat: int, before=None) -> float:
    times = []
    for _ in range(repeat):
        if before:
            before()
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def drop_cache(folder: Path) -> None:
    for p in folder.iterdir():
        if p.is_file():
            fd = os.open(p, os.O_RDONLY)
            try:
                os.fsync(fd)
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(fd)


def build(folder: Path, megabytes: float) -> bytes:
    """A database of about `megabytes`, with an indexed table like a real one; returns its data key."""
    db, _ = Database.create(folder, PASSPHRASE, scrypt={"n": 2**10, "r": 8, "p": 1})
    key = db.data_key
    rows = int(megabytes * 1e6 / 560)
    with db._raw() as conn:
        conn.execute("CREATE TABLE person (id INTEGER PRIMARY KEY, name TEXT, town TEXT, notes TEXT, born TEXT)")
        conn.execute("CREATE INDEX ix_person_name ON person (name)")
        conn.execute("CREATE INDEX ix_person_town ON person (town, born)")
        batch = 20_000
        for start in range(0, rows, batch):
            conn.execute("BEGIN")
            conn.executemany(
                "INSERT INTO person (name, town, notes, born) VALUES (?, ?, ?, ?)",
                (
                    (f"Person {i:08d}", f"Town {i % 97}", secrets.token_hex(200), f"19{i % 90 + 10}-01-01")
                    for i in range(start, min(rows, start + batch))
                ),
            )
            conn.execute("COMMIT")
    db.close()
    return key


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--large-mb", type=float, default=50)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()

    params = keyfile.DEFAULT_SCRYPT
    print(f"scrypt {params} (128 * r * n = {128 * params['r'] * params['n'] >> 20} MiB)")
    salt = secrets.token_bytes(16)
    kdf = median_time(lambda: keyfile.derive_passphrase_key(PASSPHRASE, salt, **params), args.repeat)
    print(f"  key derivation: median {kdf:.3f} s of {args.repeat}")

    with tempfile.TemporaryDirectory() as tmp:
        for label, mb in (("small", 0.05), ("large", args.large_mb)):
            folder = Path(tmp) / label
            t = time.perf_counter()
            key = build(folder, mb)
            size = (folder / "circles.db").stat().st_size / 1e6
            print(f"{label} database: {size:.1f} MB (built in {time.perf_counter() - t:.1f} s)")
            for name, kw in (
                ("no page check", {"check_pages": False}),
                ("page check (default)", {"check_pages": True}),
                ("full check", {"full_check": True}),
            ):

                def once(kw=kw, folder=folder, key=key):
                    Database.open(folder, data_key=key, **kw).close()

                warm = median_time(once, args.repeat)
                cold = median_time(once, args.repeat, before=lambda folder=folder: drop_cache(folder))
                print(f"  open, {name:22s} warm {warm * 1000:8.1f} ms   cold {cold * 1000:8.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
