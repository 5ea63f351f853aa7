"""Export a meeting's minutes: one PDF per chosen outer-circle recipient, and print or preview a copy.

Each recipient is listed with what their copy will hold, in plain words, as the services work it out
from the core member's consent on the meeting date. The export runs off the UI thread, one recipient at
a time, with progress; Cancel stops between recipients (nothing half-written is left). Each file is
recorded in the register of shared documents and the audit log as it is written. Printing reads the
document's content here, then builds the same PDF bytes and renders them through QtPdf in the
background; each print is recorded too.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from circles_desktop.services.common.words import plural
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.messages import describe
from circles_desktop.ui.common.operations import in_background, load, open_database, write
from circles_desktop.ui.common.said_through import SaidThrough
from circles_desktop.ui.common.widgets import Note, labelled, tone_style
from circles_desktop.ui.sharing import print_pdf
from circles_desktop.ui.sharing.pdf_password import PdfPassword

FOLDER_KEY = "export/last_folder"
PACK = "pack"


@dataclass
class ExportOutcome:
    """What a run of the export did: the files written, and why it stopped early, if it did."""

    written: list[Any] = field(default_factory=list)  # minutes_export.ExportResult
    total: int = 0
    cancelled: bool = False
    error: BaseException | None = None
    failed_for: str = ""


@dataclass(frozen=True)
class PrintCopy:
    """A document read for printing: how to build its bytes (in a worker), its title, how to record a print."""

    build: Callable[[], bytes]
    title: str
    record: Callable[[Any, bytes], Any]  # (session, the printed bytes)
    what: str  # "the meeting pack", "the minutes for Priya Raghunathan"


class _Progress(QObject):
    """Emitted from the worker; Qt queues it to the dialog on the UI thread."""

    step = Signal(int, int, str)  # done, total, who is next


class ExportMinutesDialog(QDialog):
    def __init__(self, state: AppState, meeting_id: int, parent: QWidget | None = None, today: date | None = None):
        super().__init__(parent)
        self.state = state
        self.meeting_id = meeting_id
        self.today = today
        self.plans: list[Any] = []
        self.boxes: dict[tuple[str, int], QCheckBox] = {}
        self.heading_info: Any = None
        self.busy = False
        self._cancel = threading.Event()
        self._progress = _Progress()
        self._progress.step.connect(self._show_step)
        self.last_outcome: ExportOutcome | None = None
        self.print_job: print_pdf.PrintJob | None = None
        self.setWindowTitle("Export minutes")
        self.setObjectName("export.dialog")
        self.resize(760, 640)
        self._build()
        self._load()
        state.locked.connect(self._on_lock)

    # --- layout ----------------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(self._build_title())
        layout.addWidget(
            Note(
                "Each recipient gets their own PDF, marked OFFICIAL-SENSITIVE, holding only what the core "
                "member's consent covered for them on the meeting date and has not withdrawn since. "
                "Internal notes are never included."
            )
        )
        layout.addWidget(self._build_recipients(), stretch=1)
        layout.addLayout(self._build_destination())
        self.progress = QProgressBar()
        self.progress.setObjectName("export.progress")
        self.progress.setAccessibleName("Export progress")
        self.progress.setVisible(False)
        layout.addWidget(self.progress)
        self.status = QLabel()
        self.status.setObjectName("export.status")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)
        layout.addWidget(self._build_printing())
        layout.addLayout(self._build_buttons())
        QShortcut(QKeySequence.StandardKey.Print, self, lambda: self.print_copy(preview=False))

    def _build_title(self) -> QLabel:
        self.title = QLabel()
        self.title.setObjectName("export.title")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        return self.title

    def _build_recipients(self) -> QGroupBox:
        group = QGroupBox("Recipients in the outer circle")
        self.recipient_area = QVBoxLayout()
        self.recipient_area.setSpacing(2)
        inner = QWidget()
        inner.setLayout(self.recipient_area)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        QVBoxLayout(group).addWidget(scroll)
        return group

    def _build_destination(self) -> QFormLayout:
        """Where the files go, and the optional password."""
        from circles_desktop.services.sharing.minutes_export import PASSWORD_RULE

        form = QFormLayout()
        self.folder = QLineEdit()
        self.folder.setObjectName("export.folder")
        self.folder.setAccessibleName("Folder to export to")
        self.choose_folder = QPushButton("Choose &folder…")
        self.choose_folder.setObjectName("export.choose_folder")
        self.choose_folder.clicked.connect(self.pick_folder)
        row = QHBoxLayout()
        row.addWidget(self.folder, stretch=1)
        row.addWidget(self.choose_folder)
        form.addRow(labelled("Save &to:", self.folder), row)
        self.pdf_password = PdfPassword("export", "Protect each PDF with a &password (AES-256)")
        self.pdf_password.add_rows(form)
        # The dialog's own names for the parts (tests and the lock reach them).
        self.protect, self.password_error = self.pdf_password.protect, self.pdf_password.error
        self.password, self.confirm = self.pdf_password.password, self.pdf_password.confirm
        self.password_note = Note(PASSWORD_RULE)
        form.addRow("", self.password_note)
        return form

    def _build_printing(self) -> QGroupBox:
        printing = QGroupBox("Print a copy")
        row = QHBoxLayout(printing)
        self.print_choice = QComboBox()
        self.print_choice.setObjectName("export.print_choice")
        self.print_choice.setAccessibleName("What to print")
        self.print_button = QPushButton("&Print…")
        self.print_button.setObjectName("export.print")
        self.print_button.clicked.connect(lambda: self.print_copy(preview=False))
        self.preview_button = QPushButton("Print pre&view…")
        self.preview_button.setObjectName("export.preview")
        self.preview_button.clicked.connect(lambda: self.print_copy(preview=True))
        row.addWidget(self.print_choice, stretch=1)
        row.addWidget(self.print_button)
        row.addWidget(self.preview_button)
        return printing

    def _build_buttons(self) -> QHBoxLayout:
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.export_button = QPushButton("&Export")
        self.export_button.setObjectName("export.start")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start_export)
        self.cancel_button = QPushButton("Close")
        self.cancel_button.setObjectName("export.cancel")
        self.cancel_button.clicked.connect(self.reject)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.cancel_button)
        return buttons

    # --- loading ---------------------------------------------------------------------------------
    def _load(self) -> None:
        from circles_desktop.services.sharing import minutes_export

        def work(s: Any) -> tuple[Any, list[Any]]:
            heading = minutes_export.meeting_heading(s, self.meeting_id)
            return heading, minutes_export.plan_recipients(s, self.meeting_id, self.today)

        outcome = load(self.state, work, show=SaidThrough(self._fail_load))
        if not outcome.ok:
            return
        self.heading_info, self.plans = outcome.value
        self.title.setText(f"Minutes of the {self.heading_info.text}")
        self.setWindowTitle(f"Export minutes: {self.heading_info.text}")
        self._fill_recipients()
        self.folder.setText(self._default_folder())

    def _fill_recipients(self) -> None:
        if not self.plans:
            self.recipient_area.addWidget(Note("This circle has no outer-circle members on the meeting date."))
        for plan in self.plans:
            r = plan.recipient
            box = QCheckBox(plan.display_name)
            box.setObjectName(f"export.recipient.{r.kind}.{r.id}")
            box.setAccessibleName(f"Export for {r.name}")
            box.setEnabled(plan.can_receive)
            box.setChecked(plan.can_receive)
            words = QLabel(plan.summary)
            words.setWordWrap(True)
            words.setContentsMargins(24, 0, 0, 6)
            words.setStyleSheet(tone_style("note") if plan.can_receive else tone_style("amber"))
            box.setToolTip(plan.summary)
            self.boxes[(r.kind, r.id)] = box
            self.recipient_area.addWidget(box)
            self.recipient_area.addWidget(words)
            if plan.can_receive:
                self.print_choice.addItem(f"Minutes for {r.name}", (r.kind, r.id))
        self.recipient_area.addStretch(1)
        self.print_choice.addItem("Meeting pack (coordinator and inner circle)", PACK)

    def _fail_load(self, message: str) -> None:
        self.title.setText("The minutes cannot be exported")
        self._set_status(message, error=True)
        for w in (self.export_button, self.print_button, self.preview_button):
            w.setEnabled(False)

    def _default_folder(self) -> str:
        saved = self.state.settings.value(FOLDER_KEY, "")
        if saved and Path(str(saved)).is_dir():
            return str(saved)
        from circles_desktop.store.paths import documents_folder

        return str(documents_folder())

    def pick_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Export the minutes to", self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    # --- exporting -------------------------------------------------------------------------------
    def chosen_plans(self) -> list[Any]:
        return [p for p in self.plans if p.can_receive and self.boxes[(p.recipient.kind, p.recipient.id)].isChecked()]

    def _set_status(self, text: str, error: bool = False, ok: bool = False) -> None:
        self.status.setStyleSheet(tone_style("error") if error else tone_style("good") if ok else "")
        self.status.setText(text)

    def _say_error(self, text: str) -> None:
        self._set_status(text, error=True)

    def start_export(self) -> None:
        if self.busy:
            return
        chosen = self.chosen_plans()
        if not chosen:
            self._set_status("Tick at least one recipient to export for.", error=True)
            return
        folder = self._chosen_folder()
        if folder is None:
            return
        checked, password = self.pdf_password.chosen()
        if not checked:
            return
        jobs = self._file_for_each(chosen, folder)
        self.state.settings.setValue(FOLDER_KEY, str(folder))
        self._cancel.clear()
        self._set_busy(True)
        self.progress.setRange(0, len(jobs))
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self._set_status(f"Exporting {plural(len(jobs), 'PDF')}…")
        in_background(self.state, self._export_work(jobs, password), self._finished, on_error=self._crashed)

    def _chosen_folder(self) -> Path | None:
        """The folder typed or chosen, if it exists and can be written to; otherwise says why."""
        folder = Path(self.folder.text().strip()).expanduser()
        if not self.folder.text().strip() or not folder.is_dir():
            self._set_status("Choose a folder that exists to save the PDFs in.", error=True)
            return None
        if not os.access(folder, os.W_OK):
            self._set_status(f"The folder {folder} cannot be written to. Choose another folder.", error=True)
            return None
        return folder

    def _file_for_each(self, chosen: list[Any], folder: Path) -> list[tuple[Any, Path]]:
        """Each recipient's file: never one that exists, and never the same twice in one run."""
        from circles_desktop.services.sharing import minutes_export

        info = self.heading_info
        jobs: list[tuple[Any, Path]] = []
        taken: set[str] = set()
        for plan in chosen:
            name = minutes_export.minutes_file_name(info.kind, info.held_on, plan.recipient.name)
            path = minutes_export.unique_path(folder, name)
            n = 2
            while path.name in taken:  # two recipients with the same name in one run
                path = minutes_export.unique_path(folder, f"{Path(name).stem} ({n}).pdf")
                n += 1
            taken.add(path.name)
            jobs.append((plan.recipient, path))
        return jobs

    def _export_work(self, jobs: list[tuple[Any, Path]], password: str | None) -> Callable[[], ExportOutcome]:
        """Worker-side: one recipient at a time, each committed whole by the service (as the command line
        does), stopping between recipients when cancelled or at the first failure."""
        from circles_desktop.services.sharing import minutes_export

        state, meeting_id, today, cancel, progress = (
            self.state,
            self.meeting_id,
            self.today,
            self._cancel,
            self._progress,
        )

        def work() -> ExportOutcome:
            outcome = ExportOutcome(total=len(jobs))
            for done, (recipient, path) in enumerate(jobs):
                if cancel.is_set():
                    outcome.cancelled = True
                    break
                progress.step.emit(done, len(jobs), recipient.name)
                try:
                    result = minutes_export.export_minutes_file(
                        open_database(state), meeting_id, recipient, path, password, today, should_stop=cancel.is_set
                    )
                except Exception as exc:  # reported with what was already written
                    outcome.error, outcome.failed_for = exc, recipient.name
                    break
                if result is None:
                    outcome.cancelled = True
                    break
                outcome.written.append(result)
            progress.step.emit(len(outcome.written), len(jobs), "")
            return outcome

        return work

    def _show_step(self, done: int, total: int, who: str) -> None:
        self.progress.setValue(done)
        if who and not self._cancel.is_set():
            self._set_status(f"Exporting {done + 1} of {total}: {who}…")

    def cancel_export(self) -> None:
        if self.busy:
            self._cancel.set()
            self._set_status("Cancelling: stopping before the next recipient…")

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for w in (self.export_button, self.print_button, self.preview_button, self.choose_folder, self.folder):
            w.setEnabled(not busy)
        for box, plan in zip(self.boxes.values(), self.plans, strict=False):
            box.setEnabled(not busy and plan.can_receive)
        self.cancel_button.setText("Cancel" if busy else "Close")

    def _finished(self, outcome: ExportOutcome) -> None:
        self._set_busy(False)
        self.last_outcome = outcome
        n = len(outcome.written)
        files = "".join(f"\n  {r.path.name}" for r in outcome.written)
        where = outcome.written[0].path.parent if outcome.written else Path(self.folder.text())
        if outcome.error is not None:
            self._set_status(
                f"Exported {n} of {outcome.total}. The PDF for {outcome.failed_for} could not be written: "
                f"{describe(outcome.error)} Nothing was left half-written; the rest were not exported.{files}",
                error=True,
            )
        elif outcome.cancelled:
            self._set_status(f"Cancelled. {n} of {outcome.total} exported to {where}; no partial file left.{files}")
        else:
            note = " Give the password to each recipient separately." if self.protect.isChecked() else ""
            self._set_status(
                f"Exported {plural(n, 'PDF')} to {where}, each recorded in the register of shared "
                f"documents.{note}{files}",
                ok=True,
            )
        self.pdf_password.forget()

    def _crashed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self._set_status(describe(exc), error=True)

    # --- printing --------------------------------------------------------------------------------
    def print_copy(self, preview: bool = False) -> None:
        """Read the chosen document here; build it, and print it, in the background (a preview paints the
        built bytes here, as Qt's preview asks)."""
        if self.busy:
            return
        choice = self.print_choice.currentData()
        if choice is None:
            return
        read = load(self.state, self._print_copy_of(choice), show=SaidThrough(self._say_error, "Nothing was printed: "))
        if not read.ok:
            return
        copy: PrintCopy = read.value
        self._set_busy(True)
        if preview:
            self._set_status("Preparing the document to print…")
            in_background(
                self.state, copy.build, lambda data: self._preview_built(copy, data), on_error=self._not_printed
            )
            return
        self._set_status(f"Printing {copy.what}…")
        self.print_job = print_pdf.print_pdf(
            self.state.background,
            self,
            copy.build,
            copy.title,
            self.make_printer(copy.title),
            on_printed=lambda data: self._record_print(copy, data),
            on_error=self._not_printed,
        )
        if self.print_job is None:
            self._nothing_printed()
        else:
            self.print_job.nothing_printed.connect(self._nothing_printed)

    def _print_copy_of(self, choice: Any) -> Callable[[Any], PrintCopy]:
        """The work that reads the meeting pack, or one recipient's minutes, for printing."""
        from circles_desktop.services.sharing import minutes_export, pack_content

        meeting_id, today = self.meeting_id, self.today
        if choice == PACK:

            def read_pack(s: Any) -> PrintCopy:
                from circles_desktop.reports.meeting_pack import build_meeting_pack

                content = pack_content.meeting_pack_content(s, meeting_id, today)
                return PrintCopy(
                    lambda: build_meeting_pack(content),
                    f"Meeting pack {self.heading_info.held_on:%Y-%m-%d}",
                    lambda s, data: pack_content.record_meeting_pack_print(s, meeting_id, data),
                    "the meeting pack",
                )

            return read_pack
        plan = next(p for p in self.plans if (p.recipient.kind, p.recipient.id) == tuple(choice))

        def read_minutes(s: Any) -> PrintCopy:
            prepared = minutes_export.prepare(s, meeting_id, plan.recipient, today)
            return PrintCopy(
                lambda: minutes_export.build(prepared),
                Path(prepared.file_name).stem,
                lambda s, data: minutes_export.record_print(s, prepared, data),
                f"the minutes for {plan.recipient.name}",
            )

        return read_minutes

    def make_printer(self, title: str) -> QPrinter:
        """The printer to use (tests replace this with a PDF printer)."""
        return print_pdf.make_printer(title)

    def _preview_built(self, copy: PrintCopy, data: bytes) -> None:
        try:
            printed = print_pdf.preview_pdf(self, data, copy.title, self.make_printer(copy.title))
        except Exception as exc:  # the preview paints on this thread; a page that cannot be drawn lands here
            self._not_printed(exc)
            return
        if printed:
            self._record_print(copy, data)
        else:
            self._nothing_printed()

    def _record_print(self, copy: PrintCopy, data: bytes) -> None:
        self._set_busy(False)
        not_recorded = SaidThrough(self._say_error, "Printed, but the print could not be recorded: ")
        if write(self.state, lambda s: copy.record(s, data), show=not_recorded).ok:
            self._set_status(f"Printed {copy.what}; recorded in the register of shared documents.", ok=True)

    def _nothing_printed(self) -> None:
        self._set_busy(False)
        self._set_status("Nothing was printed.")

    def _not_printed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self._set_status(f"Nothing was printed: {describe(exc)}", error=True)

    # --- closing ---------------------------------------------------------------------------------
    def reject(self) -> None:
        if self.busy:
            self.cancel_export()  # Cancel (or Escape) during an export stops it; the dialog stays open
            return
        self.pdf_password.forget()
        super().reject()

    def _on_lock(self) -> None:
        self._cancel.set()
        self.pdf_password.forget()
        if not self.busy:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        if self.busy:
            self.cancel_export()
            event.ignore()
            return
        super().closeEvent(event)


def open_export_dialog(state: AppState, meeting_id: int, parent: QWidget | None = None) -> ExportMinutesDialog:
    """For the meeting screen's "Export minutes…" action."""
    dialog = ExportMinutesDialog(state, meeting_id, parent)
    dialog.open()
    return dialog
