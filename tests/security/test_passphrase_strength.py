"""Passphrase strength is judged by zxcvbn: common passwords dressed up with digits and symbols are
refused with zxcvbn's own reason, unrelated words pass, and the same rule guards creating a database,
changing the passphrase, the wizard and the Settings form."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from circles_desktop.services.security import access, passphrase
from circles_desktop.store.database import Database
from support import PASSPHRASE
from support.ui import WAIT_MS, start_shell, unlock

WEAK = ["P@ssw0rd2024", "Liverpool1!", "1q2w3e4r5t6y", "Sunshine2024!", "circles desktop 1"]
STRONG = [PASSPHRASE, "violet harbour compass", "kettle on at four", "winter garden gate"]


@pytest.mark.parametrize("weak", WEAK)
def test_weak_passphrases_are_refused_with_zxcvbn_feedback(weak):
    why = passphrase.problem(weak, weak)
    assert why is not None and why.startswith("That passphrase is too easy to guess.")
    strength = passphrase.estimate(weak)
    assert strength.score < passphrase.REQUIRED_SCORE
    # zxcvbn's own words are what the coordinator reads
    assert (strength.warning or "Add another word") in why


@pytest.mark.parametrize("strong", STRONG)
def test_unrelated_words_pass(strong):
    assert passphrase.problem(strong, strong) is None
    assert passphrase.estimate(strong).label == "Strong"


def test_length_spaces_and_confirmation_still_checked():
    assert "at least 10" in passphrase.problem("short")
    assert "begins or ends with a space" in passphrase.problem(" " + PASSPHRASE)
    assert "do not match" in passphrase.problem(PASSPHRASE, PASSPHRASE + "s")


def test_create_and_change_refuse_a_weak_passphrase(tmp_path, created):
    with pytest.raises(access.PassphraseRejected, match="too easy to guess"):
        access.create(tmp_path / "new", "Liverpool1!", "Liverpool1!")
    assert not (tmp_path / "new" / "circles.db").exists()
    data_dir, _ = created
    db = Database.open(data_dir, PASSPHRASE)
    try:
        with pytest.raises(access.PassphraseRejected, match="too easy to guess"):
            access.change_passphrase(db, PASSPHRASE, "P@ssw0rd2024", "P@ssw0rd2024")
    finally:
        db.close()
    Database.open(data_dir, PASSPHRASE).close()  # unchanged


def test_wizard_shows_the_reason_beside_the_field(qtbot, request, data_dir):
    from PySide6.QtWidgets import QWizard

    shell = start_shell(qtbot, request, data_dir)
    page = shell.wizard.passphrase_page
    qtbot.keyClicks(page.new, "P@ssw0rd2024")
    qtbot.keyClicks(page.confirm, "P@ssw0rd2024")
    assert page.new_error.isVisible()
    assert "too easy to guess" in page.new_error.text() and "commonly used password" in page.new_error.text()
    assert page.strength_label.text() in ("Very weak", "Weak", "Fair")
    assert not shell.wizard.button(QWizard.WizardButton.CommitButton).isEnabled()


def test_change_passphrase_form_shows_the_reason(qtbot, request, created):
    shell = start_shell(qtbot, request, created[0])
    unlock(qtbot, shell, PASSPHRASE)
    page = shell.window.show_area("Settings")
    form = page.passphrase
    for field, text in ((form.current, PASSPHRASE), (form.new, "1q2w3e4r5t6y"), (form.confirm, "1q2w3e4r5t6y")):
        field.setFocus()
        qtbot.keyClicks(field, text)
    qtbot.keyClick(form.confirm, Qt.Key.Key_Return)
    qtbot.waitUntil(form.new_error.isVisible, timeout=WAIT_MS)
    assert "very common password" in form.new_error.text()
