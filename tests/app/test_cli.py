"""The command line, run as a real process: exit statuses and one-line messages, never a traceback.

Databases are created in-process with fast key derivation; the key file records those parameters,
so the subprocesses unlock them quickly too. Passphrases go in through CIRCLES_PASSPHRASE or stdin.
"""

from __future__ import annotations

import re

import pytest

from support import PASSPHRASE, store_cases
from support.cli import assert_one_line_error, run
from support.store_cases import CASES, snapshot


@pytest.mark.parametrize("command", [[], ["init"], ["check"], ["backup"], ["demo"]])
def test_help(command):
    proc = run(*command, "--help")
    assert proc.returncode == 0, proc.stderr
    assert "usage: circles-desktop" in proc.stdout
    assert "--data-dir" in proc.stdout


def test_init_then_check(tmp_path):
    data_dir = tmp_path / "new"
    proc = run("init", "--data-dir", str(data_dir), passphrase=PASSPHRASE)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert "Recovery key" in proc.stdout
    recovery = proc.stdout.strip().splitlines()[-1].strip()
    assert len(recovery.replace("-", "")) == 52
    assert PASSPHRASE not in proc.stdout
    # the recovery key works as the secret too, through standard input this time
    proc = run("check", "--data-dir", str(data_dir), stdin=recovery + "\n")
    assert proc.returncode == 0, proc.stderr
    assert "sound" in proc.stdout


def test_init_refuses_existing_database(created):
    data_dir, _ = created
    before = snapshot(data_dir)
    proc = run("init", "--data-dir", str(data_dir), passphrase=PASSPHRASE)
    assert_one_line_error(proc, "already exists")
    assert snapshot(data_dir) == before


def test_init_refuses_weak_passphrase(tmp_path):
    proc = run("init", "--data-dir", str(tmp_path / "d"), passphrase="short")
    assert_one_line_error(proc, "at least 10 characters")
    assert not (tmp_path / "d" / "circles.db").exists()


def test_check_sound_database(created):
    data_dir, _ = created
    proc = run("check", "--data-dir", str(data_dir), passphrase=PASSPHRASE)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert "sound" in proc.stdout and "audit log is intact" in proc.stdout


def test_passphrase_from_stdin(created):
    data_dir, _ = created
    proc = run("check", "--data-dir", str(data_dir), stdin=PASSPHRASE + "\n")
    assert proc.returncode == 0, proc.stderr


def test_no_passphrase_on_stdin(created):
    data_dir, _ = created
    proc = run("check", "--data-dir", str(data_dir), stdin="")
    assert_one_line_error(proc, "no passphrase was given")


def test_no_database(tmp_path):
    proc = run("check", "--data-dir", str(tmp_path), passphrase=PASSPHRASE)
    assert_one_line_error(proc, "There is no Circles Desktop database")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_check_error_case(created, case):
    data_dir, recovery = created
    store_cases.fill(data_dir)
    if case.name == "damaged page":
        secret, fragment = case.secret, case.fragment.format(page=store_cases.damage_page(data_dir))
    else:
        secret, fragment = case.build(data_dir, recovery), case.fragment
    before = snapshot(data_dir)
    proc = run("check", "--data-dir", str(data_dir), passphrase=secret)
    assert_one_line_error(proc, fragment)
    assert snapshot(data_dir) == before


def test_check_reports_tampered_audit_log(db):
    from circles_desktop.store.sqlcipher import raw_connect

    conn = raw_connect(db.paths.database, db.data_key)
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("UPDATE audit_log SET detail = 'nothing to see' WHERE id = 1")
    conn.close()
    data_dir = db.paths.root
    db.close()
    proc = run("check", "--data-dir", str(data_dir), passphrase=PASSPHRASE)
    assert_one_line_error(proc, "The audit log has been altered at entry 1")


def test_backup(created, tmp_path):
    data_dir, _ = created
    target = tmp_path / "out" / "copy.db"
    proc = run("backup", "--data-dir", str(data_dir), "--to", str(target), passphrase=PASSPHRASE)
    assert proc.returncode == 0, proc.stderr
    assert target.exists() and target.with_suffix(".key").exists()
    assert "verified" in proc.stdout


def test_backup_to_unwritable_place(created, tmp_path):
    data_dir, _ = created
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    proc = run("backup", "--data-dir", str(data_dir), "--to", str(blocker / "copy.db"), passphrase=PASSPHRASE)
    assert_one_line_error(proc, str(blocker))


