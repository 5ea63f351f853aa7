"""What every tab of the Circle screen shares: the screen it belongs to, and the dialog it has open.

A tab reads what it shows in `reload()` (the screen calls it on each load) and forgets it in `clear()`
(on lock). A dialog a tab opens reloads the whole screen once it is accepted, so every tab shows the
write.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtWidgets import QDialog, QWidget

from circles_desktop.ui.common.dialogs import FormDialog
from circles_desktop.ui.common.forms import RecordForm
from circles_desktop.ui.common.operations import write

if TYPE_CHECKING:
    from circles_desktop.ui.circles.circle_screen import CircleScreen

D = TypeVar("D", bound=QDialog)


class CircleTab(QWidget):
    def __init__(self, circle_screen: CircleScreen, name: str) -> None:
        super().__init__()
        self.circle_screen = circle_screen
        self.state = circle_screen.state
        self.dialog: QDialog | None = None  # the one open from this tab (tests drive it)
        self.setObjectName(name)

    @property
    def circle_id(self) -> int:
        return self.circle_screen.circle_id

    def reload(self) -> None:
        raise NotImplementedError

    def clear(self) -> None:
        raise NotImplementedError

    def open_dialog(self, dialog: D) -> D:
        """Open `dialog` window-modal, returning at once; once it is accepted, the screen reloads."""
        dialog.accepted.connect(self.circle_screen.saved)
        self.dialog = dialog
        dialog.open()
        return dialog

    def open_form(
        self, title: str, form: RecordForm, work: Callable[[Any, dict[str, Any]], Any], name: str
    ) -> FormDialog:
        """`form` in a dialog whose Save runs `work(session, values)` as one write (problems beside the
        fields); saved, the dialog closes and the screen reloads."""

        def save(values: dict[str, Any]) -> bool:
            return write(self.state, lambda s: work(s, values), show=form, parent=dialog).ok

        dialog = FormDialog(title, form, save, self, object_name=name)
        return self.open_dialog(dialog)
