"""The conversation screen's tabs besides its details: similar work, the toolkit's checklist, the series
of conversations with who came (counted by group) and the balance, and what people noticed with the
sparks. Each reads in its own short session on reload(), forgets on forget() (lock), and asks the screen
to read everything again after a write."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from circles_desktop.models.kinds.conversations import AttendeeGroup, CheckState
from circles_desktop.services.common.words import uk_date, uk_date_time
from circles_desktop.ui.common.buttons import button
from circles_desktop.ui.common.dialogs import confirm
from circles_desktop.ui.common.lists.tables import USER_ROLE, fill_table, make_table, select_id, selected_id
from circles_desktop.ui.common.operations import read, write
from circles_desktop.ui.common.record_tab import RecordTab
from circles_desktop.ui.common.widgets import ERROR_STYLE, FieldMessage, Note
from circles_desktop.ui.conversations import conversation_dialogs as dialogs
from circles_desktop.ui.learning.learning_fields import text_box

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from circles_desktop.ui.conversations.conversation_screen import ConversationScreen


HEADING_INK = QBrush(QColor("#1f3a5f"))


class ConversationTab(RecordTab):
    """A tab of the conversation screen."""


class SimilarWorkTab(ConversationTab):
    """NAGs, neighbourhood forums and other groups on the same thing, and what was decided about each."""

    def __init__(self, screen: ConversationScreen) -> None:
        super().__init__(screen, "conversation.similar")
        self.rows: list[Any] = []
        self.table = make_table(("Kind", "Name", "Contact", "Decision", "Notes"), "Similar work", stretch=4)
        self.table.setObjectName("similar.table")
        self.add_button = button("&Add similar work…", "similar.add")
        self.edit_button = button("&Change…", "similar.edit")
        self.delete_button = button("De&lete…", "similar.delete")
        row = QHBoxLayout()
        for b in (self.add_button, self.edit_button):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.addWidget(
            Note(
                "Avoid duplication with NAGs and neighbourhood forums: there can be a strength in joining forces. "
                "Another conversation in the app on the same locality and theme is shown above the tabs."
            )
        )
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.error)
        self.add_button.clicked.connect(lambda: self.add())
        self.edit_button.clicked.connect(lambda: self.edit_selected())
        self.table.itemActivated.connect(lambda _i: self.edit_selected())
        self.delete_button.clicked.connect(self.delete_selected)

    def reload(self) -> None:
        from circles_desktop.services.conversations import similar_work

        self.rows = read(self.state, lambda s: similar_work.similar_work(s, self.circle_id), [])
        fill_table(
            self.table,
            [(r.kind_label, r.name, r.contact, r.decision_words, r.notes) for r in self.rows],
            [r.id for r in self.rows],
            empty="No similar work recorded yet.",
        )

    def forget(self) -> None:
        super().forget()
        self.rows = []
        fill_table(self.table, [], [])

    def add(self, show: bool = True) -> Any:
        return self.open_dialog(dialogs.similar_work_dialog(self.state, self.circle_id, None, self), show)

    def edit_selected(self, show: bool = True) -> Any:
        from circles_desktop.services.conversations import similar_work

        work_id = selected_id(self.table)
        if work_id is None:
            self.error.show_message("Choose similar work in the list first.")
            return None
        values = read(self.state, lambda s: similar_work.similar_work_form(s, work_id), None)
        if values is None or values.kind == "conversation":
            self.error.show_message("Change what was decided about another conversation above the tabs.")
            return None
        return self.open_dialog(dialogs.similar_work_dialog(self.state, self.circle_id, work_id, self, values), show)

    def delete_selected(self) -> bool:
        from circles_desktop.services.conversations import similar_work

        work_id = selected_id(self.table)
        if work_id is None:
            self.error.show_message("Choose similar work in the list first.")
            return False
        if not confirm(self, "Delete similar work", "Delete this record of similar work?"):
            return False
        return self.changed(lambda s: similar_work.delete_similar_work(s, work_id))


class ChecklistTab(ConversationTab):
    """The toolkit's priorities and pitfalls, worked through for this conversation."""

    def __init__(self, screen: ConversationScreen) -> None:
        super().__init__(screen, "conversation.checklist")
        self.rows: list[Any] = []
        self.progress = QLabel()
        self.progress.setObjectName("checklist.progress")
        self.list = QListWidget()
        self.list.setObjectName("checklist.list")
        self.list.setAccessibleName("The toolkit's checklist")
        self.list.setWordWrap(True)
        self.done_button = button("&Done…", "checklist.done", "Mark the chosen item done")
        self.not_button = button(
            "&Not for this one…", "checklist.not", "Mark the chosen item not for this conversation"
        )
        self.undo_button = button("&Undo", "checklist.undo", "Back to still to think about")
        row = QHBoxLayout()
        for b in (self.done_button, self.not_button, self.undo_button):
            row.addWidget(b)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.progress)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        layout.addWidget(self.error)
        self.done_button.clicked.connect(lambda: self.mark(CheckState.DONE))
        self.not_button.clicked.connect(lambda: self.mark(CheckState.NOT_FOR_THIS_ONE))
        self.undo_button.clicked.connect(self.undo)
        self.list.itemActivated.connect(lambda _i: self.mark(CheckState.DONE))

    def reload(self) -> None:
        from circles_desktop.services.conversations import toolkit

        keep = self.selected_code()
        self.rows = read(self.state, lambda s: toolkit.checklist(s, self.circle_id), [])
        self.list.clear()
        section = None
        for r in self.rows:
            if r.section != section:
                section = r.section
                head = QListWidgetItem(section)
                head.setFlags(Qt.ItemFlag.NoItemFlags)  # a heading: not chosen, skipped by the arrow keys
                head.setForeground(HEADING_INK)  # dark, not the greyed-out look of a disabled item
                font = head.font()
                font.setBold(True)
                head.setFont(font)
                self.list.addItem(head)
            mark = {"done": "☑", "not_for_this_one": "–"}.get(r.state, "☐")
            when = f" ({uk_date(r.recorded_on)}{': ' + r.note if r.note else ''})" if r.recorded_on else ""
            item = QListWidgetItem(f"{mark}  {r.text}{when}" + (" [no longer on the checklist]" if r.retired else ""))
            item.setData(USER_ROLE, r.code)
            self.list.addItem(item)
            if r.code == keep:
                self.list.setCurrentItem(item)
        done, total = sum(1 for r in self.rows if not r.is_left), len(self.rows)
        self.progress.setText(f"<b>{done} of {total}</b> worked through (done, or not for this conversation).")

    def forget(self) -> None:
        super().forget()
        self.rows = []
        self.list.clear()
        self.progress.clear()

    def selected_code(self) -> str | None:
        item = self.list.currentItem()
        return item.data(USER_ROLE) if item is not None else None

    def select(self, code: str) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).data(USER_ROLE) == code:
                self.list.setCurrentRow(i)
                return

    def mark(self, state_code: str, show: bool = True) -> Any:
        code = self.selected_code()
        row = next((r for r in self.rows if r.code == code), None)
        if row is None:
            self.error.show_message("Choose an item of the checklist first.")
            return None
        dialog = dialogs.mark_dialog(self.state, self.circle_id, row.code, row.text, state_code, self)
        return self.open_dialog(dialog, show)

    def undo(self) -> bool:
        from circles_desktop.services.conversations import toolkit

        code = self.selected_code()
        if code is None:
            self.error.show_message("Choose an item of the checklist first.")
            return False
        return self.changed(lambda s: toolkit.unmark(s, self.circle_id, code))