def test_backup_wrong_passphrase(created, tmp_path):
    data_dir, _ = created
    target = str(tmp_path / "c.db")
    proc = run("backup", "--data-dir", str(data_dir), "--to", target, passphrase="not it at all")
    assert_one_line_error(proc, "That passphrase is not right")
    assert not (tmp_path / "c.db").exists()


def test_passphrase_is_never_an_argument():
    proc = run("check", "--passphrase", "x")
    assert proc.returncode == 2
    assert "unrecognized arguments" in proc.stderr


def test_demo_creates_a_filled_sound_database(tmp_path):
    target = tmp_path / "demo"
    done = run("demo", "--data-dir", str(target), "--size", "40", passphrase=PASSPHRASE)
    assert done.returncode == 0, done.stderr
    assert re.search(r"with \d+ fictional people", done.stdout), done.stdout
    checked = run("check", "--data-dir", str(target), passphrase=PASSPHRASE)
    assert checked.returncode == 0, checked.stderr


def test_demo_refuses_a_bad_size_and_an_existing_database(tmp_path, created):
    data_dir, _ = created
    bad = run("demo", "--data-dir", str(tmp_path / "d"), "--size", "0", passphrase=PASSPHRASE)
    assert_one_line_error(bad, "--size must be at least 1")
    assert not (tmp_path / "d" / "circles.db").exists()
    before = snapshot(data_dir)
    existing = run("demo", "--data-dir", str(data_dir), passphrase=PASSPHRASE)
    assert_one_line_error(existing, "already exists")
    assert snapshot(data_dir) == before


# --- export-minutes ------------------------------------------------------------------------------
@pytest.fixture
def minutes_db(created):
    """A circle with a meeting, a police officer with consent to minutes and attendance, and a probation
    officer with none: (data_dir, meeting id, consenting person id, other person id, core member id)."""
    from circles_desktop.services.security import access
    from support.exports import add_outer, build_meeting, give, recipient

    data_dir, _ = created
    db = access.Unlocker(data_dir).unlock(PASSPHRASE)
    with db.session() as s:
        setup = build_meeting(s)
        yes = add_outer(s, setup, "Priya", "Raghunathan")
        no = add_outer(s, setup, "Łukasz", "Nowak")
        give(s, setup, yes, ["minutes", "attendance"])
        ids = (recipient(s, yes).person_id, recipient(s, no).person_id)
    db.close()
    return data_dir, setup.meeting_id, ids[0], ids[1], setup.core_person_id


def _audit_and_register(data_dir):
    from circles_desktop.models import AuditEntry, SharedDocument
    from circles_desktop.services.security import access

    db = access.Unlocker(data_dir).unlock(PASSPHRASE)
    try:
        with db.session() as s:
            docs = [(d.how, d.sha256, d.password_protected, d.file_name) for d in s.query(SharedDocument)]
            entries = [(e.action, e.object, e.detail) for e in s.query(AuditEntry).filter_by(action="minutes exported")]
    finally:
        db.close()
    return docs, entries


def test_export_minutes_help_documents_password_stdin():
    proc = run("export-minutes", "--help")
    assert proc.returncode == 0
    assert "--password-stdin" in proc.stdout and "CIRCLES_PASSPHRASE" in proc.stdout


def test_export_minutes(minutes_db, tmp_path):
    import hashlib

    from support.exports import pdf_text

    data_dir, meeting, person, _other, _core = minutes_db
    out = tmp_path / "minutes.pdf"
    proc = run("export-minutes", str(meeting), "--recipient", str(person), "--out", str(out),
               "--data-dir", str(data_dir), passphrase=PASSPHRASE)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    digest = hashlib.sha256(out.read_bytes()).hexdigest()
    assert digest in proc.stdout and "Priya Raghunathan" in proc.stdout
    text = pdf_text(out.read_bytes())
    assert "Sectionmarkminutes" in text and "Attendeemarkzebedee" in text
    assert "Sectionmarkriskconcerns" not in text and "Sectionmarkinternal" not in text
    docs, entries = _audit_and_register(data_dir)
    assert docs == [("export", digest, False, "minutes.pdf")]
    assert entries == [("minutes exported", f"meeting {meeting}", entries[0][2])] and digest in entries[0][2]


