"""The Goals tab: the circle's goals, each with its dated progress notes."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from circles_desktop.models.vocab import GoalStatus, label
from circles_desktop.services.common.words import uk_date
from circles_desktop.ui.circles.circle_tab import CircleTab
from circles_desktop.ui.common.dialogs import FormDialog
from circles_desktop.ui.common.forms import DateField, RecordForm, combo
from circles_desktop.ui.common.lists.tables import USER_ROLE
from circles_desktop.ui.common.operations import read
from circles_desktop.ui.common.widgets import Note

if TYPE_CHECKING:
    from circles_desktop.ui.circles.circle_screen import CircleScreen


class GoalsTab(CircleTab):
    def __init__(self, circle_screen: CircleScreen) -> None:
        super().__init__(circle_screen, "circle.goals")
        self.goals: list[Any] = []
        layout = QVBoxLayout(self)
        layout.addWidget(
            Note(
                "Goals are set with the core member and the volunteers; note progress towards each "
                "as it happens. Choose a goal to add a note or change its status."
            )
        )
        layout.addLayout(self._build_tools())
        layout.addWidget(self._build_tree(), 1)

    def _build_tree(self) -> QTreeWidget:
        self.tree = QTreeWidget()
        self.tree.setObjectName("goals.tree")
        self.tree.setAccessibleName("Goals and progress notes")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["Goal / progress note", "Date", "Status / noted by"])
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setStyleSheet("QTreeView::item { padding: 3px 2px; }")
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(1, 110)
        header.resizeSection(2, 200)
        return self.tree

    def _build_tools(self) -> QHBoxLayout:
        self.add_button = QPushButton("&Add goal…")
        self.add_button.setObjectName("goals.add")
        self.progress_button = QPushButton("Add &progress note…")
        self.progress_button.setObjectName("goals.progress")
        self.edit_button = QPushButton("&Edit goal / status…")
        self.edit_button.setObjectName("goals.edit")
        tools = QHBoxLayout()
        for b in (self.add_button, self.progress_button, self.edit_button):
            tools.addWidget(b)
        tools.addStretch(1)
        self.add_button.clicked.connect(lambda: self.add_goal())
        self.progress_button.clicked.connect(lambda: self.add_progress())
        self.edit_button.clicked.connect(lambda: self.edit_goal())
        return tools

    def reload(self) -> None:
        from circles_desktop.services.circles import circle_queries

        keep = self.selected_goal_id()
        self.goals = read(self.state, lambda s: circle_queries.goal_rows(s, self.circle_id), [])
        self.tree.clear()
        for g in self.goals:
            item = _goal_item(g)
            self.tree.addTopLevelItem(item)
            item.setExpanded(True)
            if g.id == keep:
                self.tree.setCurrentItem(item)
        if not self.goals:
            self.tree.addTopLevelItem(QTreeWidgetItem(["No goals set yet: “Add goal…” to set the first.", "", ""]))
        self.add_button.setEnabled(not self.circle_screen.is_closed)

    def clear(self) -> None:
        self.goals = []
        self.tree.clear()

    def selected_goal_id(self) -> int | None:
        item = self.tree.currentItem()
        return item.data(0, USER_ROLE) if item is not None else None

    def select_goal(self, goal_id: int) -> None:
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item is not None and item.data(0, USER_ROLE) == goal_id:
                self.tree.setCurrentItem(item)

    def _goal(self) -> Any:
        ident = self.selected_goal_id()
        found = next((g for g in self.goals if g.id == ident), None)
        if found is None:
            QMessageBox.information(self, "Goals", "Choose a goal in the list first.")
        return found

    def add_goal(self) -> FormDialog:
        from circles_desktop.services.circles import goals

        form = RecordForm("New goal")
        _goal_fields(form)
        set_on = DateField()
        set_on.setObjectName("goal.set_on")
        form.add_field("set_on", "Set on", set_on, required=True)
        form.save_button.setObjectName("goal.save")
        cid = self.circle_id

        def work(s: Any, v: dict[str, Any]) -> Any:
            return goals.add_goal(s, cid, v["title"], v["set_on"], v["description"] or "")

        return self.open_form("New goal", form, work, "goal_dialog")

    def add_progress(self) -> FormDialog | None:
        from circles_desktop.services.circles import goals

        goal = self._goal()
        if goal is None:
            return None
        form = RecordForm(f"Progress: {goal.title}")
        noted_on = DateField()
        noted_on.setObjectName("progress.noted_on")
        form.add_field("noted_on", "Date", noted_on, required=True)
        note = QPlainTextEdit()
        note.setObjectName("progress.note")
        form.add_field("note", "Progress", note, required=True)
        form.save_button.setObjectName("progress.save")

        def work(s: Any, v: dict[str, Any]) -> Any:
            return goals.add_progress(s, goal.id, v["noted_on"], v["note"] or "")

        return self.open_form("Add a progress note", form, work, "progress_dialog")

    def edit_goal(self) -> FormDialog | None:
        from circles_desktop.services.circles import goals

        goal = self._goal()
        if goal is None:
            return None
        form = RecordForm("Goal")
        _goal_fields(form)
        status = combo({s.value: s.label for s in GoalStatus})
        status.setObjectName("goal.status")
        form.add_field("status", "Status", status, required=True)
        closed = DateField(optional=True)
        closed.setObjectName("goal.closed_on")
        form.add_field("closed_on", "Achieved or stopped on", closed)
        form.load(
            {"title": goal.title, "description": goal.description, "status": goal.status, "closed_on": goal.closed_on}
        )

        def status_changed(_i: int) -> None:  # achieved or stopped today, unless a date is given
            if status.currentData() != GoalStatus.OPEN and closed.value() is None:
                closed.set_value(date.today())
            elif status.currentData() == GoalStatus.OPEN:
                closed.set_value(None)

        status.currentIndexChanged.connect(status_changed)
        form.save_button.setObjectName("goal.save")

        def work(s: Any, v: dict[str, Any]) -> Any:
            description = v["description"] or ""
            return goals.update_goal(
                s, goal.id, title=v["title"], description=description, status=v["status"], closed_on=v["closed_on"]
            )

        return self.open_form("Goal", form, work, "goal_dialog")


def _goal_fields(form: RecordForm) -> None:
    """The goal and its description, the same in the new and the edit forms."""
    title = QLineEdit()
    title.setObjectName("goal.title")
    form.add_field("title", "Goal", title, required=True)
    description = QPlainTextEdit()
    description.setObjectName("goal.description")
    form.add_field("description", "Description", description)


def _goal_item(g: Any) -> QTreeWidgetItem:
    """A goal in bold, with its progress notes (or a note that there are none yet) under it."""
    status = label(g.status) + (f" ({uk_date(g.closed_on)})" if g.closed_on else "")
    item = QTreeWidgetItem([g.title, uk_date(g.set_on), status])
    item.setData(0, USER_ROLE, g.id)
    font = item.font(0)
    font.setBold(True)
    item.setFont(0, font)
    if g.description:
        item.setToolTip(0, g.description)
    for p in g.progress:
        child = QTreeWidgetItem([p.note, uk_date(p.noted_on), p.noted_by])
        child.setData(0, USER_ROLE, g.id)
        child.setToolTip(0, p.note)
        item.addChild(child)
    if not g.progress:
        child = QTreeWidgetItem(["No progress noted yet", "", ""])
        child.setData(0, USER_ROLE, g.id)
        child.setForeground(0, Qt.GlobalColor.darkGray)
        item.addChild(child)
    return item
