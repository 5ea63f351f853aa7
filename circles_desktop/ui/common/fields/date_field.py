"""The one date field: typed UK dates read the way people type them, a calendar to choose from.

`14/03/1975`, `14/3/75`, `14.03.1975`, `1975-03-14` (services/common/typed_dates.py says how a typed
date is read). Delete or Backspace clear it to "no date"; it is one Tab stop; an impossible date (31/02)
is said beside the field. The calendar (the button at its end, Alt+Down or F4) opens at the date in
the field, or today.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QKeyEvent, QPainter, QPixmap
from PySide6.QtWidgets import QCalendarWidget, QFrame, QLineEdit, QVBoxLayout, QWidget

from circles_desktop.services.common.typed_dates import read_date
from circles_desktop.services.common.words import uk_date
from circles_desktop.ui.common.fields.typed_field import TypedField

_OPEN_KEYS = (Qt.Key.Key_F4,)


def _calendar_icon(colour: QColor) -> QIcon:
    """A small calendar page drawn in the text colour (no image file to ship or to theme)."""
    pix = QPixmap(16, 16)
    pix.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pix)
    painter.setPen(colour)
    painter.drawRect(2, 3, 11, 11)
    painter.fillRect(2, 3, 12, 3, colour)
    for x in (5, 8, 11):
        for y in (8, 11):
            painter.drawPoint(x, y)
    painter.end()
    return QIcon(pix)


class CalendarPopup(QFrame):
    """The month to choose a day from; Enter or a click chooses, Escape closes."""

    chosen = Signal(object)  # a dt.date

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.calendar = QCalendarWidget()
        self.calendar.setObjectName("date.calendar")
        self.calendar.setAccessibleName("Choose a date")
        self.calendar.setGridVisible(True)
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)  # as UK calendars are printed
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        layout.addWidget(self.calendar)
        self.calendar.clicked.connect(self._choose)
        self.calendar.activated.connect(self._choose)

    def open_at(self, day: dt.date, below: QWidget) -> None:
        self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        self.calendar.setCurrentPage(day.year, day.month)
        self.adjustSize()
        self.move(below.mapToGlobal(QPoint(0, below.height())))
        self.show()
        self.calendar.setFocus()

    def _choose(self, chosen: QDate) -> None:
        self.hide()
        self.chosen.emit(dt.date(chosen.year(), chosen.month(), chosen.day()))


class DateField(TypedField[dt.date]):
    """A date in UK order that may be left empty when `optional`. `value()` is a datetime.date or None;
    `dateChanged(date | None)` when the date read changes; a field that is not optional starts at today
    and says so if it is left empty."""

    dateChanged = Signal(object)  # noqa: N815 - the name QDateEdit gave it, which screens connect to

    EMPTY_PROBLEM = "Give a date: this one cannot be left empty."
    SAMPLE = "00/00/0000"

    def __init__(self, optional: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(optional, parent)
        self.setPlaceholderText("dd/mm/yyyy")
        self.value_changed.connect(self.dateChanged.emit)
        self.popup: CalendarPopup | None = None
        self.calendar_action = QAction(_calendar_icon(self.palette().text().color()), "Choose from a calendar", self)
        self.calendar_action.setToolTip("Choose from a calendar (Alt+Down)")
        self.calendar_action.triggered.connect(self.open_calendar)
        self.addAction(self.calendar_action, QLineEdit.ActionPosition.TrailingPosition)
        if not optional:
            self.set_value(None)

    def set_value(self, value: dt.date | None) -> None:
        """None leaves an optional field empty, and puts today in one that may not be empty."""
        super().set_value(value if value is not None or self.optional else dt.date.today())

    def parse(self, text: str) -> dt.date | None:
        return read_date(text)  # Unreadable is a ValueError: TypedField says its message

    def format(self, value: dt.date) -> str:
        return uk_date(value)

    def _extra_width(self) -> int:
        return 22  # the calendar button

    # --- the calendar ------------------------------------------------------------------------------
    def open_calendar(self) -> CalendarPopup:
        if self.popup is None:
            self.popup = CalendarPopup(self)
            self.popup.chosen.connect(self._chosen)
        self.popup.open_at(self.value() or dt.date.today(), self)
        return self.popup

    def _chosen(self, day: dt.date) -> None:
        self.set_value(day)
        self.changed.emit()
        self.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        alt_down = event.key() == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier
        if alt_down or event.key() in _OPEN_KEYS:
            event.accept()
            self.open_calendar()
            return
        super().keyPressEvent(event)

    # --- what QDateEdit offered, for code written against it -----------------------------------------
    def date(self) -> QDate:
        """The date as a QDate (an invalid QDate when there is none)."""
        value = self.value()
        return QDate(value.year, value.month, value.day) if value is not None else QDate()

    def setDate(self, value: Any) -> None:  # noqa: N802 - QDateEdit's name
        self.set_value(dt.date(value.year(), value.month(), value.day()) if value.isValid() else None)
