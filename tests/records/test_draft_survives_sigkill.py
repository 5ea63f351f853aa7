"""A draft typed in the real app, the process killed with SIGKILL, the app started again: at unlock
the draft is offered back, and restoring it fills the form in again."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from support import PASSPHRASE
from support.ui import WAIT_MS, start_shell, unlock

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
GIVEN, FAMILY = "Siobhán", "Ní Dhomhnaill"


@pytest.mark.slow
def test_a_draft_typed_before_a_sigkill_is_offered_back(qtbot, request, created, tmp_path):
    data_dir, _ = created
    env = {k: v for k, v in os.environ.items() if k != "CIRCLES_PASSPHRASE"}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), str(ROOT / "tests"), env.get("PYTHONPATH", "")])
    env["QT_QPA_PLATFORM"] = "offscreen"
    settings = str(tmp_path / "app-settings.ini")
    proc = subprocess.Popen(
        [sys.executable, str(HERE / "drive_typing.py"), str(data_dir), settings, PASSPHRASE, GIVEN, FAMILY],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=ROOT,
        text=True,
    )
    try:
        line = proc.stdout.readline()  # the app prints "kept" once the draft's write has committed
        assert line.strip() == "kept", (line, proc.stderr.read() if proc.poll() is not None else "")
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    shell = start_shell(qtbot, request, data_dir)
    with qtbot.waitSignal(shell.drafts.offered, timeout=WAIT_MS) as offered:
        unlock(qtbot, shell, PASSPHRASE)
    box: QMessageBox = offered.args[0]
    assert "You were typing in “New person” when Circles Desktop last closed. Restore it?" in box.text()
    assert GIVEN in box.detailedText() and FAMILY in box.detailedText()
    restore = next(b for b in box.buttons() if b.text() == "Restore")
    qtbot.mouseClick(restore, Qt.MouseButton.LeftButton)

    area = shell.window.show_area("People")
    area.new_person()
    qtbot.waitUntil(lambda: area.form.field("given_name").text() == GIVEN, timeout=WAIT_MS)
    assert area.form.field("family_name").text() == FAMILY and area.form.is_dirty