def test_export_minutes_with_password_from_stdin(minutes_db, tmp_path):
    from pypdf import PdfReader

    from support.exports import pdf_text

    data_dir, meeting, person, _other, _core = minutes_db
    out = tmp_path / "locked.pdf"
    proc = run("export-minutes", str(meeting), "--recipient", str(person), "--out", str(out), "--password-stdin",
               "--data-dir", str(data_dir), passphrase=PASSPHRASE, stdin="otter river 42\n")  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "password-protected" in proc.stdout
    assert PdfReader(out).is_encrypted and not PdfReader(out).decrypt("wrong one")
    assert "Sectionmarkminutes" in pdf_text(out.read_bytes(), "otter river 42")
    docs, _ = _audit_and_register(data_dir)
    assert docs[0][2] is True


def test_export_minutes_never_replaces_a_file_unasked(minutes_db, tmp_path):
    data_dir, meeting, person, _other, _core = minutes_db
    out = tmp_path / "minutes.pdf"
    out.write_bytes(b"the coordinator's own earlier file")
    args = ("export-minutes", str(meeting), "--recipient", str(person), "--out", str(out), "--data-dir", str(data_dir))
    refused = run(*args, passphrase=PASSPHRASE)
    assert_one_line_error(refused, "already exists; nothing was written")
    assert out.read_bytes() == b"the coordinator's own earlier file"
    assert _audit_and_register(data_dir)[0] == []  # nothing recorded as shared
    replaced = run(*args, "--overwrite", passphrase=PASSPHRASE)
    assert replaced.returncode == 0, replaced.stderr
    assert out.read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize(
    "case, fragment",
    [
        ("unknown meeting", "There is no meeting 999"),
        ("not a member", "is not a member of circle"),
        ("inner circle", "is in the inner circle"),
        ("no consent", "no consent to share information with them counted on 14/03/2025"),
        ("unwritable out", "does not exist"),
        ("short password", "at least 8 characters"),
        ("passphrase on stdin too", "give the database passphrase in CIRCLES_PASSPHRASE"),
    ],
)
def test_export_minutes_errors(minutes_db, tmp_path, case, fragment):
    data_dir, meeting, person, other, core = minutes_db
    out = tmp_path / "m.pdf"
    args = {"meeting": str(meeting), "person": str(person), "out": str(out)}
    extra: list[str] = []
    passphrase, stdin = PASSPHRASE, None
    if case == "unknown meeting":
        args["meeting"] = "999"
    elif case == "not a member":
        args["person"] = "424242"
    elif case == "inner circle":
        args["person"] = str(core)
    elif case == "no consent":
        args["person"] = str(other)
    elif case == "unwritable out":
        blocker = tmp_path / "a-file"
        blocker.write_text("not a folder")
        args["out"] = str(blocker / "m.pdf")
    elif case == "short password":
        extra, stdin = ["--password-stdin"], "short\n"
    elif case == "passphrase on stdin too":
        extra, stdin, passphrase = ["--password-stdin"], "long enough password\n" + PASSPHRASE + "\n", None
    proc = run("export-minutes", args["meeting"], "--recipient", args["person"], "--out", args["out"], *extra,
               "--data-dir", str(data_dir), passphrase=passphrase, stdin=stdin)  # fmt: skip
    assert_one_line_error(proc, fragment)
    assert not out.exists()
    docs, entries = _audit_and_register(data_dir)
    assert docs == [] and entries == []


@pytest.mark.parametrize("command", ["init", "check", "backup", "restore", "demo", "export-minutes", "export-list"])
def test_the_data_folder_given_before_the_command_is_the_one_used(command):
    from circles_desktop.cli import build_parser

    parser = build_parser()
    rest = {"restore": ["backup.db"], "export-minutes": ["1", "--recipient", "1", "--out", "x.pdf"],
            "export-list": ["people", "--out", "x.csv"], "backup": ["--to", "x.db"]}.get(command, [])  # fmt: skip
    assert parser.parse_args(["--data-dir", "/tmp/given", command, *rest]).data_dir == "/tmp/given"
    assert parser.parse_args([command, "--data-dir", "/tmp/after", *rest]).data_dir == "/tmp/after"
    assert parser.parse_args([command, *rest]).data_dir is None  # the user data folder


def test_init_with_the_data_folder_before_the_command(tmp_path):
    data_dir = tmp_path / "given first"
    proc = run("--data-dir", str(data_dir), "init", passphrase=PASSPHRASE)
    assert proc.returncode == 0, proc.stderr
    from circles_desktop.store.paths import DataPaths

    assert DataPaths.at(str(data_dir)).database.exists()
