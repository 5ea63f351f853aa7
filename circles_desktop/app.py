"""QApplication start-up: paint the unlock dialog (or the set-up wizard) first, load the rest after.

Only Qt and the few light modules the first dialog needs are imported before it is painted; the
database stack (SQLAlchemy, SQLCipher, cryptography, alembic, ReportLab) loads in a worker once the
dialog is on screen. Check with:  python -X importtime -m circles_desktop.cli 2> imports.txt

CIRCLES_BENCH_EXIT_AFTER_PAINT=1 makes the process print "painted <unix time>" and exit as soon as
the first dialog has been painted: benchmarks/startup.py times start-up with it. It opens nothing.
"""

from __future__ import annotations

import os
import sys
import time

BENCH_ENV = "CIRCLES_BENCH_EXIT_AFTER_PAINT"
ORGANISATION = "Circles Desktop"
APP_NAME = "Circles Desktop"


def _exit_after_paint() -> None:
    print(f"painted {time.time():.6f}", flush=True)
    os._exit(0)  # no teardown: the benchmark measures start-up only


def _show_unexpected_errors() -> None:
    """A slot that raises shows a clear message instead of a traceback on the terminal only."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    from circles_desktop.ui.common.messages import describe

    def hook(exc_type, exc, tb) -> None:  # noqa: ANN001 (sys.excepthook's signature)
        if issubclass(exc_type, KeyboardInterrupt):
            QApplication.quit()
            return
        QMessageBox.warning(QApplication.activeWindow(), "Circles Desktop", describe(exc))

    sys.excepthook = hook


def main(data_dir: str | None) -> int:
    from PySide6.QtWidgets import QApplication

    QApplication.setOrganizationName(ORGANISATION)
    QApplication.setApplicationName(APP_NAME)
    QApplication.setApplicationDisplayName(APP_NAME)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setQuitOnLastWindowClosed(False)  # the shell quits explicitly: windows hand over to each other

    from circles_desktop.ui.app.app_icon import identify
    from circles_desktop.ui.app.first_paint import on_first_paint
    from circles_desktop.ui.app.shell import Shell

    identify(app)
    shell = Shell(data_dir)
    first = shell.start()
    if os.environ.get(BENCH_ENV) == "1":
        on_first_paint(first, _exit_after_paint)
    _show_unexpected_errors()
    return app.exec()
