"""The learning circle screen's tabs besides the checklist: its people (learners, practitioners,
attendance on the day), its learning points in order, its actions and its themes.

Each tab reads in its own short session on reload(), forgets what it read on forget() (lock), and
calls screen.saved() after a write so the checklist and "what is left" are read again.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import (
    QCompleter,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from circles_desktop.models.vocab import MemberRole
from circles_desktop.services.common.words import uk_date
from circles_desktop.ui.common.dialogs import FormDialog, ask_save_discard, confirm
from circles_desktop.ui.common.forms import RecordForm, combo
from circles_desktop.ui.common.messages import field_errors
from circles_desktop.ui.common.operations import in_session, read, write
from circles_desktop.ui.common.tables import USER_ROLE, fill_table, make_table, selected_id
from circles_desktop.ui.common.widgets import FieldMessage, Note
from circles_desktop.ui.learning.learning_fields import PersonChooser

ROLE_WORDS = {
    MemberRole.HEAD_OF_LOCALITY: "Head of Locality",
    MemberRole.SERVICE_MANAGER: "Service Manager",
    MemberRole.TEAM_MANAGER: "Team Manager",
    MemberRole.PRACTITIONER: "Practitioner",
    MemberRole.LEARNER: "Learner",
}
MANAGERS = (MemberRole.HEAD_OF_LOCALITY, MemberRole.SERVICE_MANAGER, MemberRole.TEAM_MANAGER)


class PeopleTab(QWidget):
    """Who is in the learning circle, adding learners and practitioners, and attendance on the day."""

    def __init__(self, screen: Any) -> None:
        super().__init__()
        self.screen = screen
        self.state = screen.state
        self.setObjectName("learning.people")
        self.attendance: Any = None  # AttendanceGrid, once the circle has a date
        self.attendance_meeting: int | None = None

        self.table = make_table(("Name", "Role", "Organisation", "Joined"), "People in the learning circle", stretch=0)
        self.table.setObjectName("people.table")
        self.role = combo({MemberRole.LEARNER.value: "Learner", MemberRole.PRACTITIONER.value: "Practitioner"})
        self.role.setObjectName("people.role")
        self.role.setAccessibleName("Add as")
        self.person = PersonChooser(self.state, "people.person")
        self.person.setAccessibleName("Person to add")
        self.person.search.setFixedWidth(130)
        self.person.choice.setMinimumContentsLength(14)
        self.add_button = QPushButton("&Add")
        self.add_button.setObjectName("people.add")
        self.add_button.setAccessibleName("Add the person to the learning circle")
        self.remove_button = QPushButton("&Remove…")
        self.remove_button.setObjectName("people.remove")
        self.remove_button.setAccessibleName("Remove the selected person")
        self.error = FieldMessage("People error")
        self.error.setObjectName("people.error")
        add_row = QHBoxLayout()
        add_row.addWidget(QLabel("Add a"))
        add_row.addWidget(self.role)
        add_row.addWidget(self.person, 1)
        add_row.addWidget(self.add_button)
        people_box = QGroupBox("People in the learning circle")
        pbox = QVBoxLayout(people_box)
        pbox.addWidget(
            Note(
                "Learners may include people who can bring expertise even if they do not work with the child. "
                "The Head of Locality, Service Manager and Team Manager are chosen on the Details tab."
            )
        )
        pbox.addWidget(self.table, 1)
        pbox.addLayout(add_row)
        pbox.addWidget(self.error)
        remove_row = QHBoxLayout()
        remove_row.addStretch(1)
        remove_row.addWidget(self.remove_button)
        pbox.addLayout(remove_row)

        self.attendance_host = QStackedWidget()
        self.no_date = Note(
            "Attendance is taken on the day: enter the learning circle's date on the Details tab first."
        )
        self.no_date.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.attendance_host.addWidget(self.no_date)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(people_box)
        splitter.addWidget(self.attendance_host)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([470, 690])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.add_button.clicked.connect(self.add_person)
        self.remove_button.clicked.connect(self.remove_selected)
        self.rows: list[Any] = []

    def reload(self) -> None:
        from circles_desktop.services.learning import learning_circles as lcs

        self.rows = read(self.state, lambda s: lcs.learning_members(s, self.screen.circle_id), [])
        fill_table(
            self.table,
            [
                (
                    m.name,
                    ROLE_WORDS.get(m.role, m.role_label),
                    m.organisation,
                    uk_date(m.joined_on) + (f" (left {uk_date(m.left_on)})" if m.left_on else ""),
                )
                for m in self.rows
            ],
            [m.id for m in self.rows],
        )
        detail = self.screen.detail
        meeting_id = detail.meeting_id if detail is not None else None
        if meeting_id != self.attendance_meeting:
            self._set_attendance(meeting_id)
        if self.attendance is not None:
            self.attendance.reload()
        writable = self.screen.writable
        for w in (self.add_button, self.remove_button, self.person, self.role):
            w.setEnabled(writable)

    def _set_attendance(self, meeting_id: int | None) -> None:
        from circles_desktop.ui.meetings.attendance_grid import AttendanceGrid

        if self.attendance is not None:
            self.attendance_host.removeWidget(self.attendance)
            self.attendance.deleteLater()
            self.attendance = None
        self.attendance_meeting = meeting_id
        if meeting_id is None:
            self.attendance_host.setCurrentWidget(self.no_date)
            return
        self.attendance = AttendanceGrid(self.state, meeting_id)
        self.attendance.intro.setText("Who came to the learning circle on the day.")
        self.attendance.saved.connect(self.screen.saved)
        self.attendance_host.addWidget(self.attendance)
        self.attendance_host.setCurrentWidget(self.attendance)

    def forget(self) -> None:
        self.rows = []
        fill_table(self.table, [], [])
        self.error.clear_message()
        if self.attendance is not None:
            self.attendance.forget()

    def add_person(self) -> bool:
        from circles_desktop.services.learning import learning_circles as lcs

        person_id = self.person.value()
        role = self.role.currentData()
        self.error.clear_message()
        try:
            in_session(self.state, lambda s: lcs.add_learner(s, self.screen.circle_id, person_id, role))
        except Exception as exc:
            self.error.show_message("\n".join(field_errors(exc).values()))
            return False
        self.person.set_value(None)
        self.person.search.clear()
        self.screen.saved()
        return True

    def remove_selected(self) -> bool:
        from circles_desktop.services.circles import members

        member_id = selected_id(self.table)
        m = next((r for r in self.rows if r.id == member_id), None)
        if m is None:
            self.error.show_message("Choose a person in the list first.")
            return False
        if m.role in MANAGERS:
            self.error.show_message(
                f"{m.name} is the {ROLE_WORDS[m.role]}: choose someone else for that part on the Details tab."
            )
            return False
        if not confirm(self, "Remove from the learning circle", f"Remove {m.name} from this learning circle?"):
            return False
        self.error.clear_message()
        try:
            in_session(self.state, lambda s: members.remove_member(s, m.id))
        except Exception as exc:
            self.error.show_message("\n".join(field_errors(exc).values()))
            return False
        self.screen.saved()
        return True

    def can_leave(self) -> bool:
        if self.attendance is None or not self.attendance.is_dirty:
            return True
        answer = ask_save_discard(self, "The attendance has changes that are not saved. Save them before leaving?")
        if answer == QMessageBox.StandardButton.Save:
            return self.attendance.save()
        if answer == QMessageBox.StandardButton.Discard:
            self.attendance.pending.clear()
            return True
        return False


class PointDialog(FormDialog):
    def __init__(self, screen: Any, point: Any, parent: QWidget | None = None) -> None:
        form = RecordForm("Learning point")
        text = QPlainTextEdit()
        text.setObjectName("point_dialog.text")
        text.setTabChangesFocus(True)
        text.setFixedHeight(100)
        form.add_field("text", "&Learning point", text, required=True)
        form.save_button.setObjectName("point_dialog.save")
        super().__init__("Change a learning point", form, self._save, parent, "point_dialog")
        self.screen, self.point_id, self.text = screen, point.id, text
        form.load({"text": point.text})

    def _save(self, v: dict[str, Any]) -> bool:
        from circles_desktop.services.learning import learning_points

        ok, _ = write(
            self.screen.state,
            lambda s: learning_points.update_learning_point(s, self.point_id, v["text"] or ""),
            show=self.form,
            parent=self,
        )
        return ok


class PointsTab(QWidget):
    """The learning points agreed together, in order."""

    def __init__(self, screen: Any) -> None:
        super().__init__()
        self.screen = screen
        self.state = screen.state
        self.setObjectName("learning.points")
        self.points: list[Any] = []
        self.list = QListWidget()
        self.list.setObjectName("points.list")
        self.list.setAccessibleName("Learning points")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.text = QPlainTextEdit()
        self.text.setObjectName("points.text")
        self.text.setAccessibleName("New learning point")
        self.text.setPlaceholderText(
            "A learning point agreed by the learners (from the flip chart, whiteboard or padlet)"
        )
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(64)
        self.add_button = QPushButton("&Add point")
        self.add_button.setObjectName("points.add")
        self.edit_button = QPushButton("&Change…")
        self.edit_button.setObjectName("points.edit")
        self.up_button = QPushButton("Move &up")
        self.up_button.setObjectName("points.up")
        self.down_button = QPushButton("Move do&wn")
        self.down_button.setObjectName("points.down")
        self.delete_button = QPushButton("De&lete…")
        self.delete_button.setObjectName("points.delete")
        self.error = FieldMessage("Learning point error")
        self.error.setObjectName("points.error")
        self.dialog: Any = None
        buttons = QHBoxLayout()
        for b in (self.edit_button, self.up_button, self.down_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        add_row = QHBoxLayout()
        add_row.addWidget(self.text, 1)
        add_row.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addWidget(
            Note("Learning points and actions are agreed together and captured; record them here in order.")
        )
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.addLayout(add_row)
        layout.addWidget(self.error)
        self.add_button.clicked.connect(self.add_point)
        self.edit_button.clicked.connect(lambda: self.edit_selected())
        self.list.itemActivated.connect(lambda _i: self.edit_selected())
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button.clicked.connect(lambda: self.move_selected(1))
        self.delete_button.clicked.connect(self.delete_selected)
        self.list.currentRowChanged.connect(lambda _r: self._update_buttons())

    def reload(self) -> None:
        from circles_desktop.services.learning import learning_points

        keep = self.selected_id()
        self.points = read(self.state, lambda s: learning_points.learning_points(s, self.screen.circle_id), [])
        self.list.clear()
        for p in self.points:
            item = QListWidgetItem(f"{p.position}. {p.text}")
            item.setData(USER_ROLE, p.id)
            self.list.addItem(item)
            if p.id == keep:
                self.list.setCurrentItem(item)
        self._update_buttons()

    def forget(self) -> None:
        self.points = []
        self.list.clear()
        self.error.clear_message()

    def selected_id(self) -> int | None:
        item = self.list.currentItem()
        return item.data(USER_ROLE) if item is not None else None

    def select(self, point_id: int) -> None:
        for r in range(self.list.count()):
            if self.list.item(r).data(USER_ROLE) == point_id:
                self.list.setCurrentRow(r)

    def _update_buttons(self) -> None:
        writable = self.screen.writable
        row = self.list.currentRow()
        has = self.selected_id() is not None
        self.add_button.setEnabled(writable)
        self.text.setReadOnly(not writable)
        self.edit_button.setEnabled(writable and has)
        self.delete_button.setEnabled(writable and has)
        self.up_button.setEnabled(writable and has and row > 0)
        self.down_button.setEnabled(writable and has and row < self.list.count() - 1)

    def add_point(self) -> bool:
        from circles_desktop.services.learning import learning_points

        text = self.text.toPlainText()
        self.error.clear_message()
        try:
            new_id = in_session(
                self.state, lambda s: learning_points.add_learning_point(s, self.screen.circle_id, text).id
            )
        except Exception as exc:
            self.error.show_message("\n".join(field_errors(exc).values()))
            self.text.setFocus()
            return False
        self.text.clear()
        self.screen.saved()
        self.select(new_id)
        return True

    def edit_selected(self, show: bool = True) -> PointDialog | None:
        point = next((p for p in self.points if p.id == self.selected_id()), None)
        if point is None or not self.screen.writable:
            return None
        dialog = PointDialog(self.screen, point, self)
        dialog.accepted.connect(self.screen.saved)
        self.dialog = dialog
        if show:
            dialog.open()
        return dialog

    def move_selected(self, by: int) -> bool:
        from circles_desktop.services.learning import learning_points

        point = next((p for p in self.points if p.id == self.selected_id()), None)
        if point is None:
            return False
        ok, _ = write(
            self.state, lambda s: learning_points.move_learning_point(s, point.id, point.position + by), parent=self
        )
        if ok:
            self.screen.saved()
            self.select(point.id)
        return ok

    def delete_selected(self) -> bool:
        from circles_desktop.services.learning import learning_points

        point_id = self.selected_id()
        if point_id is None or not confirm(self, "Delete learning point", "Delete the selected learning point?"):
            return False
        self.error.clear_message()
        try:
            in_session(self.state, lambda s: learning_points.delete_learning_point(s, point_id))
        except Exception as exc:
            self.error.show_message("\n".join(field_errors(exc).values()))
            return False
        self.screen.saved()
        return True

    def can_leave(self) -> bool:
        if not self.text.toPlainText().strip():
            return True
        answer = ask_save_discard(self, "A learning point is typed but not added. Add it before leaving?")
        if answer == QMessageBox.StandardButton.Save:
            return self.add_point()
        if answer == QMessageBox.StandardButton.Discard:
            self.text.clear()
            return True
        return False


class ActionsTab(QWidget):
    """The actions agreed at the learning circle (the meeting's ActionsPanel, once it has a date)."""

    def __init__(self, screen: Any) -> None:
        super().__init__()
        self.screen = screen
        self.state = screen.state
        self.setObjectName("learning.actions")
        self.panel: Any = None
        self.meeting_id: int | None = None
        self.stack = QStackedWidget()
        self.no_date = Note("Actions are agreed at the learning circle: enter its date on the Details tab first.")
        self.no_date.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.no_date)
        layout = QVBoxLayout(self)
        layout.addWidget(
            Note(
                "Each action has an owner and a due date. The Team Manager makes sure they are done, or raises the "
                "barriers with the Service Manager or Head of Locality (mark the action blocked and say by what)."
            )
        )
        layout.addWidget(self.stack, 1)

    def reload(self) -> None:
        from circles_desktop.ui.meetings.actions_panel import ActionsPanel

        detail = self.screen.detail
        meeting_id = detail.meeting_id if detail is not None else None
        if meeting_id != self.meeting_id:
            if self.panel is not None:
                self.stack.removeWidget(self.panel)
                self.panel.deleteLater()
                self.panel = None
            self.meeting_id = meeting_id
            if meeting_id is not None:
                self.panel = ActionsPanel(self.state, meeting_id)
                self.panel.table.setAccessibleName("Actions agreed at this learning circle")
                self.panel.changed.connect(self.screen.saved)
                self.stack.addWidget(self.panel)
        if self.panel is None:
            self.stack.setCurrentWidget(self.no_date)
            return
        self.panel.set_meeting(self.screen.circle_id, detail.held_on)
        self.panel.reload()
        self.stack.setCurrentWidget(self.panel)

    def forget(self) -> None:
        if self.panel is not None:
            self.panel.forget()


