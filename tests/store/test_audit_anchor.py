"""The audit log's anchor outside the database shows what the hash chain alone cannot: entries cut off
its end, and the database swapped for an older copy of itself. Either is reported on opening and by
`check`, written into the log, and stays reported until a restore or the coordinator accepts it."""

from __future__ import annotations

import json
import shutil

import pytest

from circles_desktop.services.security import access, audit, integrity
from circles_desktop.store import anchor
from circles_desktop.store.database import Database
from circles_desktop.store.notices import AUDIT_ANCHOR
from circles_desktop.store.sqlcipher import raw_connect
from support import PASSPHRASE
from support.cli import check
from support.store_cases import data_key


def _unlock_and_lock(data_dir, times: int = 1) -> None:
    for _ in range(times):
        access.lock(access.Unlocker(data_dir).unlock(PASSPHRASE))


def _cut(data_dir, where: str, *args) -> None:
    """Remove entries as someone holding the key could: past the append-only trigger, and back."""
    conn = raw_connect(data_dir / "circles.db", data_key(data_dir))
    trigger = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'audit_log_no_delete'").fetchone()[0]
    conn.execute("DROP TRIGGER audit_log_no_delete")
    conn.execute(f"DELETE FROM audit_log WHERE {where}", args)
    conn.execute(trigger)
    conn.close()


def _anchor_notices(data_dir) -> list[str]:
    db = access.Unlocker(data_dir).unlock(PASSPHRASE)
    try:
        return [n.message for n in db.notices if n.kind == AUDIT_ANCHOR]
    finally:
        access.lock(db)


def test_a_sound_log_matches_its_anchor(created):
    data_dir, _ = created
    _unlock_and_lock(data_dir, 2)
    db = Database.open(data_dir, PASSPHRASE)
    try:
        assert db.notices == []
        with db._raw() as conn:
            assert anchor.read(data_dir / "circles.anchor", db.data_key, db.database_id) == anchor.head(conn)
    finally:
        db.close()
    assert check(data_dir).returncode == 0


def test_entries_cut_off_the_end_are_reported(created):
    data_dir, _ = created
    _unlock_and_lock(data_dir, 2)
    conn = raw_connect(data_dir / "circles.db", data_key(data_dir))
    total = conn.execute("SELECT max(id) FROM audit_log").fetchone()[0]
    conn.close()
    _cut(data_dir, "id > ?", total - 3)  # the chain that is left verifies
    db = Database.open(data_dir, PASSPHRASE)
    with db.session() as s:
        assert audit.verify(s).ok  # which is why the anchor is needed
    db.close()

    [message] = _anchor_notices(data_dir)
    assert f"the audit log ends at entry {total - 3}, but it had reached entry {total}" in message
    assert "cut off its end" in message and "Restore the newest backup" in message
    result = check(data_dir)
    assert result.returncode == 2 and "cut off its end" in result.stderr
    assert "sound." not in result.stdout


def test_a_rolled_back_copy_is_reported(created, tmp_path):
    data_dir, _ = created
    older = tmp_path / "older"
    shutil.copytree(data_dir, older)  # as it was on Monday
    _unlock_and_lock(data_dir, 3)  # work goes on, and every entry is anchored
    for name in ("circles.db", "circles.key"):  # someone puts Monday's copy back
        shutil.copyfile(older / name, data_dir / name)

    [message] = _anchor_notices(data_dir)
    assert "replaced by an older copy" in message
    assert check(data_dir).returncode == 2

    # said once in the log, it stays said; accepting the records as they are settles it
    db = access.Unlocker(data_dir).unlock(PASSPHRASE)
    try:
        assert [n.kind for n in db.notices] == []  # anchored again once the finding was logged
        with db.session() as s:
            assert len(integrity.unresolved(s)) == 1  # found by the open above, anchored again since
            integrity.accept(s)
    finally:
        access.lock(db)
    assert check(data_dir).returncode == 0


def test_a_diverging_copy_is_reported(created, tmp_path):
    """A copy whose log is as long as the anchor says but is another history."""
    data_dir, _ = created
    _unlock_and_lock(data_dir, 1)
    older = tmp_path / "older"
    shutil.copytree(data_dir, older)
    _unlock_and_lock(data_dir, 1)
    _unlock_and_lock(older, 2)  # the copy goes its own way, two entries longer
    for name in ("circles.db", "circles.key"):
        shutil.copyfile(older / name, data_dir / name)
    [message] = _anchor_notices(data_dir)
    assert "is not the one recorded outside the database" in message


@pytest.mark.parametrize("how", ["missing", "altered", "another database"])
def test_an_anchor_removed_or_forged_is_reported(created, tmp_path, how):
    data_dir, _ = created
    _unlock_and_lock(data_dir, 1)
    path = data_dir / "circles.anchor"
    if how == "missing":
        path.unlink()
        expected = "is missing"
    elif how == "altered":
        doc = json.loads(path.read_text())
        doc["entries"] -= 1
        path.write_text(json.dumps(doc))
        expected = "its seal does not verify"
    else:
        other, _ = access.create(tmp_path / "other", PASSPHRASE)
        access.lock(other)
        shutil.copyfile(tmp_path / "other" / "circles.anchor", path)
        expected = "belongs to another database"
    [message] = _anchor_notices(data_dir)
    assert expected in message


def test_a_log_from_before_anchors_is_anchored_quietly(created):
    data_dir, _ = created
    _cut(data_dir, "id > 1")  # as a database made before anchors were kept: "create" only
    (data_dir / "circles.anchor").unlink()
    assert _anchor_notices(data_dir) == []
    db = Database.open(data_dir, PASSPHRASE)
    try:
        with db.session() as s:
            actions = [e.action for e in reversed(audit.recent(s))]
        assert actions[:3] == ["create", "unlock", anchor.ANCHORED_ACTION]
        assert db.notices == []
    finally:
        db.close()
    with open(data_dir / "circles.anchor") as fh:
        assert json.load(fh)["entries"] > 1
