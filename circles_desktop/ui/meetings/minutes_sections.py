"""Minutes as ordered sections, each with a heading, a body and one information category."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from circles_desktop.models.vocab import Category
from circles_desktop.ui.meetings.minutes_list import TaggedListPanel, preview_of


class SectionsPanel(TaggedListPanel):
    noun = "section"
    prefix = "minutes"
    movable = True

    def _build_fields(self) -> None:
        self.heading = QLineEdit()
        self.heading.setObjectName("minutes.heading")
        self.heading.setPlaceholderText("e.g. Check-in, Goals, Risk and concerns, Debrief")
        self.body = QPlainTextEdit()
        self.body.setObjectName("minutes.body")
        self.body.setTabChangesFocus(True)
        self.body.setPlaceholderText("What was said and agreed. Only this section's category decides who may read it.")
        self.body.setMinimumHeight(120)
        self.add_error_field("heading", "&Heading", self.heading, required=True)
        self.add_category_field()
        self.add_error_field("body", "Te&xt", self.body)
        self.heading.textEdited.connect(self.mark_dirty)
        self.body.textChanged.connect(self.mark_dirty)
        self.list_heading.setText("Sections")

    def first_field(self) -> QWidget:
        return self.heading

    def _fetch(self, s):
        from circles_desktop.services.meetings import meeting_queries

        return meeting_queries.sections(s, self.meeting_id)

    def _title(self, row) -> str:
        return row.heading

    def _preview(self, row) -> str:
        return preview_of(row.body)

    def _editor_values(self) -> dict[str, Any]:
        return {
            "heading": self.heading.text(),
            "body": self.body.toPlainText(),
            "category": self.category.currentData() or "",
        }

    def _fill_editor(self, row) -> None:
        self.heading.setText(row.heading if row else "")
        self.body.setPlainText(row.body if row else "")
        category = row.category if row else Category.MINUTES.value
        self.category.setCurrentIndex(max(0, self.category.findData(category)))

    def _create(self, s, values: Mapping[str, Any]) -> int:
        from circles_desktop.services.meetings import meetings

        return meetings.add_section(s, self.meeting_id, values["heading"], values["body"], values["category"]).id

    def _update(self, s, row_id: int, values: Mapping[str, Any]) -> None:
        from circles_desktop.services.meetings import meetings

        meetings.update_section(s, row_id, values["heading"], values["body"], values["category"])

    def _delete(self, s, row_id: int) -> None:
        from circles_desktop.services.meetings import meetings

        meetings.delete_section(s, row_id)

    def _move(self, s, row_id: int, position: int) -> None:
        from circles_desktop.services.meetings import meetings

        meetings.move_section(s, row_id, position)

    def set_text(self, heading: str | None = None, body: str | None = None, category: str | None = None) -> None:
        """Type into the editor as a coordinator would (marks it unsaved)."""
        if heading is not None:
            self.heading.setText(heading)
            self.heading.textEdited.emit(heading)
        if body is not None:
            self.body.setPlainText(body)
        if category is not None:
            self.category.setCurrentIndex(self.category.findData(category))
