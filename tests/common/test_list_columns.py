"""Every list sorts by a click on its column header (in SQL, across every page) and sizes its columns to
what they hold, within its width: key columns keep their whole text, no horizontal scroll bar."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from circles_desktop.ui.common.lists.columns import fitted_widths
from circles_desktop.ui.common.lists.list_parts import list_table
from circles_desktop.ui.common.lists.paged_model import PagedTableModel
from circles_desktop.ui.people.people_page import PeopleArea, PeopleModel


def test_widths_that_fit_are_kept():
    assert fitted_widths([100, 50, 80], [40, 40, 40], 400) == [100, 50, 80]


def test_the_widest_columns_give_way_first():
    # 500 wanted in 300: the two wide ones come down to a common width; the narrow key ones keep theirs.
    widths = fitted_widths([90, 250, 70, 90], [40, 40, 40, 40], 300)
    assert sum(widths) == 300
    assert widths[2] == 70 and abs(widths[0] - widths[3]) <= 1 and max(widths[0], widths[3]) <= 90
    assert widths[1] >= widths[0] - 1


def test_kept_columns_give_way_last():
    widths = fitted_widths([200, 200, 200], [40, 40, 40], 450, keep=(0,))
    assert widths[0] == 200 and sum(widths) == 450


def test_no_column_goes_below_its_floor():
    widths = fitted_widths([300, 300], [120, 60], 100)
    assert widths == [120, 60]


@pytest.fixture
def people_area(qtbot, state):
    from circles_desktop.services.demo import demo

    demo.fill(state.database, size=300)
    area = PeopleArea(state)
    qtbot.addWidget(area)
    area.resize(1166, 700)
    area.show()
    qtbot.waitExposed(area)
    return area


def click_header(qtbot, table, column: int) -> None:
    header = table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))


def all_rows(model) -> list:
    while model.canFetchMore():
        model.fetchMore()
    return [model.row(r) for r in range(model.rowCount())]


def born(row) -> date | None:
    text = row[PeopleModel.COL_BORN]
    return date(int(text[6:]), int(text[3:5]), int(text[:2])) if text else None


def test_clicking_a_header_sorts_the_whole_list_in_sql_and_again_reverses_it(qtbot, people_area):
    table, model = people_area.table, people_area.model
    assert model.sort_key == "name" and table.horizontalHeader().sortIndicatorSection() == PeopleModel.COL_NAME
    with qtbot.waitSignal(model.modelReset, timeout=5000):
        click_header(qtbot, table, PeopleModel.COL_BORN)
    assert (model.sort_key, model.descending) == ("date_of_birth", False)
    assert table.horizontalHeader().sortIndicatorSection() == PeopleModel.COL_BORN
    rows = all_rows(model)
    assert len(rows) > 200  # more than one page: the order holds across pages
    dates = [born(r) for r in rows if born(r) is not None]
    assert dates == sorted(dates)
    with qtbot.waitSignal(model.modelReset, timeout=5000):
        click_header(qtbot, table, PeopleModel.COL_BORN)
    assert model.descending and table.horizontalHeader().sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    dates = [born(r) for r in all_rows(model) if born(r) is not None]
    assert dates == sorted(dates, reverse=True)

    # Another column starts ascending; the name, reversed, is a real order too.
    with qtbot.waitSignal(model.modelReset, timeout=5000):
        click_header(qtbot, table, PeopleModel.COL_NAME)
    with qtbot.waitSignal(model.modelReset, timeout=5000):
        click_header(qtbot, table, PeopleModel.COL_NAME)
    assert (model.sort_key, model.descending) == ("name", True)
    names = [r[PeopleModel.COL_NAME] for r in all_rows(model)]
    assert names[0].casefold() > names[-1].casefold()

    # A column that cannot be sorted in SQL keeps the order shown.
    before = [model.row(r) for r in range(5)]
    with qtbot.assertNotEmitted(model.modelReset):
        click_header(qtbot, table, PeopleModel.COL_PARTS)
    assert [model.row(r) for r in range(5)] == before
    assert table.horizontalHeader().sortIndicatorSection() == PeopleModel.COL_NAME
    assert table.horizontalHeader().sortIndicatorOrder() == Qt.SortOrder.DescendingOrder


def test_the_list_fits_its_width_and_key_columns_are_whole(qtbot, people_area):
    table = people_area.table
    QApplication.processEvents()
    assert not table.horizontalScrollBar().isVisible()
    header = table.horizontalHeader()
    assert sum(header.sectionSize(c) for c in range(table.model().columnCount())) <= table.viewport().width() + 1
    for col in (PeopleModel.COL_NAME, PeopleModel.COL_BORN):
        assert header.sectionSize(col) >= table.sizeHintForColumn(col)
    # Whatever a narrowed cell cannot show is on its tooltip.
    index = table.model().index(0, PeopleModel.COL_PARTS)
    assert table.model().data(index, Qt.ItemDataRole.ToolTipRole) == table.model().data(index)


LONG = "Siobhán Ní Mhaoldomhnaigh-Featherstonehaugh"


class ReadCounting(PagedTableModel):
    """A 200-row page of short names, one long name far below what a window shows; counts the rows read."""

    def __init__(self) -> None:
        names = [LONG if i == 150 else f"Ann Lee {i:03d}" for i in range(200)]
        super().__init__(("Name", "Place"), lambda _t, o, n: [(x, "Leeds") for x in names[o : o + n]], lambda _t: 200)
        self.rows_read: set[int] = set()

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        self.rows_read.add(index.row())
        return super().data(index, role)


def test_a_keystroke_measures_only_the_rows_shown_and_scrolling_to_a_longer_one_widens_its_column(qtbot):
    # Measuring every row of a page through data() on each keystroke cost more than the query itself.
    model = ReadCounting()
    table = list_table(model, "test.table", "Names", keep=(0,))
    qtbot.addWidget(table)
    table.resize(700, 300)
    table.show()
    qtbot.waitExposed(table)
    model.rows_read.clear()
    model.set_filter("a")  # what a keystroke does; the fit runs inside the reset, before any paint
    assert 0 < len(model.rows_read) <= 20, sorted(model.rows_read)
    header = table.horizontalHeader()
    assert header.sectionSize(0) < table.fontMetrics().horizontalAdvance(LONG)
    narrow_place = header.sectionSize(1)
    qtbot.waitUntil(lambda: table.verticalScrollBar().maximum() > 0)  # the new rows laid out
    table.scrollTo(model.index(150, 0))
    qtbot.waitUntil(lambda: header.sectionSize(0) >= table.fontMetrics().horizontalAdvance(LONG))
    assert not table.horizontalScrollBar().isVisible()
    assert header.sectionSize(0) + header.sectionSize(1) <= table.viewport().width() + 1
    table.scrollToTop()  # the column stays wide: it does not jump back as the list scrolls
    QApplication.processEvents()
    assert header.sectionSize(0) >= table.fontMetrics().horizontalAdvance(LONG)
    assert header.sectionSize(1) < narrow_place
