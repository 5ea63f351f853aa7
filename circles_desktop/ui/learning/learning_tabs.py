"""The learning circle screen's tabs besides the checklist: its people (learners, practitioners,
attendance on the day), its learning points in order, its actions and its themes.

Each tab reads in its own short session on reload(), forgets what it read on forget() (lock), and
calls circle_screen.saved() after a write so the checklist and "what is left" are read again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from circles_desktop.models.vocab import MemberRole
from circles_desktop.services.common.words import plural, uk_date
from circles_desktop.services.learning.learning_circles import MANAGER_ROLES
from circles_desktop.services.learning.learning_record import ROLE_WORDS as _ROLE_WORDS
from circles_desktop.ui.common.buttons import button
from circles_desktop.ui.common.dialogs import FormDialog, ask_save_discard, confirm, open_dialog
from circles_desktop.ui.common.forms import RecordForm, combo
from circles_desktop.ui.common.lists.tables import USER_ROLE, fill_table, make_table, selected_id
from circles_desktop.ui.common.operations import Outcome, read, write
from circles_desktop.ui.common.widgets import FieldMessage, Note
from circles_desktop.ui.learning.learning_fields import PersonChooser, by_value, completer, text_box
from circles_desktop.ui.meetings.actions_panel import ActionsPanel
from circles_desktop.ui.meetings.attendance_grid import AttendanceGrid

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from circles_desktop.services.circles.members import MemberRow
    from circles_desktop.services.learning.learning_points import LearningPointRow
    from circles_desktop.services.learning.themes import ThemeRow
    from circles_desktop.ui.learning.learning_screen import LearningCircleScreen


ROLE_WORDS = by_value(_ROLE_WORDS)


def fill_list(widget: QListWidget, items: Iterable[tuple[str, int, str]], keep: int | None = None) -> None:
    """Replace a list's items, each (text, id, tooltip); the item whose id is `keep` stays current."""
    widget.clear()
    for text, ident, tip in items:
        item = QListWidgetItem(text)
        item.setData(USER_ROLE, ident)
        if tip:
            item.setToolTip(tip)
        widget.addItem(item)
        if ident == keep:
            widget.setCurrentItem(item)


def current_id(widget: QListWidget) -> int | None:
    item = widget.currentItem()
    return item.data(USER_ROLE) if item is not None else None


class OnTheDay(QStackedWidget):
    """A part of the learning circle's meeting (its attendance, its actions): a note until the learning
    circle has a date, then the part `make(meeting_id)` builds, built again if the meeting changes."""

    def __init__(self, waiting: str, make: Callable[[int], QWidget]) -> None:
        super().__init__()
        self._make = make
        self.part: QWidget | None = None
        self.meeting_id: int | None = None
        self.no_date = Note(waiting)
        self.no_date.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.addWidget(self.no_date)

    def follow(self, meeting_id: int | None) -> None:
        if meeting_id != self.meeting_id:
            if self.part is not None:
                self.removeWidget(self.part)
                self.part.deleteLater()
                self.part = None
            self.meeting_id = meeting_id
            if meeting_id is not None:
                self.part = self._make(meeting_id)
                self.addWidget(self.part)
        self.setCurrentWidget(self.part if self.part is not None else self.no_date)


class LearningTab(QWidget):
    """What every tab shares: its learning circle screen, a message line, and writes that read the
    screen again once saved."""

    def __init__(self, circle_screen: LearningCircleScreen, name: str, error_name: str) -> None:
        super().__init__()
        self.circle_screen = circle_screen
        self.state = circle_screen.state
        self.setObjectName(name)
        self.error = FieldMessage(error_name)
        self.error.setObjectName(f"{name.split('.')[-1]}.error")

    def _changed(self, work: Callable[[Session], Any], then: Callable[[], None] | None = None) -> Outcome:
        """Write `work`; a failure is shown on the tab's message line. Saved, `then()` runs and the
        whole screen is read again."""
        outcome = write(self.state, work, show=self.error)
        if outcome.ok:
            if then is not None:
                then()
            self.circle_screen.saved()
        return outcome

    def can_leave(self) -> bool:
        return True


