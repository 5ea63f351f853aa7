"""The actions agreed at one meeting of a series (a community conversation, a community-of-practice
session): the meeting chosen at the top, then that meeting's own ActionsPanel (add, edit, done, open,
blocked, delete), and a way to bring in someone from the community who carries an action (they join the
circle's inner ring from that meeting, so the panel offers them as its owner)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QStackedWidget, QVBoxLayout, QWidget

from circles_desktop.models.vocab import MemberRole
from circles_desktop.services.common.words import uk_date
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.buttons import button
from circles_desktop.ui.common.dialogs import WriteDialog, open_dialog
from circles_desktop.ui.common.forms import RecordForm
from circles_desktop.ui.common.operations import load
from circles_desktop.ui.common.record_tab import RecordTab
from circles_desktop.ui.common.widgets import FieldMessage, Note
from circles_desktop.ui.meetings.actions_panel import ActionsPanel

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


class ChosenMeetingActions(QWidget):
    changed = Signal()

    def __init__(
        self,
        state: AppState,
        circle_id: int,
        chooser_label: str,  # "At the &conversation on"
        nothing_yet: str,  # shown while the series has no meeting
        keys: Mapping[str, str] | None = None,  # panel button attribute -> its text, for unique access keys
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.state, self.circle_id = state, circle_id
        self.keys = dict(keys or {})
        self.panel: ActionsPanel | None = None
        self.dialog: Any = None
        self.meeting = QComboBox()
        self.meeting.setObjectName("chosen_actions.meeting")
        self.meeting.setAccessibleName(chooser_label.replace("&", ""))
        label = QLabel(chooser_label)
        label.setBuddy(self.meeting)
        self.carrier_button = button(
            "Add &who carries one…",
            "chosen_actions.carrier",
            "Add the person who carries an action, so they can be chosen as its owner",
        )
        self.error = FieldMessage("Actions error")
        self.nothing = Note(nothing_yet)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.nothing)
        top = QHBoxLayout()
        top.addWidget(label)
        top.addWidget(self.meeting, 1)
        top.addWidget(self.carrier_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.error)
        layout.addWidget(self.stack, 1)
        self.meeting.currentIndexChanged.connect(lambda _i: self._show_chosen())
        self.carrier_button.clicked.connect(lambda: self.add_carrier())
        self._dates: dict[int, date] = {}

    def set_meetings(self, meetings: Sequence[tuple[int, date, str]]) -> None:
        """The series' meetings (id, date, words for the list), newest last; the chosen one stays chosen."""
        keep = self.meeting.currentData()
        self._dates = {m: d for m, d, _ in meetings}
        self.meeting.blockSignals(True)
        self.meeting.clear()
        for meeting_id, on, words in meetings:
            self.meeting.addItem(f"{uk_date(on)} · {words}" if words else uk_date(on), meeting_id)
        index = self.meeting.findData(keep) if keep is not None else -1
        if index < 0:  # the latest meeting held so far (actions are agreed at one that has happened)
            held = [n for n, (_m, on, _w) in enumerate(meetings) if on <= date.today()]
            index = held[-1] if held else len(meetings) - 1
        self.meeting.setCurrentIndex(index)
        self.meeting.blockSignals(False)
        self.carrier_button.setEnabled(self.meeting.count() > 0)
        self._show_chosen()

    def _show_chosen(self) -> None:
        meeting_id = self.meeting.currentData()
        if meeting_id is None:
            self.stack.setCurrentWidget(self.nothing)
            return
        if self.panel is None or self.panel.meeting_id != meeting_id:
            self._replace_panel(meeting_id)
        assert self.panel is not None
        self.panel.set_meeting(self.circle_id, self._dates[meeting_id])
        self.panel.reload()

    def _replace_panel(self, meeting_id: int) -> None:
        if self.panel is not None:
            self.stack.removeWidget(self.panel)
            self.panel.deleteLater()
        # Agreed at a conversation or a session: no CoSA sharing category, and carried rather than owned.
        panel = ActionsPanel(self.state, meeting_id, shared_by_category=False, owner_label="Who &carries it")
        for attribute, text in self.keys.items():
            getattr(panel, attribute).setText(text)
        panel.changed.connect(self.changed.emit)
        self.panel = panel
        self.stack.addWidget(panel)
        self.stack.setCurrentWidget(panel)

    def add_carrier(self, show: bool = True) -> Any:
        """Someone from the community who carries an action joins the circle from the chosen meeting."""
        from circles_desktop.services.circles import members
        from circles_desktop.ui.learning.learning_fields import PersonChooser

        meeting_id = self.meeting.currentData()
        if meeting_id is None:
            return None
        on = self._dates[meeting_id]
        form = RecordForm("Someone from the community carries an action")
        who = PersonChooser(self.state, "chosen_actions.person")
        form.add_field("person_id", "&Who", who, required=True)

        def work(v: dict[str, Any]) -> Callable[[Any], Any]:
            return lambda s: members.join_if_new(s, self.circle_id, v["person_id"], MemberRole.PARTICIPANT, on)

        dialog = WriteDialog(self.state, "Who carries it", form, work, self, "carrier_dialog")
        who.search.setFocus()
        return open_dialog(self, dialog, self._show_chosen, show)

    def forget(self) -> None:
        self.meeting.clear()
        if self.panel is not None:
            self.panel.forget()


class AgreedActionsTab(RecordTab):
    """A record screen's tab of actions agreed at its meetings: `meetings(session)` lists them as
    (meeting id, date, words), oldest first."""

    def __init__(
        self,
        screen: Any,
        name: str,
        meetings: Callable[[Session], list[tuple[int, date, str]]],
        chooser_label: str,
        nothing_yet: str,
        note: str,
        keys: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(screen, name)
        self._meetings = meetings
        self.agreed = ChosenMeetingActions(screen.state, screen.circle_id, chooser_label, nothing_yet, keys)
        self.agreed.changed.connect(screen.saved)
        layout = QVBoxLayout(self)
        layout.addWidget(Note(note))
        layout.addWidget(self.agreed, 1)
        layout.addWidget(self.error)

    @property
    def panel(self) -> ActionsPanel | None:
        return self.agreed.panel

    def reload(self) -> None:
        ok, rows = load(self.state, self._meetings, show=self.error)
        self.agreed.set_meetings(rows if ok else [])

    def forget(self) -> None:
        super().forget()
        self.agreed.forget()
