"""The professional part of the person form: the jobs they hold (organisation and job title), a line
to record a new one, and ending the one selected.

Like the volunteer section it only gathers values and shows messages; the person form saves a new job
in the same unit of work as the person (see person_editor.PersonEditor.save).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from circles_desktop.services.common.words import uk_date
from circles_desktop.ui.common.forms import DateField
from circles_desktop.ui.common.lists.tables import fill_table, form_table
from circles_desktop.ui.common.widgets import FieldMessage, labelled, with_message

NO_ORGANISATION = "— choose an organisation —"


class ProfessionalSection(QGroupBox):
    """The jobs a professional holds, and a line to record a new one (or end the one selected)."""

    changed = Signal()
    end_requested = Signal(int, object)  # role id, end date

    def __init__(self) -> None:
        super().__init__("Professional")
        self.setObjectName("person.professional")
        self.roles: list[Any] = []
        self._loading = False
        self._build_fields()
        self.messages = {
            key: FieldMessage(f"{what} error")
            for key, what in (
                ("professional.organisation", "Organisation"),
                ("professional.job_title", "Job title"),
                ("professional.ended_on", "End date"),
            )
        }
        self._lay_out()
        for signal in (self.organisation.currentIndexChanged, self.job_title.textEdited, self.started_on.dateChanged):
            signal.connect(self._changed)
        self.end_button.clicked.connect(self._end)

    def _build_fields(self) -> None:
        self.roles_table = form_table(["Organisation", "Job title", "Started", "Ended"], "Jobs recorded")
        self.organisation = QComboBox()
        self.organisation.setObjectName("professional.organisation")
        self.organisation.setAccessibleName("Organisation of the new job")
        self.job_title = QLineEdit()
        self.job_title.setObjectName("professional.job_title")
        self.job_title.setAccessibleName("Job title of the new job")
        self.job_title.setPlaceholderText("e.g. Probation officer")
        self.started_on = DateField(optional=True)
        self.started_on.setObjectName("professional.started_on")
        self.started_on.setAccessibleName("Start date of the new job")
        self.ended_on = DateField(optional=True)
        self.ended_on.setObjectName("professional.ended_on")
        self.ended_on.setAccessibleName("End date for the selected job")
        self.end_button = QPushButton("End selected job")
        self.end_button.setObjectName("professional.end")
        self.end_button.setAutoDefault(False)
        self.heading = QLabel("<b>New job</b> — needed until they are recorded at an organisation:")
        self.heading.setWordWrap(True)

    def _lay_out(self) -> None:
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.roles_table)
        self.end_row = QWidget()
        end = QHBoxLayout(self.end_row)
        end.setContentsMargins(0, 0, 0, 0)
        end.addWidget(QLabel("Job ended on:"))
        end.addWidget(self.ended_on)
        end.addWidget(self.end_button)
        end.addStretch(1)
        form.addRow(self.end_row)
        form.addRow(self.messages["professional.ended_on"])
        form.addRow(self.heading)
        for key, text, widget in (
            ("professional.organisation", "&Organisation *", self.organisation),
            ("professional.job_title", "&Job title *", self.job_title),
        ):
            form.addRow(labelled(text, widget), with_message(widget, self.messages[key]))
        form.addRow("Started", self.started_on)

    def _changed(self, *_args: object) -> None:
        if not self._loading:
            self.changed.emit()

    # --- values --------------------------------------------------------------------------------
    def set_organisations(self, options: Sequence[tuple[int, str]]) -> None:
        """(id, label) of every organisation for the new job; keeps the current choice if still there."""
        current = self.organisation.currentData()
        was, self._loading = self._loading, True
        try:
            self.organisation.clear()
            self.organisation.addItem(NO_ORGANISATION, None)
            for org_id, text in options:
                self.organisation.addItem(text, org_id)
            index = self.organisation.findData(current) if current is not None else 0
            self.organisation.setCurrentIndex(max(0, index))
        finally:
            self._loading = was

    def load(self, roles: Sequence[Any]) -> None:
        self.roles = list(roles)
        fill_table(
            self.roles_table,
            [(r.organisation.name, r.job_title, uk_date(r.started_on), uk_date(r.ended_on)) for r in self.roles],
            empty="No job recorded yet",
        )
        self.end_row.setVisible(self.has_current_job)
        self.clear_new_entry()

    def clear_new_entry(self) -> None:
        was, self._loading = self._loading, True
        try:
            self.organisation.setCurrentIndex(0)
            self.job_title.clear()
            self.started_on.set_value(None)
            self.ended_on.set_value(None)
        finally:
            self._loading = was

    @property
    def has_current_job(self) -> bool:
        return any(r.ended_on is None for r in self.roles)

    def new_role(self) -> tuple[int | None, str, date | None] | None:
        """(organisation id, job title, started) when a job is being added (or must be, having none)."""
        org, title, started = self.organisation.currentData(), self.job_title.text().strip(), self.started_on.value()
        if org is None and not title and started is None and self.has_current_job:
            return None
        return org, title, started

    def _end(self) -> None:
        message = self.messages["professional.ended_on"]
        message.clear_message()
        row = self.roles_table.currentRow()
        if not (0 <= row < len(self.roles)):
            current = [r for r in self.roles if r.ended_on is None]
            if len(current) != 1:
                message.show_message("Select the job that has ended in the list.")
                return
            role = current[0]
        else:
            role = self.roles[row]
        ended = self.ended_on.value()
        if ended is None:
            message.show_message("Enter the date the job ended.")
            return
        self.end_requested.emit(role.id, ended)
