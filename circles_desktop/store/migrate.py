"""Alembic, driven from code on an unlocked connection: what revision a database is at, and upgrading it."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection

MIGRATIONS = Path(__file__).with_name("migrations")
# The full-text index (migration 0009) is SQLite's own FTS5 tables, kept by triggers, not a model.
SEARCH_INDEX_PREFIX = "search_"


def include_name(name: str | None, type_: str, _parent_names: object) -> bool:
    """Alembic's filter for comparing the schema with the models: everything but the search index."""
    return not (type_ == "table" and (name or "").startswith(SEARCH_INDEX_PREFIX))


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
