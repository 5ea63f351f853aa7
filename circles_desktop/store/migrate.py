"""Alembic, driven from code on an unlocked connection: what revision a database is at, and upgrading it."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection

MIGRATIONS = Path(__file__).with_name("migrations")


def _config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head() -> str:
    return ScriptDirectory.from_config(_config()).get_current_head() or ""


def known_revisions() -> set[str]:
    return {rev.revision for rev in ScriptDirectory.from_config(_config()).walk_revisions()}


def current(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(connection: Connection, target: str = "head") -> None:
    cfg = _config()
    cfg.attributes["connection"] = connection
    command.upgrade(cfg, target)
