"""Printing a referral's summary and a blank stakeholder questionnaire from their screens: the pages
reach the printer, and each print is in the register and the audit log; a cancelled print is not."""

from __future__ import annotations

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QDialog

from circles_desktop.models import Circle, Referral, SharedDocument
from circles_desktop.services.security import audit
from circles_desktop.ui.circles.circle_screen import CircleScreen
from circles_desktop.ui.referrals.referrals_area import ReferralsArea
from circles_desktop.ui.sharing import print_pdf
from support.exports import pdf_text, printer_to_file
from support.records import accepted_cosa_referral, cosa_circle
from support.ui import WAIT_MS


@pytest.fixture
def printed_to(tmp_path, monkeypatch):
    out = tmp_path / "printed.pdf"

    sent: list[bytes] = []
    real_paint = print_pdf.paint_pdf

    def paint_and_keep(data, printer, stop=None):
        sent.append(data)  # the printed pages are pictures; the text is checked in what was sent
        return real_paint(data, printer, stop)

    monkeypatch.setattr(print_pdf, "make_printer", printer_to_file(out))
    monkeypatch.setattr(print_pdf, "paint_pdf", paint_and_keep)
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    return out, sent


def _printed(qtbot, state, printed_to) -> str:
    # The PDF is built and painted in the Background pool; the print is recorded when it reports back.
    qtbot.waitUntil(lambda: not state.background.busy, timeout=WAIT_MS)
    out, sent = printed_to
    assert len(PdfReader(out).pages) == print_pdf.page_count(sent[-1])
    return pdf_text(sent[-1])


def _last_register_and_audit(state):
    with state.database.session() as s:
        docs = s.query(SharedDocument).order_by(SharedDocument.id).all()
        entry = audit.recent(s, limit=1)[0]
        return [(d.document_kind, d.how) for d in docs], (entry.action, entry.object)


def test_referral_summary_prints_from_the_referral_page(qtbot, state, printed_to):
    with state.database.session() as s:
        referral_id = accepted_cosa_referral(s)
        reference = s.get(Referral, referral_id).reference
    area = ReferralsArea(state)
    qtbot.addWidget(area)
    area.show()
    area.open_referral(referral_id)
    button = area.page.print_button
    qtbot.waitUntil(button.isVisible)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert reference in _printed(qtbot, state, printed_to)
    docs, entry = _last_register_and_audit(state)
    assert docs == [("referral_summary", "print")]
    assert entry == ("referral summary printed", f"referral {referral_id}")


def test_blank_questionnaire_prints_from_reviews_and_a_cancel_records_nothing(qtbot, state, printed_to, monkeypatch):
    with state.database.session() as s:
        circle_id = cosa_circle(s)
        reference = s.get(Circle, circle_id).reference
    screen = CircleScreen(state, circle_id)
    qtbot.addWidget(screen)
    screen.show()
    qtbot.mouseClick(screen.reviews_tab.questionnaire_button, Qt.MouseButton.LeftButton)
    text = _printed(qtbot, state, printed_to)
    assert reference in text and "questionnaire" in text.lower()
    docs, entry = _last_register_and_audit(state)
    assert docs == [("questionnaire", "print")]
    assert entry == ("questionnaire printed", f"circle {circle_id}")

    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert screen.reviews_tab.print_questionnaire() is False
    assert _last_register_and_audit(state)[0] == [("questionnaire", "print")]


def test_a_referral_that_cannot_be_read_gives_a_message_and_records_nothing(qtbot, state, printed_to, monkeypatch):
    from PySide6.QtWidgets import QMessageBox, QWidget

    from circles_desktop.ui.sharing.print_documents import print_referral_summary

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a: shown.append(text))
    parent = QWidget()
    qtbot.addWidget(parent)
    assert print_referral_summary(state, parent, 999_999) is False
    assert shown and shown[0].startswith("The referral summary was not printed:")
    assert _last_register_and_audit(state)[0] == []
    assert printed_to[1] == []  # nothing was sent to the printer
