"""Every RecordForm keeps what is typed as a draft, cleared on Save or Discard; drafts left at the
first unlock are offered back, and Discard deletes them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QMessageBox

from circles_desktop.services.records import drafts
from circles_desktop.ui.common import operations
from circles_desktop.ui.common.forms import RecordForm
from circles_desktop.ui.records.draft_keeper import DraftKeeper, keep_drafts
from support.journeys import type_text
from support.ui import WAIT_MS


@pytest.fixture
def keeper(state):
    kept = keep_drafts(state)
    yield kept
    RecordForm.on_new_form = None


def _form(qtbot) -> RecordForm:
    form = RecordForm("Give consent")
    form.add_field("notes", "Notes", QLineEdit())
    qtbot.addWidget(form)
    form.show()
    return form


def _waiting(state):
    return operations.read(state, drafts.waiting, None)


def test_typing_is_kept_and_saving_clears_it(qtbot, state, keeper):
    form = _form(qtbot)
    watcher = form.findChild(DraftKeeper)
    with qtbot.waitSignal(watcher.kept, timeout=WAIT_MS):
        type_text(qtbot, form.field("notes"), "Agreed at the meeting — Siân will check")
    [kept] = _waiting(state)
    assert kept.form_title == "Give consent" and kept.values == {"notes": "Agreed at the meeting — Siân will check"}
    form.saved_ok()
    assert _waiting(state) == []


def test_discarding_the_changes_clears_the_draft(qtbot, state, keeper, monkeypatch):
    form = _form(qtbot)
    with qtbot.waitSignal(form.findChild(DraftKeeper).kept, timeout=WAIT_MS):
        type_text(qtbot, form.field("notes"), "half a thought")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    qtbot.keyClick(form.field("notes"), Qt.Key.Key_Escape)
    assert _waiting(state) == []


def test_while_locked_nothing_is_written_and_nothing_is_lost(qtbot, state, keeper):
    form = _form(qtbot)
    watcher = form.findChild(DraftKeeper)
    state.lock("test")
    type_text(qtbot, form.field("notes"), "typed while locked")
    watcher.write()  # what the timer would do
    assert form.field("notes").text() == "typed while locked" and watcher.problem == ""


def test_drafts_left_are_offered_at_unlock_and_discard_deletes_them(qtbot, state, keeper):
    operations.write(state, lambda s: drafts.keep(s, "some.Form:Goal", "New goal", None, {"title": "Tenancy"}))
    with qtbot.waitSignal(keeper.offered, timeout=WAIT_MS) as offered:
        state.unlocked.emit(state.database)
    box = offered.args[0]
    assert "You were typing in “New goal” when Circles Desktop last closed. Restore it?" in box.text()
    assert "title: Tenancy" in box.detailedText()
    discard = next(b for b in box.buttons() if b.text() == "Discard")
    qtbot.mouseClick(discard, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _waiting(state) == [], timeout=WAIT_MS)
    state.unlocked.emit(state.database)  # a later unlock follows a lock, not a crash: nothing offered
    assert keeper.offer_box is box
