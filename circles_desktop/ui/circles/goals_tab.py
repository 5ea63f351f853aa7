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
    QWidget,
)

from circles_desktop.models.vocab import GoalStatus, label
from circles_desktop.services.common.words import uk_date
from circles_desktop.ui.common.dialogs import FormDialog
from circles_desktop.ui.common.forms import DateField, RecordForm, combo
from circles_desktop.ui.common.operations import read, write
from circles_desktop.ui.common.tables import USER_ROLE
from circles_desktop.ui.common.widgets import Note

if TYPE_CHECKING:
    from circles_desktop.ui.circles.circle_screen import CircleScreen


class GoalsTab(QWidget):
    def __init__(self, circle_screen: CircleScreen) -> None:
        super().__init__()
        self.circle_screen = circle_screen
        self.state = circle_screen.state
        self.setObjectName("circle.goals")
        self.goals: list[Any] = []
        self.tree = QTreeWidget()
        self.tree.setObjectName("goals.tree")
        self.tree.setAccessibleName("Goals and progress notes")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["Goal / progress note", "Date", "Status / noted by"])
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setStyleSheet("QTreeView::item { padding: 3px 2px; }")
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().resizeSection(1, 110)
        self.tree.header().resizeSection(2, 200)
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
        layout = QVBoxLayout(self)
        layout.addWidget(
            Note(
                "Goals are set with the core member and the volunteers; note progress towards each "
                "as it happens. Choose a goal to add a note or change its status."
            )
        )
        layout.addLayout(tools)
        layout.addWidget(self.tree, 1)
        self.add_button.clicked.connect(lambda: self.add_goal())
        self.progress_button.clicked.connect(lambda: self.add_progress())
        self.edit_button.clicked.connect(lambda: self.edit_goal())
        self.dialog: FormDialog | None = None

    def reload(self) -> None:
        from circles_desktop.services.circles import circle_queries

        keep = self.selected_goal_id()
        self.goals = read(self.state, lambda s: circle_queries.goal_rows(s, self.circle_screen.circle_id), [])
        self.tree.clear()
        for g in self.goals:
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
            if item.data(0, USER_ROLE) == goal_id:
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
        form.add_field("title", "Goal", QLineEdit(), required=True).setObjectName("goal.title")
        form.add_field("description", "Description", QPlainTextEdit()).setObjectName("goal.description")
        form.add_field("set_on", "Set on", DateField(), required=True).setObjectName("goal.set_on")
        form.save_button.setObjectName("goal.save")

        def save(values: dict[str, Any]) -> bool:
            return write(
                self.state,
                lambda s: goals.add_goal(
                    s, self.circle_screen.circle_id, values["title"], values["set_on"], values["description"] or ""
                ),
                show=form,
                parent=dialog,
            )[0]

        dialog = FormDialog("New goal", form, save, self, object_name="goal_dialog")
        return self._open(dialog)

    def add_progress(self) -> FormDialog | None:
        from circles_desktop.services.circles import goals

        goal = self._goal()
        if goal is None:
            return None
        form = RecordForm(f"Progress: {goal.title}")
        form.add_field("noted_on", "Date", DateField(), required=True).setObjectName("progress.noted_on")
        note = form.add_field("note", "Progress", QPlainTextEdit(), required=True)
        note.setObjectName("progress.note")
        form.save_button.setObjectName("progress.save")

        def save(values: dict[str, Any]) -> bool:
            return write(
                self.state,
                lambda s: goals.add_progress(s, goal.id, values["noted_on"], values["note"] or ""),
                show=form,
                parent=dialog,
            )[0]

        dialog = FormDialog("Add a progress note", form, save, self, object_name="progress_dialog")
        return self._open(dialog)

    def edit_goal(self) -> FormDialog | None:
        from circles_desktop.services.circles import goals

        goal = self._goal()
        if goal is None:
            return None
        form = RecordForm("Goal")
        form.add_field("title", "Goal", QLineEdit(), required=True).setObjectName("goal.title")
        form.add_field("description", "Description", QPlainTextEdit())
        form.add_field("status", "Status", combo({s.value: s.label for s in GoalStatus}), required=True).setObjectName(
            "goal.status"
        )
        form.add_field("closed_on", "Achieved or stopped on", DateField(optional=True)).setObjectName("goal.closed_on")
        form.load(
            {"title": goal.title, "description": goal.description, "status": goal.status, "closed_on": goal.closed_on}
        )
        status = form.field("status")
        closed = form.field("closed_on")

        def status_changed(_i: int) -> None:
            if status.currentData() != GoalStatus.OPEN and closed.value() is None:
                closed.set_value(date.today())
            elif status.currentData() == GoalStatus.OPEN:
                closed.set_value(None)

        status.currentIndexChanged.connect(status_changed)
        form.save_button.setObjectName("goal.save")

        def save(values: dict[str, Any]) -> bool:
            return write(
                self.state,
                lambda s: goals.update_goal(
                    s,
                    goal.id,
                    title=values["title"],
                    description=values["description"] or "",
                    status=values["status"],
                    closed_on=values["closed_on"],
                ),
                show=form,
                parent=dialog,
            )[0]

        dialog = FormDialog("Goal", form, save, self, object_name="goal_dialog")
        return self._open(dialog)

    def _open(self, dialog: FormDialog) -> FormDialog:
        dialog.accepted.connect(self.circle_screen.saved)
        self.dialog = dialog
        dialog.open()
        return dialog
