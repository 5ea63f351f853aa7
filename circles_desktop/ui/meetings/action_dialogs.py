"""The dialogs of a meeting's actions: add or edit one (owner from the circle or its coordinator, whether
they offered to take it on, dates, status and barrier), and mark one blocked with what is blocking it."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from circles_desktop.models.vocab import ActionStatus, Category
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.forms import DateField, RecordForm, combo, set_value
from circles_desktop.ui.common.operations import write
from circles_desktop.ui.common.widgets import FieldMessage, Note
from circles_desktop.ui.meetings.actions_model import STATUS_WORDS
from circles_desktop.ui.meetings.minutes_tags import CHOICE_TEXT, swatch

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from circles_desktop.services.meetings.actions import ActionForm
    from circles_desktop.services.meetings.meeting_queries import OwnerChoice

FIELD_KEYS = (
    "description",
    "owner",
    "owner_offered",
    "created_on",
    "due_on",
    "status",
    "barrier",
    "done_on",
    "category",
)


OWNER_LABEL = "&Owner"  # a CoSA circle's word; the communities' kinds say who carries an action


def read_action(
    s: Session, circle_id: int, meeting_date: date, action_id: int | None
) -> tuple[ActionForm | None, list[OwnerChoice]]:
    """What the dialog needs: the action as saved (None for a new one) and who may own it."""
    from circles_desktop.services.meetings import actions, meeting_queries

    current = actions.action_form(s, action_id) if action_id else None
    owners = meeting_queries.action_owners(s, circle_id, meeting_date, current.owner_id if current else None)
    return current, owners


class ActionDialog(QDialog):
    """Add or edit an action, from what `read_action` read. Saved, `action_id` is the action's id."""

    def __init__(
        self,
        state: AppState,
        circle_id: int,
        meeting_id: int,
        meeting_date: date,
        read: tuple[ActionForm | None, list[OwnerChoice]],
        action_id: int | None = None,
        parent: QWidget | None = None,
        *,
        shared_by_category: bool = True,
        owner_label: str = OWNER_LABEL,
    ) -> None:
        """`shared_by_category` False: a circle whose minutes are not cut by consent (a learning circle)
        is not asked which category of information an action is; it keeps the one it has."""
        super().__init__(parent)
        self.state = state
        self.shared_by_category = shared_by_category
        self.owner_label = owner_label
        self.circle_id = circle_id
        self.meeting_id = meeting_id
        self.action_id = action_id
        self.setObjectName("action_dialog")
        self.setWindowTitle("Edit action" if action_id else "New action")
        self.setAccessibleName(self.windowTitle())
        self.setMinimumWidth(560)
        current, owners = read
        self.form = self._build_form(owners)
        self._load(current, meeting_date)
        self.status.currentIndexChanged.connect(self._status_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        self.form.save_requested.connect(self.save)
        self.form.cancelled.connect(self.reject)
        self.description.setFocus()

    def _build_form(self, owners: list[OwnerChoice]) -> RecordForm:
        form = RecordForm(self.windowTitle())
        self.description = QLineEdit()
        self.owner = combo({o.person_id: f"{o.name} ({o.role})" for o in owners}, include_blank="— choose —")
        self.owner_offered = QCheckBox("They offered to take it on")
        self.created_on = DateField()
        self.due_on = DateField(optional=True)
        self.status = combo({s.value: STATUS_WORDS[s.value] for s in ActionStatus})
        self.barrier = QPlainTextEdit()
        self.barrier.setTabChangesFocus(True)
        self.barrier.setFixedHeight(60)
        self.done_on = DateField(optional=True)
        self.category = combo({})
        for value, text in CHOICE_TEXT.items():
            self.category.addItem(swatch(value), text, value)
        form.add_field("description", "&What is to be done", self.description, required=True)
        form.add_field(
            "owner_id", self.owner_label, self.owner, required=True, help="A member of the circle, or its coordinator"
        )
        form.add_field(
            "owner_offered",
            "Offered",
            self.owner_offered,
            help="Tick when the owner offered to take this on. In a Community Circle people take on only the "
            "actions they offer to.",
        )
        form.add_field("created_on", "&Agreed on", self.created_on, required=True)
        form.add_field("due_on", "D&ue by", self.due_on)
        form.add_field("status", "&Status", self.status, required=True)
        form.add_field(
            "barrier", "&Barrier", self.barrier, help="What is blocking it: needed when the action is blocked"
        )
        form.add_field("done_on", "Do&ne on", self.done_on)
        if self.shared_by_category:
            form.add_field("category", "&Category", self.category, required=True)
        for key in FIELD_KEYS:
            getattr(self, key).setObjectName(f"action.{key}")
        form.save_button.setObjectName("action.save")
        form.cancel_button.setObjectName("action.cancel")
        return form

    def _load(self, current: ActionForm | None, meeting_date: date) -> None:
        if current is not None:
            self.form.load(vars(current))
            set_value(self.category, current.category)  # kept as it is when the form does not ask
            return
        self.form.load(
            {
                "owner_id": None,
                "owner_offered": False,
                "created_on": meeting_date,
                "due_on": None,
                "status": ActionStatus.OPEN.value,
                "category": Category.MINUTES.value,
            }
        )

    def _status_changed(self) -> None:
        status = self.status.currentData()
        if status == ActionStatus.DONE and self.done_on.value() is None:
            self.done_on.set_value(date.today())
        elif status != ActionStatus.DONE:
            self.done_on.set_value(None)
        if status == ActionStatus.BLOCKED:
            self.barrier.setFocus()

    def action_form(self) -> ActionForm:
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
            category=v.get("category", self.category.currentData()) or "",
            meeting_id=self.meeting_id,
            owner_offered=bool(v["owner_offered"]),
        )

    def save(self) -> bool:
        from circles_desktop.services.meetings import actions

        form, action_id = self.action_form(), self.action_id
        if action_id is None:
            ok, new_id = write(self.state, lambda s: actions.add_action(s, self.circle_id, form).id, show=self)
            if ok:
                self.action_id = new_id
        else:
            ok, _ = write(self.state, lambda s: actions.update_action(s, action_id, form), show=self)
        if ok:
            self.accept()
        return ok

    # operations.write shows a failure here: the meeting is not a field of this form, so a problem
    # with it is the action's as a whole.
    def show_errors(self, errors: Mapping[str, str]) -> None:
        shown: dict[str, Any] = dict(errors)
        if "meeting_id" in shown:
            shown[""] = shown.pop("meeting_id")
        self.form.show_errors(shown)

    def saved_ok(self) -> None:
        self.form.saved_ok()

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
        intro = QLabel(f"<b>{escape(description, quote=False)}</b>")
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
        buttons = self._build_buttons()
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(Note("A blocked action needs its barrier recorded so it can be raised and tackled."))
        for widget in (label, self.barrier, self.error, self.general_error, buttons):
            layout.addWidget(widget)
        QShortcut(QKeySequence("Ctrl+Return"), self).activated.connect(self.save)
        self.barrier.setFocus()

    def _build_buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Mark &blocked")
        self.ok_button.setObjectName("barrier.save")
        self.ok_button.setDefault(True)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        return buttons

    def save(self) -> bool:
        from circles_desktop.services.meetings import actions

        text = self.barrier.toPlainText()
        ok, _ = write(
            self.state,
            lambda s: actions.set_status(s, self.action_id, ActionStatus.BLOCKED, barrier=text),
            show=self,
        )
        if ok:
            self.accept()
        return ok

    def show_errors(self, errors: Mapping[str, str]) -> None:
        """The barrier's message beside it, anything else under it."""
        rest = dict(errors)
        self.error.show_message(rest.pop("barrier", ""))
        self.general_error.show_message("\n".join(rest.values()))
        self.barrier.setFocus()
