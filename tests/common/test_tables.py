"""The small tables inside record forms: an empty one says so, in one row that cannot be chosen."""

from circles_desktop.ui.common.lists.tables import fill_table, form_table


def test_an_empty_small_table_says_so_in_one_row_that_cannot_be_chosen(qtbot):
    table = form_table(["Course", "Completed"], "Training")
    qtbot.addWidget(table)
    fill_table(table, [], empty="No training recorded yet")
    assert table.rowCount() == 1 and table.columnSpan(0, 0) == 2
    assert table.item(0, 0).text() == "No training recorded yet" and not table.item(0, 0).flags()
    fill_table(table, [("Induction", "01/02/2025")], empty="No training recorded yet")
    assert table.rowCount() == 1 and table.columnSpan(0, 0) == 1 and table.item(0, 1).text() == "01/02/2025"
