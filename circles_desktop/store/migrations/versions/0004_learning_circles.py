"""Locality Learning Circles (issue 5): children's records and their chronologies, what a learning circle
adds to the generic circle (the child, reasons, areas of focus, stage), its checklist steps, learning
points, and themes shared across learning circles.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "themes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("name_key", sa.String(length=120), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_themes")),
        sa.UniqueConstraint("name_key", name=op.f("uq_themes_name_key")),
    )
    op.create_table(
        "children",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("given_name", sa.String(length=100), nullable=False),
        sa.Column("family_name", sa.String(length=100), nullable=False),
        sa.Column("given_key", sa.String(length=100), nullable=False),
        sa.Column("family_key", sa.String(length=100), nullable=False),
        sa.Column("date_of_birth", sa.Date(), nullable=False),
        sa.Column("locality", sa.String(length=120), nullable=False),
        sa.Column("case_reference", sa.String(length=40), nullable=False),
        sa.Column("case_reference_key", sa.String(length=40), nullable=False),
        sa.Column("practitioner_id", sa.Integer(), nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("summary_updated_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["practitioner_id"], ["people.id"], name=op.f("fk_children_practitioner_id_people")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_children")),
    )
    op.create_index(op.f("ix_children_case_reference_key"), "children", ["case_reference_key"], unique=False)
    op.create_index(op.f("ix_children_given_key"), "children", ["given_key"], unique=False)
    op.create_index(op.f("ix_children_locality"), "children", ["locality"], unique=False)
    op.create_index("ix_children_name", "children", ["family_key", "given_key"], unique=False)
    op.create_index(op.f("ix_children_practitioner_id"), "children", ["practitioner_id"], unique=False)
    op.create_table(
        "chronology_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("child_id", sa.Integer(), nullable=False),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        sa.Column("event", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["child_id"], ["children.id"], name=op.f("fk_chronology_entries_child_id_children"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chronology_entries")),
    )
    op.create_index("ix_chronology_entries_child", "chronology_entries", ["child_id", "occurred_on"], unique=False)
    op.create_table(
        "learning_circles",
        sa.Column("circle_id", sa.Integer(), nullable=False),
        sa.Column("child_id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("virtual", sa.Boolean(), nullable=False),
        sa.Column("other_reason", sa.Text(), nullable=False),
        sa.Column("areas_of_focus", sa.Text(), nullable=False),
        sa.Column("stage", sa.String(length=10), nullable=False),
        sa.Column("completed_on", sa.Date(), nullable=True),
        sa.CheckConstraint(
            "stage IN ('before', 'during', 'after', 'complete')", name=op.f("ck_learning_circles_stage")
        ),
        sa.ForeignKeyConstraint(["child_id"], ["children.id"], name=op.f("fk_learning_circles_child_id_children")),
        sa.ForeignKeyConstraint(
            ["circle_id"], ["circles.id"], name=op.f("fk_learning_circles_circle_id_circles"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"], name=op.f("fk_learning_circles_meeting_id_meetings"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("circle_id", name=op.f("pk_learning_circles")),
    )
    op.create_index(op.f("ix_learning_circles_child_id"), "learning_circles", ["child_id"], unique=False)
    op.create_index(op.f("ix_learning_circles_meeting_id"), "learning_circles", ["meeting_id"], unique=False)
    op.create_index("ix_learning_circles_stage", "learning_circles", ["stage"], unique=False)
    op.create_table(
        "learning_points",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("circle_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["circle_id"],
            ["learning_circles.circle_id"],
            name=op.f("fk_learning_points_circle_id_learning_circles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_learning_points")),
    )
    op.create_index("ix_learning_points_circle", "learning_points", ["circle_id", "position"], unique=False)
    op.create_table(
        "learning_reasons",
        sa.Column("circle_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=32), nullable=False),
        sa.CheckConstraint(
            "reason IN ('audit_outcome', 'escalation_of_risk', 'exceptions_reporting', 'turning_point', 'other')",
            name=op.f("ck_learning_reasons_reason"),
        ),
        sa.ForeignKeyConstraint(
            ["circle_id"],
            ["learning_circles.circle_id"],
            name=op.f("fk_learning_reasons_circle_id_learning_circles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("circle_id", "reason", name=op.f("pk_learning_reasons")),
    )
    op.create_table(
        "learning_steps",
        sa.Column("circle_id", sa.Integer(), nullable=False),
        sa.Column("step", sa.String(length=32), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("done_by_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "state <> 'not_applicable' OR reason <> ''", name=op.f("ck_learning_steps_not_applicable_has_reason")
        ),
        sa.CheckConstraint("state IN ('done', 'not_applicable')", name=op.f("ck_learning_steps_state")),
        sa.ForeignKeyConstraint(
            ["circle_id"],
            ["learning_circles.circle_id"],
            name=op.f("fk_learning_steps_circle_id_learning_circles"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["done_by_id"], ["people.id"], name=op.f("fk_learning_steps_done_by_id_people")),
        sa.PrimaryKeyConstraint("circle_id", "step", name=op.f("pk_learning_steps")),
    )
    op.create_index(op.f("ix_learning_steps_done_by_id"), "learning_steps", ["done_by_id"], unique=False)
    op.create_table(
        "learning_themes",
        sa.Column("circle_id", sa.Integer(), nullable=False),
        sa.Column("theme_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["circle_id"],
            ["learning_circles.circle_id"],
            name=op.f("fk_learning_themes_circle_id_learning_circles"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["theme_id"], ["themes.id"], name=op.f("fk_learning_themes_theme_id_themes"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("circle_id", "theme_id", name=op.f("pk_learning_themes")),
    )
    op.create_index(op.f("ix_learning_themes_theme_id"), "learning_themes", ["theme_id"], unique=False)


def downgrade() -> None:
    # Dropping a table drops its indexes too.
    for table in (
        "learning_themes",
        "learning_steps",
        "learning_reasons",
        "learning_points",
        "learning_circles",
        "chronology_entries",
        "children",
        "themes",
    ):
        op.drop_table(table)
