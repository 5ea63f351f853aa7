"""Fixtures the learning-circle tests share: an unlocked state and the managers and learners in it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from circles_desktop.ui.app.app_state import AppState
from support.records import person


@pytest.fixture
def state(db, tmp_path, qtbot):
    st = AppState(str(tmp_path / "data"), settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    st.database = db
    yield st
    st.background.wait()


@pytest.fixture
def people(state):
    with state.database.session() as s:
        return {
            "hol": person(s, "Siân", "Llewellyn"),
            "sm": person(s, "Lukasz", "Wisniewski"),
            "tm": person(s, "Zoe", "Okafor"),
            "practitioner": person(s, "Lan", "Nguyen"),
            "learner": person(s, "Aoife", "Brennan"),
        }
