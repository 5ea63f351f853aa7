"""Alembic environment: always run on a connection the store has already unlocked."""

from alembic import context

from circles_desktop.models import Base
from circles_desktop.store.migrate import include_name

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("Circles Desktop migrations run only through circles_desktop.store.migrate")

context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True, include_name=include_name)
with context.begin_transaction():
    context.run_migrations()
