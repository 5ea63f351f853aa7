"""Run the built bundle as a coordinator's computer would, and fail loudly if any part of it does not work.

    python packaging/smoke_test.py --program dist/circles-desktop/circles-desktop [--gui PROGRAM]
                                   [--deb dist/circles-desktop_*.deb] [--tarball dist/circles-desktop-*.tar.gz]

From the bundle: its self-check (every module, the fonts, the migrations, QtPdf painting a page), then
`init`, `demo`, `check`, `backup`, `restore` (once the command line has it), `export-minutes` (the PDF
read back: marked, fonts embedded), the GUI painting its unlock dialog, and the GUI started as from the
menu staying up. With --deb: the package's metadata and contents (dpkg-deb --info, --contents), then the
program unpacked from it with dpkg -x into a temporary folder, started through /usr/bin's link. With
--tarball: the program unpacked from it. Nothing is installed system-wide. Run by .ci/bundle and the
release workflow; it needs the development environment (it reads the demo database to pick a meeting).
"""

from __future__ import annotations

import argparse
import configparser
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path
from typing import Any

PASSPHRASE = "smoke test passphrase, long enough"
STAY_UP_SECONDS = 8  # the GUI must still be running this long after it was started


class SmokeFailure(Exception):
    pass


def _env(**extra: str) -> dict[str, str]:
    env = {**os.environ, "CIRCLES_PASSPHRASE": PASSPHRASE, **extra}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


def run(program: Path, *args: str, expect: str, **env: str) -> str:
    """One command of the bundle; it must exit 0 and print `expect`."""
    started = time.monotonic()
    proc = subprocess.run(
        [str(program), *args], env=_env(**env), capture_output=True, text=True, timeout=600, stdin=subprocess.DEVNULL
    )
    said = proc.stdout + proc.stderr
    if proc.returncode != 0 or expect not in said:
        raise SmokeFailure(f"{program.name} {' '.join(args)} exited {proc.returncode}:\n{said[-3000:]}")
    print(f"  ok  {program.name} {' '.join(args)[:70]}  ({time.monotonic() - started:.1f} s)", flush=True)
    return said


def commands(program: Path, work: Path) -> Path:
    """The headless commands, each as a coordinator or administrator would run it; returns the demo folder."""
    run(program, "--help", expect="export-minutes")
    run(program, expect="bundle check: everything the app loads is here", CIRCLES_BUNDLE_CHECK="1")
    run(program, "init", "--data-dir", str(work / "new"), expect="Recovery key")
    demo = work / "demo"
    run(program, "demo", "--data-dir", str(demo), "--size", "40", expect="Created a demo database")
    run(program, "check", "--data-dir", str(demo), expect="sound")
    backup = work / "backup.db"
    run(program, "backup", "--data-dir", str(demo), "--to", str(backup), expect="verified")
    if " restore " in run(program, "--help", expect="usage"):
        # As DESIGN.md gives it (arriving with the backups work): the backup put back, and the result sound.
        run(program, "restore", str(backup), "--yes", "--data-dir", str(demo), expect="Restored ")
        run(program, "check", "--data-dir", str(demo), expect="sound")
    else:
        print("  --  restore: this version's command line has no restore command yet", flush=True)
    export_minutes(program, demo, work / "minutes.pdf")
    return demo


def _a_sendable_meeting(demo: Path) -> tuple[int, int]:
    """A meeting whose minutes the demo sent to someone who may still receive them (as the wheel test does)."""
    from datetime import date

    from sqlalchemy import select

    from circles_desktop.models import CircleMember, Meeting, SharedDocument
    from circles_desktop.services.security.access import Unlocker
    from circles_desktop.services.sharing import minutes_export, sharing

    db = Unlocker(demo).unlock(PASSPHRASE)
    try:
        with db.session() as s:
            for doc in s.scalars(select(SharedDocument).where(SharedDocument.document_kind == sharing.MINUTES)):
                meeting = s.get(Meeting, doc.meeting_id)
                member = s.get(CircleMember, doc.recipient_member_id)
                assert meeting is not None and member is not None
                recipient = minutes_export.recipient_for_person(s, meeting.id, member.person_id)
                if minutes_export.plan_for(s, meeting, recipient, today=date.today()).can_receive:
                    return meeting.id, member.person_id
    finally:
        db.close()
    raise SmokeFailure("the demo database has no minutes that can be sent")


def export_minutes(program: Path, demo: Path, out: Path) -> None:
    from pypdf import PdfReader

    meeting, person = _a_sendable_meeting(demo)
    args = ["export-minutes", str(meeting), "--recipient", str(person), "--out", str(out), "--data-dir", str(demo)]
    run(program, *args, expect="written to")
    reader = PdfReader(out)
    text = "".join(page.extract_text() for page in reader.pages)
    resources: list[Any] = [page["/Resources"] for page in reader.pages]
    fonts = {str(font.get("/BaseFont", "")) for r in resources for font in r["/Font"].values()}
    if "OFFICIAL-SENSITIVE" not in text or not any("DejaVu" in f for f in fonts):
        raise SmokeFailure(f"the minutes PDF lacks its marking or the shipped fonts: {sorted(fonts)}")
    print(f"  ok  minutes PDF: {len(reader.pages)} page(s), marked, fonts {sorted(fonts)}", flush=True)


