"""Why a circle ended, beside the date it ended (issue 11: a conversation series or a community of
practice is ended with its reason, shown in their lists). Part of the generic circle's life cycle, so it
is a column of the circle, not of one kind's table.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Existing rows get the empty reason; SQLite adds a NOT NULL column only with a default.
    op.add_column("circles", sa.Column("ended_reason", sa.Text(), nullable=False, server_default=sa.text("''")))


def downgrade() -> None:
    with op.batch_alter_table("circles") as batch:
        batch.drop_column("ended_reason")
