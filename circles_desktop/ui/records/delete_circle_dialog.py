"""Delete a whole circle: what goes, listed and counted, a reason, and the circle's reference typed
to confirm; the service deletes it in one unit of work, or nothing."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QWidget

from circles_desktop.services.records import deletion
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common import operations
from circles_desktop.ui.common.dialogs import FormDialog
from circles_desktop.ui.common.forms import RecordForm
from circles_desktop.ui.records.reason_field import reason_combo


def goes_list(plan: deletion.DeletionPlan) -> QListWidget:
    """What goes, one line each, in a list that scrolls: a long word-wrapped label lost its last lines
    when the errors appeared under the fields."""
    goes = QListWidget()
    goes.setAccessibleName("What is deleted")
    goes.addItems([f"{n:,} {what}" for what, n in plan.goes])
    goes.setMinimumHeight(170)
    return goes


def total_text(plan: deletion.DeletionPlan) -> str:
    return (
        f"{plan.total:,} records in all. The people stay in People; the audit log keeps only the "
        "circle's number, the count and the reason."
    )


class DeleteCircleDialog(FormDialog):
    deleted = Signal(int)  # the circle's id

    def __init__(self, state: AppState, plan: deletion.DeletionPlan, parent: QWidget | None = None) -> None:
        self.state, self.plan = state, plan
        form = RecordForm(f"Delete circle {plan.confirm_word}")
        intro = QLabel(f"Deleting <b>{plan.title}</b> removes it and everything recorded in it, for good:")
        intro.setWordWrap(True)
        form.form_layout.addRow(intro)
        self.goes = goes_list(plan)
        form.form_layout.addRow(self.goes)
        total = QLabel(total_text(plan))
        total.setWordWrap(True)
        form.form_layout.addRow(total)
        form.add_field("reason", "Reason", reason_combo(), required=True)
        confirm = form.add_field("confirmation", f"Type {plan.confirm_word} to confirm", QLineEdit(), required=True)
        confirm.setPlaceholderText(plan.confirm_word)
        form.save_button.setText("Delete circle")
        form.save_button.setIcon(QIcon())  # not the floppy disk of Save: this removes, it does not keep
        super().__init__("Delete circle", form, self._delete, parent, object_name="delete-circle")
        form.field("reason").setFocus()

    def _delete(self, values: dict[str, Any]) -> bool:
        plan = self.plan
        outcome = operations.write(
            self.state,
            lambda s: deletion.delete_circle(s, plan.record_id, values["reason"], values["confirmation"] or ""),
            show=self.form,
        )
        if outcome.ok:
            self.deleted.emit(plan.record_id)
        return outcome.ok


def open_delete_circle(state: AppState, circle_id: int, parent: QWidget | None = None) -> DeleteCircleDialog | None:
    """The dialog for one circle, opened (not run: the caller's event loop carries on), or None if the
    circle could not be read (said in a message box)."""
    outcome = operations.load(state, lambda s: deletion.circle_plan(s, circle_id), parent=parent)
    if not outcome.ok:
        return None
    dialog = DeleteCircleDialog(state, outcome.value, parent)
    dialog.open()
    return dialog
