"""A list that gives way to the record opened from it, for the Circles and Learning circles areas."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class OpenedInPlace:
    """The opened circle's screen replaces the list in self.stack, one screen at a time, never dropping
    unsaved changes. The area provides self.stack, self.list_page, self.table, self.model, self.error,
    self.opened (None at first), open_circle(), refresh() and a circle_opened signal."""

    stack: Any
    list_page: Any
    table: Any
    opened: Any  # the open screen; not `screen`, which would hide QWidget.screen()
    circle_opened: Any
    refresh: Callable[[], None]
    open_circle: Callable[[int], Any]
    model: Any  # with circle_id(row)
    error: Any  # a FieldMessage

    def show_screen(self, circle_id: int, make: Callable[[], Any]) -> Any:
        """The screen for circle_id, made with make() unless it is already open; None if the open one
        would lose unsaved changes."""
        if self.opened is not None:
            if self.opened.circle_id == circle_id:
                self.stack.setCurrentWidget(self.opened)
                return self.opened
            if not self.opened.can_leave():
                return None
            self._drop_screen()
        screen = make()
        screen.closed.connect(self.show_list)
        screen.changed.connect(self.refresh)
        self.stack.addWidget(screen)
        self.stack.setCurrentWidget(screen)
        self.opened = screen
        self.circle_opened.emit(circle_id)
        return screen

    def show_list(self) -> None:
        if self.opened is not None and not self.opened.can_leave():
            return
        self._drop_screen()
        self.stack.setCurrentWidget(self.list_page)
        self.refresh()
        self.table.setFocus()

    def _drop_screen(self) -> None:
        if self.opened is not None:
            screen, self.opened = self.opened, None
            self.stack.removeWidget(screen)
            screen.deleteLater()

    def open_selected(self, nothing_chosen: str) -> None:
        """Open the circle chosen in the list, or say what to do first."""
        index = self.table.currentIndex()
        if index.isValid():
            self.open_circle(self.model.circle_id(index.row()))
        else:
            self.error.show_message(nothing_chosen)

    def circle_created(self, circle_id: int | None) -> None:
        """A new circle was saved: show it in the list, then open it."""
        self.refresh()
        if circle_id is not None:
            self.open_circle(circle_id)

    def can_leave(self) -> bool:
        return self.opened is None or self.opened.can_leave()
