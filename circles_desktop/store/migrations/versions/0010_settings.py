"""Settings kept in the database (issue 12): the organisation on every document (its logo in
stored_files) and the thresholds Home counts by; and the indexes Home reads what is due from.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

INDEXES = (
    ("ix_meetings_kind_circle_start", "meetings", ["kind", "circle_id", "starts_at"]),
    ("ix_actions_status_due", "actions", ["status", "due_on", "circle_id"]),
    ("ix_dbs_checks_person_checked", "dbs_checks", ["person_id", "checked_on"]),
    ("ix_training_records_person_course", "training_records", ["person_id", "course", "completed_on"]),
)


def upgrade() -> None:
    op.create_table(
        "settings",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_settings")),
    )
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns, unique=False)
    op.create_index(
        "ix_consents_withdrawn", "consents", ["withdrawn_on"], unique=False,
        sqlite_where=sa.text("withdrawn_on IS NOT NULL"),
    )  # fmt: skip


def downgrade() -> None:
    op.drop_index("ix_consents_withdrawn", table_name="consents")
    for name, table, _columns in INDEXES:
        op.drop_index(name, table_name=table)
    op.drop_table("settings")
