"""Access keys (Alt+letter) unique within what is on screen at once.

Each screen names its own keys (`&New person`, `&Notes`), but a list's buttons and the form beside it
are built apart, so two can claim one letter and Alt+N then goes to only one of them. Once a screen is
shown, `make_unique(root)` keeps the first claim of each letter, buttons and tabs before form labels,
and moves a later claim to another letter of its own words (or drops it rather than share one).
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QGroupBox,
    QLabel,
    QStackedWidget,
    QTabWidget,
    QWidget,
)

_KEY = re.compile(r"&([^&\s])")


def access_key(text: str) -> str | None:
    """The letter after a single & ("&&" is a written ampersand), lower case."""
    found = _KEY.search(text.replace("&&", ""))
    return found.group(1).lower() if found else None


def _moved(text: str, taken: set[str]) -> str:
    """`text` with its & before the first letter not yet taken (word starts first), or with none."""
    plain = text.replace("&&", "\0").replace("&", "")
    starts = [m.start() for m in re.finditer(r"\b\w", plain)]
    for i in starts + list(range(len(plain))):
        ch = plain[i]
        if ch.isalnum() and ch.lower() not in taken:
            taken.add(ch.lower())
            return (plain[:i] + "&" + plain[i:]).replace("\0", "&&")
    return plain.replace("\0", "&&")


class _Claim:
    def __init__(self, get, put, form_label: bool) -> None:
        self.get, self.put, self.form_label = get, put, form_label


def _claims(root: QWidget) -> list[_Claim]:
    claims: list[_Claim] = []
    for tabs in root.findChildren(QTabWidget):
        if tabs.isVisibleTo(root):
            for i in range(tabs.count()):
                claims.append(
                    _Claim(lambda t=tabs, i=i: t.tabText(i), lambda s, t=tabs, i=i: t.setTabText(i, s), False)
                )
    for w in root.findChildren(QWidget):
        if not w.isVisibleTo(root):
            continue
        if isinstance(w, QAbstractButton):
            claims.append(_Claim(w.text, w.setText, False))
        elif isinstance(w, QGroupBox) and w.isCheckable():
            claims.append(_Claim(w.title, w.setTitle, False))
        elif isinstance(w, QLabel) and w.buddy() is not None and "<" not in w.text():
            claims.append(_Claim(w.text, w.setText, True))
    return sorted(claims, key=lambda c: c.form_label)  # stable: buttons and tabs keep their letters


def make_unique(root: QWidget) -> None:
    """Give every access key shown under `root` a letter of its own, and again whenever a stack under it
    (a tab widget's pages, an area's list and the record opened in its place) shows another page: a
    circle opened from the list, then its Consent tab, brought "&Give consent…" beside "&Goals"."""
    _follow_pages(root)
    taken: set[str] = set()
    for claim in _claims(root):
        key = access_key(claim.get())
        if key is None:
            continue
        if key not in taken:
            taken.add(key)
        else:
            claim.put(_moved(claim.get(), taken))


def _follow_pages(root: QWidget) -> None:
    for pages in root.findChildren(QStackedWidget):  # a QTabWidget's pages are one too
        if not pages.property("access_keys_followed"):
            pages.setProperty("access_keys_followed", True)
            pages.currentChanged.connect(lambda _i, p=pages: make_unique(p.window()))


def duplicated(root: QWidget) -> dict[str, list[str]]:
    """{letter: texts} for letters claimed more than once under `root` (for tests and checks)."""
    seen: dict[str, list[str]] = {}
    for claim in _claims(root):
        key = access_key(claim.get())
        if key is not None:
            seen.setdefault(key, []).append(claim.get())
    return {k: v for k, v in seen.items() if len(v) > 1}


class _EveryDialog(QObject):
    """On the application: each dialog, as it is shown, gets access keys of its own (the minutes export's
    "Sa&ve to" and "Print pre&view…" shared Alt+V, so Alt+V opened the preview instead of the folder)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Show and isinstance(watched, QDialog):
            make_unique(watched)
        return False


_every_dialog: _EveryDialog | None = None


def unique_in_every_dialog(app: QApplication) -> None:
    """Install the one filter on the application (again is harmless)."""
    global _every_dialog
    if _every_dialog is None:
        _every_dialog = _EveryDialog()
        app.installEventFilter(_every_dialog)
