"""Helpers for the end-to-end journey tests: drive the real widgets as a coordinator would (navigate,
type, choose, search in pickers, answer exec()-modal dialogs) without reaching into the services."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QLineEdit, QPlainTextEdit, QWidget

from support.ui import WAIT_MS

LEFT = Qt.MouseButton.LeftButton


def go_to(qtbot, window, title: str) -> QWidget:
    """Click an area in the main window's navigation; returns the area's widget."""
    nav = window.nav
    row = window.area_titles().index(title)
    rect = nav.visualItemRect(nav.item(row))
    qtbot.mouseClick(nav.viewport(), LEFT, pos=rect.center())
    assert window.current_area() == title, f"could not switch to {title}"
    return window.pages.currentWidget()


def click(qtbot, button: QAbstractButton) -> None:
    """Click a button that a coordinator could click (shown and enabled). A widget just added to a
    shown layout appears on the next turn of the event loop, so wait for it briefly."""
    qtbot.waitUntil(button.isVisible, timeout=WAIT_MS)
    assert button.isEnabled(), f"{button.text()!r} is disabled"
    qtbot.mouseClick(button, LEFT)


def type_text(qtbot, widget: QWidget, text: str) -> None:
    """Type into a line or text box. ASCII goes through keyClicks; anything else (which aborts PySide6's
    keyClicks) is inserted and the edit signal emitted, as typing would."""
    widget.setFocus()
    if text.isascii():
        qtbot.keyClicks(widget, text)
    elif isinstance(widget, QLineEdit):
        widget.insert(text)
        widget.textEdited.emit(widget.text())
    elif isinstance(widget, QPlainTextEdit):
        widget.insertPlainText(text)  # textChanged marks the form changed
    else:
        raise TypeError(f"cannot type into {type(widget).__name__}")


def choose(combo: QComboBox, value: Any = None, text: str | None = None) -> None:
    """Choose a combo item by its stored value, or by the start of its words."""
    if text is not None:
        index = next((i for i in range(combo.count()) if combo.itemText(i).startswith(text)), -1)
    else:
        index = combo.findData(value)
    items = [combo.itemText(i) for i in range(combo.count())]
    assert index >= 0, f"{value if text is None else text!r} is not offered: {items}"
    assert combo.isEnabled(), f"{combo.objectName()} is disabled"
    combo.setCurrentIndex(index)


def pick_record(qtbot, picker, search: str) -> None:
    """A RecordPicker (ui/common/pickers/record_picker.py, as in the Referrals form): Space opens the search
    dialog, type, Enter takes the one match."""
    picker.setFocus()
    qtbot.keyClick(picker, Qt.Key.Key_Space)
    dialog = picker.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.search, search)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=WAIT_MS)
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert not dialog.isVisible()


def search_pick(qtbot, picker, search: str, expected: str) -> None:
    """A SearchPicker (Circle screen): type in its search box; the single match is taken."""
    picker.search.clear()
    type_text(qtbot, picker.search, search)
    qtbot.waitUntil(
        lambda: picker.value() is not None and picker.choice.currentText().startswith(expected), timeout=WAIT_MS
    )


def answer_modal(qtbot, open_it: Callable[[], None], fill: Callable[[QWidget], None]) -> None:
    """For a dialog run with exec(): `fill(dialog)` runs once it is up; `open_it()` returns when it closes.
    A failure inside `fill` closes the dialog (rather than hanging) and is raised here."""
    failures: list[BaseException] = []

    def when_up() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, when_up)
            return
        try:
            fill(dialog)
        except BaseException as exc:  # noqa: BLE001 - re-raised below, outside Qt's event loop
            failures.append(exc)
        if dialog.isVisible():
            dialog.done(0)

    QTimer.singleShot(0, when_up)
    open_it()
    if failures:
        raise failures[0]


def add_person(qtbot, area, given: str, family: str) -> None:
    """A new person through the People area's form."""
    click(qtbot, area.new_button)
    type_text(qtbot, area.form.field("given_name"), given)
    type_text(qtbot, area.form.field("family_name"), family)
    click(qtbot, area.form.save_button)
    assert not area.form.is_dirty, area.form.general_error.text()
