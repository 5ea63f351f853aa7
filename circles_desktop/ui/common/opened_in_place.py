"""A list that gives way to the record opened from it, for the Circles and Learning circles areas."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class OpenedInPlace:
    """The opened circle's screen replaces the list in self.stack, one screen at a time, never dropping
    unsaved changes. The area provides self.stack, self.list_page, self.table, self.screen (None at
    first), refresh() and a circle_opened signal."""

    stack: Any
    list_page: Any
    table: Any
    screen: Any
    circle_opened: Any
    refresh: Callable[[], None]

    def show_screen(self, circle_id: int, make: Callable[[], Any]) -> Any:
        """The screen for circle_id, made with make() unless it is already open; None if the open one
        would lose unsaved changes."""
        if self.screen is not None:
            if self.screen.circle_id == circle_id:
                self.stack.setCurrentWidget(self.screen)
                return self.screen
            if not self.screen.can_leave():
                return None
            self._drop_screen()
        screen = make()
        screen.closed.connect(self.show_list)
        screen.changed.connect(self.refresh)
        self.stack.addWidget(screen)
        self.stack.setCurrentWidget(screen)
        self.screen = screen
        self.circle_opened.emit(circle_id)
        return screen

    def show_list(self) -> None:
        if self.screen is not None and not self.screen.can_leave():
            return
        self._drop_screen()
        self.stack.setCurrentWidget(self.list_page)
        self.refresh()
        self.table.setFocus()

    def _drop_screen(self) -> None:
        if self.screen is not None:
            screen, self.screen = self.screen, None
            self.stack.removeWidget(screen)
            screen.deleteLater()

    def can_leave(self) -> bool:
        return self.screen is None or self.screen.can_leave()
