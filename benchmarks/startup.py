"""Start-up time: a whole new process until the unlock dialog is painted, beside a bare QApplication
showing an empty QWidget, measured the same way. Budget: the app within 1.5× the bare window.

Each run starts a fresh interpreter (python -c / the app with CIRCLES_BENCH_EXIT_AFTER_PAINT=1) that
prints "painted <unix time>" right after its first paint and exits; the time is from just before the
process is spawned to that timestamp. Median of N runs each, after one warm-up run of each.

    QT_QPA_PLATFORM=offscreen python benchmarks/startup.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUDGET = 1.5

BARE = """
import os, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, done)
        return False

def done():
    print(f"painted {time.time():.6f}", flush=True)
    os._exit(0)

app = QApplication(sys.argv[:1])
w = QWidget()
w.resize(460, 260)
w.installEventFilter(FirstPaint(w))
w.show()
app.exec()
"""

APP = "import sys; from circles_desktop.cli import main; sys.exit(main(['--data-dir', sys.argv[1]]))"


def _make_database(data_dir: Path) -> None:
    env = {**os.environ, "CIRCLES_PASSPHRASE": "benchmark startup passphrase"}
    subprocess.run(
        [sys.executable, "-m", "circles_desktop.cli", "init", "--data-dir", str(data_dir)],
        check=True,
        cwd=ROOT,
        env=env,
        capture_output=True,
    )


def _time_to_paint(args: list[str], env: dict[str, str]) -> float:
    start = time.time()
    out = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    for line in out.stdout.splitlines():
        if line.startswith("painted "):
            return float(line.split()[1]) - start
    raise RuntimeError(f"no paint reported (exit {out.returncode}): {out.stderr.strip()[-500:]}")


def bench_env() -> dict[str, str]:
    """What every timed process runs with: exit once painted, offscreen unless the caller says otherwise."""
    env = {**os.environ, "CIRCLES_BENCH_EXIT_AFTER_PAINT": "1"}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    # An installed app has its bytecode compiled, as PySide6's is; let the warm-up run write it.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    env = bench_env()
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        _make_database(data_dir)
        bare_cmd = [sys.executable, "-c", BARE]
        app_cmd = [sys.executable, "-c", APP, str(data_dir)]
        _time_to_paint(bare_cmd, env)  # warm the file cache for both
        _time_to_paint(app_cmd, env)
        bare, app = [], []
        for _ in range(args.runs):  # interleaved, so drift in machine load affects both alike
            bare.append(_time_to_paint(bare_cmd, env))
            app.append(_time_to_paint(app_cmd, env))
    bare_ms, app_ms = statistics.median(bare) * 1000, statistics.median(app) * 1000
    ratio = app_ms / bare_ms
    print(f"platform: {env['QT_QPA_PLATFORM']}, runs: {args.runs} each (median)")
    print(f"bare QApplication + empty QWidget painted: {bare_ms:7.1f} ms  (all: {_fmt(bare)})")
    print(f"Circles Desktop unlock dialog painted:     {app_ms:7.1f} ms  (all: {_fmt(app)})")
    print(f"ratio: {ratio:.2f}  (budget {BUDGET})  {'OK' if ratio <= BUDGET else 'OVER BUDGET'}")
    return 0 if ratio <= BUDGET else 1


def _fmt(values: list[float]) -> str:
    return ", ".join(f"{v * 1000:.0f}" for v in values)


if __name__ == "__main__":
    sys.exit(main())
