"""The export dialog, driven as a coordinator would: files for the chosen recipients, audit entries and
register rows; cancel leaves no partial file; a failed write says so and loses nothing; printing the
same bytes is recorded too."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSettings, Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog

from circles_desktop.models import AuditEntry, SharedDocument
from circles_desktop.services.security.keyring_vault import KeyVault
from circles_desktop.services.sharing import minutes_export
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.sharing.minutes_export_dialog import ExportMinutesDialog
from support.exports import add_outer, build_meeting, give, page_count, pdf_text, recipient
from support.ui import WAIT_MS, MemoryKeyring, click_box


@pytest.fixture
def state(db, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    st = AppState(str(db.paths.root), vault=KeyVault(backend=MemoryKeyring()), settings=settings)
    st.database = db
    yield st
    st.background.wait()


@pytest.fixture
def meeting(db):
    """Two police officers with consent (different categories) and one probation officer with none."""
    with db.session() as s:
        setup = build_meeting(s)
        a = add_outer(s, setup, "Priya", "Raghunathan")
        b = add_outer(s, setup, "Łukasz", "Nowak")
        c = add_outer(s, setup, "Zoë", "Nobody")
        give(s, setup, a, ["minutes", "attendance"])
        give(s, setup, b, ["risk_concerns"])
    return setup, a, b, c


@pytest.fixture
def out(tmp_path) -> Path:
    folder = tmp_path / "exports"
    folder.mkdir()
    return folder


def _dialog(qtbot, state, setup) -> ExportMinutesDialog:
    dialog = ExportMinutesDialog(state, setup.meeting_id)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _exported(db) -> tuple[list[SharedDocument], list[AuditEntry]]:
    with db.session() as s:
        docs = s.query(SharedDocument).order_by(SharedDocument.id).all()
        entries = s.query(AuditEntry).filter(AuditEntry.action == "minutes exported").all()
        s.expunge_all()
    return docs, entries


def _wait_idle(qtbot, dialog) -> None:
    qtbot.waitUntil(lambda: not dialog.busy and not dialog.state.background.busy, timeout=WAIT_MS)


def test_export_for_two_recipients(qtbot, state, db, meeting, out, monkeypatch):
    setup, a, b, c = meeting
    dialog = _dialog(qtbot, state, setup)
    box_a = dialog.findChild(type(dialog.protect), f"export.recipient.member.{a}")
    box_c = dialog.findChild(type(dialog.protect), f"export.recipient.member.{c}")
    assert box_a.isChecked() and box_a.isEnabled()
    assert not box_c.isEnabled() and not box_c.isChecked()
    labels = [w.text() for w in dialog.findChildren(type(dialog.title))]
    assert (
        "Attendance, Meeting minutes — Goals and progress, Risk and concerns, Significant developments withheld"
        in labels
    )
    assert "Nothing: no consent on this date" in labels

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args, **kw: str(out))
    qtbot.mouseClick(dialog.choose_folder, Qt.MouseButton.LeftButton)
    assert dialog.folder.text() == str(out)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    _wait_idle(qtbot, dialog)

    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "Minutes 2025-03-14 circle meeting - Priya Raghunathan.pdf",
        "Minutes 2025-03-14 circle meeting - Łukasz Nowak.pdf",
    ]
    text_a = pdf_text((out / names[0]).read_bytes())
    text_b = pdf_text((out / names[1]).read_bytes())
    assert "Sectionmarkminutes" in text_a and "Sectionmarkriskconcerns" not in text_a
    assert "Sectionmarkriskconcerns" in text_b and "Sectionmarkminutes" not in text_b
    docs, entries = _exported(db)
    assert {d.recipient_member_id for d in docs} == {a, b} and len(entries) == 2
    import hashlib

    for d in docs:
        assert d.sha256 == hashlib.sha256((out / d.file_name).read_bytes()).hexdigest()
        assert any(d.sha256 in e.detail for e in entries)
    assert "Exported 2 PDFs" in dialog.status.text()
    assert dialog.progress.value() == 2

    # A second export never overwrites the first.
    box_b = dialog.findChild(type(dialog.protect), f"export.recipient.member.{b}")
    click_box(qtbot, box_b)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    _wait_idle(qtbot, dialog)
    assert "Minutes 2025-03-14 circle meeting - Priya Raghunathan (2).pdf" in {p.name for p in out.iterdir()}


def test_protected_export_and_password_rules(qtbot, state, db, meeting, out):
    setup, a, b, _c = meeting
    dialog = _dialog(qtbot, state, setup)
    dialog.folder.setText(str(out))
    click_box(qtbot, dialog.findChild(type(dialog.protect), f"export.recipient.member.{b}"))
    assert not dialog.password.isEnabled()
    click_box(qtbot, dialog.protect)
    qtbot.keyClicks(dialog.password, "short")
    qtbot.keyClicks(dialog.confirm, "short")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert "at least 8" in dialog.password_error.text() and list(out.iterdir()) == []
    dialog.password.setText("badger sett 77")
    dialog.confirm.setText("badger sett 78")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert "do not match" in dialog.password_error.text() and list(out.iterdir()) == []
    dialog.confirm.setText("badger sett 77")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    _wait_idle(qtbot, dialog)
    (only,) = list(out.iterdir())
    assert PdfReader(only).is_encrypted and "Sectionmarkminutes" in pdf_text(only.read_bytes(), "badger sett 77")
    assert "separately" in dialog.status.text()
    assert dialog.password.text() == "" and dialog.confirm.text() == ""  # not kept after use
    docs, _ = _exported(db)
    assert docs[0].password_protected


def test_folder_that_does_not_exist(qtbot, state, db, meeting, tmp_path):
    setup, *_ = meeting
    dialog = _dialog(qtbot, state, setup)
    dialog.folder.setText(str(tmp_path / "nowhere"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert "Choose a folder that exists" in dialog.status.text()
    assert _exported(db) == ([], [])


def test_disk_full_loses_nothing(qtbot, state, db, meeting, out, monkeypatch):
    from circles_desktop.reports.kit import pdfio

    setup, a, b, _c = meeting
    dialog = _dialog(qtbot, state, setup)
    dialog.folder.setText(str(out))

    def full(_fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(pdfio.os, "fsync", full)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    _wait_idle(qtbot, dialog)
    assert "No space left on device" in dialog.status.text()
    assert "Exported 0 of 2" in dialog.status.text()
    assert list(out.iterdir()) == []  # no partial or temporary file
    assert _exported(db) == ([], [])
    # Nothing lost: the choices are as they were, and it works once there is room.
    assert [p.recipient.id for p in dialog.chosen_plans()] == [a, b]
    monkeypatch.undo()
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    _wait_idle(qtbot, dialog)
    assert len(list(out.iterdir())) == 2


def test_cancel_between_recipients_leaves_no_partial_file(qtbot, state, db, meeting, out, monkeypatch):
    setup, a, b, _c = meeting
    dialog = _dialog(qtbot, state, setup)
    dialog.folder.setText(str(out))
    real = minutes_export.export_minutes_file
    calls = []

    def export_then_cancel(*args, **kw):
        result = real(*args, **kw)
        calls.append(result)
        dialog.cancel_export()  # as if Cancel were pressed while the first was being written
        return result

    monkeypatch.setattr(minutes_export, "export_minutes_file", export_then_cancel)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    _wait_idle(qtbot, dialog)
    assert len(calls) == 1
    assert [p.name for p in out.iterdir()] == ["Minutes 2025-03-14 circle meeting - Priya Raghunathan.pdf"]
    assert "Cancelled. 1 of 2 exported" in dialog.status.text()
    docs, entries = _exported(db)
    assert len(docs) == 1 and len(entries) == 1


def test_cancel_during_a_recipient_writes_nothing(qtbot, state, db, meeting, out, monkeypatch):
    setup, *_ = meeting
    dialog = _dialog(qtbot, state, setup)
    dialog.folder.setText(str(out))
    real_build = minutes_export.build

    def build_then_cancel(prepared):
        data = real_build(prepared)
        dialog._cancel.set()  # Cancel pressed while the PDF was being built
        return data

    monkeypatch.setattr(minutes_export, "build", build_then_cancel)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    _wait_idle(qtbot, dialog)
    assert list(out.iterdir()) == []
    assert "Cancelled. 0 of 2" in dialog.status.text()
    assert _exported(db) == ([], [])


def test_escape_while_exporting_cancels_instead_of_closing(qtbot, state, meeting):
    setup, *_ = meeting
    dialog = _dialog(qtbot, state, setup)
    dialog._set_busy(True)
    dialog.reject()
    assert dialog.isVisible() and dialog._cancel.is_set()
    dialog._set_busy(False)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def _pdf_printer_for(path: Path):
    def make(_title: str) -> QPrinter:
        from circles_desktop.ui.sharing import print_pdf

        printer = print_pdf.make_printer(_title)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        return printer

    return make


@pytest.mark.parametrize("what", ["minutes", "pack"])
def test_print_is_the_same_pdf_and_is_recorded(qtbot, state, db, meeting, tmp_path, monkeypatch, what):
    import hashlib

    setup, a, _b, _c = meeting
    dialog = _dialog(qtbot, state, setup)
    printed = tmp_path / "printed.pdf"
    dialog.make_printer = _pdf_printer_for(printed)
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    if what == "pack":
        dialog.print_choice.setCurrentIndex(dialog.print_choice.count() - 1)
    else:
        assert dialog.print_choice.currentText() == "Minutes for Priya Raghunathan"
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Printed" in dialog.status.text(), timeout=WAIT_MS)
    with db.session() as s:
        (doc,) = s.query(SharedDocument).all()
        action = s.query(AuditEntry).order_by(AuditEntry.id.desc()).first().action
        if what == "minutes":
            prepared = minutes_export.prepare(s, setup.meeting_id, recipient(s, a))
            data = minutes_export.build(prepared)
        else:
            from circles_desktop.reports.meeting_pack import build_meeting_pack
            from circles_desktop.services.sharing import pack_content

            data = build_meeting_pack(pack_content.meeting_pack_content(s, setup.meeting_id))
        assert doc.how == "print" and doc.sha256 == hashlib.sha256(data).hexdigest()
        assert action == ("minutes printed" if what == "minutes" else "meeting pack printed")
    assert len(PdfReader(printed).pages) == page_count(data)


def test_print_cancelled_is_not_recorded(qtbot, state, db, meeting, tmp_path, monkeypatch):
    setup, *_ = meeting
    dialog = _dialog(qtbot, state, setup)
    dialog.make_printer = _pdf_printer_for(tmp_path / "p.pdf")
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.status.text() == "Nothing was printed.", timeout=WAIT_MS)
    assert _exported(db) == ([], [])


def test_lock_closes_the_dialog_and_forgets_the_password(qtbot, state, meeting):
    setup, *_ = meeting
    dialog = _dialog(qtbot, state, setup)
    dialog.protect.setChecked(True)
    dialog.password.setText("badger sett 77")
    state.locked.emit()
    assert not dialog.isVisible() and dialog.password.text() == ""