class PeopleTab(LearningTab):
    """Who is in the learning circle, adding learners and practitioners, and attendance on the day."""

    def __init__(self, circle_screen: LearningCircleScreen) -> None:
        super().__init__(circle_screen, "learning.people", "People error")
        self.rows: list[MemberRow] = []
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._build_people_box())
        splitter.addWidget(self._build_attendance_host())
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([470, 690])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.add_button.clicked.connect(self.add_person)
        self.remove_button.clicked.connect(self.remove_selected)

    def _build_people_box(self) -> QGroupBox:
        self.table = make_table(("Name", "Role", "Organisation", "Joined"), "People in the learning circle", stretch=0)
        self.table.setObjectName("people.table")
        self.role = combo({MemberRole.LEARNER.value: "Learner", MemberRole.PRACTITIONER.value: "Practitioner"})
        self.role.setObjectName("people.role")
        self.role.setAccessibleName("Add as")
        self.person = PersonChooser(self.state, "people.person")
        self.person.setAccessibleName("Person to add")
        self.person.search.setFixedWidth(130)
        self.person.choice.setMinimumContentsLength(14)
        self.add_button = button("&Add", "people.add", "Add the person to the learning circle")
        self.remove_button = button("&Remove…", "people.remove", "Remove the selected person")
        add_row = QHBoxLayout()
        add_row.addWidget(QLabel("Add a"))
        add_row.addWidget(self.role)
        add_row.addWidget(self.person, 1)
        add_row.addWidget(self.add_button)
        remove_row = QHBoxLayout()
        remove_row.addStretch(1)
        remove_row.addWidget(self.remove_button)
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
        pbox.addLayout(remove_row)
        return people_box

    def _build_attendance_host(self) -> OnTheDay:
        self.attendance_host = OnTheDay(
            "Attendance is taken on the day: enter the learning circle's date on the Details tab first.",
            self._make_attendance,
        )
        return self.attendance_host

    def _make_attendance(self, meeting_id: int) -> AttendanceGrid:
        grid = AttendanceGrid(self.state, meeting_id)
        grid.intro.setText("Who came to the learning circle on the day.")
        grid.saved.connect(self.circle_screen.saved)
        return grid

    @property
    def attendance(self) -> AttendanceGrid | None:
        """The attendance grid, once the learning circle has a date."""
        part = self.attendance_host.part
        return part if isinstance(part, AttendanceGrid) else None

    def reload(self) -> None:
        from circles_desktop.services.learning import learning_circles as lcs

        self.rows = read(self.state, lambda s: lcs.learning_members(s, self.circle_screen.circle_id), [])
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
        detail = self.circle_screen.detail
        self.attendance_host.follow(detail.meeting_id if detail is not None else None)
        if self.attendance is not None:
            self.attendance.reload()
        writable = self.circle_screen.writable
        for w in (self.add_button, self.remove_button, self.person, self.role):
            w.setEnabled(writable)

    def forget(self) -> None:
        self.rows = []
        fill_table(self.table, [], [])
        self.error.clear_message()
        if self.attendance is not None:
            self.attendance.forget()

    def add_person(self) -> bool:
        from circles_desktop.services.learning import learning_circles as lcs

        circle_id, person_id, role = self.circle_screen.circle_id, self.person.value(), self.role.currentData()

        def cleared() -> None:
            self.person.set_value(None)
            self.person.search.clear()

        return self._changed(lambda s: lcs.add_learner(s, circle_id, person_id, role), then=cleared).ok

    def remove_selected(self) -> bool:
        from circles_desktop.services.circles import members

        member_id = selected_id(self.table)
        m = next((r for r in self.rows if r.id == member_id), None)
        if m is None:
            self.error.show_message("Choose a person in the list first.")
            return False
        if m.role in MANAGER_ROLES:
            self.error.show_message(
                f"{m.name} is the {ROLE_WORDS[m.role]}: choose someone else for that part on the Details tab."
            )
            return False
        if not confirm(self, "Remove from the learning circle", f"Remove {m.name} from this learning circle?"):
            return False
        return self._changed(lambda s: members.remove_member(s, m.id)).ok

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
    def __init__(self, state: Any, point: LearningPointRow, parent: QWidget | None = None) -> None:
        form = RecordForm("Learning point")
        text = text_box("point_dialog.text", 100)
        form.add_field("text", "&Learning point", text, required=True)
        form.save_button.setObjectName("point_dialog.save")
        super().__init__("Change a learning point", form, self._save, parent, "point_dialog")
        self.state, self.point_id, self.text = state, point.id, text
        form.load({"text": point.text})

    def _save(self, v: dict[str, Any]) -> bool:
        from circles_desktop.services.learning import learning_points

        work = lambda s: learning_points.update_learning_point(s, self.point_id, v["text"] or "")  # noqa: E731
        return write(self.state, work, show=self.form, parent=self).ok


