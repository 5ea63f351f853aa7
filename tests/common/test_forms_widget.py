"""The shared record form: errors beside fields, Enter/Escape, unsaved-changes prompt."""

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QMessageBox, QPlainTextEdit, QTableWidget

from circles_desktop.ui.common.forms import DateField, RecordForm, combo


def make_form(qtbot):
    form = RecordForm("Person")
    form.add_field("name", "Name", QLineEdit(), required=True)
    form.add_field("notes", "Notes", QPlainTextEdit())
    form.add_field("dob", "Date of birth", DateField(optional=True))
    form.add_field("kind", "Kind", combo({"police": "Police", "probation": "Probation"}))
    qtbot.addWidget(form)
    form.show()
    return form


def test_values_and_load_roundtrip(qtbot):
    form = make_form(qtbot)
    form.load({"name": "Siân Łukasz", "notes": "x", "dob": date(1980, 2, 29), "kind": "probation"})
    assert form.values() == {"name": "Siân Łukasz", "notes": "x", "dob": date(1980, 2, 29), "kind": "probation"}
    assert not form.is_dirty
    form.load({"dob": None})
    assert form.values()["dob"] is None


def test_errors_shown_beside_fields_and_unknown_keys_under_form(qtbot):
    form = make_form(qtbot)
    form.show_errors({"name": "Give the person's name.", "other": "Something general."})
    assert form.error_text("name") == "Give the person's name."
    assert form.error_text("notes") == ""
    assert form.general_error.text() == "Something general."
    form.clear_errors()
    assert form.error_text("name") == ""


def test_enter_saves_escape_cancels(qtbot):
    form = make_form(qtbot)
    name = form.field("name")
    name.setFocus()
    with qtbot.waitSignal(form.save_requested, timeout=1000):
        qtbot.keyClick(name, Qt.Key.Key_Return)
    with qtbot.waitSignal(form.cancelled, timeout=1000):
        qtbot.keyClick(name, Qt.Key.Key_Escape)


def test_enter_in_notes_makes_a_new_line(qtbot):
    form = make_form(qtbot)
    notes = form.field("notes")
    notes.setFocus()
    with qtbot.assertNotEmitted(form.save_requested):
        qtbot.keyClicks(notes, "a")
        qtbot.keyClick(notes, Qt.Key.Key_Return)
        qtbot.keyClicks(notes, "b")
    assert notes.toPlainText() == "a\nb"


def test_unsaved_changes_prompt(qtbot, monkeypatch):
    form = make_form(qtbot)
    qtbot.keyClicks(form.field("name"), "Zoe")  # QTest aborts on non-ASCII keyClicks
    assert form.is_dirty
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Cancel)
    assert form.confirm_leave() is False
    assert form.field("name").text() == "Zoe"  # nothing lost
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    assert form.confirm_leave() is True
    assert not form.is_dirty


def test_blank_combo_choice_is_none_not_its_label(qtbot):
    form = RecordForm()
    qtbot.addWidget(form)
    box = form.add_field("kind", "Kind", combo({"police": "Police"}, include_blank="— choose —"))
    assert form.values()["kind"] is None
    box.setCurrentIndex(1)
    assert form.values()["kind"] == "police"


def test_a_field_asked_for_as_a_kind_of_widget_is_checked(qtbot):
    form = RecordForm()
    qtbot.addWidget(form)
    form.add_field("name", "Name", QLineEdit())
    assert isinstance(form.field("name", QLineEdit), QLineEdit)
    with pytest.raises(TypeError, match="not a QComboBox"):
        form.field("name", QComboBox)
    assert not isinstance(form.field("name"), QTableWidget)
