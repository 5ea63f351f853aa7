"""Coloured text (errors, warnings, notes, the tones a list uses) reads at 4.5:1 at least on a light
and on a dark palette: no hard-coded colour that vanishes when the desktop is dark."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from circles_desktop.ui.common.widgets import MIN_CONTRAST, TONES, FieldMessage, contrast, tone, tone_style

ROLE = QPalette.ColorRole


def dark_fusion() -> QPalette:
    """The dark Fusion palette people set on Linux desktops (and the one checked under Xvfb)."""
    p = QPalette()
    for role, colour in (
        (ROLE.Window, "#353535"),
        (ROLE.WindowText, "#ffffff"),
        (ROLE.Base, "#232323"),
        (ROLE.AlternateBase, "#353535"),
        (ROLE.Text, "#ffffff"),
        (ROLE.Button, "#353535"),
        (ROLE.ButtonText, "#ffffff"),
        (ROLE.Highlight, "#2a82da"),
        (ROLE.HighlightedText, "#000000"),
    ):
        p.setColor(role, QColor(colour))
    return p


def light() -> QPalette:
    p = QPalette()
    p.setColor(ROLE.Window, QColor("#efefef"))
    p.setColor(ROLE.Base, QColor("#ffffff"))
    return p


@pytest.mark.parametrize("palette", [dark_fusion, light], ids=["dark", "light"])
@pytest.mark.parametrize("name", list(TONES))
def test_each_tone_reads_on_the_window_and_in_a_field(name, palette):
    p = palette()
    colour = QColor(tone(name, p))
    for ground in (p.color(ROLE.Window), p.color(ROLE.Base)):
        assert contrast(colour, ground) >= MIN_CONTRAST, (name, colour.name(), ground.name())


def test_the_old_warning_red_would_not_have_read_on_dark():
    """Why tones exist: #b00020 on the dark window is about 2:1."""
    assert contrast(QColor("#b00020"), dark_fusion().color(ROLE.Window)) < MIN_CONTRAST
    assert tone("warning", dark_fusion()) != "#b00020"


def test_a_message_beside_a_field_takes_the_palettes_tone(qtbot, monkeypatch):
    app = QApplication.instance()
    was = app.palette()
    app.setPalette(dark_fusion())
    try:
        message = FieldMessage("Date error")
        qtbot.addWidget(message)
        assert message.styleSheet() == tone_style("error", dark_fusion())
        assert "#b00020" not in message.styleSheet()
    finally:
        app.setPalette(was)
