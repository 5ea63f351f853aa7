"""The icons drawn from resources/icons/circles-desktop.svg (packaging/make_icons.py): every size the
window, the Linux icon theme, the Windows programs and the macOS app ask for, and on every window."""

from __future__ import annotations

from PIL import Image

from circles_desktop import shipped
from circles_desktop.ui.app.app_icon import DESKTOP_FILE, SIZES, app_icon, identify

PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def test_each_png_is_the_size_its_name_says():
    for size in PNG_SIZES:
        with Image.open(shipped.path("icons", f"circles-desktop-{size}.png")) as image:
            assert image.size == (size, size)
            assert image.mode == "RGBA"
            # Drawn, not blank: the corners are transparent (rounded), the centre (the core member) is white.
            assert image.getpixel((0, 0))[3] == 0
            assert image.getpixel((size // 2, size // 2))[:3] == (255, 255, 255)


def test_the_windows_icon_holds_every_size_the_shell_asks_for():
    with Image.open(shipped.path("icons", "circles-desktop.ico")) as ico:
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])


def test_the_macos_icon_holds_the_retina_sizes():
    with Image.open(shipped.path("icons", "circles-desktop.icns")) as icns:
        assert (512, 512, 2) in icns.info["sizes"]
        assert (16, 16, 2) in icns.info["sizes"]


def test_the_svg_source_is_shipped_for_the_icon_theme():
    assert b"<svg" in shipped.path("icons", "circles-desktop.svg").read_bytes()


def test_every_window_gets_the_icon_and_the_launcher_entry_name(qapp):
    identify(qapp)
    assert qapp.desktopFileName() == DESKTOP_FILE
    sizes = {(s.width(), s.height()) for s in qapp.windowIcon().availableSizes()}
    assert sizes == {(s, s) for s in SIZES}
    assert not app_icon().pixmap(32, 32).isNull()
