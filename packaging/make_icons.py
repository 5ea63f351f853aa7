"""Render resources/icons/circles-desktop.svg into the icons the app and its installers use.

    .venv/bin/python packaging/make_icons.py

Writes, beside the SVG: circles-desktop-<N>.png for each size in PNG_SIZES (the window icon and the
Linux hicolor theme), circles-desktop.ico (the Windows programs and installer) and circles-desktop.icns
(the macOS app). Qt's own SVG renderer draws each size from the vector source, so small sizes are drawn,
not shrunk from a large bitmap; Pillow packs the ICO and ICNS. Run it again after changing the SVG and
commit what it writes.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SOURCE = ICONS / "circles-desktop.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)  # 1024 is the 512-point icon at double resolution


def render(renderer: QSvgRenderer, size: int) -> Image.Image:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(data.data()))).convert("RGBA")


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (QPainter needs it)
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        print(f"cannot read {SOURCE}", file=sys.stderr)
        return 1
    images = {size: render(renderer, size) for size in sorted({*PNG_SIZES, *ICO_SIZES, *ICNS_SIZES})}
    for size in PNG_SIZES:
        images[size].save(ICONS / f"circles-desktop-{size}.png", optimize=True)
    largest = images[max(ICO_SIZES)]
    largest.save(
        ICONS / "circles-desktop.ico",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=[images[s] for s in ICO_SIZES],
    )
    images[1024].save(ICONS / "circles-desktop.icns", append_images=[images[s] for s in ICNS_SIZES[:-1]])
    print(f"wrote {len(PNG_SIZES)} PNGs, an ICO and an ICNS in {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
