"""Running the command line as a real process, as an administrator's script would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from support import PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, passphrase: str | None = None, stdin: str | None = None, timeout: float = 60):
    env = {k: v for k, v in os.environ.items() if k != "CIRCLES_PASSPHRASE"}
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env["QT_QPA_PLATFORM"] = "offscreen"
    if passphrase is not None:
        env["CIRCLES_PASSPHRASE"] = passphrase
    return subprocess.run(
        [sys.executable, "-m", "circles_desktop.cli", *args],
        input=stdin if stdin is not None else "",
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=timeout,
    )


def check(data_dir: Path) -> subprocess.CompletedProcess:
    """`circles-desktop check` on the folder: exit 0 and "sound" only when nothing is wrong."""
    return run("check", "--data-dir", str(data_dir), passphrase=PASSPHRASE, timeout=120)


def assert_one_line_error(proc, fragment: str) -> None:
    assert proc.returncode == 2, (proc.returncode, proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("circles-desktop: error: ")
    assert fragment in lines[0], lines[0]