class ThemesTab(QWidget):
    """The themes of this learning circle: tags shared across learning circles, counted for the QPAG."""

    def __init__(self, screen: Any) -> None:
        super().__init__()
        self.screen = screen
        self.state = screen.state
        self.setObjectName("learning.themes")
        self.themes: list[Any] = []
        self.list = QListWidget()
        self.list.setObjectName("themes.list")
        self.list.setAccessibleName("Themes of this learning circle")
        self.name = QLineEdit()
        self.name.setObjectName("themes.name")
        self.name.setAccessibleName("Theme")
        self.name.setPlaceholderText("A theme, e.g. Voice of the child (existing themes are offered as you type)")
        self.names = QStringListModel(self)
        completer = QCompleter(self.names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.name.setCompleter(completer)
        self.add_button = QPushButton("&Add theme")
        self.add_button.setObjectName("themes.add")
        self.remove_button = QPushButton("&Remove…")
        self.remove_button.setObjectName("themes.remove")
        self.remove_button.setAccessibleName("Remove the selected theme from this learning circle")
        self.error = FieldMessage("Theme error")
        self.error.setObjectName("themes.error")
        add_row = QHBoxLayout()
        add_row.addWidget(self.name, 1)
        add_row.addWidget(self.add_button)
        remove_row = QHBoxLayout()
        remove_row.addStretch(1)
        remove_row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addWidget(
            Note(
                "Themes are shared across learning circles. The Themes view counts them over a date range: what "
                "the Quality, Performance and Action Group receives."
            )
        )
        layout.addWidget(self.list, 1)
        layout.addLayout(remove_row)
        layout.addLayout(add_row)
        layout.addWidget(self.error)
        self.add_button.clicked.connect(self.add_theme)
        self.name.returnPressed.connect(self.add_theme)
        self.remove_button.clicked.connect(self.remove_selected)

    def reload(self) -> None:
        from circles_desktop.services.learning import themes

        def work(s):
            return themes.circle_themes(s, self.screen.circle_id), [t.name for t in themes.list_themes(s)]

        self.themes, names = read(self.state, work, ([], []))
        self.names.setStringList(names)
        self.list.clear()
        for t in self.themes:
            item = QListWidgetItem(t.name)
            item.setData(USER_ROLE, t.id)
            item.setToolTip(f"A theme of {t.circles} learning circle{'s' if t.circles != 1 else ''}")
            self.list.addItem(item)
        writable = self.screen.writable
        for w in (self.add_button, self.remove_button, self.name):
            w.setEnabled(writable)

    def forget(self) -> None:
        self.themes = []
        self.list.clear()
        self.names.setStringList([])
        self.error.clear_message()

    def add_theme(self) -> bool:
        from circles_desktop.services.learning import themes

        name = self.name.text()
        self.error.clear_message()
        try:
            in_session(self.state, lambda s: themes.add_theme(s, self.screen.circle_id, name))
        except Exception as exc:
            self.error.show_message("\n".join(field_errors(exc).values()))
            return False
        self.name.clear()
        self.screen.saved()
        return True

    def remove_selected(self) -> bool:
        from circles_desktop.services.learning import themes

        item = self.list.currentItem()
        if item is None:
            self.error.show_message("Choose a theme in the list first.")
            return False
        theme_id = item.data(USER_ROLE)
        if not confirm(self, "Remove theme", f"Remove “{item.text()}” from this learning circle?"):
            return False
        self.error.clear_message()
        try:
            in_session(self.state, lambda s: themes.remove_theme(s, self.screen.circle_id, theme_id))
        except Exception as exc:
            self.error.show_message("\n".join(field_errors(exc).values()))
            return False
        self.screen.saved()
        return True

    def can_leave(self) -> bool:
        return True
