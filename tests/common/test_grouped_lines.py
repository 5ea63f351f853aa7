"""Home's and the search's grouped lines: an overdue line is red on the list's own background, and a
selected one takes the highlight's text colour, never red on the blue highlight."""

from __future__ import annotations

from PySide6.QtGui import QColor

from circles_desktop.ui.common.lists.grouped_lines import Group, GroupedLines, Line


def _red_pixels(image, top: int, bottom: int) -> int:
    count = 0
    for y in range(top, bottom):
        for x in range(image.width()):
            c = QColor(image.pixel(x, y))
            count += c.red() > 150 and c.green() < 80 and c.blue() < 80
    return count


def test_a_selected_overdue_line_is_not_red_on_the_highlight(qtbot):
    lines = GroupedLines(("What needs doing", "Whose", "When"), "What needs doing")
    qtbot.addWidget(lines)
    lines.resize(600, 200)
    overdue = (Line(("Ring the housing officer", "Siân", "3 days overdue"), "first", urgent=True),
               Line(("Book the review room", "Osian", "2 days overdue"), "second", urgent=True))  # fmt: skip
    lines.show_groups([Group("Overdue actions (2)", overdue)])
    lines.show()
    lines.setFocus()
    qtbot.waitExposed(lines)
    image = lines.viewport().grab().toImage()
    selected = lines.visualRect(lines.first_line())
    below = selected.translated(0, selected.height())
    assert lines.currentIndex() == lines.first_line()
    assert _red_pixels(image, selected.top(), selected.bottom()) == 0
    assert _red_pixels(image, below.top(), below.bottom()) > 0  # the line not selected is red
