"""The command line: start the GUI, or run a headless command for administrators and scripts.

Passphrases come from CIRCLES_PASSPHRASE, standard input or a prompt; never from an argument.
Every error is one line on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

PROG = "circles-desktop"
EXIT_ERROR = 2


class CliError(Exception):
    pass


def _add_data_dir(p: argparse.ArgumentParser, *, command: bool = False) -> None:
    """Before or after the command's name, both work. A command's own option is left out of the answer
    when not given (SUPPRESS), so it never overwrites one given before the command with its default."""
    p.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS if command else None,
        help="folder holding the database and its key file (default: your user data folder)",
    )


def _read_secret(prompt: str, *, confirm: bool = False) -> str:
    """From CIRCLES_PASSPHRASE, else one line of piped standard input, else a hidden prompt."""
    env = os.environ.get("CIRCLES_PASSPHRASE")
    if env is not None:
        return env
    if not sys.stdin.isatty():
        line = sys.stdin.readline()
        if not line:
            raise CliError("no passphrase was given on standard input")
        return line.rstrip("\r\n")
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("Type it again: ") != first:
        raise CliError("the two passphrases do not match")
    return first


def cmd_init(args: argparse.Namespace) -> int:
    from circles_desktop.services.security import access

    secret = _read_secret("New passphrase: ", confirm=True)
    db, recovery = access.create(args.data_dir, secret)
    where = db.paths.root
    access.lock(db, "created from the command line")
    print(f"Created an encrypted Circles Desktop database in {where}.")
    print("Recovery key (shown once; give it to your manager to keep somewhere safe):")
    print(f"  {recovery}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from circles_desktop.services.security import access, audit, integrity

    unlocker = access.Unlocker(args.data_dir)
    # Every page's HMAC and SQLite's integrity check run read-only before anything is written.
    db = unlocker.unlock(_read_secret("Passphrase: "), full_check=True)
    try:
        with db.session() as s:
            report = audit.verify(s)
            damage = [entry.detail for entry in integrity.unresolved(s)]
    finally:
        access.lock(db, "after check")
    for notice in db.notices:
        if not notice.damage:
            print(notice.message)
    if not report.ok:
        damage.append(report.message())
    if damage:
        found = " ".join(f"({n}) {text}" for n, text in enumerate(damage, start=1))
        raise CliError(f"{db.paths.database} is not sound: {found}")
    print(f"{db.paths.database}: sound. {report.message()}")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from pathlib import Path

    from circles_desktop.services.security import access, backups

    db = access.Unlocker(args.data_dir).unlock(_read_secret("Passphrase: "))
    try:
        made = backups.back_up(db, backups.BY_HAND, target=Path(args.to), progress=_progress_to_stderr())
    finally:
        access.lock(db, "after backup")
    print(f"Backup written and verified: {made.path}")
    return 0


def _progress_to_stderr():
    """Say each stage of a long job on standard error, once, so a script's output stays clean."""
    said: set[str] = set()

    def progress(what: str, _done: int, _total: int) -> None:
        if what not in said:
            said.add(what)
            print(f"  {what}…", file=sys.stderr, flush=True)

    return progress


def _confirmed(question: str, yes: bool) -> bool:
    if yes:
        return True
    if not sys.stdin.isatty():
        raise CliError("add --yes to restore without being asked: standard input is not a terminal")
    return input(f"{question} [y/N] ").strip().lower() in ("y", "yes")


def cmd_restore(args: argparse.Namespace) -> int:
    from circles_desktop.services.security import access
    from circles_desktop.services.security import restore as restoring

    secret = _read_secret("Passphrase or recovery key of the backup: ")
    prepared = restoring.prepare(args.data_dir, args.file, secret=secret, progress=_progress_to_stderr())
    for line in prepared.describe():
        print(line)
    try:
        confirmed = _confirmed("Restore this backup?", args.yes)
    except BaseException:
        restoring.discard(prepared)
        raise
    if not confirmed:
        restoring.discard(prepared)
        print("Not restored; nothing was changed.")
        return 1
    restored = restoring.restore(prepared)
    access.lock(restored.database, "after restore")
    print(f"Restored {args.file}. The database as it was before is kept in {restored.safety}.")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from circles_desktop.services.demo import demo
    from circles_desktop.services.security import access

    if args.size < 1:
        raise CliError("--size must be at least 1")
    secret = _read_secret("New passphrase: ", confirm=True)
    db, recovery = access.create(args.data_dir, secret)
    try:

        def progress(done: int, total: int) -> None:
            print(f"  filling: step {done} of {total}", file=sys.stderr, flush=True)

        summary = demo.fill(db, size=args.size, progress=progress)
    except BaseException:
        # A half-made demo database is of no use: remove it rather than leave it to be found.
        db.close()
        for path in (db.paths.database, db.paths.key_file):
            path.unlink(missing_ok=True)
        for suffix in ("-wal", "-shm"):
            db.paths.database.with_name(db.paths.database.name + suffix).unlink(missing_ok=True)
        raise
    where = db.paths.root
    access.lock(db, "demo data created from the command line")
    people = summary.rows.get("people", 0)
    print(f"Created a demo database in {where} with {people} fictional people ({summary.seconds:.1f} s).")
    print("Recovery key (shown once):")
    print(f"  {recovery}")
    return 0


