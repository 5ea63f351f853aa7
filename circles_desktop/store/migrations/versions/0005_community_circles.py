"""Community Circles end to end (issue 10): what a Community Circle adds to the generic circle (the
person's purpose, how they like to be contacted, when they can meet and what they enjoy), the people
from their life who are happy to help, facilitators' 12-month commitments and the reviews at their end,
the three supported meetings with their guide, reflection on actions, and the connectors' network with
its community practice sessions.

On the shared tables: a member's role at each meeting (attendance.role), whether an action's owner
offered to take it on (actions.owner_offered), a volunteer's postcode district, how far they travel, how
many circles they can take and who recruited them (volunteer_profiles), and how a course was done
(training_records.method). The two tables that gain CHECK constraints are rebuilt in batch mode; the
store runs migrations with foreign keys off and checks them before committing.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

TRAVEL = "travel IN ('own_district', 'area', 'anywhere')"
METHOD = "method IN ('', 'face_to_face', 'e_learning', 'phone', 'zoom')"
WEEKDAYS = "('mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun')"
DAY_PARTS = "('morning', 'afternoon', 'evening')"


def upgrade() -> None:
    _shared_tables()
    _connectors()
    _community_circles()
    _commitments_and_reviews()
    _meetings()


def _shared_tables() -> None:
    op.add_column("attendance", sa.Column("role", sa.String(length=60), server_default="", nullable=False))
    op.add_column("actions", sa.Column("owner_offered", sa.Boolean(), server_default="0", nullable=False))
    with op.batch_alter_table("volunteer_profiles", recreate="always") as batch:
        batch.add_column(sa.Column("postcode_district", sa.String(length=8), server_default="", nullable=False))
        batch.add_column(sa.Column("travel", sa.String(length=16), server_default="area", nullable=False))
        batch.add_column(sa.Column("max_circles", sa.Integer(), server_default="1", nullable=False))
        batch.add_column(sa.Column("recruited_by_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_volunteer_profiles_recruited_by_id_organisations"), "organisations", ["recruited_by_id"], ["id"]
        )
        batch.create_index(op.f("ix_volunteer_profiles_recruited_by_id"), ["recruited_by_id"], unique=False)
        batch.create_check_constraint(op.f("ck_volunteer_profiles_travel"), TRAVEL)
        batch.create_check_constraint(op.f("ck_volunteer_profiles_max_circles"), "max_circles BETWEEN 0 AND 10")
    with op.batch_alter_table("training_records", recreate="always") as batch:
        batch.add_column(sa.Column("method", sa.String(length=16), server_default="", nullable=False))
        batch.create_check_constraint(op.f("ck_training_records_method"), METHOD)


def _connectors() -> None:
    op.create_table(
        "connectors",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("host_organisation_id", sa.Integer(), nullable=False),
        sa.Column("regional", sa.Boolean(), nullable=False),
        sa.Column("regional_connector_id", sa.Integer(), nullable=True),
        sa.Column("area", sa.String(length=120), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "NOT (regional AND regional_connector_id IS NOT NULL)", name=op.f("ck_connectors_regional_has_none_above")
        ),
        sa.CheckConstraint("regional_connector_id <> person_id", name=op.f("ck_connectors_not_own_regional")),
        sa.ForeignKeyConstraint(
            ["host_organisation_id"],
            ["organisations.id"],
            name=op.f("fk_connectors_host_organisation_id_organisations"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_connectors_person_id_people"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["regional_connector_id"],
            ["connectors.person_id"],
            name=op.f("fk_connectors_regional_connector_id_connectors"),
        ),
        sa.PrimaryKeyConstraint("person_id", name=op.f("pk_connectors")),
    )
    op.create_index(op.f("ix_connectors_host_organisation_id"), "connectors", ["host_organisation_id"], unique=False)
    op.create_index(op.f("ix_connectors_regional_connector_id"), "connectors", ["regional_connector_id"], unique=False)
    op.create_table(
        "network_practice_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("regional_connector_id", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("venue", sa.String(length=200), nullable=False),
        sa.Column("learning_shared", sa.Text(), nullable=False),
        sa.Column("problems_brought", sa.Text(), nullable=False),
        sa.Column("problems_solved", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["regional_connector_id"],
            ["connectors.person_id"],
            name=op.f("fk_network_practice_sessions_regional_connector_id_connectors"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_network_practice_sessions")),
    )
    op.create_index(
        "ix_network_practice_sessions_regional",
        "network_practice_sessions",
        ["regional_connector_id", "held_on"],
        unique=False,
    )
    op.create_table(
        "network_practice_attendance",
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("connector_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["connector_id"],
            ["connectors.person_id"],
            name=op.f("fk_network_practice_attendance_connector_id_connectors"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["network_practice_sessions.id"],
            name=op.f("fk_network_practice_attendance_session_id_network_practice_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("session_id", "connector_id", name=op.f("pk_network_practice_attendance")),
    )
    op.create_index(
        op.f("ix_network_practice_attendance_connector_id"),
        "network_practice_attendance",
        ["connector_id"],
        unique=False,
    )


def _community_circles() -> None:
    op.create_table(
        "community_circles",
        sa.Column("circle_id", sa.Integer(), nullable=False),
        sa.Column("purpose_kind", sa.String(length=24), nullable=False),
        sa.Column("what_matters", sa.Text(), nullable=False),
        sa.Column("contact_by", sa.String(length=20), nullable=False),
        sa.Column("contact_notes", sa.Text(), nullable=False),
        sa.Column("area", sa.String(length=120), nullable=False),
        sa.Column("postcode_district", sa.String(length=8), nullable=False),
        sa.Column("share_what_matters", sa.Boolean(), nullable=False),
        sa.Column("share_contact", sa.Boolean(), nullable=False),
        sa.Column("connector_id", sa.Integer(), nullable=False),
        sa.Column("ended_how", sa.String(length=20), nullable=True),
        sa.Column("ended_reason", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "purpose_kind IN ('meeting_new_people', 'problem_solving', 'help_and_support', 'something_else')",
            name=op.f("ck_community_circles_purpose_kind"),
        ),
        sa.CheckConstraint(
            "contact_by IN ('phone', 'text_message', 'email', 'letter', 'in_person', 'through_someone')",
            name=op.f("ck_community_circles_contact_by"),
        ),
        sa.CheckConstraint(
            "ended_how IS NULL OR ended_how IN ('purpose_achieved', 'ended_other')",
            name=op.f("ck_community_circles_ended_how"),
        ),
        sa.CheckConstraint(
            "ended_how <> 'ended_other' OR ended_reason <> ''",
            name=op.f("ck_community_circles_other_ending_has_reason"),
        ),
        sa.ForeignKeyConstraint(
            ["circle_id"], ["circles.id"], name=op.f("fk_community_circles_circle_id_circles"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["connector_id"], ["connectors.person_id"], name=op.f("fk_community_circles_connector_id_connectors")
        ),
        sa.PrimaryKeyConstraint("circle_id", name=op.f("pk_community_circles")),
    )
    op.create_index("ix_community_circles_connector", "community_circles", ["connector_id"], unique=False)
    op.create_index(
        op.f("ix_community_circles_postcode_district"), "community_circles", ["postcode_district"], unique=False
    )
    op.create_table(
        "community_times",
        sa.Column("circle_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.String(length=3), nullable=False),
        sa.Column("part_of_day", sa.String(length=9), nullable=False),
        sa.CheckConstraint(f"day IN {WEEKDAYS}", name=op.f("ck_community_times_day")),
        sa.CheckConstraint(f"part_of_day IN {DAY_PARTS}", name=op.f("ck_community_times_part_of_day")),
        sa.ForeignKeyConstraint(
            ["circle_id"],
            ["community_circles.circle_id"],
            name=op.f("fk_community_times_circle_id_community_circles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("circle_id", "day", "part_of_day", name=op.f("pk_community_times")),
    )
    op.create_table(
        "community_interests",
        sa.Column("circle_id", sa.Integer(), nullable=False),
        sa.Column("interest", sa.String(length=80), nullable=False),
        sa.ForeignKeyConstraint(
            ["circle_id"],
            ["community_circles.circle_id"],
            name=op.f("fk_community_interests_circle_id_community_circles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("circle_id", "interest", name=op.f("pk_community_interests")),
    )
    op.create_table(
        "community_members",
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("happy_to_help", sa.Boolean(), nullable=False),
        sa.Column("how_they_help", sa.Text(), nullable=False),
        sa.CheckConstraint("happy_to_help", name=op.f("ck_community_members_happy_to_help")),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["circle_members.id"],
            name=op.f("fk_community_members_member_id_circle_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("member_id", name=op.f("pk_community_members")),
    )


def _commitments_and_reviews() -> None:
    op.create_table(
        "facilitator_commitments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("circle_id", sa.Integer(), nullable=False),
        sa.Column("facilitator_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("committed_on", sa.Date(), nullable=False),
        sa.Column("until_on", sa.Date(), nullable=False),
        sa.Column("reasons", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("until_on > committed_on", name=op.f("ck_facilitator_commitments_dates_in_order")),
        sa.ForeignKeyConstraint(
            ["circle_id"], ["circles.id"], name=op.f("fk_facilitator_commitments_circle_id_circles"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["facilitator_id"], ["people.id"], name=op.f("fk_facilitator_commitments_facilitator_id_people")
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["circle_members.id"],
            name=op.f("fk_facilitator_commitments_member_id_circle_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_facilitator_commitments")),
    )
    op.create_index(
        "ix_facilitator_commitments_circle", "facilitator_commitments", ["circle_id", "committed_on"], unique=False
    )
    op.create_index(
        op.f("ix_facilitator_commitments_facilitator_id"), "facilitator_commitments", ["facilitator_id"], unique=False
    )
    op.create_index(
        op.f("ix_facilitator_commitments_member_id"), "facilitator_commitments", ["member_id"], unique=False
    )
    op.create_index(op.f("ix_facilitator_commitments_until_on"), "facilitator_commitments", ["until_on"], unique=False)
    op.create_table(
        "twelve_month_reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("circle_id", sa.Integer(), nullable=False),
        sa.Column("commitment_id", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("connector_id", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "outcome IN ('carry_on', 'purpose_achieved', 'ended_other')", name=op.f("ck_twelve_month_reviews_outcome")
        ),
        sa.ForeignKeyConstraint(
            ["circle_id"], ["circles.id"], name=op.f("fk_twelve_month_reviews_circle_id_circles"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["commitment_id"],
            ["facilitator_commitments.id"],
            name=op.f("fk_twelve_month_reviews_commitment_id_facilitator_commitments"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["connector_id"], ["people.id"], name=op.f("fk_twelve_month_reviews_connector_id_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_twelve_month_reviews")),
        sa.UniqueConstraint("commitment_id", name="uq_twelve_month_reviews_commitment"),
    )
    op.create_index(op.f("ix_twelve_month_reviews_circle_id"), "twelve_month_reviews", ["circle_id"], unique=False)


def _meetings() -> None:
    op.create_table(
        "supported_meetings",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("circle_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.CheckConstraint("number BETWEEN 1 AND 3", name=op.f("ck_supported_meetings_number")),
        sa.ForeignKeyConstraint(
            ["circle_id"], ["circles.id"], name=op.f("fk_supported_meetings_circle_id_circles"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"], name=op.f("fk_supported_meetings_meeting_id_meetings"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("meeting_id", name=op.f("pk_supported_meetings")),
        sa.UniqueConstraint("circle_id", "number", name="uq_supported_meetings_circle_number"),
    )
    op.create_table(
        "supported_meeting_steps",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("step", sa.String(length=32), nullable=False),
        sa.Column("ticked_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["supported_meetings.meeting_id"],
            name=op.f("fk_supported_meeting_steps_meeting_id_supported_meetings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("meeting_id", "step", name=op.f("pk_supported_meeting_steps")),
    )
    op.create_table(
        "meeting_reflections",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("what_worked", sa.Text(), nullable=False),
        sa.Column("what_did_not", sa.Text(), nullable=False),
        sa.Column("what_next", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"], name=op.f("fk_meeting_reflections_meeting_id_meetings"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("meeting_id", name=op.f("pk_meeting_reflections")),
    )


def downgrade() -> None:
    for table in (
        "meeting_reflections",
        "supported_meeting_steps",
        "supported_meetings",
        "twelve_month_reviews",
        "facilitator_commitments",
        "community_members",
        "community_interests",
        "community_times",
        "community_circles",
        "network_practice_attendance",
        "network_practice_sessions",
        "connectors",
    ):
        op.drop_table(table)
    with op.batch_alter_table("training_records", recreate="always") as batch:
        batch.drop_constraint(op.f("ck_training_records_method"), type_="check")
        batch.drop_column("method")
    with op.batch_alter_table("volunteer_profiles", recreate="always") as batch:
        batch.drop_constraint(op.f("ck_volunteer_profiles_max_circles"), type_="check")
        batch.drop_constraint(op.f("ck_volunteer_profiles_travel"), type_="check")
        batch.drop_index(op.f("ix_volunteer_profiles_recruited_by_id"))
        batch.drop_constraint(op.f("fk_volunteer_profiles_recruited_by_id_organisations"), type_="foreignkey")
        for column in ("recruited_by_id", "max_circles", "travel", "postcode_district"):
            batch.drop_column(column)
    op.drop_column("actions", "owner_offered")
    op.drop_column("attendance", "role")
