"""A push button as every screen makes one: its words (with the Alt+letter mnemonic), the object name
tests and the stylesheet find it by, and what a screen reader says when the words alone are too short."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton


def button(text: str, name: str, accessible: str = "", tooltip: str = "") -> QPushButton:
    b = QPushButton(text)
    b.setObjectName(name)
    if accessible:
        b.setAccessibleName(accessible)
    if tooltip:
        b.setToolTip(tooltip)
    return b
