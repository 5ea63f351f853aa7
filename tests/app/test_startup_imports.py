"""Start-up stays quick: what runs before the unlock dialog is painted does not load the store
(SQLAlchemy and every model, about 0.4 s), which is needed only once the database is open. The drafts
keeper, made by the shell at start, once imported it at the top and made start-up 3× slower."""

from __future__ import annotations

import subprocess
import sys

BEFORE_UNLOCK = (
    "circles_desktop.app",
    "circles_desktop.ui.app.shell",
    "circles_desktop.ui.records.draft_keeper",
    "circles_desktop.ui.security.unlock_dialog",
)


def test_nothing_before_the_unlock_dialog_loads_the_store():
    code = (
        "import importlib, sys\n"
        f"for name in {BEFORE_UNLOCK!r}: importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'sqlalchemy' or m == 'circles_desktop.models'))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]", f"loaded before unlocking: {proc.stdout.strip()}"
