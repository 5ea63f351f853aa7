"""A referral's risk assessment reports (OASys, RM2000, Asset, ARMS, other): list, attach, open, remove.

Files are checked and stored encrypted in the database by services.referrals. Opening one writes a
private temporary copy (see risk_report_files) for the computer's viewer; it is deleted on lock and exit.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from circles_desktop.models.vocab import RiskReportType
from circles_desktop.services.common.attachments import MAX_BYTES, SUFFIXES
from circles_desktop.services.common.words import uk_date
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.dialogs import confirm
from circles_desktop.ui.common.forms import DateField, RecordForm, combo
from circles_desktop.ui.common.lists.list_parts import list_table
from circles_desktop.ui.common.messages import explain, field_errors
from circles_desktop.ui.common.operations import in_background, in_session, load, read, write
from circles_desktop.ui.common.widgets import FieldMessage, Note
from circles_desktop.ui.referrals.risk_report_files import TEMP_COPIES, PrivateTempFiles

_DISPLAY = Qt.ItemDataRole.DisplayRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_ALIGN = Qt.ItemDataRole.TextAlignmentRole
_HORIZONTAL = Qt.Orientation.Horizontal
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

OPEN_TOOLTIP = (
    "Opens the report in this computer's viewer. To do that a copy leaves the encrypted store: it is "
    "written to a private temporary file (readable by you only) and deleted when Circles Desktop locks "
    "or closes. Do not save it elsewhere."
)
FILE_FILTER = f"Reports ({' '.join('*' + suffix for suffix in SUFFIXES)});;All files (*)"
CHOOSE_TOOLTIP = (
    f"Choose a report file (PDF, Word, OpenDocument, picture or text; at most {MAX_BYTES // (1024 * 1024)} MB)"
)
TYPE_HINTS = (("oasys", "oasys"), ("rm2000", "rm2000"), ("rm-2000", "rm2000"), ("asset", "asset"), ("arms", "arms"))


def human_size(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def guess_type(path: str) -> str | None:
    """OASys, RM2000, Asset or ARMS when the file name says so."""
    name = Path(path).name.lower()
    for hint, code in TYPE_HINTS:
        if hint in name:
            return code
    return None


class RiskReportsModel(QAbstractTableModel):
    """The few reports of one referral (a referral has a handful, so no paging)."""

    COL_TYPE, COL_DATE, COL_DESCRIPTION, COL_FILE, COL_SIZE = range(5)
    HEADERS = ("Type", "Date", "Description", "File", "Size")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []  # services.referrals.RiskReportRow
        self._cells: list[tuple[str, ...]] = []

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self._cells = [
            (
                RiskReportType(r.report_type).label if r.report_type in RiskReportType.values() else r.report_type,
                uk_date(r.report_date),
                r.description,
                r.filename,
                human_size(r.size),
            )
            for r in self.rows
        ]
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows([])

    def rowCount(self, parent: Any = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._cells)

    def columnCount(self, parent: Any = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: Any, role: int = _DISPLAY) -> Any:
        if role == _DISPLAY or role == _TOOLTIP:
            return self._cells[index.row()][index.column()]
        if role == _ALIGN and index.column() == self.COL_SIZE:
            return _RIGHT
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:  # noqa: N802
        if role == _DISPLAY and orientation == _HORIZONTAL:
            return self.HEADERS[section]
        return None


class AttachReportDialog(QDialog):
    """Type, date and description for a chosen file; the service's message shows beside the field it
    is about, and the dialog stays open with everything entered until the file is stored or cancelled."""

    attached = Signal(int)  # the new report's id

    def __init__(self, state: AppState, referral_id: int, path: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.referral_id = referral_id
        self.busy = False
        self.setWindowTitle("Attach a risk assessment report")
        self.setAccessibleName("Attach a risk assessment report")
        self.resize(560, 360)
        self.form = RecordForm()
        self.form.setObjectName("risk_report.form")
        self.file = QLineEdit()
        self.file.setReadOnly(True)
        self.file.setObjectName("risk_report.file")
        self.report_type = combo({t.value: t.label for t in RiskReportType}, include_blank="")
        self.report_type.setObjectName("risk_report.type")
        self.report_date = DateField()
        self.report_date.setObjectName("risk_report.date")
        self.description = QLineEdit()
        self.description.setObjectName("risk_report.description")
        self.description.setPlaceholderText("For example: pre-release assessment")
        self.form.add_field("file", "File", self.file, required=True, help="The file is checked and stored encrypted.")
        self.choose_again = QPushButton("Choose another &file…")
        self.choose_again.setObjectName("risk_report.choose_file")
        self.form.form_layout.addRow("", self.choose_again)
        self.form.add_field("report_type", "Type of report", self.report_type, required=True)
        self.form.add_field("report_date", "Date of report", self.report_date, required=True)
        self.form.add_field("description", "Description", self.description)
        self.form.save_button.setText("&Attach")
        self.form.save_button.setObjectName("risk_report.attach")
        self.status = Note()
        self.status.setAccessibleName("Attaching")
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.status)

        self.set_path(path)
        self.form.mark_clean()
        self.form.save_requested.connect(self.attach)
        self.form.cancelled.connect(self.reject)
        self.choose_again.clicked.connect(self._choose_again)

    def set_path(self, path: str) -> None:
        self.path = path
        self.file.setText(Path(path).name)
        self.file.setToolTip(path)
        guessed = guess_type(path)
        if guessed and self.report_type.currentData() is None:
            self.report_type.setCurrentIndex(self.report_type.findData(guessed))

    def _choose_again(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Choose a risk assessment report", str(Path(self.path).parent), FILE_FILTER
        )
        if path:
            self.set_path(path)
            self.form.clear_errors()

    def attach(self) -> None:
        if self.busy:
            return
        state, path, referral_id = self.state, self.path, self.referral_id
        report_type = self.report_type.currentData() or ""
        report_date: date | None = self.report_date.value()
        description = self.description.text()

        def work() -> int:  # off the UI thread: reading and encrypting up to 20 MB
            from circles_desktop.services.referrals import referrals

            content = Path(path).read_bytes()
            return in_session(
                state,
                lambda s: (
                    referrals.add_risk_report(
                        s, referral_id, report_type, report_date, Path(path).name, content, description
                    ).id
                ),
            )

        self._set_busy(True)
        in_background(state, work, self._done, on_error=self._failed)

    def reject(self) -> None:
        if not self.busy:  # once the file is on its way in, wait for the answer rather than hide it
            super().reject()

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.form.buttons.setEnabled(not busy)
        self.choose_again.setEnabled(not busy)
        self.status.setText("Checking and storing the file…" if busy else "")

    def _done(self, report_id: int) -> None:
        self._set_busy(False)
        self.form.saved_ok()
        self.accept()
        self.attached.emit(report_id)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, OSError):  # the chosen file, not the database
            self.form.show_errors({"file": explain("The file could not be read", exc)})
        else:
            self.form.show_errors(field_errors(exc))


class RiskReportsPanel(QGroupBox):
    """The reports table with Attach…, Open and Remove; `set_referral(id)` shows one referral's."""

    changed = Signal()

    def __init__(self, state: AppState, temp_files: PrivateTempFiles = TEMP_COPIES) -> None:
        super().__init__("Risk assessment reports")
        self.state = state
        self.temp_files = temp_files
        self.referral_id: int | None = None
        self.attach_dialog: AttachReportDialog | None = None
        self.last_opened: Path | None = None

        self.model = RiskReportsModel(self)
        self.table = list_table(self.model, "risk_reports.table", "Risk assessment reports")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(RiskReportsModel.COL_DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(RiskReportsModel.COL_TYPE, 70)
        header.resizeSection(RiskReportsModel.COL_DATE, 84)
        header.resizeSection(RiskReportsModel.COL_FILE, 150)
        header.resizeSection(RiskReportsModel.COL_SIZE, 64)

        self.attach_button = QPushButton("&Attach…")
        self.attach_button.setObjectName("risk_reports.attach")
        self.attach_button.setToolTip(CHOOSE_TOOLTIP)
        self.open_button = QPushButton("&Open")
        self.open_button.setObjectName("risk_reports.open")
        self.open_button.setToolTip(OPEN_TOOLTIP)
        self.open_button.setAccessibleDescription(OPEN_TOOLTIP)
        self.remove_button = QPushButton("&Remove")
        self.remove_button.setObjectName("risk_reports.remove")
        self.message = FieldMessage("Risk reports message")
        self.message.setObjectName("risk_reports.message")
        self.note = Note("Save the referral first; then its risk assessment reports can be attached.")

        buttons = QHBoxLayout()
        buttons.addWidget(self.attach_button)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        layout.addWidget(
            Note("Opening a report puts a temporary copy outside the encrypted store until the app locks.")
        )

        self.attach_button.clicked.connect(self.choose_file)
        self.open_button.clicked.connect(self.open_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        state.locked.connect(self._on_locked)
        state.unlocked.connect(lambda _db: self.reload())
        self._enable()

    # --- loading ---------------------------------------------------------------------------------
    def set_referral(self, referral_id: int | None) -> None:
        self.referral_id = referral_id
        self.message.clear_message()
        self.reload()

    def reload(self) -> None:
        from circles_desktop.services.referrals import referrals

        referral_id = self.referral_id
        rows = None
        if referral_id is not None:
            rows = read(self.state, lambda s: referrals.risk_reports(s, referral_id), None, show=self.message)
        if rows is None:  # no referral yet, locked, or unreadable (and said so)
            self.model.clear()
        else:
            self.model.set_rows(rows)
        self._enable()

    def _on_locked(self) -> None:
        self.model.clear()
        self.temp_files.remove_all()  # copies opened in a viewer leave with the key
        self.last_opened = None
        self._enable()

    def _enable(self) -> None:
        has = self.referral_id is not None
        selected = bool(self.table.selectionModel().selectedRows())
        self.note.setVisible(not has)
        self.attach_button.setEnabled(has)
        self.open_button.setEnabled(has and selected)
        self.remove_button.setEnabled(has and selected)

    def selected_row(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    # --- attach ----------------------------------------------------------------------------------
    def choose_file(self) -> None:
        if self.referral_id is None:
            return
        path, _ = QFileDialog.getOpenFileName(self, "Choose a risk assessment report", "", FILE_FILTER)
        if not path:
            return
        self.message.clear_message()
        if self.attach_dialog is not None and not self.attach_dialog.busy:  # the last one is finished with
            self.attach_dialog.deleteLater()
        self.attach_dialog = AttachReportDialog(self.state, self.referral_id, path, self.window())
        self.attach_dialog.attached.connect(self._attached)
        self.attach_dialog.open()
        self.attach_dialog.report_type.setFocus()

    def _attached(self, report_id: int) -> None:
        self.reload()
        for row, r in enumerate(self.model.rows):
            if r.id == report_id:
                self.table.selectRow(row)
        self.changed.emit()

    # --- open and remove -------------------------------------------------------------------------
    def open_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        from circles_desktop.services.referrals import referrals

        def work(s: Any) -> Path:
            filename, _media_type, content = referrals.risk_report_file(s, row.id)
            return self.temp_files.write(filename, content, key=row.id)

        self.message.clear_message()
        outcome = load(self.state, work, show=self.message, what="The report could not be opened")
        if not outcome.ok:
            return
        path = self.last_opened = outcome.value
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self.message.show_message(
                f"No program on this computer opens {path.suffix or 'this kind of'} files. "
                "The temporary copy is deleted when Circles Desktop locks."
            )

    def remove_selected(self) -> None:
        row = self.selected_row()
        if row is None or self.state.is_locked:
            return
        question = (
            f"Remove the {RiskReportType(row.report_type).label} report “{row.filename}” from this referral? "
            "The stored file is deleted."
        )
        if not confirm(self, "Remove risk report?", question):
            return
        from circles_desktop.services.referrals import referrals

        if write(self.state, lambda s: referrals.delete_risk_report(s, row.id), show=self.message).ok:
            self.reload()
            self.changed.emit()
