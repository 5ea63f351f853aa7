"""First run: choose a passphrase, create the encrypted database, then show the recovery key once.

The database is created (scrypt, ~0.4 s) in a worker when the coordinator presses "Create database";
the passphrase page is a commit page, so there is no going Back to a database that already exists.
The wizard cannot be finished, cancelled or escaped from the key page until the coordinator confirms
the key has been kept, because it is never shown again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from circles_desktop.services.security import passphrase
from circles_desktop.ui.app.app_state import AppState
from circles_desktop.ui.common import clipboard
from circles_desktop.ui.common.messages import describe
from circles_desktop.ui.common.widgets import ON_LIGHT, FieldMessage, Note, labelled, passphrase_field, readable

if TYPE_CHECKING:
    from circles_desktop.store.database import Database

STRENGTH_COLOURS = ["#b00020", "#c75000", "#a07800", "#2e7d32", "#1b5e20"]
KEY_GROUPS_PER_LINE = 7


def display_key(recovery_key: str) -> str:
    """The key on two lines of four-letter groups, so it fits and is easy to read aloud."""
    groups = recovery_key.split("-")
    lines = [groups[i : i + KEY_GROUPS_PER_LINE] for i in range(0, len(groups), KEY_GROUPS_PER_LINE)]
    return "\n".join("-".join(line) for line in lines)


class PassphrasePage(QWizardPage):
    def __init__(self, state: AppState) -> None:
        super().__init__()
        self.state = state
        self.creating = False
        self.setTitle("Choose a passphrase")
        self.setSubTitle("It locks every record kept in Circles Desktop on this computer.")
        self.new = passphrase_field("New passphrase")
        self.new_error = FieldMessage("New passphrase problem")
        self.strength = QProgressBar()
        self.strength.setRange(0, 4)
        self.strength.setTextVisible(False)
        self.strength.setAccessibleName("Passphrase strength")
        self.strength.setFixedSize(160, 10)
        self.strength_label = QLabel()
        self.strength_label.setAccessibleName("Passphrase strength")
        self.confirm = passphrase_field("Type the passphrase again")
        self.confirm_error = FieldMessage("Passphrase confirmation problem")
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(6)
        self.progress.setVisible(False)
        self.status = Note()
        self.status.setVisible(False)

        strength_row = QHBoxLayout()
        strength_row.addWidget(QLabel("Strength:"))
        strength_row.addWidget(self.strength)
        strength_row.addWidget(self.strength_label)
        strength_row.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addWidget(
            Note(
                "Use a few unrelated words that you will remember, at least 10 characters in all. Nobody, "
                "not even your manager, can tell you the passphrase if it is forgotten; the recovery key "
                "shown next is the only way back in."
            )
        )
        layout.addSpacing(6)
        layout.addWidget(labelled("&New passphrase", self.new))
        layout.addWidget(self.new)
        layout.addLayout(strength_row)
        layout.addWidget(self.new_error)
        layout.addSpacing(8)
        layout.addWidget(labelled("&Type it again", self.confirm))
        layout.addWidget(self.confirm)
        layout.addWidget(self.confirm_error)
        layout.addStretch(1)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        self.setTabOrder(self.new, self.confirm)

        self.new.textChanged.connect(self._check)
        self.confirm.textChanged.connect(self._check)
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, "&Create database")
        self._check()

    def _check(self) -> None:
        text = self.new.text()
        strength = passphrase.estimate(text)
        self.strength.setValue(strength.score if text else 0)
        colour = STRENGTH_COLOURS[strength.score]
        self.strength.setStyleSheet(f"QProgressBar::chunk {{ background: {colour}; }}")
        self.strength_label.setText(strength.label if text else "")
        self.strength_label.setStyleSheet(f"color: {readable(colour)}; font-weight: bold;")  # on a dark palette too
        self.strength.setAccessibleDescription(strength.label if text else "")
        self.new_error.show_message(passphrase.problem(text) or "" if text else "")
        confirm = self.confirm.text()
        mismatch = bool(confirm) and confirm != text and not text.startswith(confirm)
        self.confirm_error.show_message("The two passphrases do not match." if mismatch else "")
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 (Qt's name)
        return not self.creating and passphrase.problem(self.new.text(), self.confirm.text()) is None

    def validatePage(self) -> bool:  # noqa: N802 (Qt's name)
        """Create the database in a worker; the wizard moves on when it reports back."""
        wizard = self.wizard()
        assert isinstance(wizard, SetupWizard)
        if wizard.database is not None:
            return True
        if self.creating:
            return False
        self._set_creating(True)
        new, confirm, data_dir = self.new.text(), self.confirm.text(), self.state.data_dir

        def create() -> tuple[Database, str]:
            from circles_desktop.services.security import access

            return access.create(data_dir, new, confirm)

        self.state.background.run(create, self._created, self._failed)
        return False

    def _created(self, result: tuple[Database, str]) -> None:
        wizard = self.wizard()
        assert isinstance(wizard, SetupWizard)
        wizard.database, wizard.recovery_key = result
        self.new.clear()
        self.confirm.clear()
        self._set_creating(False)
        wizard.next()

    def _failed(self, exc: BaseException) -> None:
        self._set_creating(False)
        self.new_error.show_message(describe(exc))

    def _set_creating(self, creating: bool) -> None:
        self.creating = creating
        self.new.setEnabled(not creating)
        self.confirm.setEnabled(not creating)
        self.progress.setVisible(creating)
        self.status.setText("Creating the encrypted database…" if creating else "")
        self.status.setVisible(creating)
        wizard = self.wizard()
        if wizard is not None:
            wizard.button(QWizard.WizardButton.CancelButton).setEnabled(not creating)
        self.completeChanged.emit()


class RecoveryKeyPage(QWizardPage):
    def __init__(self, state: AppState) -> None:
        super().__init__()
        self.state = state
        self.setTitle("Your recovery key")
        self.setSubTitle("Shown only this once: print it or write it down now.")
        explanation = Note(
            "If the passphrase is ever forgotten, this key is the only way into the records. Give it to "
            "your manager to keep somewhere safe, away from this laptop: anyone holding both can read "
            "every record."
        )
        self.key = QLabel()
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(max(font.pointSizeF(), 10) * 1.6)
        font.setBold(True)
        self.key.setFont(font)
        self.key.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.key.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key.setAccessibleName("Recovery key")
        self.key.setStyleSheet(
            f"QLabel {{ background: #fffbe6; color: {ON_LIGHT}; border: 1px solid #c9b458; padding: 14px; }}"
        )

        self.print_button = QPushButton("&Print…")
        self.print_button.setAccessibleName("Print the recovery key")
        self.copy_button = QPushButton("C&opy")
        self.copy_button.setAccessibleName("Copy the recovery key")
        self.copied = Note()
        self.copied.setAccessibleName("Clipboard status")
        self.kept = QCheckBox("I have given the recovery key to my manager / kept it &safe")
        self.kept.setAccessibleName("I have given the recovery key to my manager or kept it safe")
        self.registerField("kept*", self.kept)  # the * makes Finish wait for it

        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.copied, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addSpacing(6)
        layout.addWidget(self.key)
        layout.addLayout(buttons)
        layout.addStretch(1)
        layout.addWidget(self.kept)
        self.setTabOrder(self.key, self.print_button)
        self.setTabOrder(self.print_button, self.copy_button)
        self.setTabOrder(self.copy_button, self.kept)

        self.print_button.clicked.connect(self._print)
        self.copy_button.clicked.connect(self._copy)

    def initializePage(self) -> None:  # noqa: N802 (Qt's name)
        wizard = self.wizard()
        assert isinstance(wizard, SetupWizard)
        self.key.setText(display_key(wizard.recovery_key))
        wizard.setOption(QWizard.WizardOption.NoCancelButton, True)
        self.kept.setFocus()

    def _copy(self) -> None:
        wizard = self.wizard()
        assert isinstance(wizard, SetupWizard)
        ms = clipboard.copy_secret(wizard.recovery_key)
        self.copied.setText(f"Copied. The clipboard will be cleared in {round(ms / 1000)} seconds.")

    def _print(self) -> None:
        from circles_desktop.ui.security.recovery_print import print_recovery_key

        wizard = self.wizard()
        assert isinstance(wizard, SetupWizard)
        if print_recovery_key(self, wizard.recovery_key, str(self.state.paths.root)) and wizard.database:
            from circles_desktop.services.security import audit

            # The wizard holds the database it has just created, which is not the app's open database
            # (state.database) until the wizard finishes: so this one write opens its session itself.
            with wizard.database.session() as s:
                audit.record(s, "print", "recovery key")


class SetupWizard(QWizard):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.database: Database | None = None
        self.recovery_key = ""
        self.setWindowTitle("Set up Circles Desktop")
        self.setAccessibleName("Set up Circles Desktop")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setMinimumSize(640, 480)
        self.passphrase_page = PassphrasePage(state)
        self.key_page = RecoveryKeyPage(state)
        self.addPage(self.passphrase_page)
        self.addPage(self.key_page)
        self.setButtonText(QWizard.WizardButton.FinishButton, "&Finish")

    def reject(self) -> None:
        """Cancel/Escape: allowed before the database exists; afterwards the key must be confirmed."""
        if self.passphrase_page.creating or self.database is not None:
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        if self.passphrase_page.creating or (self.database is not None and not self.result()):
            event.ignore()
            return
        super().closeEvent(event)
