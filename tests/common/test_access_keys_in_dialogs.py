"""Every dialog shown gets access keys of its own (ui/common/access_keys.unique_in_every_dialog)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QFormLayout, QLineEdit, QPushButton

from circles_desktop.ui.common import access_keys
from circles_desktop.ui.common.access_keys import access_key, duplicated, unique_in_every_dialog


@pytest.fixture
def installed():
    """As the shell installs it; taken off again so the other tests' dialogs keep their own words."""
    app = QApplication.instance()
    unique_in_every_dialog(app)
    yield
    app.removeEventFilter(access_keys._every_dialog)
    access_keys._every_dialog = None


def test_a_dialog_shown_has_no_letter_twice(qtbot, installed):
    """As in the minutes export: "Sa&ve to" and "Print pre&view…" shared Alt+V, which opened the
    preview when the coordinator meant the folder."""
    dialog = QDialog()
    qtbot.addWidget(dialog)
    form = QFormLayout(dialog)
    folder = QLineEdit()
    form.addRow("Sa&ve to:", folder)
    preview = QPushButton("Print pre&view…")
    form.addRow(preview)
    dialog.show()
    qtbot.waitExposed(dialog)
    label = form.labelForField(folder)
    assert duplicated(dialog) == {}
    assert access_key(preview.text()) == "v"  # the button keeps its letter; the label moves to another
    assert access_key(label.text()) not in (None, "v")
