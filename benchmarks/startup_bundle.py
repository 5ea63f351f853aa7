"""Start-up of the bundled app (README's bundle command, dist/circles-desktop/) to its painted unlock
dialog, beside the bare Qt window and the app run from the development environment, all measured as
benchmarks/startup.py measures (a fresh process each run, median of N after a warm-up of each).
Budget: the bundle within 1.5x the bare window, as the app from source is.

    QT_QPA_PLATFORM=offscreen python benchmarks/startup_bundle.py [--runs 7] [--program PATH]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from startup import APP, BARE, BUDGET, ROOT, _fmt, _make_database, _time_to_paint, bench_env


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--program", type=Path, default=ROOT / "dist" / "circles-desktop" / "circles-desktop")
    args = parser.parse_args()
    if not args.program.is_file():
        print(f"no bundle at {args.program}: build it with README's bundle command", file=sys.stderr)
        return 2
    env = bench_env()
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        _make_database(data_dir)
        commands = {
            "bare QApplication + empty QWidget": [sys.executable, "-c", BARE],
            "Circles Desktop from source": [sys.executable, "-c", APP, str(data_dir)],
            "Circles Desktop bundle": [str(args.program), "--data-dir", str(data_dir)],
        }
        for command in commands.values():  # warm the file cache for each
            _time_to_paint(command, env)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):  # interleaved, so drift in machine load affects all alike
            for name, command in commands.items():
                times[name].append(_time_to_paint(command, env))
    medians = {name: statistics.median(values) * 1000 for name, values in times.items()}
    print(f"platform: {env['QT_QPA_PLATFORM']}, runs: {args.runs} each (median)")
    for name, values in times.items():
        print(f"{name + ' painted:':46} {medians[name]:7.1f} ms  (all: {_fmt(values)})")
    ratio = medians["Circles Desktop bundle"] / medians["bare QApplication + empty QWidget"]
    print(f"bundle / bare: {ratio:.2f}  (budget {BUDGET})  {'OK' if ratio <= BUDGET else 'OVER BUDGET'}")
    return 0 if ratio <= BUDGET else 1


if __name__ == "__main__":
    sys.exit(main())
