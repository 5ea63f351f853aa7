"""The likely-duplicate warning: who may already be recorded, and the coordinator's choice to open that
record, save as a new person anyway, or go back to the form."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from circles_desktop.models.vocab import label
from circles_desktop.services.common.words import uk_date

OPEN_EXISTING = 1
SAVE_NEW = 2


class DuplicateDialog(QDialog):
    """Shown with open() (not exec), so the window stays responsive and tests can answer it.
    After `finished`, `choice` is OPEN_EXISTING (with `chosen_id`), SAVE_NEW, or 0 to keep editing."""

    def __init__(self, matches: list, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("person.duplicates")
        self.setWindowTitle("This person may already be recorded")
        self.setAccessibleName("Likely duplicate")
        self.matches = list(matches)
        self.choice = 0
        self.chosen_id: int | None = None

        several = len(self.matches) != 1
        intro = QLabel(
            f"<b>{'These people look' if several else 'This person looks'} like the one you are adding</b> "
            "(same name, date of birth or reference). Open the existing record rather than entering "
            "the same person twice — or, if this really is someone else, save them as a new person."
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(len(self.matches), 4)
        self.table.setObjectName("duplicates.table")
        self.table.setAccessibleName("People already recorded who may be the same")
        self.table.setHorizontalHeaderLabels(["Name", "Date of birth", "Reference", "Parts"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        for r, m in enumerate(self.matches):
            name = f"{m.family_name}, {m.given_name}" + (f" ({m.known_as})" if m.known_as else "")
            for c, text in enumerate(
                (name, uk_date(m.date_of_birth), m.reference, ", ".join(label(p) for p in m.parts))
            ):
                self.table.setItem(r, c, QTableWidgetItem(text))
        if self.matches:
            self.table.selectRow(0)

        self.buttons = QDialogButtonBox()
        self.open_button = QPushButton("&Open existing record")
        self.open_button.setObjectName("duplicates.open")
        self.save_button = QPushButton("&Save as a new person")
        self.save_button.setObjectName("duplicates.save_new")
        self.back_button = QPushButton("&Back to the form")
        self.back_button.setObjectName("duplicates.back")
        self.buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.buttons.addButton(self.back_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.open_button.setDefault(True)  # Enter opens the existing record: the safer choice
        self.open_button.clicked.connect(self._open)
        self.save_button.clicked.connect(self._save_new)
        self.back_button.clicked.connect(self.reject)
        self.table.doubleClicked.connect(lambda _index: self._open())

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(self.buttons)
        self.resize(660, 170 + 30 * min(len(self.matches), 8))
        self.setWindowModality(Qt.WindowModality.WindowModal)

    def _open(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.matches):
            self.choice, self.chosen_id = OPEN_EXISTING, self.matches[row].id
            self.accept()

    def _save_new(self) -> None:
        self.choice = SAVE_NEW
        self.accept()
