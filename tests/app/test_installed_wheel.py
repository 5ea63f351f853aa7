"""The app as a coordinator gets it: the wheel is built, installed into a fresh virtual environment outside
the checkout, and run from there, so a file of resources/ that the wheel leaves out (a font, a demo
definition) fails here rather than on a coordinator's laptop.

Installing PySide6 and the rest from the network would take minutes, so the wheel goes in with
--no-deps and the fresh environment borrows the test environment's packages through a .pth file. A path
added by a .pth file is not searched for further .pth files, so the checkout's editable install (itself a
.pth file and a finder) does not come along: the test checks that `circles_desktop` is imported from the
fresh environment.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from support import PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]

EXPORT_MINUTES = """
import json, sys
from datetime import date
from pathlib import Path
from sqlalchemy import select
import circles_desktop
from circles_desktop import shipped
from circles_desktop.models import CircleMember, Meeting, SharedDocument
from circles_desktop.services.security.access import Unlocker
from circles_desktop.services.sharing import minutes_export, sharing

db = Unlocker(".").unlock(input())
written = None
with db.session() as s:
    # The demo's register holds minutes it sent; one of them can still be sent under today's consent.
    for doc in s.scalars(select(SharedDocument).where(SharedDocument.document_kind == sharing.MINUTES)):
        meeting = s.get(Meeting, doc.meeting_id)
        member = s.get(CircleMember, doc.recipient_member_id)
        recipient = minutes_export.recipient_for_person(s, meeting.id, member.person_id)
        if minutes_export.plan_for(s, meeting, recipient, today=date.today()).can_receive:
            break
    else:
        recipient = None
if recipient is not None:
    written = str(minutes_export.export_minutes_file(db, meeting.id, recipient, Path(sys.argv[1]), None).path)
db.close()
print(json.dumps({"package": circles_desktop.__file__, "resources": str(shipped.root()), "written": written}))
"""


def _run(args: Sequence[object], cwd: Path, env: dict[str, str], stdin: str = "") -> str:
    proc = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, input=stdin, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, f"{args[0]} {args[1]} failed:\n{proc.stdout}\n{proc.stderr}"
    return proc.stdout


def _build_wheel(tmp: Path) -> Path:
    # Built from a copy, so that the build's own files (build/, *.egg-info) never land in the checkout.
    src = tmp / "src"
    src.mkdir()
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    for folder in ("circles_desktop", "resources"):
        shutil.copytree(ROOT / folder, src / folder, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    wheels = tmp / "wheels"
    cmd = [sys.executable, "-m", "pip", "wheel", src, "--no-deps", "-w", wheels]
    _run(cmd, tmp, dict(os.environ))
    (wheel,) = wheels.glob("circles_desktop-*.whl")
    return wheel


def _fresh_venv(tmp: Path, wheel: Path) -> Path:
    venv = tmp / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", venv], tmp, dict(os.environ))
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    pip = [sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", wheel]
    _run(pip, tmp, dict(os.environ))
    target = _run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], tmp, {})
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (Path(target.strip()) / "borrowed_dependencies.pth").write_text("\n".join(sorted(ours)) + "\n")
    return venv


def _embedded_fonts(pdf: Path) -> set[str]:
    names = set()
    for page in PdfReader(pdf).pages:
        resources: Any = page["/Resources"]
        for font in resources["/Font"].values():
            font = font.get_object()
            for face in [font, *(f.get_object() for f in font.get("/DescendantFonts", []))]:
                descriptor = face.get("/FontDescriptor")
                if descriptor is not None and "/FontFile2" in descriptor.get_object():
                    names.add(str(face["/BaseFont"]).split("+")[-1])
    return names


def test_the_installed_wheel_finds_its_fonts_and_demo_definitions(tmp_path):
    wheel = _build_wheel(tmp_path)
    listed = set(zipfile.ZipFile(wheel).namelist())
    shipped_files = {
        "circles_desktop/resources/" + p.relative_to(ROOT / "resources").as_posix()
        for p in (ROOT / "resources").rglob("*")
        if p.is_file() and not p.name.startswith(".")  # package-data's glob leaves hidden files out
    }
    assert shipped_files - listed == set(), "resources/ files missing from the wheel"
    assert "circles_desktop/store/migrations/env.py" in listed

    venv = _fresh_venv(tmp_path, wheel)
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    data = tmp_path / "data"
    data.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "CIRCLES_PASSPHRASE")}
    env |= {"QT_QPA_PLATFORM": "offscreen", "CIRCLES_PASSPHRASE": PASSPHRASE}

    _run([bin_dir / "circles-desktop", "demo", "--data-dir", data, "--size", "20"], tmp_path, env)
    _run([bin_dir / "circles-desktop", "check", "--data-dir", data], tmp_path, env)

    # Run from the data folder, outside the checkout: the package and its resources are the wheel's.
    pdf = tmp_path / "minutes.pdf"
    script = [bin_dir / "python", "-c", EXPORT_MINUTES, pdf]
    answer = json.loads(_run(script, data, env, stdin=PASSPHRASE + "\n"))
    assert Path(answer["package"]).is_relative_to(venv), answer["package"]
    assert Path(answer["resources"]).is_relative_to(venv), answer["resources"]
    assert answer["written"], "no minutes in the demo's register can be sent under today's consent"
    assert {"DejaVuSans", "DejaVuSans-Bold"} <= _embedded_fonts(pdf)
