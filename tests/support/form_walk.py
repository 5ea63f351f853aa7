"""The generic form walker shared by the walks of tests/common: fill every field a coordinator can reach
in a form's widgets, as typed, and read them back (`fill`, `snapshot`), choose the pickers (`pick`), and
save through a dialog's Save button (`save_clicked`)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QWidget,
)

from circles_desktop.ui.common.fields.typed_field import TypedField
from circles_desktop.ui.common.forms import DateField, RecordForm, TimeField
from circles_desktop.ui.common.pickers.record_picker import RecordPicker
from circles_desktop.ui.common.pickers.search_picker import SearchPicker

TODAY = date.today()
PICKERS = (SearchPicker, RecordPicker)
INPUTS = (TypedField, QLineEdit, QPlainTextEdit, QComboBox, QCheckBox, QAbstractSpinBox, QListWidget)


# --- the generic filler ----------------------------------------------------------------------------
def _inside_picker(widget: QWidget, root: QWidget) -> bool:
    parent = widget
    while parent is not None and parent is not root:
        if isinstance(parent, PICKERS):
            return True
        parent = parent.parentWidget()
    return False


def inputs(root: QWidget, skip: set[str] = frozenset()) -> list[QWidget]:
    """The fields a coordinator can type in or choose, in the order they were built (the same in two
    forms of one kind), the parts of pickers and of dates left out (a date is one field)."""
    found = []
    for w in root.findChildren(QWidget):
        if not isinstance(w, INPUTS) or isinstance(w, PICKERS) or _inside_picker(w, root):
            continue
        if isinstance(w, QLineEdit) and isinstance(w.parentWidget(), (QComboBox, QAbstractSpinBox)):
            continue  # the line edit of an editable choice or a number box
        if w.objectName() in skip or (isinstance(w, QListWidget) and not _ticks(w)):
            continue
        found.append(w)
    return found


def _ticks(w: QListWidget) -> list:
    """The items of a list a coordinator ticks (who a development was shared with)."""
    from PySide6.QtCore import Qt

    items = [w.item(i) for i in range(w.count())]
    return [item for item in items if item.flags() & Qt.ItemFlag.ItemIsUserCheckable]


def name_of(w: QWidget) -> str:
    return w.objectName() or w.accessibleName() or type(w).__name__


def reachable(w: QWidget, root: QWidget) -> bool:
    if not (w.isVisibleTo(root) and w.isEnabled()):
        return False
    return not (isinstance(w, QLineEdit) and w.isReadOnly())


def type_into(qtbot, w: QWidget, text: str) -> None:
    w.setFocus()
    w.selectAll()
    qtbot.keyClicks(w, text)


def fill_one(qtbot, w: QWidget, n: int, dates: dict[str, date]) -> None:
    """Something distinct in field number n, typed where a coordinator types."""
    name = name_of(w).lower()
    if isinstance(w, DateField):
        day = dates.get(w.objectName(), TODAY - timedelta(days=400 + 17 * n))
        type_into(qtbot, w, day.strftime("%d/%m/%Y"))
    elif isinstance(w, TimeField):  # later for a later field: a meeting's end after its start
        type_into(qtbot, w, f"{8 + min(n, 14):02d}:30")
    elif isinstance(w, QLineEdit):
        text = f"typed{n}@example.org" if "mail" in name else f"01632 960{n:03d}" if "phone" in name else f"Typed {n}"
        if "postcode" in name:
            text = f"ST{n % 10}"
        type_into(qtbot, w, text)
    elif isinstance(w, QPlainTextEdit):
        type_into(qtbot, w, f"Typed {n}, first line")
    elif isinstance(w, QComboBox):
        if w.isEditable():
            w.setFocus()
            w.lineEdit().selectAll()
            qtbot.keyClicks(w.lineEdit(), f"Typed {n}")
        elif w.count() > 1:
            w.setCurrentIndex(w.count() - 1)
    elif isinstance(w, QCheckBox):
        w.setChecked(True)
    elif isinstance(w, QAbstractSpinBox):
        w.setFocus()
        w.stepUp()
    elif isinstance(w, QListWidget):
        from PySide6.QtCore import Qt

        for item in _ticks(w):
            item.setCheckState(Qt.CheckState.Checked)


def fill(qtbot, root: QWidget, skip: set[str], dates: dict[str, date]) -> None:
    """Every reachable field, again while ticking a box opens more (a volunteer's section); a field a
    tick above it closes (a regional connector's "supported by") is left as a coordinator would."""
    done: set[int] = set()
    while True:
        todo = [w for w in inputs(root, skip) if id(w) not in done and reachable(w, root)]
        if not todo:
            return
        for n, w in enumerate(todo, start=len(done)):
            if reachable(w, root):
                fill_one(qtbot, w, n, dates)
            done.add(id(w))
        QApplication.processEvents()


def snapshot(root: QWidget, skip: set[str]) -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    for w in inputs(root, skip):
        if isinstance(w, TypedField):
            value: Any = w.value()
        elif isinstance(w, QLineEdit):
            value = w.text().strip()
        elif isinstance(w, QPlainTextEdit):
            value = w.toPlainText().strip()
        elif isinstance(w, QComboBox):
            value = w.currentText()
        elif isinstance(w, QCheckBox):
            value = w.isChecked()
        elif isinstance(w, QListWidget):
            from PySide6.QtCore import Qt

            value = [item.text() for item in _ticks(w) if item.checkState() == Qt.CheckState.Checked]
        else:
            value = w.text()
        out.append((name_of(w), value))
    for p in root.findChildren(QWidget):
        if isinstance(p, PICKERS) and p.objectName() not in skip:
            out.append((name_of(p), p.value()))
    if isinstance(root, RecordForm):  # a field made of parts (who it was shared with, and when): as read
        values = root.values()
        for key in values:
            if not isinstance(root.field(key), (*INPUTS, *PICKERS)):
                out.append((key, values[key]))
    return out


def on_screen(qtbot, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    widget.resize(1366, 900)
    widget.show()
    return widget


def said(form: QWidget) -> list[str]:
    """Every message shown in the form: why a save did not go through."""
    from PySide6.QtWidgets import QLabel

    return [w.text() for w in form.findChildren(QLabel) if w.isVisibleTo(form) and "error" in w.accessibleName()]


def save_clicked(dialog) -> None:
    """Save through the dialog's Save button: it closes, accepted, or says why not."""
    dialog.form.save_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted, said(dialog.form)


def pick(root: QWidget, picks: dict[str, int]) -> None:
    pickers = {p.objectName(): p for p in root.findChildren(QWidget) if isinstance(p, PICKERS)}
    for name, p in pickers.items():
        if p.isVisibleTo(root) and name not in picks:
            raise AssertionError(f"say which record the walk chooses in the picker {name!r}")
    for name, ident in picks.items():
        picker = pickers[name]
        if isinstance(picker, SearchPicker):
            picker.refresh()
            picker.set_value(ident)
        else:
            picker.set_choice(ident)
        assert picker.value() == ident, name
