"""Actions agreed at a meeting: who does what by when, open / done / blocked (with the barrier).
Overdue actions say so in words as well as in colour."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from circles_desktop.models.vocab import ActionStatus, Category
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.dialogs import confirm
from circles_desktop.ui.common.forms import DateField, RecordForm, combo
from circles_desktop.ui.common.messages import field_errors
from circles_desktop.ui.common.operations import in_session
from circles_desktop.ui.common.widgets import FieldMessage, Note
from circles_desktop.ui.meetings.minutes_tags import CHOICE_TEXT, swatch

DISPLAY_ROLE = Qt.ItemDataRole.DisplayRole
TOOLTIP_ROLE = Qt.ItemDataRole.ToolTipRole
FOREGROUND_ROLE = Qt.ItemDataRole.ForegroundRole
BACKGROUND_ROLE = Qt.ItemDataRole.BackgroundRole
FONT_ROLE = Qt.ItemDataRole.FontRole
ACCESSIBLE_ROLE = Qt.ItemDataRole.AccessibleTextRole
HORIZONTAL = Qt.Orientation.Horizontal
AnyIndex = QModelIndex | QPersistentModelIndex

STATUS_WORDS = {"open": "Open", "done": "Done", "blocked": "Blocked"}
OVERDUE_FG = QBrush(QColor("#b00020"))
OVERDUE_BG = QBrush(QColor("#fdecea"))
BLOCKED_FG = QBrush(QColor("#8d4e00"))
DONE_FG = QBrush(QColor("#555555"))
_BOLD = QFont()
_BOLD.setBold(True)


def uk(d: date | None) -> str:
    return d.strftime("%d/%m/%Y") if d else ""


class ActionsModel(QAbstractTableModel):
    """The actions of one meeting, as read from the database (rows are meeting_queries.ActionRow)."""

    COL_DESCRIPTION, COL_OWNER, COL_DUE, COL_STATUS, COL_BARRIER, COL_DONE = range(6)
    HEADERS = ("Action", "Owner", "Due", "Status", "Barrier", "Done on")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows([])

    def row(self, r: int):
        return self.rows[r]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation, role: int = DISPLAY_ROLE) -> Any:  # noqa: N802
        if orientation == HORIZONTAL and role == DISPLAY_ROLE:
            return self.HEADERS[section]
        return None

    def text(self, a, col: int) -> str:
        if col == self.COL_DESCRIPTION:
            return a.description
        if col == self.COL_OWNER:
            return a.owner or "—"
        if col == self.COL_DUE:
            if a.due_on is None:
                return "no due date"
            return f"{uk(a.due_on)} — OVERDUE" if a.overdue else uk(a.due_on)
        if col == self.COL_STATUS:
            words = STATUS_WORDS.get(a.status, a.status)
            return f"{words}, overdue" if a.overdue else words
        if col == self.COL_BARRIER:
            return a.barrier
        if col == self.COL_DONE:
            return uk(a.done_on)
        return ""

    def data(self, index: AnyIndex, role: int = DISPLAY_ROLE) -> Any:
        if not index.isValid():
            return None
        a = self.rows[index.row()]
        col = index.column()
        if role == DISPLAY_ROLE:
            return self.text(a, col)
        if role == FOREGROUND_ROLE:
            if a.overdue:
                return OVERDUE_FG
            if a.status == ActionStatus.BLOCKED and col in (self.COL_STATUS, self.COL_BARRIER):
                return BLOCKED_FG
            if a.status == ActionStatus.DONE:
                return DONE_FG
            return None
        if role == BACKGROUND_ROLE:
            return OVERDUE_BG if a.overdue else None
        if role == FONT_ROLE:
            return _BOLD if a.overdue and col in (self.COL_DUE, self.COL_STATUS) else None
        if role == TOOLTIP_ROLE:
            if col in (self.COL_DESCRIPTION, self.COL_BARRIER):
                return self.text(a, col) or None
            if a.overdue:
                return f"Overdue: was due {uk(a.due_on)} and is not done."
            return None
        if role == ACCESSIBLE_ROLE:
            return f"{self.HEADERS[col]}: {self.text(a, col) or 'none'}"
        return None


class ActionDialog(QDialog):
    """Add or edit an action: owner from the circle (or its coordinator), dates, status and barrier."""

    def __init__(
        self,
        state: AppState,
        circle_id: int,
        meeting_id: int,
        meeting_date: date,
        action_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.circle_id = circle_id
        self.meeting_id = meeting_id
        self.action_id = action_id
        self.setObjectName("action_dialog")
        self.setWindowTitle("Edit action" if action_id else "New action")
        self.setAccessibleName(self.windowTitle())
        self.setMinimumWidth(560)

        from circles_desktop.services.meetings import actions, meeting_queries

        def read(s):
            current = actions.action_form(s, action_id) if action_id else None
            owners = meeting_queries.action_owners(s, circle_id, meeting_date, current.owner_id if current else None)
            return current, owners

        current, owners = in_session(state, read)
        form = RecordForm(self.windowTitle())
        self.form = form
        self.description = form.add_field("description", "&What is to be done", QLineEdit(), required=True)
        self.owner = form.add_field(
            "owner_id",
            "&Owner",
            combo({o.person_id: f"{o.name} ({o.role})" for o in owners}, include_blank="— choose —"),
            required=True,
            help="A member of the circle, or its coordinator",
        )
        self.created_on = form.add_field("created_on", "&Agreed on", DateField(), required=True)
        self.due_on = form.add_field("due_on", "D&ue by", DateField(optional=True))
        self.status = form.add_field(
            "status", "&Status", combo({s.value: STATUS_WORDS[s.value] for s in ActionStatus}), required=True
        )
        self.barrier = QPlainTextEdit()
        self.barrier.setTabChangesFocus(True)
        self.barrier.setFixedHeight(60)
        form.add_field(
            "barrier", "&Barrier", self.barrier, help="What is blocking it: needed when the action is blocked"
        )
        self.done_on = form.add_field("done_on", "Do&ne on", DateField(optional=True))
        category = combo({})
        for value, text in CHOICE_TEXT.items():
            category.addItem(swatch(value), text, value)
        self.category = form.add_field("category", "&Category", category, required=True)
        for key in ("description", "owner", "created_on", "due_on", "status", "barrier", "done_on", "category"):
            getattr(self, key).setObjectName(f"action.{key}")
        form.save_button.setObjectName("action.save")
        form.cancel_button.setObjectName("action.cancel")

        if current is not None:
            form.load(
                {
                    "description": current.description,
                    "owner_id": current.owner_id,
                    "created_on": current.created_on,
                    "due_on": current.due_on,
                    "status": current.status,
                    "barrier": current.barrier,
                    "done_on": current.done_on,
                    "category": current.category,
                }
            )
        else:
            form.load(
                {
                    "owner_id": None,
                    "created_on": meeting_date,
                    "due_on": None,
                    "status": ActionStatus.OPEN.value,
                    "category": Category.MINUTES.value,
                }
            )
        self.status.currentIndexChanged.connect(self._status_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(form)
        form.save_requested.connect(self.save)
        form.cancelled.connect(self.reject)
        self.description.setFocus()

    def _status_changed(self) -> None:
        status = self.status.currentData()
        if status == ActionStatus.DONE and self.done_on.value() is None:
            self.done_on.set_value(date.today())
        elif status != ActionStatus.DONE:
            self.done_on.set_value(None)
        if status == ActionStatus.BLOCKED:
            self.barrier.setFocus()

    def action_form(self):
        from circles_desktop.services.meetings.actions import ActionForm

        v = self.form.values()
        return ActionForm(
            description=v["description"] or "",
            owner_id=v["owner_id"],
            created_on=v["created_on"],
            due_on=v["due_on"],
            status=v["status"] or "",
            barrier=v["barrier"] or "",
            done_on=v["done_on"],
            category=v["category"] or "",
            meeting_id=self.meeting_id,
        )

    def save(self) -> bool:
        from circles_desktop.services.meetings import actions

        form = self.action_form()
        try:
            if self.action_id is None:
                self.action_id = in_session(self.state, lambda s: actions.add_action(s, self.circle_id, form).id)
            else:
                in_session(self.state, lambda s: actions.update_action(s, self.action_id, form))
        except Exception as exc:
            errors = field_errors(exc)
            if "meeting_id" in errors:
                errors[""] = errors.pop("meeting_id")
            self.form.show_errors(errors)
            return False
        self.form.saved_ok()
        self.accept()
        return True

    def reject(self) -> None:
        if self.form.is_dirty and not self.form.confirm_leave():
            return
        super().reject()


class BarrierDialog(QDialog):
    """Mark an action blocked: say what is blocking it."""

    def __init__(
        self, state: AppState, action_id: int, description: str, barrier: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.action_id = action_id
        self.setObjectName("barrier_dialog")
        self.setWindowTitle("Action blocked")
        self.setAccessibleName("Action blocked")
        self.setMinimumWidth(460)
        intro = QLabel(f"<b>{_escape(description)}</b>")
        intro.setWordWrap(True)
        self.barrier = QPlainTextEdit(barrier)
        self.barrier.setObjectName("barrier.text")
        self.barrier.setAccessibleName("Barrier (required)")
        self.barrier.setTabChangesFocus(True)
        self.barrier.setFixedHeight(80)
        label = QLabel("What is &blocking it? *")
        label.setBuddy(self.barrier)
        self.error = FieldMessage("Barrier error")
        self.error.setObjectName("barrier.error")
        self.general_error = FieldMessage("Error")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Mark &blocked")
        self.ok_button.setObjectName("barrier.save")
        self.ok_button.setDefault(True)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(Note("A blocked action needs its barrier recorded so it can be raised and tackled."))
        layout.addWidget(label)
        layout.addWidget(self.barrier)
        layout.addWidget(self.error)
        layout.addWidget(self.general_error)
        layout.addWidget(buttons)
        QShortcut(QKeySequence("Ctrl+Return"), self).activated.connect(self.save)
        self.barrier.setFocus()

    def save(self) -> bool:
        from circles_desktop.services.meetings import actions

        text = self.barrier.toPlainText()
        try:
            in_session(self.state, lambda s: actions.set_status(s, self.action_id, ActionStatus.BLOCKED, barrier=text))
        except Exception as exc:
            errors = field_errors(exc)
            self.error.show_message(errors.pop("barrier", ""))
            self.general_error.show_message("\n".join(errors.values()))
            self.barrier.setFocus()
            return False
        self.accept()
        return True


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class ActionsPanel(QWidget):
    """The meeting's actions with add/edit, quick status changes and delete."""

    changed = Signal()

    def __init__(self, state: AppState, meeting_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.meeting_id = meeting_id
        self.circle_id: int | None = None
        self.meeting_date: date | None = None
        self.setObjectName("actions")
        self.setAccessibleName("Actions")
        self.model = ActionsModel(self)
        self.table = QTableView()
        self.table.setObjectName("actions.table")
        self.table.setAccessibleName("Actions agreed at this meeting")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        self.table.setStyleSheet("QTableView::item { padding: 4px 3px; }")
        header = self.table.horizontalHeader()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ActionsModel.COL_DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ActionsModel.COL_BARRIER, QHeaderView.ResizeMode.Stretch)
        for col, width in (
            (ActionsModel.COL_OWNER, 160),
            (ActionsModel.COL_DUE, 200),
            (ActionsModel.COL_STATUS, 150),
            (ActionsModel.COL_DONE, 90),
        ):
            header.resizeSection(col, width)

        self.summary = QLabel()
        self.summary.setObjectName("actions.summary")
        self.summary.setAccessibleName("Actions summary")
        self.error = FieldMessage("Actions error")
        self.error.setObjectName("actions.error")
        self.add_button = QPushButton("&Add action…")
        self.edit_button = QPushButton("&Edit…")
        self.done_button = QPushButton("Mark &done")
        self.open_button = QPushButton("Mark &open")
        self.blocked_button = QPushButton("Mark &blocked…")
        self.delete_button = QPushButton("De&lete…")
        for name, button, accessible in (
            ("add", self.add_button, "Add an action"),
            ("edit", self.edit_button, "Edit the selected action"),
            ("done", self.done_button, "Mark the selected action done today"),
            ("open", self.open_button, "Mark the selected action open again"),
            ("blocked", self.blocked_button, "Mark the selected action blocked and say by what"),
            ("delete", self.delete_button, "Delete the selected action"),
        ):
            button.setObjectName(f"actions.{name}")
            button.setAccessibleName(accessible)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.edit_button):
            buttons.addWidget(b)
        buttons.addSpacing(16)
        for b in (self.done_button, self.open_button, self.blocked_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

        self.add_button.clicked.connect(self.add_action)
        self.edit_button.clicked.connect(self.edit_selected)
        self.done_button.clicked.connect(lambda: self.set_status(ActionStatus.DONE))
        self.open_button.clicked.connect(lambda: self.set_status(ActionStatus.OPEN))
        self.blocked_button.clicked.connect(self.mark_blocked)
        self.delete_button.clicked.connect(self.delete_selected)
        self.table.activated.connect(lambda _i: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self._update_buttons()

    # --- loading ---------------------------------------------------------------------------------
    def set_meeting(self, circle_id: int, meeting_date: date) -> None:
        self.circle_id, self.meeting_date = circle_id, meeting_date

    def reload(self, today: date | None = None) -> None:
        from circles_desktop.services.meetings import meeting_queries

        keep = self.selected_id()
        try:
            rows = in_session(self.state, lambda s: meeting_queries.meeting_actions(s, self.meeting_id, today))
        except Exception as exc:
            self.model.clear()
            self.error.show_message(field_errors(exc).get("", ""))
            return
        self.error.clear_message()
        self.model.set_rows(rows)
        if keep is not None:
            self.select(keep)
        self._update_summary()

    def forget(self) -> None:
        self.model.clear()
        self.summary.clear()
        self.error.clear_message()
        self.circle_id = self.meeting_date = None

    def _update_summary(self) -> None:
        rows = self.model.rows
        counts = {s: sum(1 for a in rows if a.status == s) for s in STATUS_WORDS}
        overdue = sum(1 for a in rows if a.overdue)
        plural = "" if len(rows) == 1 else "s"
        text = f"{len(rows)} action{plural}: {counts['open']} open, {counts['blocked']} blocked, {counts['done']} done"
        if overdue:
            text += f" — <span style='color:#b00020'><b>{overdue} overdue</b></span>"
        self.summary.setText(text)

    @property
    def overdue_count(self) -> int:
        return sum(1 for a in self.model.rows if a.overdue)

    # --- selection -------------------------------------------------------------------------------
    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(rows[0].row()).id if rows else None

    def selected(self):
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def select(self, action_id: int) -> None:
        for r, a in enumerate(self.model.rows):
            if a.id == action_id:
                self.table.selectRow(r)
                return

    def _update_buttons(self, *_args: object) -> None:
        a = self.selected()
        ready = self.circle_id is not None
        self.add_button.setEnabled(ready)
        self.edit_button.setEnabled(ready and a is not None)
        self.delete_button.setEnabled(a is not None)
        self.done_button.setEnabled(a is not None and a.status != ActionStatus.DONE)
        self.open_button.setEnabled(a is not None and a.status != ActionStatus.OPEN)
        self.blocked_button.setEnabled(a is not None)

    # --- changes ---------------------------------------------------------------------------------
    def open_dialog(self, action_id: int | None = None) -> ActionDialog | None:
        """The add/edit dialog, not yet shown (tests drive it directly)."""
        if self.circle_id is None or self.meeting_date is None:
            return None
        try:
            return ActionDialog(self.state, self.circle_id, self.meeting_id, self.meeting_date, action_id, self)
        except Exception as exc:
            self.error.show_message(field_errors(exc).get("", ""))
            return None

    def _run_dialog(self, dialog: QDialog | None) -> None:
        if dialog is not None and dialog.exec() == QDialog.DialogCode.Accepted:
            self.after_change(getattr(dialog, "action_id", None))

    def after_change(self, action_id: int | None = None) -> None:
        self.reload()
        if action_id is not None:
            self.select(action_id)
        self.changed.emit()

    def add_action(self) -> None:
        self._run_dialog(self.open_dialog())

    def edit_selected(self) -> None:
        action_id = self.selected_id()
        if action_id is not None:
            self._run_dialog(self.open_dialog(action_id))

    def blocked_dialog(self) -> BarrierDialog | None:
        a = self.selected()
        if a is None:
            return None
        return BarrierDialog(self.state, a.id, a.description, a.barrier, self)

    def mark_blocked(self) -> None:
        dialog = self.blocked_dialog()
        if dialog is not None and dialog.exec() == QDialog.DialogCode.Accepted:
            self.after_change(dialog.action_id)

    def set_status(self, status: str, on: date | None = None) -> bool:
        """Quick change to open or done (done today unless `on` is given)."""
        from circles_desktop.services.meetings import actions

        a = self.selected()
        if a is None:
            return False
        done_on = (on or date.today()) if status == ActionStatus.DONE else None
        self.error.clear_message()
        try:
            in_session(self.state, lambda s: actions.set_status(s, a.id, status, done_on=done_on))
        except Exception as exc:
            self.error.show_message("\n".join(field_errors(exc).values()))
            return False
        self.after_change(a.id)
        return True

    def delete_selected(self) -> None:
        from circles_desktop.services.meetings import actions

        a = self.selected()
        if a is None or not confirm(
            self, "Delete action", f"Delete the action “{a.description}”? This cannot be undone."
        ):
            return
        try:
            in_session(self.state, lambda s: actions.delete_action(s, a.id))
        except Exception as exc:
            self.error.show_message("\n".join(field_errors(exc).values()))
            return
        self.after_change()