class PointsTab(LearningTab):
    """The learning points agreed together, in order."""

    def __init__(self, circle_screen: LearningCircleScreen) -> None:
        super().__init__(circle_screen, "learning.points", "Learning point error")
        self.points: list[LearningPointRow] = []
        self.dialog: Any = None
        self.list = QListWidget()
        self.list.setObjectName("points.list")
        self.list.setAccessibleName("Learning points")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.text = text_box(
            "points.text", 64, "A learning point agreed by the learners (from the flip chart, whiteboard or padlet)"
        )
        self.text.setAccessibleName("New learning point")
        layout = QVBoxLayout(self)
        layout.addWidget(
            Note("Learning points and actions are agreed together and captured; record them here in order.")
        )
        layout.addWidget(self.list, 1)
        layout.addLayout(self._build_buttons())
        add_row = QHBoxLayout()
        add_row.addWidget(self.text, 1)
        add_row.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(add_row)
        layout.addWidget(self.error)
        self._connect()

    def _build_buttons(self) -> QHBoxLayout:
        self.add_button = button("&Add point", "points.add")
        self.edit_button = button("&Change…", "points.edit")
        self.up_button = button("Move &up", "points.up")
        self.down_button = button("Move do&wn", "points.down")
        self.delete_button = button("De&lete…", "points.delete")
        buttons = QHBoxLayout()
        for b in (self.edit_button, self.up_button, self.down_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        return buttons

    def _connect(self) -> None:
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
        self.points = read(self.state, lambda s: learning_points.learning_points(s, self.circle_screen.circle_id), [])
        fill_list(self.list, ((f"{p.position}. {p.text}", p.id, "") for p in self.points), keep)
        self._update_buttons()

    def forget(self) -> None:
        self.points = []
        self.list.clear()
        self.error.clear_message()

    def selected_id(self) -> int | None:
        return current_id(self.list)

    def select(self, point_id: int) -> None:
        for r in range(self.list.count()):
            item = self.list.item(r)
            if item is not None and item.data(USER_ROLE) == point_id:
                self.list.setCurrentRow(r)

    def _selected_point(self) -> LearningPointRow | None:
        return next((p for p in self.points if p.id == self.selected_id()), None)

    def _update_buttons(self) -> None:
        writable = self.circle_screen.writable
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

        circle_id, text = self.circle_screen.circle_id, self.text.toPlainText()
        ok, new_id = self._changed(
            lambda s: learning_points.add_learning_point(s, circle_id, text).id, then=self.text.clear
        )
        if not ok:
            self.text.setFocus()
            return False
        self.select(new_id)
        return True

    def edit_selected(self, show: bool = True) -> PointDialog | None:
        point = self._selected_point()
        if point is None or not self.circle_screen.writable:
            return None
        dialog = PointDialog(self.state, point, self)
        return open_dialog(self, dialog, self.circle_screen.saved, show)

    def move_selected(self, by: int) -> bool:
        from circles_desktop.services.learning import learning_points

        point = self._selected_point()
        if point is None:
            return False
        ok, _ = write(
            self.state, lambda s: learning_points.move_learning_point(s, point.id, point.position + by), parent=self
        )
        if ok:
            self.circle_screen.saved()
            self.select(point.id)
        return ok

    def delete_selected(self) -> bool:
        from circles_desktop.services.learning import learning_points

        point_id = self.selected_id()
        if point_id is None or not confirm(self, "Delete learning point", "Delete the selected learning point?"):
            return False
        return self._changed(lambda s: learning_points.delete_learning_point(s, point_id)).ok

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

    def __init__(self, circle_screen: LearningCircleScreen) -> None:
        super().__init__()
        self.circle_screen = circle_screen
        self.state = circle_screen.state
        self.setObjectName("learning.actions")
        self.stack = OnTheDay(
            "Actions are agreed at the learning circle: enter its date on the Details tab first.", self._make_panel
        )
        layout = QVBoxLayout(self)
        layout.addWidget(
            Note(
                "Each action has an owner and a due date. The Team Manager makes sure they are done, or raises the "
                "barriers with the Service Manager or Head of Locality (mark the action blocked and say by what)."
            )
        )
        layout.addWidget(self.stack, 1)

    def reload(self) -> None:
        detail = self.circle_screen.detail
        self.stack.follow(detail.meeting_id if detail is not None else None)
        panel = self.panel
        if panel is not None and detail is not None:
            panel.set_meeting(self.circle_screen.circle_id, detail.held_on)
            panel.reload()

    def _make_panel(self, meeting_id: int) -> ActionsPanel:
        panel = ActionsPanel(self.state, meeting_id, shared_by_category=False)  # no CoSA sharing category
        panel.table.setAccessibleName("Actions agreed at this learning circle")
        panel.changed.connect(self.circle_screen.saved)
        return panel

    @property
    def panel(self) -> ActionsPanel | None:
        """The meeting's actions panel, once the learning circle has a date."""
        part = self.stack.part
        return part if isinstance(part, ActionsPanel) else None

    def forget(self) -> None:
        if self.panel is not None:
            self.panel.forget()


class ThemesTab(LearningTab):
    """The themes of this learning circle: tags shared across learning circles, counted for the QPAG."""

    def __init__(self, circle_screen: LearningCircleScreen) -> None:
        super().__init__(circle_screen, "learning.themes", "Theme error")
        self.themes: list[ThemeRow] = []
        self.list = QListWidget()
        self.list.setObjectName("themes.list")
        self.list.setAccessibleName("Themes of this learning circle")
        self.name = QLineEdit()
        self.name.setObjectName("themes.name")
        self.name.setAccessibleName("Theme")
        self.name.setPlaceholderText("A theme, e.g. Voice of the child (existing themes are offered as you type)")
        self.names = QStringListModel(self)
        self.name.setCompleter(completer(self.names, self, contains=True))
        self.add_button = button("&Add theme", "themes.add")
        self.remove_button = button("&Remove…", "themes.remove", "Remove the selected theme from this learning circle")
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

        def work(s: Session) -> tuple[list[ThemeRow], list[str]]:
            return themes.circle_themes(s, self.circle_screen.circle_id), [t.name for t in themes.list_themes(s)]

        nothing: tuple[list[ThemeRow], list[str]] = ([], [])
        self.themes, names = read(self.state, work, nothing)
        self.names.setStringList(names)
        fill_list(
            self.list,
            ((t.name, t.id, f"A theme of {plural(t.circles, 'learning circle')}") for t in self.themes),
        )
        writable = self.circle_screen.writable
        for w in (self.add_button, self.remove_button, self.name):
            w.setEnabled(writable)

    def forget(self) -> None:
        self.themes = []
        self.list.clear()
        self.names.setStringList([])
        self.error.clear_message()

    def add_theme(self) -> bool:
        from circles_desktop.services.learning import themes

        circle_id, name = self.circle_screen.circle_id, self.name.text()
        return self._changed(lambda s: themes.add_theme(s, circle_id, name), then=self.name.clear).ok

    def remove_selected(self) -> bool:
        from circles_desktop.services.learning import themes

        item = self.list.currentItem()
        if item is None:
            self.error.show_message("Choose a theme in the list first.")
            return False
        circle_id, theme_id = self.circle_screen.circle_id, item.data(USER_ROLE)
        if not confirm(self, "Remove theme", f"Remove “{item.text()}” from this learning circle?"):
            return False
        return self._changed(lambda s: themes.remove_theme(s, circle_id, theme_id)).ok