def gui_paints(program: Path, data_dir: Path) -> None:
    run(program, "--data-dir", str(data_dir), expect="painted ", CIRCLES_BENCH_EXIT_AFTER_PAINT="1")


def gui_stays_up(program: Path, data_dir: Path) -> None:
    """Started as from the menu: it must still be running after STAY_UP_SECONDS, having said nothing wrong."""
    with tempfile.TemporaryFile("w+") as log:
        proc = subprocess.Popen([str(program), "--data-dir", str(data_dir)], env=_env(), stdout=log, stderr=log)
        try:
            proc.wait(timeout=STAY_UP_SECONDS)
        except subprocess.TimeoutExpired:
            pass
        finally:
            alive = proc.poll() is None
            proc.kill()
            proc.wait()
        log.seek(0)
        said = log.read()
    if not alive or "Traceback" in said or "error" in said.lower():
        raise SmokeFailure(f"the GUI did not stay up ({'running' if alive else f'exit {proc.returncode}'}):\n{said}")
    print(f"  ok  GUI stayed up {STAY_UP_SECONDS} s", flush=True)


def check_deb(deb: Path, work: Path) -> None:
    info = _output(["dpkg-deb", "--info", str(deb)])
    for field in ("Package: circles-desktop", "Version: ", "Architecture: ", "Depends: ", "Installed-Size: "):
        if field not in info:
            raise SmokeFailure(f"{deb.name}: no {field!r} in its control file:\n{info}")
    listing = _output(["dpkg-deb", "--contents", str(deb)])
    wanted = [
        "./opt/circles-desktop/circles-desktop",
        "./usr/bin/circles-desktop -> ../../opt/circles-desktop/circles-desktop",
        "./usr/share/applications/circles-desktop.desktop",
        "./usr/share/icons/hicolor/256x256/apps/circles-desktop.png",
        "./usr/share/icons/hicolor/scalable/apps/circles-desktop.svg",
        "./usr/share/metainfo/org.circlesdesktop.CirclesDesktop.metainfo.xml",
        "./usr/share/doc/circles-desktop/copyright",
    ]
    missing = [path for path in wanted if path not in listing]
    if missing or "root/root" not in listing:
        raise SmokeFailure(f"{deb.name} lacks {missing} or is not owned by root")
    print(f"  ok  {deb.name}: control file and {len(listing.splitlines())} entries", flush=True)
    unpacked = work / "deb"
    _output(["dpkg", "-x", str(deb), str(unpacked)])
    check_desktop_entry(unpacked)
    program = unpacked / "usr" / "bin" / "circles-desktop"
    run(program, expect="bundle check: everything the app loads is here", CIRCLES_BUNDLE_CHECK="1")
    run(program, "init", "--data-dir", str(work / "from-deb"), expect="Recovery key")
    gui_paints(program, work / "from-deb")


class _DesktopEntry(configparser.ConfigParser):
    def optionxform(self, optionstr: str) -> str:  # a desktop entry's keys are case-sensitive
        return optionstr


def check_desktop_entry(unpacked: Path) -> None:
    share = unpacked / "usr" / "share"
    entry = _DesktopEntry(interpolation=None)
    entry.read(share / "applications" / "circles-desktop.desktop", encoding="utf-8")
    keys = entry["Desktop Entry"]
    program = unpacked / "usr" / "bin" / keys["TryExec"]
    icon = share / "icons" / "hicolor" / "48x48" / "apps" / f"{keys['Icon']}.png"
    if not (program.exists() and icon.exists() and keys["StartupWMClass"] == "Circles Desktop"):
        raise SmokeFailure(f"the launcher entry names a missing program or icon: {dict(keys)}")
    if shutil.which("desktop-file-validate"):
        _output(["desktop-file-validate", str(share / "applications" / "circles-desktop.desktop")])
    if shutil.which("appstreamcli"):
        _output(["appstreamcli", "validate", "--no-net", *map(str, (share / "metainfo").glob("*.xml"))])
    print("  ok  launcher entry, icon and AppStream metadata", flush=True)


def check_tarball(tarball: Path, work: Path) -> None:
    with tarfile.open(tarball) as tar:
        tar.extractall(work / "tar", filter="tar")
    (program,) = (work / "tar").glob("circles-desktop-*/circles-desktop")
    run(program, expect="bundle check: everything the app loads is here", CIRCLES_BUNDLE_CHECK="1")


def _output(args: list[str]) -> str:
    proc = subprocess.run(args, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SmokeFailure(f"{' '.join(args)} exited {proc.returncode}:\n{proc.stdout}{proc.stderr}")
    return proc.stdout + proc.stderr


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--program", type=Path, required=True, help="the bundle's program for commands")
    parser.add_argument("--gui", type=Path, help="the program started from the menu (default: --program)")
    parser.add_argument("--deb", type=Path)
    parser.add_argument("--tarball", type=Path)
    args = parser.parse_args(argv)
    started = time.monotonic()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            print(f"smoke test of {args.program}", flush=True)
            demo = commands(args.program, work)
            gui_paints(args.program, demo)
            gui_stays_up(args.gui or args.program, demo)
            if args.deb:
                check_deb(args.deb, work)
            if args.tarball:
                check_tarball(args.tarball, work)
    except SmokeFailure as exc:
        print(f"SMOKE TEST FAILED: {exc}", file=sys.stderr)
        return 1
    print(f"smoke test passed ({time.monotonic() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
