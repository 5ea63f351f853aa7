"""The one choice of reason every deletion asks for (a fixed list, so the audit log names no one)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from circles_desktop.services.records.deletion import DeletionReason
from circles_desktop.ui.common.forms import combo


def reason_combo() -> QComboBox:
    return combo({r.value: r.label for r in DeletionReason}, include_blank="Choose a reason…")
