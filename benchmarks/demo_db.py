"""The large demo database the Home and search benchmarks share: built once (fast scrypt, since the
unlock is not what they measure) and kept under its folder; opened (and migrated) on each run."""

from __future__ import annotations

import time
from pathlib import Path

PASSPHRASE = "benchmark home passphrase"
FAST_SCRYPT = {"n": 2**10, "r": 8, "p": 1}


def open_demo(data_dir: Path, size: int):
    from circles_desktop.services.demo import demo
    from circles_desktop.services.security import access
    from circles_desktop.store import keyfile
    from circles_desktop.store.paths import DataPaths

    keyfile.DEFAULT_SCRYPT = FAST_SCRYPT
    if not DataPaths.at(str(data_dir)).database.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        print(f"Building a demo database of {size:,} people in {data_dir} (once; kept for later runs)...")
        t = time.perf_counter()
        db, _recovery = access.create(data_dir, PASSPHRASE)
        summary = demo.fill(db, size=size)
        print(f"  built in {time.perf_counter() - t:.1f} s: {summary.rows.get('people', 0):,} people")
        db.close()
    t = time.perf_counter()
    db = access.Unlocker(data_dir).unlock(PASSPHRASE)
    print(f"opened {data_dir} in {time.perf_counter() - t:.1f} s (migrated if it was older)")
    return db
