"""Where a document or export is first offered: Documents when the account has one, else the home
folder, never a folder that is not there (the minutes export's first try failed on /root/Documents)."""

from __future__ import annotations

from pathlib import Path

import platformdirs

from circles_desktop.store.paths import documents_folder


def test_documents_when_there(monkeypatch, tmp_path):
    (tmp_path / "Documents").mkdir()
    monkeypatch.setattr(platformdirs, "user_documents_path", lambda: tmp_path / "Documents")
    assert documents_folder() == tmp_path / "Documents"


def test_home_when_there_is_no_documents_folder(monkeypatch, tmp_path):
    monkeypatch.setattr(platformdirs, "user_documents_path", lambda: tmp_path / "Documents")
    monkeypatch.setattr(Path, "home", classmethod(lambda cls: tmp_path))
    assert documents_folder() == tmp_path
