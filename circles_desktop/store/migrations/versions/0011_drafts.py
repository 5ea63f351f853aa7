"""Drafts: text typed in a form, kept encrypted until it is saved or discarded (issue 14).

Revision ID: 0011
Revises: 0004
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "drafts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("form_key", sa.String(length=200), nullable=False),
        sa.Column("form_title", sa.String(length=200), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("values_json", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_drafts")),
        sa.UniqueConstraint("form_key", "record_id", name="uq_drafts_form_record"),
    )


def downgrade() -> None:
    op.drop_table("drafts")
