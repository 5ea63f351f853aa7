"""Automatic backups in the app: made when the schedule says one is due, and on quitting; a drive that
is not plugged in is a line in the status bar, and quitting goes ahead."""

from __future__ import annotations

from circles_desktop.services.security import backups
from circles_desktop.store.paths import DataPaths
from support import PASSPHRASE
from support.ui import WAIT_MS, start_shell, unlock


def _unlocked_with_folder(qtbot, request, created, usb):
    data_dir, _ = created
    usb.mkdir()
    backups.save_policy(DataPaths.at(data_dir), backups.Policy(folder=str(usb)))
    shell = start_shell(qtbot, request, data_dir)
    unlock(qtbot, shell, PASSPHRASE)
    return shell


def test_a_due_backup_is_made_once(qtbot, request, created, tmp_path):
    usb = tmp_path / "usb"
    shell = _unlocked_with_folder(qtbot, request, created, usb)
    assert backups.due(shell.state.paths)
    with qtbot.waitSignal(shell.schedule.made, timeout=WAIT_MS) as made:
        shell.schedule.check()
    assert made.args[0].reason == backups.SCHEDULED
    assert sorted(p.suffix for p in usb.iterdir()) == [".db", ".key"]
    qtbot.waitUntil(lambda: "Backup made and verified" in shell.window.statusBar().currentMessage(), timeout=WAIT_MS)
    shell.schedule.check()  # made today: not due again
    assert not shell.schedule.running and len(list(usb.iterdir())) == 2


def test_quitting_backs_up_first(qtbot, request, created, tmp_path):
    usb = tmp_path / "usb"
    shell = _unlocked_with_folder(qtbot, request, created, usb)
    shell.quit()
    assert shell.state.is_locked
    made = backups.last_verified(shell.state.paths)
    assert made is not None and made.reason == backups.ON_QUIT and made.path.startswith(str(usb))


def test_a_missing_drive_on_quitting_is_said_and_quitting_goes_ahead(qtbot, request, created, tmp_path):
    usb = tmp_path / "usb"
    shell = _unlocked_with_folder(qtbot, request, created, usb)
    usb.rmdir()  # unplugged
    shell.quit()
    assert shell.state.is_locked
    assert backups.last_verified(shell.state.paths) is None
    qtbot.waitUntil(lambda: "plug the drive in" in shell.window.statusBar().currentMessage(), timeout=WAIT_MS)
