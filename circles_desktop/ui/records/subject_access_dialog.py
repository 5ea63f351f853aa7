"""Subject access: choose a folder, and the person's records are written there as one PDF and one
JSON file (built in the background), with other people's details marked for the coordinator to check."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFileDialog, QLabel, QLineEdit, QPushButton, QWidget

from circles_desktop.services.common.words import plural
from circles_desktop.services.records import access_export
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common import operations
from circles_desktop.ui.common.dialogs import FormDialog
from circles_desktop.ui.common.forms import RecordForm

EXPLAIN = (
    "Everything held about this person (their record, referrals, circles, the meetings where they appear, "
    "consents, actions and documents shared about them) is written as a PDF to read and a JSON file to "
    "keep. Other people's names and minutes that mention them are marked “other person — consider "
    "withholding”: check each before anything is released. The export is recorded in the audit log."
)


class SubjectAccessDialog(FormDialog):
    written = Signal(object)  # access_export.Written

    def __init__(self, state: AppState, person_id: int, name: str, parent: QWidget | None = None) -> None:
        self.state, self.person_id = state, person_id
        form = RecordForm(f"Subject access: {name}")
        note = QLabel(EXPLAIN)
        note.setWordWrap(True)
        form.form_layout.addRow(note)
        folder = form.add_field("folder", "Folder to write to", QLineEdit(), required=True)
        browse = QPushButton("Choose folder…")
        browse.setAccessibleName("Choose folder")
        browse.clicked.connect(self._choose)
        form.form_layout.addRow("", browse)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Export status")
        form.form_layout.addRow(self.status)
        form.save_button.setText("Export")
        super().__init__("Subject access", form, self._export, parent, object_name="subject-access")
        folder.setFocus()

    def _choose(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Folder for the subject-access files")
        if chosen:
            self.form.field("folder").setText(chosen)

    def _export(self, values: dict[str, Any]) -> bool:
        state, person_id, folder = self.state, self.person_id, values["folder"] or ""
        if not folder:
            self.form.show_errors({"folder": "Choose the folder to write the files to."})
            return False
        self.form.save_button.setEnabled(False)
        self.status.setText("Writing the PDF and the JSON file…")
        operations.in_background(
            state,
            lambda: operations.in_session(state, lambda s: access_export.export(s, person_id, folder)),
            self._done,
            on_error=self._failed,
        )
        return False  # stays open until the files are written

    def _done(self, written: access_export.Written) -> None:
        self.form.save_button.setEnabled(True)
        self.form.clear_errors()
        self.status.setText(
            f"Written: {written.pdf.name} and {written.json.name} ({plural(written.records, 'record')}, "
            f"{plural(written.marked, 'item')} marked as other people's)."
        )
        self.form.saved_ok()  # done: the folder typed is no longer a draft to keep
        self.written.emit(written)

    def _failed(self, exc: BaseException) -> None:
        self.form.save_button.setEnabled(True)
        self.status.setText("Nothing was exported.")
        operations.report(exc, show=self.form)


def open_subject_access(
    state: AppState, person_id: int, name: str, parent: QWidget | None = None
) -> SubjectAccessDialog:
    dialog = SubjectAccessDialog(state, person_id, name, parent)
    dialog.open()
    return dialog
