"""The program of the bundle (packaging/circles-desktop.spec) and of `python -m circles_desktop`.

It runs the command line as the installed `circles-desktop` does, with two things only a bundle needs:
a windowed Windows program has no standard output or error (sys.stdout is None there), so they go
nowhere rather than fail on the first print; and CIRCLES_BUNDLE_CHECK=1 checks, from inside the
bundle, that everything the app loads later came along: every module of the package, the shipped
fonts and demo definitions, the migrations, the keyring's backends and QtPdf painting a page through
the app's own printing code. packaging/smoke_test.py runs it; it opens no database.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

CHECK_ENV = "CIRCLES_BUNDLE_CHECK"


def _give_windowed_program_somewhere_to_write() -> None:
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 (for the process's life)


def _import_every_module() -> int:
    import importlib
    import pkgutil

    import circles_desktop

    found = pkgutil.walk_packages(circles_desktop.__path__, "circles_desktop.")
    names = [m.name for m in found if m.name != "circles_desktop.__main__"]  # that one runs the program
    for name in names:
        importlib.import_module(name)
    if len(names) < 50:  # a frozen importer that lists nothing would otherwise pass this check
        raise RuntimeError(f"only {len(names)} modules of circles_desktop were found")
    return len(names)


def _paint_a_pdf_page() -> str:
    """A PDF in the app's own font, loaded and painted by QtPdf through the app's printing code."""
    import io

    from PySide6.QtWidgets import QApplication
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    from circles_desktop import shipped
    from circles_desktop.ui.sharing.print_pdf import LoadedPdf

    app = QApplication.instance() or QApplication(sys.argv[:1])  # noqa: F841 (QtPdf needs one)
    pdfmetrics.registerFont(TTFont("CheckSans", str(shipped.path("fonts", "DejaVuSans.ttf"))))
    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.setFont("CheckSans", 14)
    page.drawString(72, 720, "Circles Desktop: bundle check — Siân, Łukasz, Nguyễn")
    page.save()
    pdf = LoadedPdf(out.getvalue())
    try:
        image = pdf.render_page(0, 72)
        if image.isNull() or image.width() < 100:
            raise RuntimeError("QtPdf painted an empty page")
        return f"{image.width()} x {image.height()}"
    finally:
        pdf.close()


def bundle_check() -> int:
    import keyring

    from circles_desktop import shipped
    from circles_desktop.store import migrate

    modules = _import_every_module()
    print(f"modules: {modules} imported", flush=True)
    fonts = [shipped.path("fonts", f"DejaVuSans{style}.ttf") for style in ("", "-Bold", "-Oblique")]
    print(f"resources: {shipped.root()} ({len(fonts)} fonts)", flush=True)
    print(f"migrations: head {migrate.head()}", flush=True)
    print(f"keyring backend: {type(keyring.get_keyring()).__module__}", flush=True)
    print(f"QtPdf: painted a page of {_paint_a_pdf_page()} pixels", flush=True)
    print("bundle check: everything the app loads is here", flush=True)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    _give_windowed_program_somewhere_to_write()
    if os.environ.get(CHECK_ENV) == "1":
        return bundle_check()
    from circles_desktop.cli import main as cli_main

    return cli_main(argv)