def _read_pdf_password() -> str:
    """--password-stdin: the first line of standard input (a hidden prompt when it is a terminal)."""
    if sys.stdin.isatty():
        first = getpass.getpass("Password for the PDF: ")
        if getpass.getpass("Type it again: ") != first:
            raise CliError("the two PDF passwords do not match")
        return first
    line = sys.stdin.readline().rstrip("\r\n")
    if not line:
        raise CliError("no PDF password was given on the first line of standard input")
    return line


def _writable_out(name: str, overwrite: bool, what: str) -> Path:
    """--out, checked before the passphrase is asked for: a file (not a folder) in a folder that exists
    and may be written, not already there unless --overwrite."""
    out = Path(name)
    if out.is_dir():
        raise CliError(f"--out must name {what}, not a folder: {out}")
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise CliError(f"cannot write {out}: the folder {folder} does not exist")
    if out.exists() and not overwrite:
        raise CliError(f"{out} already exists; nothing was written. Choose another name, or add --overwrite")
    if not os.access(folder, os.W_OK) or (out.exists() and not os.access(out, os.W_OK)):
        raise CliError(f"cannot write {out}: permission denied")
    return out


def cmd_export_list(args: argparse.Namespace) -> int:
    from circles_desktop.services.common.validation import ValidationError
    from circles_desktop.services.exports.export import NOT_ENCRYPTED
    from circles_desktop.services.exports.lists import LISTS, export_list
    from circles_desktop.services.exports.spreadsheet import format_of
    from circles_desktop.services.security import access

    if args.list not in LISTS:
        raise CliError(f"there is no list {args.list!r}: choose one of {', '.join(LISTS)}")
    out = _writable_out(args.out, args.overwrite, "a .csv or .xlsx file")
    try:
        format_of(out)
    except ValidationError as exc:
        raise CliError(str(exc)) from None
    db = access.Unlocker(args.data_dir).unlock(_read_secret("Passphrase: "))
    try:
        with db.session() as s:
            result = export_list(s, args.list, out)
    except ValidationError as exc:
        raise CliError(str(exc)) from None
    finally:
        access.lock(db, "after export")
    print(f"{LISTS[args.list].title}: {result.rows} rows written to {result.path} as {result.format}; "
          "recorded in the audit log.")  # fmt: skip
    print(f"Warning: {NOT_ENCRYPTED}", file=sys.stderr)
    return 0


def cmd_export_minutes(args: argparse.Namespace) -> int:
    from circles_desktop.services.common.validation import NotFound, ValidationError
    from circles_desktop.services.security import access
    from circles_desktop.services.sharing import minutes_export

    out = _writable_out(args.out, args.overwrite, "a PDF file")
    password = None
    if args.password_stdin:
        password = _read_pdf_password()
        env = os.environ.get("CIRCLES_PASSPHRASE")
        if env is not None:
            secret = env
        elif sys.stdin.isatty():
            secret = getpass.getpass("Passphrase: ")
        else:
            raise CliError(
                "with --password-stdin, standard input holds the PDF password: give the database passphrase "
                "in CIRCLES_PASSPHRASE, or run from a terminal to be asked for it"
            )
    else:
        secret = _read_secret("Passphrase: ")
    try:
        minutes_export.check_password(password)
    except ValidationError as exc:
        raise CliError(str(exc)) from None
    db = access.Unlocker(args.data_dir).unlock(secret)
    try:
        with db.session() as s:
            recipient = minutes_export.recipient_for_person(s, args.meeting, args.recipient)
        result = minutes_export.export_minutes_file(db, args.meeting, recipient, out, password)
    except (ValidationError, NotFound) as exc:
        raise CliError(str(exc)) from None
    finally:
        access.lock(db, "after export")
    assert result is not None
    protected = " (password-protected)" if result.password_protected else ""
    print(f"Minutes for {result.recipient_name} written to {result.path}{protected}.")
    print(f"SHA-256 {result.sha256}; recorded in the register of shared documents and the audit log.")
    return 0


