"""The mouse wheel changes a value only in the field that has the focus.

Qt lets the wheel change any combo box, spin box or slider under the pointer, so scrolling down a form
could turn an organisation's kind from Police to Prison without anyone noticing. One filter on the
application (installed by the shell) passes such a wheel event on to the field's parent instead, so
the form or list around it scrolls as the coordinator meant; once the field has the focus (clicked or
tabbed into) the wheel works in it as usual.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QAbstractSlider, QAbstractSpinBox, QApplication, QComboBox, QScrollBar, QTabBar, QWidget

_WHEEL = QEvent.Type.Wheel
_VALUE_WIDGETS = (QComboBox, QAbstractSpinBox, QAbstractSlider, QTabBar)


def _value_widget(start: QWidget) -> QWidget | None:
    """The combo, spin box, slider or tab bar the wheel would change (itself or the one it is part of)."""
    widget: QWidget | None = start
    while widget is not None:
        if isinstance(widget, _VALUE_WIDGETS) and not isinstance(widget, QScrollBar):
            return widget
        if widget.isWindow():
            return None
        widget = widget.parentWidget()
    return None


class WheelGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() != _WHEEL or not isinstance(watched, QWidget):
            return False
        field = _value_widget(watched)
        if field is None or field.hasFocus():
            return False
        # The page around it scrolls instead. Qt does not pass a wheel event sent from code on to the
        # parents, so offer it to each in turn until one takes it (a scroll area does).
        parent = None if field.isWindow() else field.parentWidget()
        while parent is not None:
            offered = event.clone()  # accepted, as Qt delivers it: a widget that does not use it ignores it
            QApplication.sendEvent(parent, offered)
            if offered.isAccepted() or parent.isWindow():
                break
            parent = parent.parentWidget()
        return True


_guard: WheelGuard | None = None


def guard_the_wheel(app: QApplication) -> WheelGuard:
    """Install the one guard on the application (again is harmless)."""
    global _guard
    if _guard is None:
        _guard = WheelGuard()
        app.installEventFilter(_guard)
    return _guard
