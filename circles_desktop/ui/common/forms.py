"""One way of building record forms: labelled fields, required markers, errors beside each field,
Save/Cancel with Enter and Escape, and an unsaved-changes prompt.

Validation lives in the services; a form only shows the service's messages next to the field they
name (a ValidationError's `errors` mapping of field key to message).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import Enum
from typing import Any, ClassVar, TypeVar, overload

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
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

from circles_desktop.ui.common.access_keys import make_unique
from circles_desktop.ui.common.fields.date_field import DateField
from circles_desktop.ui.common.fields.time_field import TimeField
from circles_desktop.ui.common.fields.typed_field import TypedField
from circles_desktop.ui.common.widgets import FieldMessage, never_sideways, tone_style, with_message

W = TypeVar("W", bound=QWidget)
__all__ = ["DateField", "TimeField", "RecordForm", "ScrollingRecordForm", "combo", "set_value", "text_box", "value_of"]


class Leave(Enum):
    """What the coordinator chose when asked about unsaved changes."""

    STAY = "stay"  # Cancel: nothing is lost, the form stays open
    GO = "go"  # nothing to save, or Discard
    SAVED = "saved"  # Save, and it went through


def value_of(widget: QWidget) -> Any:
    """The Python value a field widget holds: text stripped, None for empty optional values."""
    if isinstance(widget, TypedField):  # a date or a time: before QLineEdit, which it is too
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
    if isinstance(widget, TypedField):
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


_KNOWN = (TypedField, QLineEdit, QPlainTextEdit, QComboBox, QCheckBox, QSpinBox)


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
    if isinstance(widget, TypedField):
        return widget.changed  # typing and the calendar alike
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
    edited = Signal()  # the coordinator changed a field (not a load): drafts are kept from this
    settled = Signal()  # saved, or the changes discarded: nothing typed is left to keep
    loaded = Signal()
    # Set once by the app (ui/records/draft_keeper.keep_drafts): called with each new form, so every
    # form's typing is kept as a draft without the screens doing anything.
    on_new_form: ClassVar[Callable[[RecordForm], object] | None] = None

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
        if RecordForm.on_new_form is not None:
            RecordForm.on_new_form(self)

    def __build_body(self, outer: QVBoxLayout) -> QVBoxLayout:
        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(0, 0, 8, 0)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll_area.setWidget(self.body)
        never_sideways(self.scroll_area)  # the width its fields need, from the list beside it or the dialog
        self.body.installEventFilter(self)
        outer.addWidget(self.scroll_area, 1)
        return self.body_layout

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is getattr(self, "body", None) and event.type() == QEvent.Type.LayoutRequest:
            self._section_shown()
        return super().eventFilter(watched, event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            self._section_shown()
        return super().event(event)

    def _section_shown(self) -> None:
        # A section shown after the form (ticking Volunteer shows its fields) brings labels whose
        # access keys were not there when the screen was shown: give them letters of their own too.
        if self.isVisible():
            make_unique(self.window())

    def __build_fields(self, layout: QVBoxLayout, title: str) -> None:
        if title:
            self.heading = QLabel(f"<h2>{title}</h2>")
            self.heading.setAccessibleName(title)
            layout.addWidget(self.heading)
        note = QLabel("Fields marked * are required.")
        note.setStyleSheet(tone_style("note"))
        layout.addWidget(note)
        self.form_layout = QFormLayout()
        self.form_layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        layout.addLayout(self.form_layout)
        self.general_error = QLabel()
        self.general_error.setStyleSheet(tone_style("error"))
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        layout.addWidget(self.general_error)
        layout.addStretch(1)

    def __build_buttons(self, outer: QVBoxLayout) -> None:
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.request_save)
        self.buttons.rejected.connect(self._cancel)
        outer.addWidget(self.buttons)
        QShortcut(
            QKeySequence.StandardKey.Save, self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut
        ).activated.connect(self.request_save)

    # --- building ------------------------------------------------------------------------------
    def add_field(self, key: str, label: str, widget: W, *, required: bool = False, help: str = "") -> W:
        text = f"{label} *" if required else label
        lab = QLabel(text)
        lab.setBuddy(widget)
        widget.setAccessibleName(label.replace("&", "") + (" (required)" if required else ""))
        if help:
            widget.setToolTip(help)
            widget.setAccessibleDescription(help)
        error = QLabel()
        error.setStyleSheet(tone_style("error"))
        error.setWordWrap(True)
        error.setAccessibleName(f"{label.replace('&', '')} error")
        error.hide()
        self.form_layout.addRow(lab, with_message(widget, error))
        self._fields[key] = widget
        self._errors[key] = error
        self._labels[key] = lab
        signal = _changed_signal(widget) if _known(widget) else getattr(widget, "changed", None)
        if signal is not None:
            signal.connect(self._mark_dirty)
            signal.connect(lambda *_a, key=key: self._edited(key))
        problem_changed = getattr(widget, "problem_changed", None)
        if problem_changed is not None:  # a date or time that cannot be read says why, beside itself
            problem_changed.connect(lambda problem, key=key: self._show_problem(key, problem))
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
        """The first field the coordinator can type in (shown and enabled), where the cursor starts."""
        for widget in self._fields.values():
            if widget.isVisibleTo(self) and widget.isEnabled() and widget.focusPolicy() != Qt.FocusPolicy.NoFocus:
                return widget
            proxy = widget.focusProxy()
            if proxy is not None and widget.isVisibleTo(self) and proxy.isEnabled():
                return widget
        return None

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        """Once on screen beside a list's buttons (or in its dialog), each access key is one field's."""
        super().showEvent(event)
        make_unique(self.window())

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
        self.loaded.emit()

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

    def entry_problems(self) -> dict[str, str]:
        """{field: why} for every field holding something that cannot be read (a date such as 31/02):
        the form is not saved until they are put right, so nothing typed is dropped."""
        problems = {}
        for key, widget in self._fields.items():
            problem = getattr(widget, "problem", None)
            said = problem() if callable(problem) else ""
            if said:
                problems[key] = said
        return problems

    def _show_problem(self, key: str, problem: str) -> None:
        label = self._errors[key]
        label.setText(problem)
        label.setVisible(bool(problem))

    def _edited(self, key: str) -> None:
        """A message about a field goes once the coordinator changes that field (not while loading)."""
        if self._loading:
            return
        label = self._errors[key]
        if not label.isHidden() and not getattr(self._fields[key], "problem", lambda: "")():
            label.clear()
            label.hide()

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
        self.settled.emit()

    def request_save(self) -> None:
        """Save (the button, Enter, Ctrl+S): asked of whoever saves this form through `save_requested`,
        once every field can be read; until then each unreadable entry is said beside its field."""
        problems = self.entry_problems()
        if problems:
            self.show_errors(problems)
            return
        self.save_requested.emit()

    def confirm_leave(self, save: Callable[[], bool] | None = None) -> bool:
        """True if it is fine to leave: nothing changed, or the user saved or discarded."""
        return self.ask_to_leave(save) is not Leave.STAY

    def ask_to_leave(self, save: Callable[[], bool] | None = None) -> Leave:
        """Save, Discard or Cancel when there are unsaved changes. `save()` (True when it went through)
        saves; without it the form asks its owner through `save_requested` and looks whether it was
        marked saved."""
        if not self._dirty:
            return Leave.GO
        from circles_desktop.ui.common.dialogs import ask_save_discard

        answer = ask_save_discard(self, "This form has changes that are not saved. Save them before leaving?")
        if answer == QMessageBox.StandardButton.Save:
            if save is not None:
                return Leave.SAVED if save() else Leave.STAY
            self.request_save()
            return Leave.STAY if self._dirty else Leave.SAVED
        if answer == QMessageBox.StandardButton.Discard:
            self._dirty = False
            self.settled.emit()
            return Leave.GO
        return Leave.STAY

    def _mark_dirty(self, *_args: object) -> None:
        if not self._loading:
            self._dirty = True
            self.edited.emit()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        # Enter saves and Escape cancels anywhere in the form, as in a dialog. Multi-line boxes
        # keep Enter for new lines because they accept the event before it reaches here.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            self.request_save()
        elif event.key() == Qt.Key.Key_Escape:
            event.accept()
            self._cancel()
        else:
            super().keyPressEvent(event)

    def _cancel(self) -> None:
        # After Save the owner has done what a save does (a dialog closes itself): not a cancel.
        if self.ask_to_leave() is Leave.GO:
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
