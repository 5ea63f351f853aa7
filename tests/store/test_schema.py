"""The migrations create exactly what the models declare, and 0002 goes down and up again cleanly."""

import re

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import CheckConstraint, create_engine, inspect, text

from circles_desktop.models import Base
from circles_desktop.store import migrate


def _differences(connection) -> list:
    opts = {"compare_type": True, "compare_server_default": True, "include_name": migrate.include_name}
    ctx = MigrationContext.configure(connection, opts=opts)
    return compare_metadata(ctx, Base.metadata)


def test_migrated_database_matches_the_models(db):
    with db.engine.connect() as conn:
        assert migrate.current(conn) == migrate.head()
        assert _differences(conn) == []


def test_check_constraints_match_the_models(db):
    """compare_metadata does not look at CHECK constraints, so compare their names directly."""
    declared = {
        (table.name, c.name)
        for table in Base.metadata.tables.values()
        for c in table.constraints
        if isinstance(c, CheckConstraint)
    }
    with db.engine.connect() as conn:
        found = set()
        for name, sql in conn.execute(text("SELECT name, sql FROM sqlite_master WHERE type = 'table'")):
            for ck in re.findall(r"CONSTRAINT (ck_\w+) CHECK", sql or ""):
                found.add((name, ck))
    assert found == declared


def test_foreign_keys_are_enforced(db):
    from sqlalchemy.exc import IntegrityError

    with db.engine.connect() as conn:
        try:
            conn.execute(text("INSERT INTO person_parts (person_id, part) VALUES (999999, 'volunteer')"))
        except IntegrityError:
            pass
        else:
            raise AssertionError("a part for a missing person was accepted")


def test_check_constraint_refuses_a_bad_code(db):
    from sqlalchemy.exc import IntegrityError

    with db.engine.connect() as conn:
        try:
            conn.execute(
                text(
                    "INSERT INTO organisations (name, name_key, kind, address, phone, email, notes, created_at) "
                    "VALUES ('x', 'x', 'bank', '', '', '', '', '2025-01-01')"
                )
            )
        except IntegrityError:
            pass
        else:
            raise AssertionError("an unknown organisation kind was accepted")


def test_downgrade_and_upgrade_again():
    from alembic import command

    engine = create_engine("sqlite://")
    with engine.begin() as conn:
        migrate.upgrade(conn)
        cfg = migrate._config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0001")
        assert set(inspect(conn).get_table_names()) == {"alembic_version", "audit_log", "database_info"}
        migrate.upgrade(conn)
        assert _differences(conn) == []
