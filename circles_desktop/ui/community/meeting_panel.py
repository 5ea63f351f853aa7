"""One meeting of a Community Circle, beside the list of meetings: its guide when it is one of the three
the connector supports (the focus, ticked through step by step, and the connector's attendance), who
came and the role each took (the meeting screens' own attendance grid), reflecting on action with the
simple prompts, and its actions (the meeting screens' own actions panel, where an owner must have
offered to take an action on)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from circles_desktop.models.vocab import AttendanceStatus, label
from circles_desktop.services.community.first_meetings import FOCUS
from circles_desktop.services.community.reflections import PROMPTS
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.buttons import button
from circles_desktop.ui.common.forms import text_box
from circles_desktop.ui.common.operations import load, write
from circles_desktop.ui.common.widgets import FieldMessage, Note
from circles_desktop.ui.meetings.actions_model import ActionsModel
from circles_desktop.ui.meetings.actions_panel import ActionsPanel
from circles_desktop.ui.meetings.attendance_grid import AttendanceGrid

if TYPE_CHECKING:
    from circles_desktop.services.community.first_meetings import SupportedRow


class GuidePanel(QWidget):
    """Which of the three supported meetings this is, its focus to tick through, and the connector's attendance."""

    changed = Signal()

    def __init__(self, state: AppState) -> None:
        super().__init__()
        self.state = state
        self.meeting_id: int | None = None
        self.number = QComboBox()
        self.number.setObjectName("guide.number")
        self.number.setAccessibleName("Supported meeting")
        self.number.addItem("Not one of the three supported meetings", None)
        for n, focus in FOCUS.items():
            self.number.addItem(f"Supported meeting {n} of 3: {focus.title.lower()}", n)
        self.title = QLabel()
        self.title.setObjectName("guide.title")
        self.title.setWordWrap(True)
        self.connector = QComboBox()
        self.connector.setObjectName("guide.connector")
        self.connector.setAccessibleName("The connector's attendance")
        self.connector.addItem("— not recorded —", None)
        for status in AttendanceStatus:
            self.connector.addItem(label(status), status.value)
        self.steps_box = QVBoxLayout()
        self.boxes: dict[str, QCheckBox] = {}
        self.error = FieldMessage("Guide error")
        self.error.setObjectName("guide.error")
        form = QFormLayout()
        form.addRow("This meeting &is:", self.number)
        form.addRow("The c&onnector:", self.connector)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.title)
        layout.addLayout(self.steps_box)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.number.currentIndexChanged.connect(lambda _i: self._mark())
        self.connector.currentIndexChanged.connect(lambda _i: self._connector())

    def show_row(self, meeting_id: int, row: SupportedRow | None, writable: bool) -> None:
        self.meeting_id = meeting_id
        self.error.clear_message()
        for box in self.boxes.values():
            self.steps_box.removeWidget(box)
            box.deleteLater()
        self.boxes = {}
        self.number.blockSignals(True)  # showing what is recorded is not a change
        self.number.setCurrentIndex(max(self.number.findData(row.number if row else None), 0))
        self.number.blockSignals(False)
        self.number.setEnabled(writable)
        self.connector.setVisible(row is not None)
        if row is None:
            self.title.setText("The connector supports the circle's first three meetings; mark this one if it is one.")
            return
        self.title.setText(f"<b>The focus: {row.title}</b> ({row.ticked} of {len(row.steps)} ticked)")
        self.connector.blockSignals(True)
        self.connector.setCurrentIndex(max(self.connector.findData(row.connector_attendance), 0))
        self.connector.blockSignals(False)
        self.connector.setEnabled(writable)
        for step in row.steps:
            box = QCheckBox(step.text)
            box.setObjectName(f"guide.{step.code}")
            box.setChecked(step.ticked)
            box.setEnabled(writable)
            box.toggled.connect(lambda on, code=step.code: self._tick(code, on))
            self.steps_box.addWidget(box)
            self.boxes[step.code] = box

    def _mark(self) -> None:
        from circles_desktop.services.community import first_meetings

        meeting_id, number = self.meeting_id, self.number.currentData()
        if meeting_id is None:
            return

        def work(s: Any) -> None:
            if number is None:
                first_meetings.unmark(s, meeting_id)
            else:
                first_meetings.mark_supported(s, meeting_id, number)

        self._write(work)

    def _tick(self, code: str, on: bool) -> None:
        from circles_desktop.services.community import first_meetings

        meeting_id = self.meeting_id
        if meeting_id is not None:
            self._write(lambda s: first_meetings.tick(s, meeting_id, code, on))

    def _connector(self) -> None:
        from circles_desktop.services.community import first_meetings

        meeting_id, status = self.meeting_id, self.connector.currentData()
        if meeting_id is not None:
            self._write(lambda s: first_meetings.connector_attended(s, meeting_id, status))

    def _write(self, work: Any) -> None:
        if write(self.state, work, show=self.error).ok:
            self.changed.emit()  # the screen reads again, and this panel with it


