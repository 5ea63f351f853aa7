"""What the .deb puts where (packaging/linux/build_packages.py), its launcher entry and AppStream metadata,
checked without dpkg; CI's .ci/bundle builds the real package and runs it (packaging/smoke_test.py)."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET

import pytest

from support.packaging_scripts import PACKAGING, load

build_packages = load("linux/build_packages.py")
smoke_test = load("smoke_test.py")


@pytest.fixture
def bundle(tmp_path):
    """A stand-in for dist/circles-desktop with the two things staging cares about: the program and a library."""
    folder = tmp_path / "dist" / "circles-desktop"
    (folder / "_internal").mkdir(parents=True)
    program = folder / "circles-desktop"
    program.write_text("#!/bin/sh\n")
    program.chmod(0o700)
    (folder / "_internal" / "libexample.so").write_bytes(b"\x7fELF")
    return folder


def test_the_package_lays_out_the_bundle_the_program_and_the_desktop_files(bundle, tmp_path):
    root = tmp_path / "root"
    build_packages.stage(bundle, root)
    program = root / "usr" / "bin" / "circles-desktop"
    assert os.readlink(program) == "../../opt/circles-desktop/circles-desktop"
    assert program.resolve() == (root / "opt" / "circles-desktop" / "circles-desktop").resolve()
    share = root / "usr" / "share"
    for size in build_packages.ICON_SIZES:
        assert (share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "circles-desktop.png").is_file()
    assert (share / "doc" / "circles-desktop" / "copyright").read_text().startswith("Circles Desktop")
    # dpkg-deb wants files 0644 and programs 0755, whatever the build machine's umask.
    assert (root / "opt" / "circles-desktop" / "circles-desktop").stat().st_mode & 0o777 == 0o755
    assert (share / "applications" / "circles-desktop.desktop").stat().st_mode & 0o777 == 0o644
    smoke_test.check_desktop_entry(root)  # the same check the smoke test makes of the real package


def test_the_launcher_entry_starts_the_program_with_its_icon():
    entry = smoke_test._DesktopEntry(interpolation=None)
    entry.read(PACKAGING / "linux" / "circles-desktop.desktop", encoding="utf-8")
    keys = entry["Desktop Entry"]
    assert keys["Exec"] == keys["TryExec"] == "circles-desktop"
    assert keys["Icon"] == "circles-desktop"
    # Qt sets the X11 window class to the application name (circles_desktop/app.py).
    assert keys["StartupWMClass"] == "Circles Desktop"


def test_the_appstream_metadata_names_the_launcher_entry_and_the_program():
    path = PACKAGING / "linux" / f"{build_packages.APPSTREAM_ID}.metainfo.xml"
    component = ET.parse(path).getroot()
    assert component.findtext("id") == build_packages.APPSTREAM_ID
    assert component.findtext("launchable") == "circles-desktop.desktop"
    assert component.findtext("provides/binary") == "circles-desktop"
    assert component.find("releases/release").get("version") == build_packages.version()


def test_no_bundle_is_said_plainly(tmp_path, capsys):
    with pytest.raises(SystemExit, match="no bundle at .*build it first with README's bundle command"):
        build_packages.main(["--dist", str(tmp_path)])
