"""The register of shared documents and the consents each was shared under (issue 4).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "shared_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("shared_at", sa.DateTime(), nullable=False),
        sa.Column("document_kind", sa.String(length=32), nullable=False),
        sa.Column("how", sa.String(length=8), nullable=False),
        sa.Column("circle_id", sa.Integer(), nullable=True),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("recipient_member_id", sa.Integer(), nullable=True),
        sa.Column("recipient_organisation_id", sa.Integer(), nullable=True),
        sa.Column("recipient_name", sa.String(length=300), nullable=False),
        sa.Column("categories", sa.String(length=200), nullable=False),
        sa.Column("file_name", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("password_protected", sa.Boolean(), nullable=False),
        sa.Column("asked_back_on", sa.Date(), nullable=True),
        sa.Column("returned_on", sa.Date(), nullable=True),
        sa.CheckConstraint("how IN ('export', 'print')", name=op.f("ck_shared_documents_how")),
        sa.CheckConstraint(
            "asked_back_on IS NULL OR returned_on IS NULL OR returned_on >= asked_back_on",
            name=op.f("ck_shared_documents_returned_after_asked"),
        ),
        sa.ForeignKeyConstraint(
            ["circle_id"], ["circles.id"], name=op.f("fk_shared_documents_circle_id_circles"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_shared_documents_meeting_id_meetings"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["recipient_member_id"],
            ["circle_members.id"],
            name=op.f("fk_shared_documents_recipient_member_id_circle_members"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["recipient_organisation_id"],
            ["organisations.id"],
            name=op.f("fk_shared_documents_recipient_organisation_id_organisations"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shared_documents")),
    )
    op.create_index("ix_shared_documents_circle", "shared_documents", ["circle_id", "shared_at"])
    op.create_index(op.f("ix_shared_documents_meeting_id"), "shared_documents", ["meeting_id"])
    op.create_index(op.f("ix_shared_documents_recipient_member_id"), "shared_documents", ["recipient_member_id"])
    op.create_index(
        op.f("ix_shared_documents_recipient_organisation_id"), "shared_documents", ["recipient_organisation_id"]
    )
    op.create_table(
        "shared_under_consent",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("consent_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["consent_id"],
            ["consents.id"],
            name=op.f("fk_shared_under_consent_consent_id_consents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["shared_documents.id"],
            name=op.f("fk_shared_under_consent_document_id_shared_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("document_id", "consent_id", name=op.f("pk_shared_under_consent")),
    )
    op.create_index(op.f("ix_shared_under_consent_consent_id"), "shared_under_consent", ["consent_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_shared_under_consent_consent_id"), table_name="shared_under_consent")
    op.drop_table("shared_under_consent")
    op.drop_index(op.f("ix_shared_documents_recipient_organisation_id"), table_name="shared_documents")
    op.drop_index(op.f("ix_shared_documents_recipient_member_id"), table_name="shared_documents")
    op.drop_index(op.f("ix_shared_documents_meeting_id"), table_name="shared_documents")
    op.drop_index("ix_shared_documents_circle", table_name="shared_documents")
    op.drop_table("shared_documents")
