"""Every small form of a community of practice and a community conversation opens with nothing to save:
Escape on an untouched form closes it without asking about unsaved changes, and the first field of the
form is where typing goes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from circles_desktop.ui.common.ending import end_dialog
from circles_desktop.ui.conversations import conversation_dialogs as talk
from circles_desktop.ui.practice import practice_dialogs as cop


def makers():
    yield "practice", lambda st: cop.practice_dialog(st, None)
    yield "season", lambda st: cop.season_dialog(st, 1, None, None)
    yield "session", lambda st: cop.session_dialog(st, 1, None, {1: "Prison Release"}, None)
    yield "presentation", lambda st: cop.presentation_dialog(st, 1, None, None)
    yield "barrier", lambda st: cop.barrier_dialog(st, 1, None, {1: "05/03/2026"}, None)
    yield "mailing entry", lambda st: cop.entry_dialog(st, 1, None)
    yield "similar work", lambda st: talk.similar_work_dialog(st, 1, None, None)
    yield "end", lambda st: end_dialog(st, 1, "End the series of conversations", None)


@pytest.mark.parametrize(("what", "make"), list(makers()), ids=[w for w, _m in makers()])
def test_an_untouched_form_closes_on_escape_without_asking(qtbot, state, monkeypatch, what, make):
    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Cancel
    )
    dialog = make(state)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert not dialog.form.is_dirty, what
    first = dialog.form.first_field()
    assert dialog.focusWidget() in (first, first.focusProxy()), (what, dialog.focusWidget())
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and asked == [], (what, asked)