class SeriesTab(ConversationTab):
    """The conversations held or planned, who came to the chosen one (counted by group), and the balance."""

    def __init__(self, screen: ConversationScreen) -> None:
        super().__init__(screen, "conversation.series")
        self.sessions: list[Any] = []
        self.table = make_table(("Date", "Where", "People", "Notes"), "Conversations in the series", stretch=3)
        self.table.setObjectName("series.table")
        self.add_button = button("&Add a conversation…", "series.add")
        self.edit_button = button("&Change…", "series.edit")
        self.delete_button = button("De&lete…", "series.delete")
        left = QWidget()
        lbox = QVBoxLayout(left)
        lbox.setContentsMargins(0, 0, 0, 0)
        lbox.addWidget(Note("People can dip in and out: each conversation is counted on its own, and together."))
        lbox.addWidget(self.table, 1)
        row = QHBoxLayout()
        for b in (self.add_button, self.edit_button):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(self.delete_button)
        lbox.addLayout(row)
        lbox.addWidget(self.error)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self._build_counts())
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([620, 520])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.add_button.clicked.connect(lambda: self.add())
        self.edit_button.clicked.connect(lambda: self.edit_selected())
        self.delete_button.clicked.connect(self.delete_selected)
        self.table.itemSelectionChanged.connect(self._show_counts)

    def _build_counts(self) -> QGroupBox:
        box = QGroupBox("Who came, counted by group")
        self.counts: dict[str, QSpinBox] = {}
        form = QFormLayout()
        for group in AttendeeGroup:
            spin = QSpinBox()
            spin.setRange(0, 10_000)
            spin.setObjectName(f"series.count.{group.value}")
            spin.setAccessibleName(group.label)
            self.counts[group.value] = spin
            form.addRow(group.label, spin)
        self.save_counts = button("&Save who came", "series.save_counts")
        self.counts_error = FieldMessage("Who came error")
        self.one_balance = QLabel()
        self.one_balance.setObjectName("series.one_balance")
        self.one_balance.setWordWrap(True)
        vbox = QVBoxLayout(box)
        vbox.addWidget(Note("Numbers only: no one who comes is named."))
        vbox.addLayout(form)
        vbox.addWidget(self.save_counts, 0, Qt.AlignmentFlag.AlignRight)
        vbox.addWidget(self.counts_error)
        vbox.addWidget(self.one_balance)
        vbox.addStretch(1)
        self.save_counts.clicked.connect(self.save_headcounts)
        return box

    def reload(self) -> None:
        from circles_desktop.services.conversations import conversation_sessions as cs

        self.sessions = read(self.state, lambda s: cs.sessions(s, self.circle_id), [])
        fill_table(
            self.table,
            [(uk_date_time(r.starts_at), r.venue, r.counted or "", r.notes) for r in self.sessions],
            [r.meeting_id for r in self.sessions],
            empty="No conversations yet: add the first one.",
        )
        if selected_id(self.table) is None and self.sessions:
            self.table.selectRow(len(self.sessions) - 1)
        self._show_counts()

    def forget(self) -> None:
        super().forget()
        self.sessions = []
        fill_table(self.table, [], [])
        self.one_balance.clear()

    def _show_counts(self) -> None:
        from circles_desktop.services.conversations import conversation_sessions as cs

        meeting_id = selected_id(self.table)
        enabled = meeting_id is not None
        for spin in self.counts.values():
            spin.setEnabled(enabled)
        self.save_counts.setEnabled(enabled)
        self.counts_error.clear_message()
        if meeting_id is None:
            self.one_balance.clear()
            return
        nothing: tuple[dict[str, int], Any] = ({}, None)
        counts, balance = read(
            self.state, lambda s: (cs.headcounts(s, meeting_id), cs.balance(s, self.circle_id, meeting_id)), nothing
        )
        for group, spin in self.counts.items():
            spin.setValue(counts.get(group, 0))
        if balance is not None:
            self.one_balance.setText(f"At this conversation: {balance.warning or balance.indicator}")
            self.one_balance.setStyleSheet(ERROR_STYLE if balance.warning else "")

    def save_headcounts(self) -> bool:
        from circles_desktop.services.conversations import conversation_sessions as cs

        meeting_id = selected_id(self.table)
        if meeting_id is None:
            return False
        counts = {group: spin.value() for group, spin in self.counts.items()}
        ok = write(self.state, lambda s: cs.set_headcounts(s, meeting_id, counts), show=self.counts_error).ok
        if ok:
            self.owner.saved()
        return ok

    def add(self, show: bool = True) -> Any:
        dialog = self.open_dialog(dialogs.session_dialog(self.state, self.circle_id, None, self), show)
        dialog.accepted.connect(lambda: self._select(dialog.saved_value))  # who came is counted for the new one
        return dialog

    def _select(self, meeting_id: int | None) -> None:
        if meeting_id is not None and select_id(self.table, meeting_id):
            self._show_counts()

    def edit_selected(self, show: bool = True) -> Any:
        from circles_desktop.services.conversations import conversation_sessions as cs

        meeting_id = selected_id(self.table)
        if meeting_id is None:
            self.error.show_message("Choose a conversation in the list first.")
            return None
        values = read(self.state, lambda s: cs.session_form(s, meeting_id), None)
        return self.open_dialog(dialogs.session_dialog(self.state, self.circle_id, meeting_id, self, values), show)

    def delete_selected(self) -> bool:
        from circles_desktop.services.conversations import conversation_sessions as cs

        meeting_id = selected_id(self.table)
        if meeting_id is None:
            self.error.show_message("Choose a conversation in the list first.")
            return False
        if not confirm(self, "Delete a conversation", "Delete this conversation and who came to it?"):
            return False
        return self.changed(lambda s: cs.delete_session(s, meeting_id))


