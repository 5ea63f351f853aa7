"""Foundation: database identity and the hash-chained audit log.

Revision ID: 0001
Revises:
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "database_info",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("database_id", sa.String(36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by_version", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_database_info"),
        sa.UniqueConstraint("database_id", name="uq_database_info_database_id"),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("object", sa.String(200), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_audit_log"),
    )
    # Append-only: the application can never rewrite or remove history.
    op.execute(
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
    )
    op.execute(
        "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER audit_log_no_delete")
    op.execute("DROP TRIGGER audit_log_no_update")
    op.drop_table("audit_log")
    op.drop_table("database_info")
