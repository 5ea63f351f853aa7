"""One way of building record forms: labelled fields, required markers, errors beside each field,
Save/Cancel with Enter and Escape, and an unsaved-changes prompt.

Validation lives in the services; a form only shows the service's messages next to the field they
name (a ValidationError's `errors` mapping of field key to message).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, TypeVar, overload

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from circles_desktop.ui.common.widgets import ERROR_STYLE, FieldMessage, with_message

W = TypeVar("W", bound=QWidget)
_NO_DATE = QDate(1900, 1, 1)  # QDateEdit's minimum stands for "no date" (shown as a dash)


class DateField(QDateEdit):
    """A date picker in UK order that may also be left empty when the field is optional."""

    def __init__(self, optional: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat("dd/MM/yyyy")
        self.setCalendarPopup(True)
        self.optional = optional
        if optional:
            self.setMinimumDate(_NO_DATE)
            self.setSpecialValueText("—")
            self.setDate(_NO_DATE)
        else:
            self.setDate(QDate.currentDate())
        self.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToNearestValue)

    def value(self) -> date | None:
        chosen = self.date()
        if self.optional and chosen == _NO_DATE:
            return None
        return date(chosen.year(), chosen.month(), chosen.day())

    def set_value(self, value: date | None) -> None:
        if value is None:
            self.setDate(_NO_DATE if self.optional else QDate.currentDate())
        else:
            self.setDate(QDate(value.year, value.month, value.day))


def value_of(widget: QWidget) -> Any:
    """The Python value a field widget holds: text stripped, None for empty optional values."""
    if isinstance(widget, DateField):
        return widget.value()
    if isinstance(widget, QLineEdit):
        return widget.text().strip()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText().strip()
    if isinstance(widget, QComboBox):
        # A fixed list gives the stored value of the chosen item (None for the blank choice); only an
        # editable box, where the coordinator may type something new, gives its text.
        if widget.isEditable() and widget.currentData() is None:
            return widget.currentText().strip() or None
        return widget.currentData()
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, QSpinBox):
        return widget.value()
    raise TypeError(f"no value reader for {type(widget).__name__}")


def set_value(widget: QWidget, value: Any) -> None:
    if isinstance(widget, DateField):
        widget.set_value(value)
    elif isinstance(widget, QLineEdit):
        widget.setText("" if value is None else str(value))
    elif isinstance(widget, QPlainTextEdit):
        widget.setPlainText("" if value is None else str(value))
    elif isinstance(widget, QComboBox):
        index = widget.findData(value)
        widget.setCurrentIndex(index if index >= 0 else (0 if value is None and widget.count() else -1))
    elif isinstance(widget, QCheckBox):
        widget.setChecked(bool(value))
    elif isinstance(widget, QSpinBox):
        widget.setValue(int(value or 0))
    else:
        raise TypeError(f"no value writer for {type(widget).__name__}")


_KNOWN = (DateField, QLineEdit, QPlainTextEdit, QComboBox, QCheckBox, QSpinBox)


def _known(widget: QWidget) -> bool:
    """A Qt field widget value_of/set_value understand; any other field (a picker) brings its own
    value(), set_value() and `changed` signal."""
    return isinstance(widget, _KNOWN)


def _read(widget: QWidget) -> Any:
    return value_of(widget) if _known(widget) else widget.value()  # type: ignore[attr-defined]


def _write(widget: QWidget, value: Any) -> None:
    if _known(widget):
        set_value(widget, value)
    else:
        widget.set_value(value)  # type: ignore[attr-defined]


def _changed_signal(widget: QWidget) -> Any:
    if isinstance(widget, QDateEdit):
        return widget.dateChanged
    if isinstance(widget, QLineEdit):
        return widget.textEdited
    if isinstance(widget, QPlainTextEdit):
        return widget.textChanged
    if isinstance(widget, QComboBox):
        return widget.currentIndexChanged
    if isinstance(widget, QCheckBox):
        return widget.toggled
    if isinstance(widget, QSpinBox):
        return widget.valueChanged
    return None


def text_box(height: int | None = None) -> QPlainTextEdit:
    """A box for a few lines (an address, notes) in which Tab moves on, as in every other field."""
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    if height is not None:
        box.setFixedHeight(height)
    return box


def combo(choices: Mapping[Any, str], include_blank: str | None = None) -> QComboBox:
    """A combo box whose items carry their stored value as data and show the users' words."""
    box = QComboBox()
    if include_blank is not None:
        box.addItem(include_blank, None)
    for value, label in choices.items():
        box.addItem(label, value)
    return box


