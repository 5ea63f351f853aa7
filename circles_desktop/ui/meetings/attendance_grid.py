"""Who came to a meeting: everyone in the circle on the meeting date, inner ring then outer, each
marked present, sent apologies or absent with radio buttons, and the role each took at this meeting
(roles are reflexive: they can change from meeting to meeting). Choices not yet saved are kept by
member id, so they survive a lock (names are read again from the database after unlocking)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from circles_desktop.models.vocab import AttendanceStatus, Ring, label
from circles_desktop.services.meetings.meetings import MEETING_ROLES
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.operations import load, write
from circles_desktop.ui.common.widgets import FieldMessage, Note, tone_style

STATUSES = (AttendanceStatus.PRESENT.value, AttendanceStatus.APOLOGIES.value, AttendanceStatus.ABSENT.value)
STATUS_WORDS = {"present": "&Present", "apologies": "Apo&logies", "absent": "A&bsent"}


class _Row:
    def __init__(self, member_id: int, name: str, ring: str, role: str) -> None:
        self.member_id = member_id
        self.name = QLabel(name)
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.role = QLabel(label(role))
        self.role.setStyleSheet(tone_style("note"))
        self.group = QButtonGroup()
        self.group.setExclusive(True)
        self.buttons: dict[str, QRadioButton] = {}
        for status in STATUSES:
            button = QRadioButton(STATUS_WORDS[status].replace("&", ""))
            button.setAccessibleName(f"{name}: {label(status).lower()}")
            button.setObjectName(f"attendance.{member_id}.{status}")
            self.group.addButton(button)
            self.buttons[status] = button
        self.meeting_role = QComboBox()
        self.meeting_role.setEditable(True)
        self.meeting_role.addItems(["", *MEETING_ROLES])
        self.meeting_role.setObjectName(f"attendance.{member_id}.role")
        self.meeting_role.setAccessibleName(f"{name}: role at this meeting")
        self.meeting_role.setToolTip("The part they took at this meeting (only for someone present)")
        self.meeting_role.setMinimumContentsLength(14)
        self.error = FieldMessage(f"Attendance of {name}: error")
        self.error.setObjectName(f"attendance.{member_id}.error")

    def role_text(self) -> str:
        return self.meeting_role.currentText().strip() if self.status() == AttendanceStatus.PRESENT else ""

    def set_role(self, role: str) -> None:
        self.meeting_role.blockSignals(True)
        self.meeting_role.setEditText(role)
        self.meeting_role.blockSignals(False)
        self.meeting_role.setEnabled(self.status() == AttendanceStatus.PRESENT)

    def status(self) -> str | None:
        for status, button in self.buttons.items():
            if button.isChecked():
                return status
        return None

    def set_status(self, status: str | None) -> None:
        if status is None:
            self.group.setExclusive(False)  # an exclusive group cannot be cleared
            for button in self.buttons.values():
                button.setChecked(False)
            self.group.setExclusive(True)
        elif status in self.buttons:
            self.buttons[status].setChecked(True)


class AttendanceGrid(QWidget):
    """The attendance of one meeting; `saved` after each successful save."""

    saved = Signal()

    def __init__(self, state: AppState, meeting_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.meeting_id = meeting_id
        self.setObjectName("attendance")
        self.setAccessibleName("Attendance")
        self.rows: dict[int, _Row] = {}
        self.pending: dict[int, str | None] = {}  # unsaved choices, by member id
        self.pending_roles: dict[int, str] = {}  # unsaved roles at this meeting, by member id
        self._loading = False

        heading = QLabel("<h3>Attendance</h3>")
        self.intro = Note(
            "Everyone in the circle on the meeting date, inner circle first, and the role each person present "
            "took at this meeting."
        )
        self.grid_host = QWidget()
        self.grid_host.setObjectName("attendance.grid")
        self.grid_host.setAccessibleName("Attendance grid")
        self.grid = QGridLayout(self.grid_host)
        self.grid.setHorizontalSpacing(14)
        self.grid.setVerticalSpacing(2)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.grid_host)
        scroll.setFrameShape(QScrollArea.Shape.StyledPanel)

        self.mark_all = QPushButton("Mark all p&resent")
        self.mark_all.setObjectName("attendance.mark_all")
        self.mark_all.setAccessibleName("Mark everyone present")
        self.save_button = QPushButton("Save &attendance")
        self.save_button.setObjectName("attendance.save")
        self.save_button.setAccessibleName("Save attendance (Ctrl+S)")
        self.summary = QLabel()
        self.summary.setObjectName("attendance.summary")
        self.summary.setAccessibleName("Attendance summary")
        self.general_error = FieldMessage("Attendance error")
        self.general_error.setObjectName("attendance.error")

        buttons = QHBoxLayout()
        buttons.addWidget(self.mark_all)
        buttons.addWidget(self.save_button)
        buttons.addSpacing(8)
        buttons.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(self.intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.general_error)
        layout.addLayout(buttons)

        self.mark_all.clicked.connect(self.mark_all_present)
        self.save_button.clicked.connect(self.save)

    # --- loading ---------------------------------------------------------------------------------
    def reload(self) -> None:
        from circles_desktop.services.meetings import meetings

        ok, rows = load(self.state, lambda s: meetings.attendance_grid(s, self.meeting_id), show=self.general_error)
        if not ok:
            self._drop_rows()
            return
        self.general_error.clear_message()
        self._fill(rows)

    def _fill(self, rows: Sequence) -> None:
        self._clear_grid()
        self._loading = True
        r = 0
        current_ring = None
        for row in rows:
            if row.ring != current_ring:
                current_ring = row.ring
                ring_label = QLabel(f"<b>{'Inner circle' if row.ring == Ring.INNER else 'Outer circle'}</b>")
                ring_label.setContentsMargins(0, 6 if r else 0, 0, 2)
                self.grid.addWidget(ring_label, r, 0, 1, 6)
                r += 1
            line = _Row(row.member_id, row.name, row.ring, row.role)
            self.rows[row.member_id] = line
            self.grid.addWidget(line.name, r, 0)
            self.grid.addWidget(line.role, r, 1)
            for c, status in enumerate(STATUSES):
                self.grid.addWidget(line.buttons[status], r, 2 + c)
            self.grid.addWidget(line.meeting_role, r, 5)
            self.grid.addWidget(line.error, r + 1, 0, 1, 7)
            line.set_status(self.pending.get(row.member_id, row.status))
            line.set_role(self.pending_roles.get(row.member_id, row.meeting_role))
            line.group.buttonToggled.connect(partial(self._toggled, row.member_id))
            line.meeting_role.editTextChanged.connect(partial(self._role_changed, row.member_id))
            r += 2
        self.grid.setColumnStretch(6, 1)  # spare width after the buttons, so they sit by the names
        self.grid.setRowStretch(r, 1)
        if not rows:
            empty = Note("No one was in the circle on this date.")
            self.grid.addWidget(empty, 0, 0, 1, 5)
        self._loading = False
        self._set_tab_order()
        self._update_summary()

    def _set_tab_order(self) -> None:
        previous: QWidget | None = None
        for line in self.rows.values():
            for widget in (*line.buttons.values(), line.meeting_role):
                if previous is not None:
                    QWidget.setTabOrder(previous, widget)
                previous = widget
        if previous is not None:
            QWidget.setTabOrder(previous, self.mark_all)
        QWidget.setTabOrder(self.mark_all, self.save_button)

    def _clear_grid(self) -> None:
        self.rows.clear()
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        for r in range(self.grid.rowCount()):
            self.grid.setRowStretch(r, 0)

    def forget(self) -> None:
        """On lock: drop names and recorded attendance; keep the unsaved choices (ids only)."""
        self._drop_rows()
        self.general_error.clear_message()

    def _drop_rows(self) -> None:
        self._clear_grid()
        self.summary.clear()

    # --- choosing --------------------------------------------------------------------------------
    def _toggled(self, member_id: int, _button: QAbstractButton, on: bool) -> None:
        if on:
            self._chosen(member_id)

    def _chosen(self, member_id: int) -> None:
        if self._loading:
            return
        line = self.rows[member_id]
        self.pending[member_id] = line.status()
        line.meeting_role.setEnabled(line.status() == AttendanceStatus.PRESENT)
        self._update_summary()

    def _role_changed(self, member_id: int, text: str) -> None:
        if not self._loading:
            self.pending_roles[member_id] = text.strip()
            self._update_summary()

    def set_role(self, member_id: int, role: str) -> None:
        """Give a member present a role at this meeting (as typing it would)."""
        self.rows[member_id].meeting_role.setEditText(role)

    def mark_all_present(self) -> None:
        for member_id, line in self.rows.items():
            line.set_status(AttendanceStatus.PRESENT.value)
            line.meeting_role.setEnabled(True)
            self.pending[member_id] = AttendanceStatus.PRESENT.value
        self._update_summary()

    def set_status(self, member_id: int, status: str | None) -> None:
        """Choose a status for one member (as clicking its radio button would)."""
        self.rows[member_id].set_status(status)
        self._chosen(member_id)
        self.pending[member_id] = status

    def statuses(self) -> dict[int, str | None]:
        return {member_id: line.status() for member_id, line in self.rows.items()}

    @property
    def is_dirty(self) -> bool:
        return bool(self.pending or self.pending_roles)

    def _update_summary(self) -> None:
        counts = {s: 0 for s in STATUSES}
        missing = 0
        for line in self.rows.values():
            status = line.status()
            if status is None:
                missing += 1
            else:
                counts[status] += 1
        text = f"{counts['present']} present, {counts['apologies']} apologies, {counts['absent']} absent"
        if missing:
            text += f"; {missing} not recorded"
        if self.is_dirty:
            text += " — not saved yet"
        self.summary.setText(text)

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt's name): Ctrl+S saves attendance
        if event.matches(QKeySequence.StandardKey.Save):
            event.accept()
            self.save()
        else:
            super().keyPressEvent(event)

    # --- saving ----------------------------------------------------------------------------------
    def save(self) -> bool:
        from circles_desktop.services.meetings import meetings

        statuses = self.statuses()
        statuses.update({m: s for m, s in self.pending.items() if m not in statuses})
        roles = {m: line.role_text() for m, line in self.rows.items()}
        roles.update({m: r for m, r in self.pending_roles.items() if m not in roles})
        for line in self.rows.values():
            line.error.clear_message()
        self.general_error.clear_message()
        if not write(self.state, lambda s: meetings.set_attendance(s, self.meeting_id, statuses, roles), show=self).ok:
            return False
        self.pending.clear()
        self.pending_roles.clear()
        self._update_summary()
        self.summary.setText(self.summary.text() + " — saved")
        self.saved.emit()
        return True

    def show_errors(self, errors: Mapping[str, str]) -> None:
        general = []
        for key, message in errors.items():
            member_id = int(key.split(":", 1)[1]) if key.startswith("member:") else None
            if member_id is not None and member_id in self.rows:
                self.rows[member_id].error.show_message(message)
            else:
                general.append(message)
        self.general_error.show_message("\n".join(general))

    def error_text(self, member_id: int) -> str:
        line = self.rows.get(member_id)
        return line.error.text() if line is not None and not line.error.isHidden() else ""