class SparksTab(ConversationTab):
    """What people noticed at each conversation, and the sparks the community is taking forward."""

    def __init__(self, screen: ConversationScreen) -> None:
        super().__init__(screen, "conversation.sparks")
        self.sessions: list[Any] = []
        self.sparks: list[Any] = []
        self.noticed = QListWidget()
        self.noticed.setObjectName("noticed.list")
        self.noticed.setAccessibleName("What people noticed")
        self.noticed.setWordWrap(True)
        self.noticed_text = text_box("noticed.text", 48, "What have you noticed in your community?")
        self.noticed_text.setAccessibleName("What people noticed")
        self.noticed_at = dialogs.conversation_choice([], "noticed.meeting")
        self.noticed_at.setAccessibleName("At the conversation on")
        self.add_noticed_button = button("Add &noticed", "noticed.add")
        self.table = make_table(("Idea", "Carried by", "From", "State", "Follow-up"), "Sparks", stretch=4)
        self.table.setObjectName("sparks.table")
        self.add_button = button("Add a &spark…", "sparks.add")
        self.edit_button = button("&Change…", "sparks.edit")
        self.follow_button = button("&Follow up…", "sparks.follow_up")
        layout = QVBoxLayout(self)
        layout.addWidget(self._noticed_box(), 2)
        layout.addWidget(self._sparks_box(), 3)
        layout.addWidget(self.error)
        self.add_noticed_button.clicked.connect(self.add_noticed)
        self.add_button.clicked.connect(lambda: self.add())
        self.edit_button.clicked.connect(lambda: self.edit_selected())
        self.follow_button.clicked.connect(lambda: self.follow_up_selected())

    def _noticed_box(self) -> QGroupBox:
        box = QGroupBox("What have you noticed in your community?")
        vbox = QVBoxLayout(box)
        vbox.addWidget(self.noticed, 1)
        row = QHBoxLayout()
        row.addWidget(QLabel("At"))
        row.addWidget(self.noticed_at)
        row.addWidget(self.noticed_text, 1)
        row.addWidget(self.add_noticed_button, 0, Qt.AlignmentFlag.AlignTop)
        vbox.addLayout(row)
        return box

    def _sparks_box(self) -> QGroupBox:
        box = QGroupBox("Sparks: ideas taken forward by the community")
        vbox = QVBoxLayout(box)
        vbox.addWidget(self.table, 1)
        row = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.follow_button):
            row.addWidget(b)
        row.addStretch(1)
        vbox.addLayout(row)
        return box

    def reload(self) -> None:
        from circles_desktop.services.conversations import conversation_sessions as cs
        from circles_desktop.services.conversations import sparks

        def work(s: Session) -> tuple[list[Any], list[Any], list[Any]]:
            return (
                cs.sessions(s, self.circle_id),
                sparks.all_noticed(s, self.circle_id),
                sparks.sparks(s, self.circle_id),
            )

        nothing: tuple[list[Any], list[Any], list[Any]] = ([], [], [])
        self.sessions, noticed, self.sparks = read(self.state, work, nothing)
        held = {s.meeting_id: uk_date(s.starts_at.date()) for s in self.sessions}
        self.noticed.clear()
        for n in noticed:
            self.noticed.addItem(f"{held.get(n.meeting_id, '')}: {n.text}")
        keep = self.noticed_at.currentData()
        self.noticed_at.clear()
        for s in self.sessions:
            self.noticed_at.addItem(held[s.meeting_id], s.meeting_id)
        at = self.noticed_at.findData(keep)
        self.noticed_at.setCurrentIndex(at if at >= 0 else self.noticed_at.count() - 1)
        fill_table(
            self.table,
            [
                (
                    r.idea,
                    r.carried_by + ("" if r.may_be_named else " (not named)"),
                    uk_date(r.raised_on),
                    r.status_label,
                    (f"{uk_date(r.follow_ups[-1].held_on)}: {r.follow_ups[-1].note}" if r.follow_ups else "Due"),
                )
                for r in self.sparks
            ],
            [r.id for r in self.sparks],
            empty="No sparks yet.",
        )

    def forget(self) -> None:
        super().forget()
        self.sessions, self.sparks = [], []
        self.noticed.clear()
        self.noticed_at.clear()
        fill_table(self.table, [], [])

    def add_noticed(self) -> bool:
        from circles_desktop.services.conversations import sparks

        meeting_id, text = self.noticed_at.currentData(), self.noticed_text.toPlainText()
        if meeting_id is None:
            self.error.show_message("Add the conversation on the Conversations tab first.")
            return False
        if self.changed(lambda s: sparks.add_noticed(s, meeting_id, text)):
            self.noticed_text.clear()
            return True
        return False

    def _chosen(self) -> Any:
        spark_id = selected_id(self.table)
        found = next((r for r in self.sparks if r.id == spark_id), None)
        if found is None:
            self.error.show_message("Choose a spark in the list first.")
        return found

    def add(self, show: bool = True) -> Any:
        if not self.sessions:
            self.error.show_message("A spark comes from a conversation: add the conversation first.")
            return None
        return self.open_dialog(dialogs.spark_dialog(self.state, self.circle_id, None, self.sessions, self), show)

    def edit_selected(self, show: bool = True) -> Any:
        from circles_desktop.services.conversations import sparks

        spark = self._chosen()
        if spark is None:
            return None
        values = read(self.state, lambda s: sparks.spark_form(s, spark.id), None)
        dialog = dialogs.spark_dialog(self.state, self.circle_id, spark.id, self.sessions, self, values)
        return self.open_dialog(dialog, show)

    def follow_up_selected(self, show: bool = True) -> Any:
        spark = self._chosen()
        if spark is None:
            return None
        if not any(s.starts_at.date() > spark.raised_on for s in self.sessions):
            self.error.show_message("A spark is followed up at a later conversation: add the next conversation first.")
            return None
        return self.open_dialog(dialogs.follow_up_dialog(self.state, spark, self.sessions, self), show)