class RecordForm(QWidget):
    """A form of labelled fields with Save/Cancel. Subclasses (or callers) add fields, then
    connect `save_requested` to code that calls the service and either `saved_ok()` or
    `show_errors(err.errors)`."""

    save_requested = Signal()
    cancelled = Signal()

    def __init__(self, title: str = "", parent: QWidget | None = None, *, scrolling: bool = False) -> None:
        """`scrolling`: the fields scroll while Save and Cancel stay in view (see ScrollingRecordForm)."""
        super().__init__(parent)
        self._fields: dict[str, QWidget] = {}
        self._errors: dict[str, QLabel] = {}
        self._labels: dict[str, QLabel] = {}
        self._dirty = False
        self._loading = False
        self.heading: QLabel | None = None

        # Name-mangled (__) so that subclasses' own _build_* methods never replace these.
        outer = QVBoxLayout(self)
        self.__build_fields(self.__build_body(outer) if scrolling else outer, title)
        self.__build_buttons(outer)

    def __build_body(self, outer: QVBoxLayout) -> QVBoxLayout:
        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(0, 0, 8, 0)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll_area.setWidget(self.body)
        outer.addWidget(self.scroll_area, 1)
        return self.body_layout

    def __build_fields(self, layout: QVBoxLayout, title: str) -> None:
        if title:
            self.heading = QLabel(f"<h2>{title}</h2>")
            self.heading.setAccessibleName(title)
            layout.addWidget(self.heading)
        note = QLabel("Fields marked * are required.")
        note.setStyleSheet("color: palette(mid);")
        layout.addWidget(note)
        self.form_layout = QFormLayout()
        self.form_layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        layout.addLayout(self.form_layout)
        self.general_error = QLabel()
        self.general_error.setStyleSheet(ERROR_STYLE)
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        layout.addWidget(self.general_error)
        layout.addStretch(1)

    def __build_buttons(self, outer: QVBoxLayout) -> None:
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.save_requested.emit)
        self.buttons.rejected.connect(self._cancel)
        outer.addWidget(self.buttons)
        QShortcut(
            QKeySequence.StandardKey.Save, self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut
        ).activated.connect(self.save_requested.emit)

    # --- building ------------------------------------------------------------------------------
    def add_field(self, key: str, label: str, widget: W, *, required: bool = False, help: str = "") -> W:
        text = f"{label} *" if required else label
        lab = QLabel(text)
        lab.setBuddy(widget)
        widget.setAccessibleName(label + (" (required)" if required else ""))
        if help:
            widget.setToolTip(help)
            widget.setAccessibleDescription(help)
        error = QLabel()
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.setAccessibleName(f"{label} error")
        error.hide()
        self.form_layout.addRow(lab, with_message(widget, error))
        self._fields[key] = widget
        self._errors[key] = error
        self._labels[key] = lab
        signal = _changed_signal(widget) if _known(widget) else getattr(widget, "changed", None)
        if signal is not None:
            signal.connect(self._mark_dirty)
        return widget

    @overload
    def field(self, key: str) -> Any: ...
    @overload
    def field(self, key: str, kind: type[W]) -> W: ...
    def field(self, key: str, kind: type[W] | None = None) -> Any:
        """The widget of a field. `field(key, QComboBox)` is typed (and checked) as that kind of widget;
        `field(key)` is untyped, for the many callers that know what they put there."""
        widget = self._fields[key]
        if kind is not None and not isinstance(widget, kind):
            raise TypeError(f"field {key!r} is a {type(widget).__name__}, not a {kind.__name__}")
        return widget

    def first_field(self) -> QWidget | None:
        """The first field's widget, where typing starts when the form opens."""
        return next(iter(self._fields.values()), None)

    # --- values --------------------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        return {key: _read(w) for key, w in self._fields.items()}

    def load(self, values: Mapping[str, Any]) -> None:
        """Fill fields without marking the form as changed."""
        self._loading = True
        try:
            for key, value in values.items():
                if key in self._fields:
                    _write(self._fields[key], value)
        finally:
            self._loading = False
        self.clear_errors()
        self._dirty = False

    # --- errors --------------------------------------------------------------------------------
    def show_errors(self, errors: Mapping[str, str]) -> None:
        """Each message beside its field; messages for no known field go under the form."""
        self.clear_errors()
        general = []
        first: QWidget | None = None
        for key, message in errors.items():
            if key in self._errors:
                self._errors[key].setText(message)
                self._errors[key].show()
                first = first or self._fields[key]
            else:
                general.append(message)
        if general:
            self.general_error.setText("\n".join(general))
            self.general_error.show()
        if first is not None:
            first.setFocus()

    def error_text(self, key: str) -> str:
        label = self._errors.get(key)
        return label.text() if label is not None and not label.isHidden() else ""

    def clear_errors(self) -> None:
        for label in self._errors.values():
            label.clear()
            label.hide()
        self.general_error.clear()
        self.general_error.hide()

    # --- unsaved changes -----------------------------------------------------------------------
    @property
    def is_dirty(self) -> bool:
        return self._dirty

    def mark_clean(self) -> None:
        self._dirty = False

    def saved_ok(self) -> None:
        self.clear_errors()
        self._dirty = False

    def confirm_leave(self, save: Callable[[], bool] | None = None) -> bool:
        """True if it is fine to leave: nothing changed, or the user saved or discarded."""
        if not self._dirty:
            return True
        buttons = QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel
        if save is not None:
            buttons |= QMessageBox.StandardButton.Save
        answer = QMessageBox.question(
            self,
            "Unsaved changes",
            "This form has changes that are not saved. Save them before leaving?",
            buttons,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Save and save is not None:
            return save()
        if answer == QMessageBox.StandardButton.Discard:
            self._dirty = False
            return True
        return False

    def _mark_dirty(self, *_args: object) -> None:
        if not self._loading:
            self._dirty = True

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        # Enter saves and Escape cancels anywhere in the form, as in a dialog. Multi-line boxes
        # keep Enter for new lines because they accept the event before it reaches here.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            self.save_requested.emit()
        elif event.key() == Qt.Key.Key_Escape:
            event.accept()
            self._cancel()
        else:
            super().keyPressEvent(event)

    def _cancel(self) -> None:
        if self.confirm_leave():
            self.cancelled.emit()


class ScrollingRecordForm(RecordForm):
    """A RecordForm whose fields scroll while Save/Cancel stay in view; `sections` go under the fields.

    Section widgets may carry their own FieldMessages: `add_messages` registers them by error key so
    `show_errors` puts each service message beside its field, wherever that field is.
    """

    def __init__(self, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(title, parent, scrolling=True)
        self._extra_messages: dict[str, tuple[FieldMessage, QWidget | None]] = {}

    def set_title(self, text: str) -> None:
        if self.heading is not None:
            self.heading.setText(f"<h2>{text}</h2>")

    def add_section(self, widget: QWidget) -> None:
        """Below the fields, above the general error line."""
        index = self.body_layout.indexOf(self.general_error)
        self.body_layout.insertWidget(index, widget)

    def add_messages(self, messages: Mapping[str, FieldMessage], focus: Mapping[str, QWidget] | None = None) -> None:
        for key, message in messages.items():
            self._extra_messages[key] = (message, (focus or {}).get(key))

    def watch(self, *signals: Any) -> None:
        """Edits through these signals count as unsaved changes."""
        for signal in signals:
            signal.connect(self._mark_dirty)

    def show_errors(self, errors: Mapping[str, str]) -> None:
        own = {k: v for k, v in errors.items() if k not in self._extra_messages}
        super().show_errors(own)  # clears every message first (clear_errors below)
        first: QWidget | None = None
        for key, message in errors.items():
            if key in self._extra_messages:
                label_, widget = self._extra_messages[key]
                label_.show_message(message)
                if widget is not None and first is None and not own:
                    first = widget
        if first is not None:
            self.scroll_area.ensureWidgetVisible(first)
            first.setFocus()

    def clear_errors(self) -> None:
        super().clear_errors()
        for message, _widget in getattr(self, "_extra_messages", {}).values():
            message.clear_message()

    def error_text(self, key: str) -> str:
        if key in self._extra_messages:
            message = self._extra_messages[key][0]
            return message.text() if not message.isHidden() else ""
        return super().error_text(key)
