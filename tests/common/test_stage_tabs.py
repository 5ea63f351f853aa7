"""The stage tabs above the Community Circles and Learning circles lists: All first, each with its count."""

from __future__ import annotations

from circles_desktop.ui.common.lists.stage_tabs import StageTabs


def texts(tabs: StageTabs) -> list[str]:
    return [tabs.tabText(i) for i in range(tabs.count())]


def test_each_stage_says_its_count_and_all_their_total(qtbot):
    tabs = StageTabs("test.stages", {"before": "Before", "after": "After"}, "learning circle")
    qtbot.addWidget(tabs)
    assert texts(tabs) == ["All", "Before", "After"] and tabs.stage() is None
    tabs.show_counts({"before": 2, "after": 1})
    assert texts(tabs) == ["All (3)", "Before (2)", "After (1)"]
    assert tabs.tabToolTip(2) == "After: 1 learning circle"
    tabs.set_stage("after")
    assert tabs.stage() == "after" and tabs.currentIndex() == 2
    tabs.show_counts({})  # counts that could not be read: the words alone
    assert texts(tabs) == ["All", "Before", "After"]
