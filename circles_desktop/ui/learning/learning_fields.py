"""Field widgets the learning circle and child record forms share: people and child pickers that can
show a chosen record beyond the first page of matches, a date-and-time field that may be left empty,
and the reasons a child was selected as ticks.

Each has value()/set_value() and a `changed` signal, so common.forms.RecordForm reads and fills it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time
from enum import StrEnum
from html import escape
from typing import Any, TypeVar

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from circles_desktop.models.kinds.learning import SelectionReason
from circles_desktop.services.common.words import uk_date
from circles_desktop.services.learning.learning_steps import STAGE_LABELS, STAGE_SHORT
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.forms import DateField, TimeField
from circles_desktop.ui.common.operations import read
from circles_desktop.ui.common.pickers.record_search import person_choices, person_name
from circles_desktop.ui.common.pickers.search_picker import Choices, SearchPicker
from circles_desktop.ui.common.widgets import readable

E = TypeVar("E", bound=StrEnum)


def by_value(words: Mapping[E, str] | Mapping[str, str]) -> dict[str, str]:
    """Words keyed by a vocabulary's members, looked up by the plain strings the rows carry (a StrEnum
    member's str() is its stored value)."""
    return {str(member): text for member, text in words.items()}


STAGE_WORDS = by_value(STAGE_SHORT)  # "before" -> "Before", for a list column or filter
STAGE_LABEL_WORDS = by_value(STAGE_LABELS)  # "before" -> "Before the learning circle"
STAGE_COLOURS = {"before": "#8a5a00", "during": "#0d47a1", "after": "#4a148c", "complete": "#1b5e20"}


def html(text: str) -> str:
    """Text for a rich-text label: &, < and > escaped, quotes kept as typed (labels' text is compared)."""
    return escape(text, quote=False)


def child_label(row: Any) -> str:
    """A children.ChildRow in a picker: name, then what tells two children of the same name apart."""
    return f"{row.name} (born {uk_date(row.date_of_birth)}, {row.case_reference})"


class PersonChooser(SearchPicker):
    """A person picker whose set_value() finds the name of someone not in the first page of matches."""

    def __init__(self, state: AppState, name: str = "", blank: str = "— choose —") -> None:
        self.state = state
        super().__init__(person_choices(state), placeholder="Search name or ref…", blank=blank)
        self.named(name)
        self.refresh()

    def set_value(self, ident: Any, text: str | None = None) -> None:
        if ident is not None and text is None and self.choice.findData(ident) < 0:
            text = person_name(self.state, ident)
        super().set_value(ident, text)


class ChildChooser(QWidget):
    """Search for the child by name, case record reference or date of birth; "New child…" beside it."""

    changed = Signal()
    new_requested = Signal()

    def __init__(self, state: AppState, name: str = "learning.child") -> None:
        super().__init__()
        self.state = state

        def fetch(text: str) -> Choices:
            from circles_desktop.services.learning import children

            return read(state, lambda s: [(r.id, child_label(r)) for r in children.search_children(s, text)], [])

        self.picker = SearchPicker(fetch, placeholder="Name, case ref or dd/mm/yyyy", blank="— choose the child —")
        self.picker.setObjectName(name)
        self.picker.search.setObjectName(f"{name}.search")
        self.picker.choice.setObjectName(f"{name}.choice")
        self.new_button = QPushButton("New c&hild…")
        self.new_button.setObjectName(f"{name}.new")
        self.new_button.setAccessibleName("Add a new child's record")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.picker, 1)
        row.addWidget(self.new_button)
        self.setFocusProxy(self.picker)
        self.picker.changed.connect(self.changed.emit)
        self.new_button.clicked.connect(self.new_requested.emit)
        self.picker.refresh()

    def setAccessibleName(self, name: str) -> None:  # noqa: N802 (Qt's name)
        super().setAccessibleName(name)
        self.picker.setAccessibleName(name)

    def value(self) -> int | None:
        return self.picker.value()

    def set_value(self, child_id: int | None) -> None:
        text = None
        if child_id is not None and self.picker.choice.findData(child_id) < 0:
            from circles_desktop.services.learning import children

            text = read(self.state, lambda s: child_label(children.get_child(s, child_id)), None)
        self.picker.set_value(child_id, text)

    def setEnabled(self, on: bool) -> None:  # noqa: N802 (Qt's name)
        self.picker.setEnabled(on)
        self.new_button.setEnabled(on)