class ReflectionPanel(QWidget):
    """What worked, what did not, what next: the answers kept with the meeting."""

    changed = Signal()

    def __init__(self, state: AppState) -> None:
        super().__init__()
        self.state = state
        self.meeting_id: int | None = None
        self.boxes: dict[str, QPlainTextEdit] = {}
        self.messages: dict[str, FieldMessage] = {}
        form = QFormLayout()
        for key, prompt, asks in PROMPTS:
            box = text_box(70)
            box.setObjectName(f"reflection.{key}")
            box.setAccessibleName(prompt)
            box.setPlaceholderText(asks)
            message = FieldMessage(f"{prompt} error")
            holder = QWidget()
            column = QVBoxLayout(holder)
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(box)
            column.addWidget(message)
            form.addRow(f"<b>{prompt}</b>", holder)
            self.boxes[key], self.messages[key] = box, message
        self.error = FieldMessage("Reflection error")
        self.error.setObjectName("reflection.error")
        self.save_button = button("Save the reflec&tion", "reflection.save")
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(Note("Reflect on action together: simple prompts keep the circle on task."))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(row)
        layout.addStretch(1)
        self.save_button.clicked.connect(self.save)
        self._saved: tuple[str, ...] = ()

    def show_meeting(self, meeting_id: int, writable: bool) -> None:
        from circles_desktop.services.community import reflections

        self.meeting_id = meeting_id
        ok, answers = load(self.state, lambda s: reflections.reflection(s, meeting_id), show=self.error)
        if not ok:
            return
        for key, box in self.boxes.items():
            box.setPlainText(getattr(answers, key))
            box.setReadOnly(not writable)
        self.save_button.setEnabled(writable)
        self._saved = self._texts()
        self.show_errors({})

    def _texts(self) -> tuple[str, ...]:
        return tuple(self.boxes[key].toPlainText() for key, _, _ in PROMPTS)

    @property
    def is_dirty(self) -> bool:
        return self.meeting_id is not None and self._texts() != self._saved

    def save(self) -> bool:
        from circles_desktop.services.community import reflections

        meeting_id = self.meeting_id
        if meeting_id is None:
            return False
        answers = reflections.Reflection(meeting_id, *self._texts())
        ok = write(self.state, lambda s: reflections.save_reflection(s, meeting_id, answers), show=self).ok
        if ok:
            self._saved = self._texts()
            self.changed.emit()
        return ok

    def show_errors(self, errors: Any) -> None:
        rest = dict(errors)
        for key, message in self.messages.items():
            message.show_message(rest.pop(key, ""))
        self.error.show_message("\n".join(rest.values()))


