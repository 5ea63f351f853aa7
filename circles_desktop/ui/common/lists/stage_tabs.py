"""Tabs above a list, one a stage ("All" first), each saying how many records are at that stage: the
Community Circles and Learning circles lists."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import QTabBar

from circles_desktop.services.common.words import plural


class StageTabs(QTabBar):
    """`words` names each stage in order (value -> the word shown), `thing` is what is counted
    ("learning circle"); the current tab's stage is `stage()` (None for All)."""

    def __init__(self, object_name: str, words: Mapping[str, str], thing: str) -> None:
        super().__init__()
        self.setObjectName(object_name)
        self.setAccessibleName("Stage")
        self.setExpanding(False)
        self.setDrawBase(False)
        self.words = dict(words)
        self.thing = thing
        self.values: list[str | None] = [None, *self.words]
        for _ in self.values:
            self.addTab("")
        self.show_counts({})

    def stage(self) -> str | None:
        return self.values[max(self.currentIndex(), 0)]

    def set_stage(self, stage: str | None) -> None:
        self.setCurrentIndex(self.values.index(stage))

    def show_counts(self, counts: Mapping[str, int]) -> None:
        """Each tab with its count (stage -> records); without counts (they could not be read) the
        words alone."""
        total = sum(counts.values())
        for i, stage in enumerate(self.values):
            words = "All" if stage is None else self.words[stage]
            n = total if stage is None else counts.get(stage, 0)
            self.setTabText(i, f"{words} ({n})" if counts else words)
            self.setTabToolTip(i, f"{words}: {plural(n, self.thing)}")