def _command(
    sub: argparse._SubParsersAction, name: str, func: Callable[[argparse.Namespace], int], help: str, description: str
) -> argparse.ArgumentParser:
    """A subcommand that works on one data folder (every command does)."""
    p = sub.add_parser(name, help=help, description=description)
    _add_data_dir(p, command=True)
    p.set_defaults(func=func)
    return p


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Circles Desktop: offline, encrypted records for coordinators of circles. "
        "With no command, starts the application.",
        epilog="Passphrases are read from CIRCLES_PASSPHRASE, standard input or a prompt, never from the command line.",
    )
    _add_data_dir(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    _command(
        sub, "init", cmd_init, "create a new encrypted database",
        "Create a new encrypted database and key file, and print the recovery key once.",
    )  # fmt: skip
    _command(
        sub, "check", cmd_check, "integrity check; exit 0 when sound",
        "Check every page of the database, SQLite's integrity and the audit log's hash chain. Exit 0 when sound.",
    )  # fmt: skip
    p = _command(
        sub, "backup", cmd_backup, "write a verified encrypted backup",
        "Write an encrypted backup with SQLite's backup API and verify it by reopening it.",
    )  # fmt: skip
    p.add_argument("--to", required=True, metavar="FILE", help="where to write the backup (.db)")
    p = _command(
        sub, "restore", cmd_restore, "verify a backup and put it in place (the current database is kept)",
        "Verify a backup (FILE.db with FILE.key beside it), say when it was made and what it holds, and after "
        "you confirm put it in place of the current database, which is kept as a dated safety copy. The "
        "passphrase or recovery key may be the backup's or the current one. A damaged backup, or one it does "
        "not open, is refused and nothing is changed.",
    )  # fmt: skip
    p.add_argument("file", metavar="FILE", help="the backup's .db file (its .key file beside it)")
    p.add_argument("--yes", action="store_true", help="restore without asking for confirmation")
    p = _command(
        sub, "demo", cmd_demo, "create a database filled with realistic fictional data",
        "Create a new encrypted database filled with obviously fictional but realistic people, referrals, "
        "circles, consent and meetings, for trying the app and for benchmarks.",
    )  # fmt: skip
    p.add_argument("--size", type=int, default=200, metavar="N", help="about how many people (default 200)")
    _add_export_minutes(sub)
    _add_export_list(sub)
    return parser


def _add_export_list(sub: argparse._SubParsersAction) -> None:
    p = _command(
        sub, "export-list", cmd_export_list, "write a whole list as a CSV or XLSX spreadsheet",
        "Write one list, whole and in its default order, as a spreadsheet: people, organisations, referrals, "
        "circles, meetings, actions, or due (what Home shows needs doing). The file is NOT encrypted; the "
        "export is recorded in the audit log with the list's name and row count.",
    )  # fmt: skip
    p.add_argument("list", metavar="LIST", help="people, organisations, referrals, circles, meetings, actions or due")
    p.add_argument("--out", required=True, metavar="FILE.csv|FILE.xlsx", help="the file to write (.csv or .xlsx)")
    p.add_argument("--overwrite", action="store_true", help="replace --out if it already exists")


def _add_export_minutes(sub: argparse._SubParsersAction) -> None:
    p = _command(
        sub, "export-minutes", cmd_export_minutes,
        "write one outer-circle recipient's minutes of a meeting as a PDF",
        "Write the minutes of one meeting for one outer-circle recipient, holding only what the "
        "core member's consent to that recipient covered on the meeting date (and has not been withdrawn "
        "since), marked OFFICIAL-SENSITIVE. The export is recorded in the register of shared documents and "
        "the audit log with the file's SHA-256, as from the application. If consent covers nothing, no "
        "PDF is written.",
    )  # fmt: skip
    p.epilog = (
        "The database passphrase comes from CIRCLES_PASSPHRASE, else the first line of standard input, "
        "else a prompt. With --password-stdin the first line of standard input is the PDF's password "
        "instead, so the passphrase must come from CIRCLES_PASSPHRASE or a prompt. Give the PDF's password "
        "to the recipient separately, never with the file."
    )
    p.add_argument("meeting", type=int, metavar="MEETING", help="the meeting's id")
    p.add_argument(
        "--recipient", required=True, type=int, metavar="PERSON",
        help="the recipient person's id: an outer-circle member of the meeting's circle",
    )  # fmt: skip
    p.add_argument("--out", required=True, metavar="FILE.pdf", help="the PDF file to write")
    p.add_argument("--overwrite", action="store_true", help="replace --out if it already exists")
    p.add_argument(
        "--password-stdin", action="store_true",
        help="protect the PDF (AES-256) with a password read from the first line of standard input",
    )  # fmt: skip


def _run_gui(data_dir: str | None) -> int:
    from circles_desktop.app import main as gui_main

    return gui_main(data_dir)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func = getattr(args, "func", None)
    try:
        if func is None:
            return _run_gui(args.data_dir)
        return func(args)
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # every failure becomes one clear line, never a traceback
        from circles_desktop.services.security.access import PassphraseRejected
        from circles_desktop.store.errors import StoreError

        if isinstance(exc, (StoreError, CliError, PassphraseRejected)):
            message = str(exc)
        elif isinstance(exc, OSError):
            message = f"{exc.strerror or exc}: {exc.filename}" if exc.filename else str(exc)
        else:
            message = f"unexpected error: {type(exc).__name__}: {exc}"
        print(f"{PROG}: error: {' '.join(message.split())}", file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
