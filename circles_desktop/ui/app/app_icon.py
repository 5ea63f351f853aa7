"""The app's icon on every window, and the name that ties its windows to the installed launcher entry."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication, QIcon

from circles_desktop import shipped

# The name of the installed .desktop file (packaging/linux/), without ".desktop": Wayland and the
# taskbars match the running windows to the launcher entry, and so to its icon, by it.
DESKTOP_FILE = "circles-desktop"
SIZES = (16, 24, 32, 48, 64, 128, 256)  # drawn from resources/icons/circles-desktop.svg by packaging/make_icons.py


def app_icon() -> QIcon:
    icon = QIcon()
    for size in SIZES:
        # Given with its size, each file is read only when a window asks for that size.
        icon.addFile(str(shipped.path("icons", f"circles-desktop-{size}.png")), QSize(size, size))
    return icon


def identify(app: QGuiApplication) -> None:
    QGuiApplication.setDesktopFileName(DESKTOP_FILE)
    app.setWindowIcon(app_icon())
