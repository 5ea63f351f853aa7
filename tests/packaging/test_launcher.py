"""The bundle's program (circles_desktop/launcher.py): the command line as installed, somewhere to write for
a windowed Windows program, and the self-check that the smoke test runs inside the bundle."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest

from circles_desktop import launcher
from support import PASSPHRASE


def test_the_self_check_finds_everything_the_app_loads(monkeypatch, capsys, qapp):
    monkeypatch.setenv(launcher.CHECK_ENV, "1")
    assert launcher.main([]) == 0
    said = capsys.readouterr().out
    assert "QtPdf: painted a page of 595 x 842 pixels" in said
    assert "migrations: head " in said
    assert "bundle check: everything the app loads is here" in said


def test_the_self_check_fails_when_a_shipped_file_is_missing(monkeypatch, tmp_path, qapp):
    from circles_desktop import shipped

    monkeypatch.setenv(launcher.CHECK_ENV, "1")
    monkeypatch.setattr(shipped, "root", lambda: tmp_path)  # a bundle that left resources/ out
    with pytest.raises(FileNotFoundError, match="fonts/DejaVuSans"):
        launcher.main([])


def test_without_the_check_it_is_the_command_line(monkeypatch, capsys):
    monkeypatch.delenv(launcher.CHECK_ENV, raising=False)
    with pytest.raises(SystemExit) as done:
        launcher.main(["--help"])
    assert done.value.code == 0
    assert "export-minutes" in capsys.readouterr().out


def test_a_windowed_program_without_stdout_still_runs_a_command(monkeypatch, data_dir):
    # PyInstaller's windowed Windows program starts with sys.stdout and sys.stderr set to None.
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    monkeypatch.setenv("CIRCLES_PASSPHRASE", PASSPHRASE)
    assert launcher.main(["init", "--data-dir", str(data_dir)]) == 0
    assert isinstance(sys.stdout, io.TextIOBase)
    assert (data_dir / "circles.db").exists()


def test_python_dash_m_runs_the_launcher():
    done = subprocess.run([sys.executable, "-m", "circles_desktop", "--help"], capture_output=True, text=True)
    assert done.returncode == 0
    assert "usage: circles-desktop" in done.stdout
