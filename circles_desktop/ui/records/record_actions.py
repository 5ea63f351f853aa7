"""The buttons other areas' screens carry into this one: "Delete circle…" on the circle screen,
"Subject access…" and "Delete person…" on the person's record. Each screen calls one function here,
so the screens stay their own areas' and the records' life stays in ui/records."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialogButtonBox, QHBoxLayout, QPushButton

from circles_desktop.ui.records.delete_circle_dialog import open_delete_circle
from circles_desktop.ui.records.delete_person_dialog import DeletePersonDialog, open_delete_person
from circles_desktop.ui.records.subject_access_dialog import open_subject_access


def add_delete_circle(screen: Any, buttons: QHBoxLayout) -> QPushButton:
    """On a CircleScreen's overview: delete the circle, then back to the list, which reads again."""
    button = QPushButton("Delete circ&le…")
    button.setObjectName("overview.delete")
    button.setAccessibleName("Delete the circle and everything in it")
    buttons.insertWidget(buttons.count() - 1, button)  # before the stretch

    def delete() -> None:
        dialog = open_delete_circle(screen.state, screen.circle_id, screen)
        if dialog is not None:
            dialog.deleted.connect(lambda _id: (screen.changed.emit(), screen.closed.emit()))

    button.clicked.connect(delete)
    return button


def add_person_actions(area: Any) -> tuple[QPushButton, QPushButton]:
    """On the People area's record: Subject access… and Delete person…, for a saved person only."""
    box: QDialogButtonBox = area.form.buttons
    access = box.addButton("S&ubject access…", QDialogButtonBox.ButtonRole.ActionRole)
    access.setObjectName("people.subject_access")
    delete = box.addButton("De&lete person…", QDialogButtonBox.ButtonRole.ActionRole)
    delete.setObjectName("people.delete")

    def chosen() -> tuple[int, str] | None:
        pid = area.editor.person_id
        if pid is None:
            area.form.show_errors({"": "Save the person first; a new record has nothing to export or delete."})
            return None
        values = area.form.values()
        return (
            pid,
            f"{values.get('known_as') or values.get('given_name') or ''} {values.get('family_name') or ''}".strip(),
        )

    def export() -> None:
        if (who := chosen()) is not None:
            open_subject_access(area.state, who[0], who[1], area)

    def remove() -> None:
        if (who := chosen()) is None:
            return
        dialog = open_delete_person(area.state, who[0], area)
        if isinstance(dialog, DeletePersonDialog):
            dialog.deleted.connect(lambda _id: _person_gone(area))

    access.clicked.connect(export)
    delete.clicked.connect(remove)
    return access, delete


def _person_gone(area: Any) -> None:
    area.form.mark_clean()
    area.model.reload()
    area.editor.new()
