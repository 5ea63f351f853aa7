"""Export…, the action every list gets: what the list shows, with its filters and in its order, as a
CSV or XLSX file (services/exports). An export is a disclosure, so it asks where, warns that the file
is not encrypted, and the service writes it to the audit log with the list's name and row count.

`add_export(...)` makes the button and puts it after the list's count; the rows are read and the file
written in the Background pool, so a list of 100,000 people does not hold up the screen."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QBoxLayout, QFileDialog, QLayout, QMessageBox, QPushButton, QWidget

from circles_desktop.ui.common.operations import in_background, in_session

if TYPE_CHECKING:
    from circles_desktop.ui.app.app_state import AppState


class ExportsRows(Protocol):
    """What an export reads: a paged list's model, or any list that can give every row it shows."""

    headers: list[str]

    @property
    def total(self) -> int: ...  # how many rows the export will hold, for the warning

    def every_row(self) -> list[Sequence[Any]]: ...  # may run in the Background pool


FILE_TYPES = "Excel workbook (*.xlsx);;CSV, comma-separated (*.csv)"
SUFFIXES = {"Excel workbook (*.xlsx)": ".xlsx", "CSV, comma-separated (*.csv)": ".csv"}


class ListExport(QObject):
    exported = Signal(object)  # services.exports.export.Exported
    said = Signal(str)  # done: one sentence for the status bar
    failed = Signal(str)  # what went wrong, for the list's message line

    def __init__(self, state: AppState, model: ExportsRows, list_name: str, title: str, owner: QWidget) -> None:
        super().__init__(owner)
        self.state, self.model, self.list_name, self.title, self.owner = state, model, list_name, title, owner
        self.button = QPushButton("E&xport…")
        self.button.setObjectName(f"{list_name}.export")
        self.button.setToolTip("Save this list, as shown, as a spreadsheet (not encrypted)")
        self.button.clicked.connect(lambda: self.start())
        self.running = False

    def ask_where(self) -> Path | None:
        from circles_desktop.store.paths import documents_folder

        suggested = str(documents_folder() / f"{self.title}.xlsx")
        name, chosen = QFileDialog.getSaveFileName(
            self.owner, f"Export {self.title.lower()} as a spreadsheet", suggested, FILE_TYPES
        )
        if not name:
            return None
        path = Path(name)
        if path.suffix.lower() not in (".csv", ".xlsx"):
            path = path.with_name(path.name + SUFFIXES.get(chosen, ".xlsx"))
        return path

    def confirm(self, path: Path) -> bool:
        from circles_desktop.services.exports.export import NOT_ENCRYPTED

        rows = self.model.total
        answer = QMessageBox.warning(
            self.owner,
            "The file will not be encrypted",
            f"Export {rows:,} row{'' if rows == 1 else 's'} of {self.title.lower()} to {path.name}?\n\n{NOT_ENCRYPTED}",
            QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Ok

    def start(self, path: Path | None = None) -> bool:
        """Ask where (unless `path` is given), warn, then read and write in the background."""
        if self.running or self.state.is_locked:
            return False
        path = path or self.ask_where()
        if path is None or not self.confirm(path):
            return False
        from circles_desktop.services.exports.export import export_table

        state, model, name, title, headers = self.state, self.model, self.list_name, self.title, self.model.headers

        def work() -> Any:
            rows = model.every_row()
            return in_session(state, lambda s: export_table(s, name, path, title, headers, rows))

        self.running = True
        self.button.setEnabled(False)
        in_background(state, work, self._done, on_error=self._failed)
        return True

    def _done(self, result: Any) -> None:
        self._finish()
        self.said.emit(result.sentence(self.title))
        self.exported.emit(result)

    def _failed(self, exc: BaseException) -> None:
        from circles_desktop.ui.common.messages import explain

        self._finish()
        self.failed.emit(explain("Nothing was exported", exc))

    def _finish(self) -> None:
        self.running = False
        self.button.setEnabled(True)


def add_export(
    state: AppState, model: ExportsRows, list_name: str, title: str, owner: QWidget, after: QWidget,
    error: Any = None,
) -> ListExport:  # fmt: skip
    """Give a list its Export… button, placed after `after` (its count) in the same row. What went
    wrong goes to `error(text)` (the list's message line); what was written, to the status bar."""
    export = ListExport(state, model, list_name, title, owner)
    holder = after.parentWidget()
    if holder is None or not _insert_after(holder.layout(), after, export.button):
        raise ValueError(f"{list_name}: the Export… button has no row to go in (is the count laid out yet?)")
    if error is not None:
        export.failed.connect(error)
    export.said.connect(lambda text: _status_bar_says(owner, text))
    return export


def _status_bar_says(owner: QWidget, text: str) -> None:
    window = owner.window()
    notify = getattr(window, "notify", None)  # the main window's status bar
    if notify is not None:
        notify(text)


def _insert_after(layout: QLayout | None, anchor: QWidget, widget: QWidget) -> bool:
    if layout is None:
        return False
    for i in range(layout.count()):
        item = layout.itemAt(i)
        if item is None:
            continue
        held = item.widget()
        if held is anchor and isinstance(layout, QBoxLayout):
            layout.insertWidget(i + 1, widget)
            return True
        inner = item.layout() or (held.layout() if held is not None else None)
        if inner is not None and _insert_after(inner, anchor, widget):
            return True
    return False
