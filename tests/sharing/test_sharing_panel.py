"""The shared-documents panel: the register for a circle, documents held under withdrawn consent
highlighted, "Ask for it back" and "Returned" recorded."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QSettings, Qt

from circles_desktop.models import AuditEntry
from circles_desktop.services.consent import consent
from circles_desktop.services.security.keyring_vault import KeyVault
from circles_desktop.services.sharing import minutes_export, sharing
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.sharing.shared_documents import COL_STATUS, HELD_COLOUR, SharedDocumentsPanel
from support.exports import add_outer, build_meeting, give, recipient
from support.ui import MemoryKeyring


@pytest.fixture
def state(db, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    st = AppState(str(db.paths.root), vault=KeyVault(backend=MemoryKeyring()), settings=settings)
    st.database = db
    return st


@pytest.fixture
def register(db, tmp_path):
    """Two exports: one under consent later withdrawn, one under consent that still stands."""
    with db.session() as s:
        setup = build_meeting(s)
        a = add_outer(s, setup, "Priya", "Raghunathan")
        b = add_outer(s, setup, "Łukasz", "Nowak")
        withdrawn = give(s, setup, a, ["minutes"])
        give(s, setup, b, ["minutes"])
        ra, rb = recipient(s, a), recipient(s, b)
    first = minutes_export.export_minutes_file(db, setup.meeting_id, ra, tmp_path / "a.pdf", today=date(2025, 3, 20))
    minutes_export.export_minutes_file(db, setup.meeting_id, rb, tmp_path / "b.pdf", today=date(2025, 3, 20))
    with db.session() as s:
        consent.withdraw_consent(s, withdrawn[0], date(2025, 4, 1))
    return setup, first.document_id


def test_panel_highlights_and_records_asking_back(qtbot, state, db, register):
    setup, held_id = register
    panel = SharedDocumentsPanel(state, setup.circle_id)
    qtbot.addWidget(panel)
    panel.show()
    assert panel.table.rowCount() == 2
    assert panel.banner.isVisible() and "1 document is still held" in panel.banner.text()
    rows = {panel.table.item(r, 0).data(Qt.ItemDataRole.UserRole): r for r in range(panel.table.rowCount())}
    held_row = rows[held_id]
    assert panel.table.item(held_row, 0).background().color() == HELD_COLOUR
    assert "ask for it back" in panel.table.item(held_row, COL_STATUS).text()
    other = next(r for i, r in rows.items() if i != held_id)
    assert panel.table.item(other, COL_STATUS).text() == ""

    panel.table.selectRow(other)
    assert not panel.ask_button.isEnabled() and not panel.returned_button.isEnabled()
    panel.table.selectRow(held_row)
    assert panel.ask_button.isEnabled()
    qtbot.mouseClick(panel.ask_button, Qt.MouseButton.LeftButton)
    assert "asked back" in panel.table.item(panel.table.currentRow(), COL_STATUS).text()
    assert not panel.ask_button.isEnabled() and panel.returned_button.isEnabled()
    assert "Recorded: asked for Priya Raghunathan's copy back" in panel.message.text()
    qtbot.mouseClick(panel.returned_button, Qt.MouseButton.LeftButton)
    assert panel.table.item(panel.table.currentRow(), COL_STATUS).text().startswith("Returned")
    assert not panel.banner.isVisible()
    with db.session() as s:
        assert sharing.held_after_withdrawal(s, setup.circle_id) == []
        actions = [e.action for e in s.query(AuditEntry).order_by(AuditEntry.id.desc()).limit(2)]
        assert actions == ["shared document returned", "shared document asked back"]


def test_panel_clears_on_lock_and_reloads_on_unlock(qtbot, state, db, register):
    setup, _ = register
    panel = SharedDocumentsPanel(state, setup.circle_id)
    qtbot.addWidget(panel)
    state.locked.emit()
    assert panel.table.rowCount() == 0 and not panel.banner.isVisible()
    state.unlocked.emit(db)
    assert panel.table.rowCount() == 2


def test_empty_register_says_so(qtbot, state, db):
    with db.session() as s:
        setup = build_meeting(s)
    panel = SharedDocumentsPanel(state, setup.circle_id)
    qtbot.addWidget(panel)
    assert panel.table.rowCount() == 0
    assert "Nothing has been exported or printed" in panel.message.text()
