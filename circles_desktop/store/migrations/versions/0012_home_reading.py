"""Home's last reading of what needs doing, kept so that it paints at once at the next unlock (issue 12).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "home_readings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("changes_seen", sa.Integer(), nullable=True),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("sections_json", sa.Text(), nullable=False),
        sa.Column("read_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_home_readings")),
    )


def downgrade() -> None:
    op.drop_table("home_readings")
