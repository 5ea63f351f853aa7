"""`circles-desktop export-list`, as a real process: the list written whole and audited, the not-
encrypted warning, and one line with exit 2 for a bad list name or path (asked before the passphrase)."""

from __future__ import annotations

import csv

import pytest

from circles_desktop.services.security import access
from support import PASSPHRASE
from support.cli import assert_one_line_error, run
from support.due import active_cosa


def test_export_list_writes_the_circles_with_their_kind_in_words(created, tmp_path):
    data_dir, _ = created
    db = access.Unlocker(data_dir).unlock(PASSPHRASE)
    with db.session() as s:
        active_cosa(s)
    db.close()
    out = tmp_path / "circles.csv"
    proc = run("export-list", "circles", "--out", str(out), "--data-dir", str(data_dir), passphrase=PASSPHRASE)
    assert proc.returncode == 0, proc.stderr
    assert "Circles: 1 rows written" in proc.stdout and "audit log" in proc.stdout
    assert "not encrypted" in proc.stderr
    with out.open(encoding="utf-8-sig", newline="") as f:
        header, row = list(csv.reader(f))
    assert header[:2] == ["Reference", "Kind"] and row[1] == "CoSA circle"
    again = run("export-list", "circles", "--out", str(out), "--data-dir", str(data_dir), passphrase=PASSPHRASE)
    assert_one_line_error(again, "already exists")


@pytest.mark.parametrize(
    ("list_name", "out", "fragment"),
    [
        ("volunteers", "x.csv", "there is no list 'volunteers': choose one of people, organisations"),
        ("people", "people.pdf", "Name the file .csv or .xlsx"),
        ("people", "missing/people.csv", "the folder"),
        ("people", ".", "not a folder"),
    ],
)
def test_export_list_refuses_a_bad_list_or_path_in_one_line(created, tmp_path, list_name, out, fragment):
    data_dir, _ = created
    target = str(tmp_path / out) if out != "." else str(tmp_path)
    proc = run("export-list", list_name, "--out", target, "--data-dir", str(data_dir), passphrase=PASSPHRASE)
    assert_one_line_error(proc, fragment)
    assert not (tmp_path / out).is_file()
