"""A tab of a record's screen (a conversation, a community of practice): its screen, a message line, and
writes or dialogs after which the whole screen is read again. The screen gives `state`, `circle_id`,
`saved()` and a `dialog` attribute (the dialog open now, for tests and for keeping it alive)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QTableWidget, QWidget

from circles_desktop.ui.common.lists.tables import selected_id
from circles_desktop.ui.common.operations import write
from circles_desktop.ui.common.widgets import FieldMessage

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


class RecordTab(QWidget):
    def __init__(self, screen: Any, name: str) -> None:
        super().__init__()
        self.owner = screen
        self.state = screen.state
        self.circle_id: int = screen.circle_id
        self.setObjectName(name)
        self.error = FieldMessage(f"{name} error")
        self.error.setObjectName(f"{name}.error")
        self._stale = False

    def refresh(self) -> None:
        """Read again now if the tab is shown, otherwise when it is next shown: a screen opens reading only
        the tab in front (opening a conversation or a community of practice stays within its budget)."""
        if self.isVisible():
            self._stale = False
            self.reload()
        else:
            self._stale = True

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.reload()

    def changed(self, work: Callable[[Session], Any]) -> bool:
        """Write `work`; a failure on the tab's message line, success reads the screen again."""
        ok = write(self.state, work, show=self.error).ok
        if ok:
            self.owner.saved()
        return ok

    def open_dialog(self, dialog: Any, show: bool = True) -> Any:
        dialog.accepted.connect(self.owner.saved)
        self.owner.dialog = dialog
        if show:
            dialog.open()
        return dialog

    def open_document(self, document: Any, show: bool = True) -> Any:
        """The save-or-print dialog for a document (a `PdfDocument`); nothing in it changes the record."""
        from circles_desktop.ui.sharing.document_dialog import DocumentDialog

        dialog = DocumentDialog(self.state, document, self)
        self.owner.dialog = dialog
        if show:
            dialog.open()
        return dialog

    def chosen(self, table: QTableWidget, what: str) -> Any:
        """The id of the row chosen in `table`, or None after saying what to choose."""
        ident = selected_id(table)
        if ident is None:
            self.error.show_message(f"Choose {what} in the list first.")
        return ident

    def reload(self) -> None:
        raise NotImplementedError

    def forget(self) -> None:
        self._stale = False
        self.error.clear_message()
