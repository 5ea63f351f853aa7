"""Leaving an area with unsaved changes asks first; Cancel keeps the coordinator where they were."""

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLineEdit, QMessageBox, QVBoxLayout, QWidget

from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.app.main_window import MainWindow
from circles_desktop.ui.common.forms import RecordForm


@pytest.fixture
def app_state(db, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    state = AppState(str(db.paths.root), settings=settings)
    state.set_database(db)
    return state


class FormArea(QWidget):
    def __init__(self, _state) -> None:
        super().__init__()
        self.form = RecordForm("Notes")
        self.form.add_field("text", "Text", QLineEdit())
        QVBoxLayout(self).addWidget(self.form)

    def can_leave(self) -> bool:
        return self.form.confirm_leave()


def _window(qtbot, app_state, request):
    window = MainWindow(app_state)
    qtbot.addWidget(window)
    area = window.add_area("Form", FormArea)
    window.show()
    window.show_area("Form")

    def gone() -> None:
        # A window left open (its changes kept by Cancel) would keep its application-wide shortcuts,
        # and the next test's window's same keys would be ambiguous: leave nothing behind.
        area.form._dirty = False
        window.close()
        window.deleteLater()

    request.addfinalizer(gone)
    return window, area


def test_cancel_keeps_the_area_and_the_text(qtbot, app_state, monkeypatch, request):
    window, area = _window(qtbot, app_state, request)
    qtbot.keyClicks(area.form.field("text"), "half written")
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(1) or QMessageBox.StandardButton.Cancel)
    window.nav.setCurrentRow(0)
    assert asked and window.current_area() == "Form"
    assert window.pages.currentWidget() is area
    assert area.form.field("text").text() == "half written"
    assert window.can_close() is False


def test_discard_lets_the_coordinator_go(qtbot, app_state, monkeypatch, request):
    window, area = _window(qtbot, app_state, request)
    qtbot.keyClicks(area.form.field("text"), "scratch")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    window.nav.setCurrentRow(0)
    assert window.pages.currentIndex() == 0
    assert window.can_close() is True


def test_clean_form_leaves_without_asking(qtbot, app_state, monkeypatch, request):
    window, _area = _window(qtbot, app_state, request)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: (_ for _ in ()).throw(AssertionError("asked")))
    window.nav.setCurrentRow(0)
    assert window.pages.currentIndex() == 0
