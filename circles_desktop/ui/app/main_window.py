"""The main window: areas listed on the left, the chosen area on the right, the database location
and lock state in the status bar. While locked the areas are swapped (not destroyed) for a locked
panel, so the coordinator comes back to the same area with any unsaved text still in its fields."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from circles_desktop import __version__
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.app.area_links import link_areas
from circles_desktop.ui.app.areas import AreaFactory, areas_in_order
from circles_desktop.ui.app.shortcuts import add_shortcuts
from circles_desktop.ui.common.access_keys import make_unique

GEOMETRY_KEY = "window/geometry"
NAV_WIDTH = 215  # wide enough for "Communities of practice" at 11 pt


def _can_leave(widget: QWidget | None) -> bool:
    """Areas with forms offer can_leave(), which asks about unsaved changes; others can always go."""
    ask = getattr(widget, "can_leave", None)
    return True if ask is None else bool(ask())


class LockedPanel(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName("Circles Desktop is locked")
        label = QLabel("<h2>Circles Desktop is locked</h2><p>Unlock to carry on where you were.</p>")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(label)


class MainWindow(QMainWindow):
    quit_requested = Signal()

    def __init__(self, state: AppState) -> None:
        super().__init__()
        self.state = state
        self._focus_before_lock: QWidget | None = None
        self.search_dialog: Any = None  # made on first Ctrl+F (ui/search/search_dialog.py)
        self.guide: Any = None  # made on first F1 (ui/app/user_guide.py)
        self.setWindowTitle("Circles Desktop")
        self.setAccessibleName("Circles Desktop")
        self.setMinimumSize(720, 480)

        self.nav = QListWidget()
        self.nav.setAccessibleName("Areas")
        self.nav.setFixedWidth(NAV_WIDTH)
        self.nav.setStyleSheet("QListWidget { font-size: 11pt; } QListWidget::item { padding: 6px 8px; }")
        self.pages = QStackedWidget()
        self.nav.currentRowChanged.connect(self._area_chosen)
        work = QWidget()
        row = QHBoxLayout(work)
        row.setContentsMargins(6, 6, 6, 0)
        row.addWidget(self.nav)
        row.addWidget(self.pages, 1)
        self.locked_panel = LockedPanel()
        self.body = QStackedWidget()  # page 0 the work, page 1 the locked panel
        self.body.addWidget(work)
        self.body.addWidget(self.locked_panel)
        self.setCentralWidget(self.body)

        self.location = QLabel(f"Database: {state.paths.database}")
        self.location.setAccessibleName("Database location")
        self.lock_state = QLabel()
        self.lock_state.setAccessibleName("Lock state")
        self.statusBar().addWidget(self.location, 1)
        self.statusBar().addPermanentWidget(self.lock_state)

        self._build_menus()
        for area in areas_in_order():
            self.add_area(area.title, area.factory)
        link_areas(self)
        self.nav.setCurrentRow(0)

        state.locked.connect(self.show_locked)
        state.unlocked.connect(lambda _db: self.show_unlocked())
        if state.is_locked:
            self.show_locked()
        else:
            self.show_unlocked()
        self._restore_geometry()

    # --- areas -----------------------------------------------------------------------------------
    def add_area(self, title: str, factory: AreaFactory) -> QWidget:
        """Add one area to the navigation; returns its widget."""
        widget = factory(self.state)
        self.pages.addWidget(widget)
        self.nav.addItem(title)
        return widget

    def _area_chosen(self, row: int) -> None:
        """Switch area, unless the one being left has unsaved changes the coordinator wants to keep."""
        current = self.pages.currentIndex()
        if row == current or row < 0:
            return
        if not _can_leave(self.pages.currentWidget()):
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(current)
            self.nav.blockSignals(False)
            return
        self.pages.setCurrentIndex(row)
        self._show_current(self.pages.currentWidget())

    def _show_current(self, widget: QWidget | None) -> None:
        """An area shows what the records hold now, not what they held when it was last on screen (the
        Themes counts after a learning circle changed elsewhere). `refresh()` reads again what an area
        lists; typed text in its open forms stays."""
        refresh = getattr(widget, "refresh", None)
        if callable(refresh) and not self.state.is_locked:
            refresh()
        make_unique(self)  # the area's access keys beside the window's own

    def can_close(self) -> bool:
        """True when no area holds unsaved changes the coordinator wants to keep."""
        for index in range(self.pages.count()):
            widget = self.pages.widget(index)
            if not _can_leave(widget):
                self.nav.setCurrentRow(index)
                return False
        return True

    def area_widget(self, title: str) -> QWidget | None:
        titles = self.area_titles()
        return self.pages.widget(titles.index(title)) if title in titles else None

    def area_titles(self) -> list[str]:
        return [self.nav.item(i).text() for i in range(self.nav.count())]

    def show_area(self, title: str) -> QWidget:
        row = self.area_titles().index(title)
        self.nav.setCurrentRow(row)
        widget = self.pages.widget(row)
        assert widget is not None  # every title in the navigation has its page
        return widget

    def current_area(self) -> str:
        item = self.nav.currentItem()
        return item.text() if item else ""

    # --- menus -----------------------------------------------------------------------------------
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.lock_action = QAction("&Lock", self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.lock_action.setStatusTip("Close the database and ask for the passphrase again")
        self.lock_action.triggered.connect(lambda: self.state.lock("on demand (Ctrl+L)"))
        file_menu.addAction(self.lock_action)
        file_menu.addSeparator()
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self._quit)
        file_menu.addAction(quit_action)

        help_menu = self.menuBar().addMenu("&Help")
        about = QAction("&About Circles Desktop", self)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)
        self.shortcut_actions = add_shortcuts(self, file_menu, help_menu)

    def open_search(self) -> None:
        """Ctrl+F: search everything, over whichever area is shown; the result opens in its area."""
        if self.state.is_locked:
            return
        own_box = getattr(self.pages.currentWidget(), "focus_search", None)
        if own_box is not None:  # Home has its own search box
            own_box()
            return
        if self.search_dialog is None:
            from circles_desktop.ui.app.area_links import open_record
            from circles_desktop.ui.search.search_dialog import SearchDialog

            self.search_dialog = SearchDialog(self.state, self)
            self.search_dialog.chosen.connect(lambda ref: open_record(self, ref))
        self.search_dialog.start()

    def open_guide(self) -> None:
        if self.guide is None:
            from circles_desktop.ui.app.user_guide import UserGuide

            self.guide = UserGuide(self)
        self.guide.start()

    def _quit(self) -> None:
        if self.state.is_locked or self.can_close():
            self.quit_requested.emit()

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            "About Circles Desktop",
            f"<h3>Circles Desktop {__version__}</h3>"
            "<p>Offline, encrypted records for coordinators of circles in community and social-care work.</p>"
            "<p>Everything is kept in an encrypted database on this computer. Circles Desktop makes no "
            "network connection.</p>"
            f"<p>Database: {self.state.paths.database}</p>",
        )

    # --- locking ---------------------------------------------------------------------------------
    def show_locked(self) -> None:
        focused = QApplication.focusWidget()
        self._focus_before_lock = focused if focused is not None and self.isAncestorOf(focused) else None
        self.body.setCurrentWidget(self.locked_panel)
        self.nav.setEnabled(False)
        self.lock_action.setEnabled(False)
        for action in self.shortcut_actions[:3]:  # search, new, print: nothing to reach while locked
            action.setEnabled(False)
        self.lock_state.setText("Locked")

    def show_unlocked(self) -> None:
        self.body.setCurrentIndex(0)
        self.nav.setEnabled(True)
        self.lock_action.setEnabled(True)
        for action in self.shortcut_actions:
            action.setEnabled(True)
        self.lock_state.setText("Unlocked")
        if self._focus_before_lock is not None:  # back to the very field the coordinator was in
            self._focus_before_lock.setFocus()
            self._focus_before_lock = None

    def notify(self, message: str, msecs: int = 10_000) -> None:
        self.statusBar().showMessage(message, msecs)

    # --- geometry --------------------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        saved = self.state.settings.value(GEOMETRY_KEY)
        if isinstance(saved, QByteArray) and self.restoreGeometry(saved):
            return
        # The first time: the whole screen (the lists' key columns need the width on a 1366×768
        # laptop); restoreGeometry keeps a maximised window maximised from then on.
        self.resize(1180, 720)
        self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)

    def save_geometry(self) -> None:
        self.state.settings.setValue(GEOMETRY_KEY, self.saveGeometry())

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        """The window's close button quits, like File → Quit (which locks first)."""
        if not self.state.is_locked and not self.can_close():
            event.ignore()
            return
        self.save_geometry()
        event.accept()
        self.quit_requested.emit()
