"""Delete a person: refused, with the list of what refers to them, while anything does; otherwise a
reason and the deletion of the person with their own details (parts, vetting, volunteer profile)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QVBoxLayout, QWidget

from circles_desktop.models import Person
from circles_desktop.services.common.validation import get
from circles_desktop.services.records import deletion
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common import operations
from circles_desktop.ui.common.dialogs import FormDialog
from circles_desktop.ui.common.forms import RecordForm
from circles_desktop.ui.records.reason_field import reason_combo


class PersonInUseDialog(QDialog):
    """Why a person cannot be deleted: each record that refers to them, with the circles it is in."""

    def __init__(self, name: str, uses: list[deletion.Use], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("This person cannot be deleted")
        self.setObjectName("person-in-use")
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"<b>{name}</b> cannot be deleted while other records refer to them. Remove them from these "
            "records first (or delete the circles they are the focus of), then try again:"
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.uses = QListWidget()
        self.uses.setAccessibleName("Records that refer to this person")
        self.uses.addItems([str(u) for u in uses])
        layout.addWidget(self.uses)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)


class DeletePersonDialog(FormDialog):
    deleted = Signal(int)

    def __init__(self, state: AppState, person_id: int, name: str, parent: QWidget | None = None) -> None:
        self.state, self.person_id = state, person_id
        form = RecordForm(f"Delete {name}")
        note = QLabel(
            "Nothing else refers to this person. Their record goes with the details that are theirs alone "
            "(the parts they play, jobs, volunteer profile, DBS checks and training), for good."
        )
        note.setWordWrap(True)
        form.form_layout.addRow(note)
        form.add_field("reason", "Reason", reason_combo(), required=True)
        form.save_button.setText("Delete person")
        form.save_button.setIcon(QIcon())
        super().__init__("Delete person", form, self._delete, parent, object_name="delete-person")
        form.field("reason").setFocus()

    def _delete(self, values: dict[str, Any]) -> bool:
        person_id = self.person_id
        outcome = operations.write(
            self.state, lambda s: deletion.delete_person(s, person_id, values["reason"]), show=self.form
        )
        if outcome.ok:
            self.deleted.emit(person_id)
        return outcome.ok


def open_delete_person(state: AppState, person_id: int, parent: QWidget | None = None) -> QDialog | None:
    """The refusal listing what refers to the person, or the deletion dialog; opened, not run."""

    def look(s) -> tuple[str, list[deletion.Use]]:
        return get(s, Person, person_id, "person").display_name, deletion.person_uses(s, person_id)

    outcome = operations.load(state, look, parent=parent)
    if not outcome.ok:
        return None
    name, uses = outcome.value
    dialog: QDialog = (
        PersonInUseDialog(name, uses, parent) if uses else DeletePersonDialog(state, person_id, name, parent)
    )
    dialog.open()
    return dialog
