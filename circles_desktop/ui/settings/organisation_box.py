"""Settings → The organisation on every document: its name, address and logo, printed at the head of
the minutes, meeting packs, referral summaries, questionnaires and learning circle records
(services/settings/organisation.py checks and keeps them)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common.operations import read, write
from circles_desktop.ui.common.widgets import Note, labelled
from circles_desktop.ui.settings.field_errors import FieldErrors

LOGO_TYPES = "Logo (*.png *.jpg *.jpeg)"


class OrganisationBox(QGroupBox):
    def __init__(self, state: AppState) -> None:
        super().__init__("The organisation on every document")
        self.state = state
        self.setObjectName("settings.organisation")
        self.name = QLineEdit()
        self.name.setObjectName("settings.organisation.name")
        self.name.setAccessibleName("Organisation's name")
        self.address = QPlainTextEdit()
        self.address.setObjectName("settings.organisation.address")
        self.address.setAccessibleName("Organisation's address")
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(84)
        self.logo_name = QLabel()
        self.logo_name.setObjectName("settings.organisation.logo")
        self.choose_logo = QPushButton("Choose &logo…")
        self.remove_logo_button = QPushButton("Remo&ve logo")
        self.save_button = QPushButton("&Save organisation")
        self.save_button.setObjectName("settings.organisation.save")
        self.errors = FieldErrors("Organisation", {"name": "Name message", "address": "Address message",
                                                   "logo": "Logo message"})  # fmt: skip
        self._build()
        self.save_button.clicked.connect(self.save)
        self.choose_logo.clicked.connect(lambda: self.set_logo())
        self.remove_logo_button.clicked.connect(self.remove_logo)
        state.unlocked.connect(lambda _db: self.load())
        state.locked.connect(self.forget)
        self.load()

    def _build(self) -> None:
        form = QFormLayout(self)
        form.addRow(Note("Printed at the head of every document. Until a name is set, a circle's documents "
                         "carry the organisation of its coordinator's job."))  # fmt: skip
        form.addRow(labelled("&Name:", self.name), _stack(self.name, self.errors.lines["name"]))
        form.addRow(labelled("A&ddress:", self.address), _stack(self.address, self.errors.lines["address"]))
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_name, 1)
        logo_row.addWidget(self.choose_logo)
        logo_row.addWidget(self.remove_logo_button)
        logo = QWidget()
        logo.setLayout(logo_row)
        form.addRow(QLabel("Logo:"), _stack(logo, self.errors.lines["logo"]))
        form.addRow(self.errors.whole)
        form.addRow("", self.save_button)

    def load(self) -> None:
        from circles_desktop.services.settings.organisation import organisation_details

        details = read(self.state, organisation_details, None)
        if details is None:
            return
        self.name.setText(details.name)
        self.address.setPlainText(details.address)
        self._show_logo(details.logo_name)

    def _show_logo(self, name: str) -> None:
        self.logo_name.setText(name or "No logo: the heading is the name alone.")
        self.remove_logo_button.setEnabled(bool(name))

    def save(self) -> bool:
        from circles_desktop.services.settings import organisation

        form = organisation.OrganisationForm(self.name.text(), self.address.toPlainText())
        return write(self.state, lambda s: organisation.save_organisation(s, form), show=self.errors).ok

    def set_logo(self, path: str | None = None) -> bool:
        from circles_desktop.services.settings import organisation

        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, "Choose the logo", "", LOGO_TYPES)
        if not path:
            return False
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            self.errors.show_errors({"logo": f"The file could not be read: {exc.strerror or exc}."})
            return False
        name = Path(path).name
        ok = write(self.state, lambda s: organisation.set_logo(s, name, data), show=self.errors).ok
        if ok:
            self._show_logo(name)
        return ok

    def remove_logo(self) -> None:
        from circles_desktop.services.settings import organisation

        if write(self.state, organisation.remove_logo, show=self.errors).ok:
            self._show_logo("")

    def forget(self) -> None:
        """On lock: the fields keep what was typed (like every form); the logo's name is read again."""
        self.errors.clear()


def _stack(field: QWidget, message: QWidget) -> QWidget:
    """A field with its message line under it."""
    holder = QWidget()
    column = QVBoxLayout(holder)
    column.setContentsMargins(0, 0, 0, 0)
    column.addWidget(field)
    column.addWidget(message)
    return holder
