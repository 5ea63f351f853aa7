"""The Linux downloads, made from the bundle in dist/circles-desktop (README's bundle command):

    python packaging/linux/build_packages.py [--dist dist]

- dist/circles-desktop-<version>-linux-<machine>.tar.gz: the bundle as it is, to unpack and run anywhere;
- dist/circles-desktop_<version>_<arch>.deb: for Debian and Ubuntu, built with Debian's own tools. The
  bundle goes to /opt/circles-desktop, the program to /usr/bin, the launcher entry, icons and AppStream
  metadata to /usr/share; dpkg-shlibdeps works out which of the desktop's libraries it needs (those the
  spec leaves out of the bundle: CUPS, D-Bus, X11, fonts, GL) and dpkg-deb builds it, owned by root
  without fakeroot.

Nothing is installed: packaging/smoke_test.py checks the package with dpkg-deb and runs it unpacked.
"""

from __future__ import annotations

import argparse
import gzip
import platform
import shutil
import subprocess
import sys
import tarfile
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
NAME = "circles-desktop"
APPSTREAM_ID = "org.circlesdesktop.CirclesDesktop"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
MAINTAINER = "Circles Desktop <circles-desktop@packages.invalid>"  # to be replaced by a real address
DESCRIPTION = """\
Encrypted offline records for coordinators of circles
 Circles Desktop keeps the records of Circles of Support and Accountability,
 Community Circles, Locality Learning Circles, community conversations and
 communities of practice in an encrypted database on the coordinator's own
 computer, and makes no network connection. It turns meetings into PDF minutes
 for each outer-circle recipient and prints meeting packs."""

COPYRIGHT = """\
Circles Desktop: proprietary (see the project's licence). It carries Python, Qt (LGPL-3.0, through
PySide6), SQLCipher, ReportLab, pypdf and the other libraries its bundle lists, each under its own licence,
and the DejaVu fonts, under this licence:
"""


def version() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]


def _run(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(args, check=True, text=True, capture_output=True, **kwargs)  # type: ignore[call-overload]
    except FileNotFoundError:
        sys.exit(f"{args[0]} is needed to build the .deb (Debian's dpkg-dev package)")
    except subprocess.CalledProcessError as exc:
        sys.exit(f"{' '.join(args[:2])} failed:\n{exc.stdout}\n{exc.stderr}")


def make_tarball(bundle: Path, dist: Path) -> Path:
    out = dist / f"{NAME}-{version()}-linux-{platform.machine()}.tar.gz"
    with tarfile.open(out, "w:gz", compresslevel=6) as tar:  # 9 takes twice as long for 1% less
        tar.add(bundle, arcname=f"{NAME}-{version()}")
    return out


def stage(bundle: Path, root: Path) -> None:
    """The package's files under `root`, as they will lie on the coordinator's computer."""
    shutil.copytree(bundle, root / "opt" / NAME, symlinks=True)
    (root / "usr" / "bin").mkdir(parents=True)
    # The bundle's program finds its libraries from its own real path, so a link to it runs as it does.
    (root / "usr" / "bin" / NAME).symlink_to(f"../../opt/{NAME}/{NAME}")
    share = root / "usr" / "share"
    _copy(HERE / f"{NAME}.desktop", share / "applications" / f"{NAME}.desktop")
    _copy(HERE / f"{APPSTREAM_ID}.metainfo.xml", share / "metainfo" / f"{APPSTREAM_ID}.metainfo.xml")
    icons = ROOT / "resources" / "icons"
    for size in ICON_SIZES:
        _copy(icons / f"{NAME}-{size}.png", share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{NAME}.png")
    _copy(icons / f"{NAME}.svg", share / "icons" / "hicolor" / "scalable" / "apps" / f"{NAME}.svg")
    doc = share / "doc" / NAME
    doc.mkdir(parents=True)
    fonts = (ROOT / "resources" / "fonts" / "LICENSE-DejaVu.txt").read_text(encoding="utf-8")
    (doc / "copyright").write_text(f"{COPYRIGHT}\n{fonts}", encoding="utf-8")
    with gzip.open(doc / "changelog.gz", "wt", encoding="utf-8") as f:
        f.write(f"{NAME} ({version()}): see README.md in the source for what this version does.\n")
    for path in [root, *root.rglob("*")]:  # as dpkg-deb expects, whatever the build machine's umask
        if not path.is_symlink():
            path.chmod(0o755 if path.is_dir() or path.stat().st_mode & 0o111 else 0o644)


def _copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source, target)


def _elf_files(folder: Path) -> list[Path]:
    found = []
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as f:
                if f.read(4) == b"\x7fELF":
                    found.append(path)
    return found


def depends(root: Path) -> str:
    """The desktop's packages the bundle's programs and libraries need, by Debian's dpkg-shlibdeps."""
    app = root / "opt" / NAME
    private = [app / "_internal", app / "_internal" / "PySide6" / "Qt" / "lib"]
    with tempfile.TemporaryDirectory() as work:
        # dpkg-shlibdeps reads the package's name from a source tree's debian/control.
        (Path(work) / "debian").mkdir()
        (Path(work) / "debian" / "control").write_text(f"Source: {NAME}\n\nPackage: {NAME}\nArchitecture: any\n")
        args = ["dpkg-shlibdeps", "-O", "--ignore-missing-info", *(f"-l{p}" for p in private)]
        out = _run([*args, *map(str, _elf_files(app))], cwd=work).stdout
    for line in out.splitlines():
        if line.startswith("shlibs:Depends="):
            return line.removeprefix("shlibs:Depends=")
    sys.exit(f"dpkg-shlibdeps named no dependency:\n{out}")


def control(root: Path, arch: str) -> str:
    size_kib = sum(p.lstat().st_size for p in root.rglob("*") if not p.is_dir()) // 1024
    return (
        f"Package: {NAME}\nVersion: {version()}\nArchitecture: {arch}\nMaintainer: {MAINTAINER}\n"
        f"Installed-Size: {size_kib}\nDepends: {depends(root)}\nRecommends: cups\nSection: misc\n"
        f"Priority: optional\nDescription: {DESCRIPTION}\n"
    )


def make_deb(bundle: Path, dist: Path) -> Path:
    arch = _run(["dpkg", "--print-architecture"]).stdout.strip()
    out = dist / f"{NAME}_{version()}_{arch}.deb"
    with tempfile.TemporaryDirectory() as work:
        root = Path(work) / "root"
        stage(bundle, root)
        text = control(root, arch)
        (root / "DEBIAN").mkdir()
        (root / "DEBIAN" / "control").write_text(text)
        _run(["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(root), str(out)])
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where the bundle is and the files go")
    parser.add_argument("--no-deb", action="store_true", help="only the tarball (a machine without dpkg)")
    args = parser.parse_args(argv)
    bundle = args.dist / NAME
    if not (bundle / NAME).is_file():
        sys.exit(f"no bundle at {bundle}: build it first with README's bundle command")
    made = [make_tarball(bundle, args.dist)]
    if not args.no_deb:
        made.append(make_deb(bundle, args.dist))
    for path in made:
        print(f"{path}  ({path.stat().st_size / 1_000_000:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
