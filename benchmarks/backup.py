"""Backup speed on a large demo database (issue 13): a verified backup against SQLite's backup API
copying an unencrypted database of the same size. Budget: the verified backup within 6 times.

Figures, each the median of --repeat rounds run in turn (the machine is shared, so rounds are
interleaved rather than one kind after another):
- plain: Python's sqlite3 backup API copying an unencrypted copy of the database (made once with
  sqlcipher_export, deleted after) to a new file;
- verified: Database.backup_to, what the app and the command line do: the encrypted copy in steps,
  synced, read back and verified (its key, its id, every page's HMAC with cipher_integrity_check);
- of which the copy alone, and the verification alone;
- thorough: the verification a restore runs (the page check and SQLite's full integrity check), which
  is what every backup ran before.

    python benchmarks/backup.py [--data-dir DIR] [--size 100000] [--repeat 5]

The demo database is built once under --data-dir (fast scrypt) and kept; CIRCLES_PASSPHRASE opens a
demo made another way.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lists import export_plain  # noqa: E402  (this folder is on the path when run as a script)

PASSPHRASE = "benchmark backup passphrase"
BUDGET = 6.0
FAST_SCRYPT = {"n": 2**10, "r": 8, "p": 1}


def open_demo(data_dir: Path, size: int):
    from circles_desktop.services.demo import demo
    from circles_desktop.services.security import access
    from circles_desktop.store import keyfile
    from circles_desktop.store.database import Database

    secret = os.environ.get("CIRCLES_PASSPHRASE", PASSPHRASE)
    if not (data_dir / "circles.db").exists():
        keyfile.DEFAULT_SCRYPT = FAST_SCRYPT
        print(f"Building a demo database of {size:,} people in {data_dir} (once; kept for later runs)...")
        db, _ = access.create(data_dir, secret)
        demo.fill(db, size=size)
        db.close()
    return Database.open(data_dir, secret)


CPU: dict[str, list[float]] = {}


def timed(fn, name: str = "") -> float:
    """Wall time; the process's CPU time is kept too, since a shared machine's load swells wall time."""
    t, c = time.perf_counter(), time.process_time()
    fn()
    CPU.setdefault(name, []).append(time.process_time() - c)
    return time.perf_counter() - t


def one_round(db, plain: Path, work: Path, figures: dict[str, list[float]]) -> None:
    from circles_desktop.store import backup

    work.mkdir()
    target, verified, partial = work / "plain-copy.db", work / "verified.db", work / "copy.db"

    def plain_backup() -> None:
        src, dest = sqlite3.connect(plain), sqlite3.connect(target)
        src.backup(dest)
        dest.close()
        src.close()

    figures["plain"].append(timed(plain_backup, "plain"))
    figures["verified"].append(timed(lambda: db.backup_to(verified), "verified"))
    with db._raw() as src:
        figures["copy"].append(timed(lambda: backup.copy_to(src, partial, db.data_key), "copy"))
    copied = partial.with_name(partial.name + ".partial")
    figures["verify"].append(timed(lambda: backup.verify(copied, db.data_key, db.database_id), "verify"))
    thorough = timed(lambda: backup.verify(copied, db.data_key, db.database_id, thorough=True), "thorough")
    figures["thorough"].append(thorough)
    for p in work.iterdir():
        p.unlink()
    work.rmdir()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, default=Path(tempfile.gettempdir()) / "circles-bench-backup")
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    db = open_demo(args.data_dir, args.size)
    work = Path(tempfile.mkdtemp(prefix="circles-bench-backup-", dir=args.data_dir.parent))
    plain = work / "plain.db"
    export_plain(db, plain)
    size_mb = db.paths.database.stat().st_size / 1e6
    print(f"Database: {size_mb:.0f} MB encrypted, {plain.stat().st_size / 1e6:.0f} MB unencrypted; {work}")
    figures: dict[str, list[float]] = {k: [] for k in ("plain", "verified", "copy", "verify", "thorough")}
    try:
        for round_no in range(args.repeat):
            one_round(db, plain, work / str(round_no), figures)
            print(f"  round {round_no + 1}: " + ", ".join(f"{k} {v[-1]:.2f} s" for k, v in figures.items()))
    finally:
        db.close()
        for p in work.iterdir():
            p.unlink()
        work.rmdir()
    median = {k: statistics.median(v) for k, v in figures.items()}
    cpu = {k: statistics.median(v) for k, v in CPU.items()}
    base = median["plain"]
    print(f"\nMedians of {args.repeat} rounds ({size_mb:.0f} MB; load average {os.getloadavg()[0]:.1f}):")
    for k, v in median.items():
        print(f"  {k:9} {v:6.2f} s  {v / base:5.1f} x plain   (CPU {cpu[k]:5.2f} s, {cpu[k] / cpu['plain']:4.1f} x)")
    ratio = median["verified"] / base
    verdict = "within" if ratio <= BUDGET else "OVER"
    print(f"Verified backup: {ratio:.1f} x SQLite's backup API on the plain file ({verdict} the budget, {BUDGET:g} x)")
    return 0 if ratio <= BUDGET else 1


if __name__ == "__main__":
    sys.exit(main())