class MeetingPanel(QWidget):
    """The chosen meeting's guide, attendance and roles, reflection and actions."""

    changed = Signal()

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.meeting_id: int | None = None
        self.circle_id: int | None = None
        self.meeting_date: date | None = None
        self.writable = False
        self.setObjectName("community.meeting_panel")
        self.heading = QLabel()
        self.heading.setObjectName("community.meeting_heading")
        self.guide = GuidePanel(state)
        self.reflection = ReflectionPanel(state)
        self.attendance: AttendanceGrid | None = None
        self.actions_panel: ActionsPanel | None = None
        self.tabs = QTabWidget()
        self.tabs.setObjectName("community.meeting_tabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.guide, "Guide")
        self.tabs.addTab(QWidget(), "Who came and their roles")
        self.tabs.addTab(self.reflection, "Reflecting on action")
        self.tabs.addTab(QWidget(), "Actions")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs, 1)
        self.guide.changed.connect(self.changed.emit)
        self.reflection.changed.connect(self.changed.emit)
        self.show_meeting(None)

    def show_meeting(
        self,
        meeting_id: int | None,
        circle_id: int | None = None,
        meeting_date: date | None = None,
        supported: int | None = None,
        writable: bool = False,
    ) -> None:
        """Show one meeting (None: none chosen). The attendance grid and actions panel are the meeting
        screens' own, made for each meeting."""
        same = meeting_id is not None and meeting_id == self.meeting_id
        self.meeting_id, self.circle_id, self.meeting_date, self.writable = (
            meeting_id,
            circle_id,
            meeting_date,
            writable,
        )
        self.tabs.setEnabled(meeting_id is not None)
        if meeting_id is None or circle_id is None:
            self.heading.setText("<i>Choose a meeting in the list.</i>")
            return
        self.heading.setText(f"<b>Supported meeting {supported} of 3</b>" if supported else "<b>Meeting</b>")
        if not same:
            self._replace_parts(meeting_id)
        self.reload()

    def _replace_parts(self, meeting_id: int) -> None:
        self.attendance = AttendanceGrid(self.state, meeting_id)
        self.attendance.saved.connect(self.changed.emit)
        self.actions_panel = ActionsPanel(self.state, meeting_id)
        self.actions_panel.changed.connect(self.changed.emit)
        _narrow_columns(self.actions_panel)
        current = self.tabs.currentIndex()
        for index, widget, title in (
            (1, self.attendance, "Who came and their roles"),
            (3, self.actions_panel, "Actions"),
        ):
            old = self.tabs.widget(index)
            self.tabs.removeTab(index)
            if old is not None:
                old.deleteLater()
            self.tabs.insertTab(index, widget, title)
        self.tabs.setCurrentIndex(current)

    def reload(self) -> None:
        from circles_desktop.services.community import first_meetings

        meeting_id, circle_id = self.meeting_id, self.circle_id
        if meeting_id is None or circle_id is None:
            return
        ok, rows = load(self.state, lambda s: first_meetings.supported_meetings(s, circle_id), show=self.guide.error)
        row = next((r for r in rows if r.meeting_id == meeting_id), None) if ok else None
        self.guide.show_row(meeting_id, row, self.writable)
        if self.attendance is not None:
            self.attendance.reload()
        if self.actions_panel is not None:
            self.actions_panel.set_meeting(circle_id, self.meeting_date)
            self.actions_panel.reload()
        if not self.reflection.is_dirty:
            self.reflection.show_meeting(meeting_id, self.writable)

    def can_leave(self) -> bool:
        """True when nothing is unsaved, or the coordinator saved or discarded it; False to stay."""
        from PySide6.QtWidgets import QMessageBox

        from circles_desktop.ui.common.dialogs import ask_save_discard

        attendance_dirty = self.attendance is not None and self.attendance.is_dirty
        if not (self.reflection.is_dirty or attendance_dirty):
            return True
        answer = ask_save_discard(self, "This meeting's attendance or reflection has changes that are not saved.")
        if answer == QMessageBox.StandardButton.Save:
            saved = not self.reflection.is_dirty or self.reflection.save()
            return saved and (self.attendance is None or not self.attendance.is_dirty or self.attendance.save())
        if answer == QMessageBox.StandardButton.Discard:
            self.reflection.meeting_id = None  # what was typed is let go, as asked
            if self.attendance is not None:
                self.attendance.pending.clear()
                self.attendance.pending_roles.clear()
            return True
        return False


# This panel is half the width of the meeting screen the actions table was laid out for: its fixed
# columns took all the room and squeezed each action's words to a letter a line. Here the words come first.
_NARROW_WIDTHS = ((ActionsModel.COL_OWNER, 150), (ActionsModel.COL_DUE, 100), (ActionsModel.COL_STATUS, 80))


def _narrow_columns(panel: ActionsPanel) -> None:
    header = panel.table.horizontalHeader()
    header.setSectionResizeMode(ActionsModel.COL_BARRIER, QHeaderView.ResizeMode.Interactive)
    header.resizeSection(ActionsModel.COL_BARRIER, 90)
    for col, width in _NARROW_WIDTHS:
        header.resizeSection(col, width)