class DateTimeField(QWidget):
    """The date (may be left empty until it is known) and start time of the learning circle."""

    changed = Signal()
    problem_changed = Signal(str)  # as a DateField's: why what is typed cannot be read

    def __init__(self, name: str = "learning.meets") -> None:
        super().__init__()
        self.day = DateField(optional=True)
        self.day.setObjectName(f"{name}.date")
        self.day.setAccessibleName("Date of the learning circle")
        self.time = TimeField(default=time(10, 0))
        self.time.setObjectName(f"{name}.time")
        self.time.setAccessibleName("Start time")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.day)
        row.addWidget(self.time)
        row.addStretch(1)
        self.setFocusProxy(self.day)
        self.day.changed.connect(self.changed.emit)
        self.time.changed.connect(self.changed.emit)
        self.day.dateChanged.connect(lambda _d: self._day_changed())
        for part in (self.day, self.time):
            part.problem_changed.connect(lambda _p: self.problem_changed.emit(self.problem()))
        self._day_changed()

    def _day_changed(self) -> None:
        self.time.setEnabled(self.day.value() is not None)

    def value(self) -> datetime | None:
        day, start = self.day.value(), self.time.value()
        if day is None or start is None:
            return None
        return datetime.combine(day, start)

    def set_value(self, when: datetime | None) -> None:
        self.day.set_value(when.date() if when else None)
        if when is not None:
            self.time.set_value(when.time())

    def problem(self) -> str:
        """Why the date or the time cannot be used, so the form says so rather than saving no date."""
        if self.day.problem():
            return self.day.problem()
        return self.time.problem() if self.day.value() is not None else ""

    def set_day(self, day: date | None) -> None:
        self.day.set_value(day)


class ReasonsField(QWidget):
    """Why the child was selected: several may apply."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.boxes: dict[str, QCheckBox] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(2)
        for n, reason in enumerate(SelectionReason):
            box = QCheckBox(reason.label)
            box.setObjectName(f"learning.reason.{reason.value}")
            box.setAccessibleName(f"Reason: {reason.label}")
            box.toggled.connect(lambda _on: self.changed.emit())
            grid.addWidget(box, n // 2, n % 2)
            self.boxes[reason.value] = box
        self.setFocusProxy(self.boxes[SelectionReason.AUDIT_OUTCOME.value])

    def setAccessibleName(self, name: str) -> None:  # noqa: N802 (Qt's name)
        super().setAccessibleName(name)

    def value(self) -> set[str]:
        return {code for code, box in self.boxes.items() if box.isChecked()}

    def set_value(self, codes: Any) -> None:
        codes = set(codes or ())
        for code, box in self.boxes.items():
            box.setChecked(code in codes)


def stage_badge_style(stage: str) -> str:
    colour = readable(STAGE_COLOURS.get(stage, "#555555"))
    return f"border: 2px solid {colour}; color: {colour}; border-radius: 4px; font-weight: bold; padding: 2px 6px;"


def line(name: str, accessible: str, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setAccessibleName(accessible)
    if placeholder:
        edit.setPlaceholderText(placeholder)
    return edit


def completer(names: QStringListModel, parent: QWidget, contains: bool = False) -> QCompleter:
    """Offers the names as the coordinator types, whatever the case (anywhere in a name if `contains`)."""
    found = QCompleter(names, parent)
    found.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    if contains:
        found.setFilterMode(Qt.MatchFlag.MatchContains)
    return found


class LocalityChoice(QComboBox):
    """All localities, or one of those the children's records use (a filter over a list or a count)."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setAccessibleName("Locality")
        self.addItem("All localities", None)

    def refresh(self, state: AppState) -> None:
        """Read the localities again, keeping the one chosen; quietly, as the coordinator did not change it."""
        from circles_desktop.services.learning import children

        keep = self.currentData()
        names: list[str] = read(state, children.localities, [])
        self.blockSignals(True)
        self.clear()
        self.addItem("All localities", None)
        for name in names:
            self.addItem(name, name)
        self.setCurrentIndex(max(self.findData(keep), 0) if keep else 0)
        self.blockSignals(False)


def text_box(name: str, height: int, placeholder: str = "") -> QPlainTextEdit:
    """A few lines of text in a form: Tab moves on to the next field, as in a one-line box."""
    box = QPlainTextEdit()
    box.setObjectName(name)
    box.setTabChangesFocus(True)
    box.setFixedHeight(height)
    if placeholder:
        box.setPlaceholderText(placeholder)
    return box
