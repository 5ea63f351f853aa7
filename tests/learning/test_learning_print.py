"""Printing a learning circle record: the same PDF a save writes goes to the printer, page for page,
and the print is written to the audit log with the document's SHA-256 — never before it has printed."""

from __future__ import annotations

import hashlib

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSettings
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QDialog, QWidget

from circles_desktop.services.demo import demo
from circles_desktop.services.learning import learning_list
from circles_desktop.services.security import audit
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.learning import learning_record_pdf
from circles_desktop.ui.sharing import print_pdf
from support.exports import printer_to_file
from support.ui import WAIT_MS


@pytest.fixture
def state(db, tmp_path):
    demo.fill(db, size=60)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    st = AppState(str(db.paths.root), settings=settings)
    st.set_database(db)
    return st


def _complete_circle(state) -> int:
    with state.database.session() as s:
        return learning_list.list_learning_circles(s, stage="complete", limit=1)[0].id


def test_printing_the_record_prints_every_page_and_audits_the_hash(qtbot, state, tmp_path, monkeypatch):
    assert learning_record_pdf.can_print()
    circle_id = _complete_circle(state)
    out = tmp_path / "printed.pdf"
    monkeypatch.setattr(print_pdf, "make_printer", printer_to_file(out))
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    parent = QWidget()
    qtbot.addWidget(parent)

    assert learning_record_pdf.print_record(state, parent, circle_id) is True
    # Built and painted in the Background pool; audited when the job reports back on the UI thread.
    qtbot.waitUntil(lambda: not state.background.busy, timeout=WAIT_MS)

    source = learning_record_pdf.build_pdf(learning_record_pdf.record_content(state, circle_id))
    assert len(PdfReader(out).pages) == print_pdf.page_count(source)
    with state.database.session() as s:
        entry = audit.recent(s, limit=1)[0]
    assert "print" in entry.action and str(circle_id) in entry.object
    assert hashlib.sha256(source).hexdigest() in entry.detail


def test_a_cancelled_print_is_not_audited(qtbot, state, monkeypatch):
    circle_id = _complete_circle(state)
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    with state.database.session() as s:
        before = audit.recent(s, limit=1)[0].id
    parent = QWidget()
    qtbot.addWidget(parent)
    assert learning_record_pdf.print_record(state, parent, circle_id) is False
    with state.database.session() as s:
        assert audit.recent(s, limit=1)[0].id == before
