"""Learning circles keep their room (or platform) and length before their date is set, and number
themselves: LLC-00001 is the first learning circle, not the circle with id 1 (issue 9).

The room and length of a learning circle that already has a date are its meeting's. Learning circles'
references are renumbered in the order they were made; other kinds keep the references already on
their documents, and from now on each kind's next number follows its highest.

Revision ID: 0008
Revises: 0004
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("learning_circles", sa.Column("venue", sa.String(length=200), nullable=False, server_default=""))
    op.add_column("learning_circles", sa.Column("duration_minutes", sa.Integer(), nullable=False, server_default="60"))
    op.execute(
        """
        UPDATE learning_circles SET
            venue = COALESCE((SELECT m.venue FROM meetings m WHERE m.id = learning_circles.meeting_id), ''),
            duration_minutes = COALESCE(
                (SELECT CAST(ROUND((julianday(m.ends_at) - julianday(m.starts_at)) * 1440) AS INTEGER)
                 FROM meetings m WHERE m.id = learning_circles.meeting_id AND m.ends_at IS NOT NULL),
                60)
        """
    )
    op.execute(
        """
        UPDATE circles SET reference = 'LLC-' || printf('%05d',
            (SELECT COUNT(*) FROM circles c WHERE c.kind = 'learning' AND c.id <= circles.id))
        WHERE kind = 'learning'
        """
    )


def downgrade() -> None:
    op.execute("UPDATE circles SET reference = 'LLC-' || printf('%05d', id) WHERE kind = 'learning'")
    with op.batch_alter_table("learning_circles") as batch:
        batch.drop_column("duration_minutes")
        batch.drop_column("venue")
