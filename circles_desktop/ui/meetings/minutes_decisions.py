"""Decisions made at a meeting, each with its information category."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import QPlainTextEdit, QWidget

from circles_desktop.models.vocab import Category
from circles_desktop.ui.meetings.minutes_list import TaggedListPanel, preview_of


class DecisionsPanel(TaggedListPanel):
    noun = "decision"
    prefix = "decisions"
    movable = False
    editor_grows = False

    def _build_fields(self) -> None:
        self.text = QPlainTextEdit()
        self.text.setObjectName("decisions.text")
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText("What the circle decided")
        self.text.setMinimumHeight(90)
        self.text.setMaximumHeight(160)
        self.add_error_field("text", "&Decision", self.text, required=True)
        self.add_category_field()
        self.text.textChanged.connect(self.mark_dirty)

    def first_field(self) -> QWidget:
        return self.text

    def _fetch(self, s):
        from circles_desktop.services.meetings import meeting_queries

        return meeting_queries.decisions(s, self.meeting_id)

    def _title(self, row) -> str:
        return preview_of(row.text, 70)

    def _editor_values(self) -> dict[str, Any]:
        return {"text": self.text.toPlainText(), "category": self.category.currentData() or ""}

    def _fill_editor(self, row) -> None:
        self.text.setPlainText(row.text if row else "")
        category = row.category if row else Category.MINUTES.value
        self.category.setCurrentIndex(max(0, self.category.findData(category)))

    def _create(self, s, values: Mapping[str, Any]) -> int:
        from circles_desktop.services.meetings import meetings

        return meetings.add_decision(s, self.meeting_id, values["text"], values["category"]).id

    def _update(self, s, row_id: int, values: Mapping[str, Any]) -> None:
        from circles_desktop.services.meetings import meetings

        meetings.update_decision(s, row_id, values["text"], values["category"])

    def _delete(self, s, row_id: int) -> None:
        from circles_desktop.services.meetings import meetings

        meetings.delete_decision(s, row_id)
