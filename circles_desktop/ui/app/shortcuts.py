"""The window-wide shortcuts and the menu lines that carry them: Ctrl+F search everything, Ctrl+N a
new record in the area shown, Ctrl+P print where printing applies, F1 the user guide.

Ctrl+N and Ctrl+P press the button the coordinator could press on the screen shown (its "New…" or
"Print…" button, visible and enabled), so every area gets them without knowing of them; where the
screen has no such button the status bar says so."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QMenu, QWidget

NEW_WORDS = ("New ",)  # "&New circle…", "&New referral", "New person"
PRINT_WORDS = ("Print",)  # "&Print…", "Print pack…"


def _action(window: Any, text: str, keys: str, tip: str, do: Callable[[], None]) -> QAction:
    action = QAction(text, window)
    action.setShortcut(QKeySequence(keys))
    action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)  # also from over a dialog
    action.setStatusTip(tip)
    action.triggered.connect(do)
    return action


def add_shortcuts(window: Any, file_menu: QMenu, help_menu: QMenu) -> list[QAction]:
    """Put the shortcuts' menu lines in the window's menus; returns them (locked: all disabled)."""
    search = _action(window, "&Search everything…", "Ctrl+F", "Find people, circles, meetings and more",
                     window.open_search)  # fmt: skip
    new = _action(window, "&New record", "Ctrl+N", "A new record in the area shown",
                  lambda: press(window, NEW_WORDS, "There is nothing new to add here."))  # fmt: skip
    print_ = _action(window, "&Print…", "Ctrl+P", "Print what is shown, where it can be printed",
                     lambda: press(window, PRINT_WORDS, "Nothing on this screen prints."))  # fmt: skip
    first = file_menu.actions()[0]  # before Lock and Quit
    for action in (search, new, print_):
        file_menu.insertAction(first, action)
    file_menu.insertSeparator(first)
    guide = _action(window, "&User guide", "F1", "The offline guide to each area, consent and sharing",
                    window.open_guide)  # fmt: skip
    help_menu.insertAction(help_menu.actions()[0], guide)  # before About
    return [search, new, print_, guide]


def screen_button(root: QWidget | None, words: tuple[str, ...]) -> QAbstractButton | None:
    """The first visible, enabled button of the screen shown whose words start with one of `words`
    (access-key ampersands aside), the innermost screen's first."""
    if root is None:
        return None
    found = [
        b
        for b in root.findChildren(QAbstractButton)
        if b.isVisibleTo(root) and b.isVisible() and b.isEnabled() and b.text().replace("&", "").startswith(words)
    ]
    return found[0] if found else None


def press(window: Any, words: tuple[str, ...], none_here: str) -> None:
    button = screen_button(window.pages.currentWidget(), words)
    if button is None:
        window.notify(none_here, 5000)
        return
    button.click()
