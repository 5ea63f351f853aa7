"""The Circles list at 1366×768 keeps the kind of each circle whole: in a list of every kind, "Locality
Learning Circle" read "Locality Learning Ci…" while Started and Release had room to spare."""

from __future__ import annotations

from circles_desktop.ui.circles.circles_list import CirclesArea, CirclesModel
from support.ui import WAIT_MS


def test_the_kind_of_circle_is_whole(qtbot, state):
    from circles_desktop.services.demo import demo

    demo.fill(state.database, size=60)  # circles of every kind, with titles and names of every length
    area = CirclesArea(state)
    qtbot.addWidget(area)
    area.resize(1140, 700)  # the room an area has beside the list of areas at 1366×768
    area.show()
    qtbot.waitUntil(lambda: area.model.rowCount() > 10, timeout=WAIT_MS)
    table, header = area.table, area.table.horizontalHeader()
    kinds = {area.model.row(r)[CirclesModel.COL_KIND] for r in range(area.model.rowCount())}
    assert any("Learning" in str(k) for k in kinds)
    key = (CirclesModel.COL_REFERENCE, CirclesModel.COL_KIND, CirclesModel.COL_CORE)
    qtbot.waitUntil(lambda: all(header.sectionSize(c) >= table.sizeHintForColumn(c) for c in key), timeout=WAIT_MS)
    assert not table.horizontalScrollBar().isVisible()
