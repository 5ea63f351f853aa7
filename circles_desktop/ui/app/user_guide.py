"""Help → User guide (F1): the guide shipped with the app (resources/guide/guide.html), read offline in
a window beside the work; it never follows a link out."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from circles_desktop import shipped

GUIDE = ("guide", "guide.html")


class UserGuide(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("User guide")
        self.setObjectName("user_guide")
        self.resize(720, 600)
        self.text = QTextBrowser()
        self.text.setObjectName("user_guide.text")
        self.text.setAccessibleName("User guide")
        self.text.setOpenLinks(False)  # offline: nothing leaves the app
        self.text.setHtml(shipped.path(*GUIDE).read_text(encoding="utf-8"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)

    def start(self) -> None:
        self.show()
        self.raise_()
        self.activateWindow()
        self.text.setFocus()
