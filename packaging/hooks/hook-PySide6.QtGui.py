# Takes the place of PyInstaller's own hook for PySide6.QtGui (a hook in the spec's hookspath comes first):
# the same collection, less the Qt plugins Circles Desktop never loads. Dropped here, before PyInstaller
# follows each plugin's libraries, they bring none of theirs: the GTK theme alone brings GTK, Cairo,
# Pango and GnuTLS (~40 MB), the virtual keyboard QML and Qt Quick.
from pathlib import Path

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

UNUSED = {
    "platformthemes": {"qgtk3"},  # Qt's own widgets and dialogs serve; the desktop portal theme stays
    "platforminputcontexts": {"qtvirtualkeyboardplugin"},  # an on-screen keyboard, in QML
    "platforms": {"qeglfs", "qlinuxfb", "qminimalegl", "qvnc", "qvkkhrdisplay", "qdirect2d"},  # no desktop
    "egldeviceintegrations": None,  # for the eglfs platform on embedded devices: all of them
    "generic": None,  # evdev and TUIO input without a window system
    # PNG is built in; SVG would bring Qt SVG for icon themes the app's own icons do not need.
    "imageformats": {"qgif", "qicns", "qjpeg", "qpdf", "qsvg", "qtga", "qtiff", "qwbmp", "qwebp"},
    "iconengines": {"qsvgicon"},
    "vectorimageformats": None,  # Lottie, through Qt Quick
    # The widgets paint in memory, not through OpenGL: the GL integrations would bring Qt OpenGL.
    "xcbglintegrations": None,
    "wayland-graphics-integration-client": None,
    "wayland-decoration-client": {"adwaita"},  # needs Qt SVG; the plain "bradient" title bar stays
    "wayland-shell-integration": {"fullscreen-shell-v1", "ivi-shell", "qt-shell", "wl-shell-plugin"},  # xdg-shell stays
}


def _used(source: str, destination: str) -> bool:
    kind = Path(destination).name
    if kind not in UNUSED or Path(destination).parent.name != "plugins":
        return True
    names = UNUSED[kind]
    stem = Path(source).stem.removeprefix("lib")
    return names is not None and stem not in names


hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = [(src, dest) for src, dest in binaries if _used(src, dest)]
