"""The smoke test must be able to fail: a command that fails, or says the wrong thing, stops it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from support.packaging_scripts import load

smoke_test = load("smoke_test.py")
PYTHON = Path(sys.executable)


def test_a_command_that_fails_fails_the_smoke_test():
    with pytest.raises(smoke_test.SmokeFailure, match="exited 3"):
        smoke_test.run(PYTHON, "-c", "import sys; print('partial'); sys.exit(3)", expect="partial")


def test_a_command_that_does_not_say_what_it_should_fails_the_smoke_test():
    with pytest.raises(smoke_test.SmokeFailure, match="exited 0"):
        smoke_test.run(PYTHON, "-c", "print('something else')", expect="Recovery key")


def test_a_command_that_does_its_job_passes(capsys):
    said = smoke_test.run(PYTHON, "-c", "print('Recovery key: ABCD')", expect="Recovery key")
    assert "ABCD" in said
    assert "ok" in capsys.readouterr().out


def test_a_gui_that_exits_at_once_has_not_stayed_up(tmp_path):
    quits = tmp_path / "quits"
    quits.write_text(f"#!{sys.executable}\nimport sys; sys.exit(0)\n")
    quits.chmod(0o755)
    with pytest.raises(smoke_test.SmokeFailure, match="did not stay up .*exit 0"):
        smoke_test.gui_stays_up(quits, tmp_path)
