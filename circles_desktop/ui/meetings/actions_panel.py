"""Actions agreed at a meeting: the table with add/edit, quick status changes (open, done, blocked with
the barrier) and delete. Used on the meeting screen and on a learning circle's Actions tab."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from circles_desktop.models.vocab import ActionStatus
from circles_desktop.services.common.words import plural
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.buttons import button
from circles_desktop.ui.common.dialogs import confirm
from circles_desktop.ui.common.lists.list_parts import list_table
from circles_desktop.ui.common.operations import load, write
from circles_desktop.ui.common.widgets import FieldMessage, tone
from circles_desktop.ui.meetings.action_dialogs import OWNER_LABEL, ActionDialog, BarrierDialog, read_action
from circles_desktop.ui.meetings.actions_model import STATUS_WORDS, ActionsModel

if TYPE_CHECKING:
    from circles_desktop.services.meetings.meeting_queries import ActionRow


class ActionsPanel(QWidget):
    """The meeting's actions with add/edit, quick status changes and delete."""

    changed = Signal()

    def __init__(
        self,
        state: AppState,
        meeting_id: int,
        parent: QWidget | None = None,
        *,
        shared_by_category: bool = True,
        owner_label: str = OWNER_LABEL,
    ) -> None:
        """`shared_by_category` False: actions with no CoSA sharing category (a learning circle's, a
        conversation's); `owner_label` the words for whoever takes it on ("Who &carries it")."""
        super().__init__(parent)
        self.state = state
        self.shared_by_category = shared_by_category
        self.owner_label = owner_label
        self.meeting_id = meeting_id
        self.circle_id: int | None = None
        self.meeting_date: date | None = None
        self.setObjectName("actions")
        self.setAccessibleName("Actions")
        self.model = ActionsModel(self, owner_heading=owner_label.replace("&", ""))
        self.table = self._build_table()
        self.summary = QLabel()
        self.summary.setObjectName("actions.summary")
        self.summary.setAccessibleName("Actions summary")
        self.error = FieldMessage("Actions error")
        self.error.setObjectName("actions.error")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addLayout(self._build_buttons())
        self._connect()
        self._update_buttons()

    def _build_table(self) -> QTableView:
        # Fitted like every list (the action takes the room left, who and when are kept whole): a
        # second stretched column on top of the fitting had given "Done on" the room and a sideways bar.
        table = list_table(
            self.model, "actions.table", "Actions agreed at this meeting", word_wrap=True, tab_key_navigation=False,
            stretch=ActionsModel.COL_DESCRIPTION,
            keep=(ActionsModel.COL_OWNER, ActionsModel.COL_DUE, ActionsModel.COL_STATUS),
        )  # fmt: skip
        table.setAlternatingRowColors(False)  # overdue rows have a colour of their own
        table.setStyleSheet("QTableView::item { padding: 4px 3px; }")
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        return table

    def _build_buttons(self) -> QHBoxLayout:
        self.add_button = button("&Add action…", "actions.add", "Add an action")
        self.edit_button = button("&Edit…", "actions.edit", "Edit the selected action")
        self.done_button = button("Mark &done", "actions.done", "Mark the selected action done today")
        self.open_button = button("Mark &open", "actions.open", "Mark the selected action open again")
        self.blocked_button = button(
            "Mark &blocked…", "actions.blocked", "Mark the selected action blocked and say by what"
        )
        self.delete_button = button("De&lete…", "actions.delete", "Delete the selected action")
        buttons = QHBoxLayout()
        for b in (self.add_button, self.edit_button):
            buttons.addWidget(b)
        buttons.addSpacing(16)
        for b in (self.done_button, self.open_button, self.blocked_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        return buttons

    def _connect(self) -> None:
        self.add_button.clicked.connect(self.add_action)
        self.edit_button.clicked.connect(self.edit_selected)
        self.done_button.clicked.connect(lambda: self.set_status(ActionStatus.DONE))
        self.open_button.clicked.connect(lambda: self.set_status(ActionStatus.OPEN))
        self.blocked_button.clicked.connect(self.mark_blocked)
        self.delete_button.clicked.connect(self.delete_selected)
        self.table.activated.connect(lambda _i: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)

    # --- loading ---------------------------------------------------------------------------------
    def set_meeting(self, circle_id: int, meeting_date: date | None) -> None:
        self.circle_id, self.meeting_date = circle_id, meeting_date

    def reload(self, today: date | None = None) -> None:
        from circles_desktop.services.meetings import meeting_queries

        keep = self.selected_id()
        ok, rows = load(
            self.state, lambda s: meeting_queries.meeting_actions(s, self.meeting_id, today), show=self.error
        )
        if not ok:
            self.model.clear()
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
        text = (
            f"{plural(len(rows), 'action')}: {counts['open']} open, {counts['blocked']} blocked, {counts['done']} done"
        )
        if self.overdue_count:
            text += f" — <span style='color:{tone('error')}'><b>{self.overdue_count} overdue</b></span>"
        self.summary.setText(text)

    @property
    def overdue_count(self) -> int:
        return self.model.overdue_count

    # --- selection -------------------------------------------------------------------------------
    def selected(self) -> ActionRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def selected_id(self) -> int | None:
        a = self.selected()
        return a.id if a is not None else None

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
        circle_id, meeting_date = self.circle_id, self.meeting_date
        if circle_id is None or meeting_date is None:
            return None
        ok, read = load(self.state, lambda s: read_action(s, circle_id, meeting_date, action_id), show=self.error)
        if not ok:
            return None
        return ActionDialog(
            self.state,
            circle_id,
            self.meeting_id,
            meeting_date,
            read,
            action_id,
            self,
            shared_by_category=self.shared_by_category,
            owner_label=self.owner_label,
        )

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
        self._run_dialog(self.blocked_dialog())

    def set_status(self, status: str, on: date | None = None) -> bool:
        """Quick change to open or done (done today unless `on` is given)."""
        from circles_desktop.services.meetings import actions

        a = self.selected()
        if a is None:
            return False
        done_on = (on or date.today()) if status == ActionStatus.DONE else None
        ok, _ = write(self.state, lambda s: actions.set_status(s, a.id, status, done_on=done_on), show=self.error)
        if ok:
            self.after_change(a.id)
        return ok

    def delete_selected(self) -> None:
        from circles_desktop.services.meetings import actions

        a = self.selected()
        if a is None or not confirm(
            self, "Delete action", f"Delete the action “{a.description}”? This cannot be undone."
        ):
            return
        if write(self.state, lambda s: actions.delete_action(s, a.id), show=self.error).ok:
            self.after_change()
