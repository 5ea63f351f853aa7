"""How an information category looks wherever minutes show it: a coloured tag that also says the
category in words (colour is never the only sign), with the internal category marked "never shared"."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from circles_desktop.models.vocab import Category

INTERNAL = Category.INTERNAL.value

# (background, text) for each category; text contrast is at least 4.5:1 on the background.
COLOURS: dict[str, tuple[str, str]] = {
    Category.ATTENDANCE.value: ("#1565c0", "#ffffff"),
    Category.GOALS_PROGRESS.value: ("#2e7d32", "#ffffff"),
    Category.MINUTES.value: ("#455a64", "#ffffff"),
    Category.RISK_CONCERNS.value: ("#b71c1c", "#ffffff"),
    Category.SIGNIFICANT_DEVELOPMENTS.value: ("#6a1b9a", "#ffffff"),
    INTERNAL: ("#ffe082", "#3e2723"),
}

# Words on the tag: short, and the internal one says what matters about it.
TAG_TEXT: dict[str, str] = {
    Category.ATTENDANCE.value: "Attendance",
    Category.GOALS_PROGRESS.value: "Goals and progress",
    Category.MINUTES.value: "Meeting minutes",
    Category.RISK_CONCERNS.value: "Risk and concerns",
    Category.SIGNIFICANT_DEVELOPMENTS.value: "Significant developments",
    INTERNAL: "Internal — never shared",
}

# Words in the category chooser.
CHOICE_TEXT: dict[str, str] = {
    **TAG_TEXT,
    INTERNAL: "Internal — volunteers' preparation and debrief, never shared",
}

INTERNAL_EXPLAINED = (
    "Internal — never shared. Volunteers' preparation and debrief notes stay in this database: they are "
    "left out of every copy of the minutes, whatever consent has been given."
)


def tag_text(category: str) -> str:
    return TAG_TEXT.get(category, category.replace("_", " ").capitalize())


def tag_style(category: str) -> str:
    background, text = COLOURS.get(category, ("#616161", "#ffffff"))
    border = "border: 1px solid #8d6e00;" if category == INTERNAL else ""
    return (
        f"QLabel {{ background: {background}; color: {text}; {border} border-radius: 8px; "
        "padding: 1px 8px; font-weight: bold; }"
    )


class CategoryTag(QLabel):
    """A small coloured pill saying a category in words."""

    def __init__(self, category: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.category = ""
        self.set_category(category)

    def set_category(self, category: str | None) -> None:
        self.category = category or ""
        if not self.category:
            self.clear()
            self.setStyleSheet("")
            self.setAccessibleName("No category")
            return
        self.setText(tag_text(self.category))
        self.setStyleSheet(tag_style(self.category))
        self.setAccessibleName(f"Category: {tag_text(self.category)}")
        self.setToolTip(
            INTERNAL_EXPLAINED if self.category == INTERNAL else f"Information category: {tag_text(self.category)}"
        )


def swatch(category: str, size: int = 12) -> QIcon:
    pix = QPixmap(size, size)
    pix.fill(QColor(COLOURS.get(category, ("#616161", ""))[0]))
    return QIcon(pix)


def category_combo(default: str = Category.MINUTES.value) -> QComboBox:
    """The information categories, each with its colour, stored value as item data."""
    box = QComboBox()
    for cat in Category:
        box.addItem(swatch(cat.value), CHOICE_TEXT[cat.value], cat.value)
    box.setCurrentIndex(max(0, box.findData(default)))
    return box


class InternalBanner(QLabel):
    """Shown under an editor while its category is internal."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(INTERNAL_EXPLAINED, parent)
        self.setWordWrap(True)
        self.setStyleSheet(
            "QLabel { background: #fff8e1; color: #3e2723; border: 1px solid #8d6e00; border-radius: 4px; "
            "padding: 4px 8px; }"
        )
        self.setAccessibleName("Internal category: never shared")
        self.hide()

    def follow(self, category: str | None) -> None:
        self.setVisible(category == INTERNAL)
