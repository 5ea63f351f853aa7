"""What opening the database found, said on unlocking as `check` says it (store/notices.py).

Damage (saved changes a crash's log could not give back, an audit log cut short or rolled back) is a
warning that names what is missing and where the copies are, and offers the newest backup; a crash
recovered from whole is a line in the status bar.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from circles_desktop.services.security import backups
from circles_desktop.store.database import Database


def show(parent: QWidget, db: Database, notify: Callable[[str], None], restore: Callable[[Path], None]) -> None:
    damage = [n.message for n in db.notices if n.damage]
    for notice in db.notices:
        if not notice.damage:
            notify(notice.message)
    if not damage:
        return
    box = QMessageBox(QMessageBox.Icon.Warning, "The records are not as they were", "\n\n".join(damage), parent=parent)
    box.setObjectName("damage found")
    newest = backups.newest_backup(db.paths)
    offer = None
    if newest is not None:
        offer = box.addButton("&Restore the newest backup…", QMessageBox.ButtonRole.AcceptRole)
        box.setInformativeText(f"The newest verified backup is {newest}.")
    else:
        box.setInformativeText("No backup made by this app is there to restore; ask for help.")
    box.addButton("&Look later", QMessageBox.ButtonRole.RejectRole)

    def answered() -> None:
        if offer is not None and box.clickedButton() is offer and newest is not None:
            restore(newest)

    box.finished.connect(answered)
    box.open()  # window-modal, not blocking: the app stays unlocked behind it
