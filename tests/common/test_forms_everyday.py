"""The shared form mechanisms every screen gets: whole messages beside fields that go once the field is
put right, the wheel changing only the focused field, Save/Discard/Cancel, dialogs opening on their
first field."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QMessageBox, QScrollArea, QVBoxLayout, QWidget

from circles_desktop.ui.common.dialogs import FormDialog
from circles_desktop.ui.common.fields.wheel_guard import guard_the_wheel
from circles_desktop.ui.common.forms import DateField, RecordForm, combo

LONG = "Choose the kind of organisation: police, probation, prison, a charity or another kind."


def organisation_form(qtbot) -> RecordForm:
    form = RecordForm("Organisation")
    form.add_field("name", "&Name", QLineEdit(), required=True)
    form.add_field("kind", "&Kind", combo({"police": "Police", "prison": "Prison"}, include_blank="— choose —"))
    form.add_field("due_on", "&Due by", DateField(optional=True))
    qtbot.addWidget(form)
    form.resize(640, 420)
    form.show()
    qtbot.waitExposed(form)
    return form


def test_messages_under_a_choice_or_a_date_are_shown_whole(qtbot):
    form = organisation_form(qtbot)
    due = "The due date (01/01/2020) cannot be before the date the action was agreed (14/03/2025)."
    form.show_errors({"kind": LONG, "due_on": due})
    QApplication.processEvents()
    for key, text in (("kind", LONG), ("due_on", due)):
        label = form._errors[key]
        assert label.text() == text
        # As wide as the form's field column (not squeezed to the narrow field above it), and as tall
        # as its wrapped lines need: nothing cut off.
        assert label.width() > form.field(key).width()
        assert label.height() >= label.heightForWidth(label.width())
        assert label.fontMetrics().boundingRect(
            0, 0, label.width(), 10_000, Qt.TextFlag.TextWordWrap, text
        ).height() <= (label.height())


def test_a_message_goes_once_its_field_is_changed(qtbot):
    form = organisation_form(qtbot)
    form.show_errors({"name": "Enter the organisation's name.", "kind": LONG})
    qtbot.keyClicks(form.field("name"), "Probation Service")
    assert form.error_text("name") == ""
    assert form.error_text("kind") == LONG  # the other field is not put right yet
    kind = form.field("kind")
    kind.setFocus()
    qtbot.keyClick(kind, Qt.Key.Key_Down)
    assert form.error_text("kind") == ""


def wheel(widget: QWidget, steps: int = -1) -> None:
    """One notch of the mouse wheel over the middle of a widget, as the window system sends it."""
    centre = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(QPoint(int(centre.x()), int(centre.y())))),
        QPoint(0, 0),
        QPoint(0, 120 * steps),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def test_the_wheel_scrolls_past_a_choice_it_passes_over(qtbot):
    guard_the_wheel(QApplication.instance())
    page = QWidget()
    column = QVBoxLayout(page)
    kind = combo({"police": "Police", "prison": "Prison", "probation": "Probation"})
    column.addWidget(QLineEdit())
    column.addWidget(kind)
    page.setMinimumHeight(2000)  # taller than the window: the scroll area scrolls
    area = QScrollArea()
    area.setWidget(page)
    area.resize(300, 300)
    qtbot.addWidget(area)
    area.show()
    qtbot.waitExposed(area)
    area.activateWindow()  # the focus (and so the wheel's target) belongs to an active window
    qtbot.waitUntil(area.isActiveWindow, timeout=2000)
    page.findChild(QLineEdit).setFocus()
    assert kind.currentText() == "Police"
    wheel(kind)
    assert kind.currentText() == "Police"  # unchanged while it does not have the focus
    assert area.verticalScrollBar().value() > 0  # the page scrolled instead
    kind.setFocus()
    wheel(kind)
    assert kind.currentText() == "Prison"  # focused, the wheel works in it as usual


def test_the_unsaved_changes_prompt_offers_save_discard_and_cancel(qtbot, monkeypatch):
    form = organisation_form(qtbot)
    offered = []

    def answer(buttons_to_press):
        def question(_parent, _title, text, buttons, default):
            offered.append((text, buttons, default))
            return buttons_to_press

        return question

    saves = []

    def save():
        saves.append(form.values()["name"])
        form.saved_ok()

    form.save_requested.connect(save)
    qtbot.keyClicks(form.field("name"), "HMP Example")
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Save))
    assert form.confirm_leave() is True
    text, buttons, default = offered[-1]
    assert "Save them before leaving?" in text
    for button in (
        QMessageBox.StandardButton.Save,
        QMessageBox.StandardButton.Discard,
        QMessageBox.StandardButton.Cancel,
    ):
        assert buttons & button
    assert default == QMessageBox.StandardButton.Cancel
    assert saves == ["HMP Example"] and not form.is_dirty


def test_save_in_the_prompt_that_fails_stays(qtbot, monkeypatch):
    form = organisation_form(qtbot)
    form.save_requested.connect(lambda: form.show_errors({"kind": LONG}))  # the service refuses it
    qtbot.keyClicks(form.field("name"), "HMP Example")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Save)
    assert form.confirm_leave() is False
    assert form.field("name").text() == "HMP Example" and form.error_text("kind") == LONG


def test_cancel_then_save_in_a_dialog_saves_and_closes_once(qtbot, monkeypatch):
    form = organisation_form(qtbot)
    saved = []
    dialog = FormDialog("New organisation", form, lambda values: saved.append(values["name"]) or True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(form.field("name"), "HMP Example")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Save)
    rejected = []
    dialog.rejected.connect(lambda: rejected.append(True))
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        qtbot.keyClick(form.field("name"), Qt.Key.Key_Escape)
    assert saved == ["HMP Example"] and rejected == []


def test_a_dialog_opens_with_the_cursor_in_its_first_field(qtbot):
    form = RecordForm("Add member")
    first = form.add_field("person", "&Person", QLineEdit(), required=True)
    form.add_field("role", "&Role", QComboBox())
    dialog = FormDialog("Add member", form, lambda _v: True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is first, timeout=2000)
    assert not form.save_button.hasFocus()
