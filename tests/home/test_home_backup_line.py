"""Home says when the last verified backup was made, as Settings → Backups does, and reminds (in the
error tone) when there is none or it is older than the coordinator's reminder."""

from __future__ import annotations

from circles_desktop.services.security import access, backups
from circles_desktop.ui.common.widgets import tone_style
from support import PASSPHRASE
from support.ui import WAIT_MS, start_shell, unlock


def test_home_reminds_until_a_backup_is_made_then_says_when(qtbot, request, created, tmp_path):
    data_dir, _ = created
    shell = start_shell(qtbot, request, data_dir)
    unlock(qtbot, shell, PASSPHRASE)
    home = shell.window.pages.currentWidget()
    qtbot.waitUntil(lambda: home.backup.text().startswith("No backup has been made yet"), timeout=WAIT_MS)
    assert home.backup.styleSheet() == tone_style("error")

    backups.back_up(shell.state.database, backups.BY_HAND, target=tmp_path / "usb" / "monday.db")
    home.refresh(force=True)
    assert home.backup.text().startswith("Last verified backup:") and "(today)" in home.backup.text()
    assert home.backup.styleSheet() == ""


def test_an_old_backup_is_a_reminder_on_home(qtbot, request, created, tmp_path):
    from datetime import UTC, datetime, timedelta

    data_dir, _ = created
    db = access.Unlocker(data_dir).unlock(PASSPHRASE)
    backups.back_up(db, backups.BY_HAND, target=tmp_path / "usb" / "old.db", now=datetime.now(UTC) - timedelta(days=40))
    db.close()
    shell = start_shell(qtbot, request, data_dir)
    unlock(qtbot, shell, PASSPHRASE)
    home = shell.window.pages.currentWidget()
    qtbot.waitUntil(lambda: "back up now" in home.backup.text(), timeout=WAIT_MS)
    assert "(40 days ago)" in home.backup.text()
    assert home.backup.styleSheet() == tone_style("error")
