"""Community conversations and communities of practice (issue 11): what each adds to the generic circle,
kept in small tables of their own.

Conversations: why this conversation (conversation_details), similar work already happening and what was
decided about it, the organisation's own copy of the toolkit's checklist and each conversation's way
through it, attendance counted by group at each conversation, what people noticed, sparks and their
follow-ups. Communities of practice: seasons, what a session adds to its meeting, presentations,
participants by organisation and sector, barriers and system blockages, the mailing list.

Revision ID: 0006
Revises: 0004 (the lead re-chains it after issue 10's 0005 at merge)
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "toolkit_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("section", sa.String(length=80), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("retired", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_toolkit_items")),
        sa.UniqueConstraint("code", name=op.f("uq_toolkit_items_code")),
    )
    op.create_table(
        "conversation_checks",
        sa.Column("circle_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("recorded_on", sa.Date(), nullable=False),
        sa.CheckConstraint(
            "state <> 'not_for_this_one' OR note <> ''", name=op.f("ck_conversation_checks_not_for_this_one_has_note")
        ),
        sa.CheckConstraint("state IN ('done', 'not_for_this_one')", name=op.f("ck_conversation_checks_state")),
        sa.ForeignKeyConstraint(
            ["circle_id"], ["circles.id"], name=op.f("fk_conversation_checks_circle_id_circles"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["item_id"], ["toolkit_items.id"], name=op.f("fk_conversation_checks_item_id_toolkit_items")
        ),
        sa.PrimaryKeyConstraint("circle_id", "item_id", name=op.f("pk_conversation_checks")),
    )
    op.create_index(op.f("ix_conversation_checks_item_id"), "conversation_checks", ["item_id"], unique=False)
    op.create_table(
        "conversation_details",
        sa.Column("circle_id", sa.Integer(), nullable=False),
        sa.Column("approached_by", sa.Text(), nullable=False),
        sa.Column("approached_about", sa.Text(), nullable=False),
        sa.Column("need", sa.Text(), nullable=False),
        sa.Column("locality", sa.String(length=120), nullable=False),
        sa.Column("locality_key", sa.String(length=120), nullable=False),
        sa.Column("theme", sa.String(length=120), nullable=False),
        sa.Column("theme_key", sa.String(length=120), nullable=False),
        sa.Column("strengths", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["circle_id"], ["circles.id"], name=op.f("fk_conversation_details_circle_id_circles"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("circle_id", name=op.f("pk_conversation_details")),
    )
    op.create_index(
        "ix_conversation_details_place_theme", "conversation_details", ["locality_key", "theme_key"], unique=False
    )
    op.create_table(
        "mailing_list",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("circle_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("asked_on", sa.Date(), nullable=False),
        sa.Column("consented", sa.Boolean(), nullable=False),
        sa.Column("consent_note", sa.Text(), nullable=False),
        sa.Column("removed_on", sa.Date(), nullable=True),
        sa.Column("removal_note", sa.Text(), nullable=False),
        sa.CheckConstraint("consented", name=op.f("ck_mailing_list_consented")),
        sa.CheckConstraint("removed_on IS NULL OR removed_on >= asked_on", name=op.f("ck_mailing_list_dates_in_order")),
        sa.ForeignKeyConstraint(
            ["circle_id"], ["circles.id"], name=op.f("fk_mailing_list_circle_id_circles"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], name=op.f("fk_mailing_list_person_id_people")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mailing_list")),
    )
    op.create_index("ix_mailing_list_circle", "mailing_list", ["circle_id", "removed_on"], unique=False)
    op.create_index(op.f("ix_mailing_list_person_id"), "mailing_list", ["person_id"], unique=False)
    op.create_table(
        "practice_seasons",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("circle_id", sa.Integer(), nullable=False),
        sa.Column("theme", sa.String(length=120), nullable=False),
        sa.Column("chair_id", sa.Integer(), nullable=True),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("outcomes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("ends_on IS NULL OR ends_on >= starts_on", name=op.f("ck_practice_seasons_dates_in_order")),
        sa.ForeignKeyConstraint(["chair_id"], ["people.id"], name=op.f("fk_practice_seasons_chair_id_people")),
        sa.ForeignKeyConstraint(
            ["circle_id"], ["circles.id"], name=op.f("fk_practice_seasons_circle_id_circles"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_practice_seasons")),
    )
    op.create_index(op.f("ix_practice_seasons_chair_id"), "practice_seasons", ["chair_id"], unique=False)
    op.create_index("ix_practice_seasons_circle", "practice_seasons", ["circle_id", "starts_on"], unique=False)
    op.create_table(
        "similar_work",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("circle_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("other_circle_id", sa.Integer(), nullable=True),
        sa.Column("contact", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("decision", sa.String(length=16), nullable=True),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.CheckConstraint(
            "decision IS NULL OR decision IN ('join_forces', 'separate')", name=op.f("ck_similar_work_decision")
        ),
        sa.CheckConstraint(
            "kind IN ('nag', 'neighbourhood_forum', 'other_group', 'conversation')", name=op.f("ck_similar_work_kind")
        ),
        sa.CheckConstraint("decision IS NULL OR decided_on IS NOT NULL", name=op.f("ck_similar_work_decision_dated")),
        sa.ForeignKeyConstraint(
            ["circle_id"], ["circles.id"], name=op.f("fk_similar_work_circle_id_circles"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["other_circle_id"],
            ["circles.id"],
            name=op.f("fk_similar_work_other_circle_id_circles"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_similar_work")),
    )
    op.create_index("ix_similar_work_circle", "similar_work", ["circle_id"], unique=False)
    op.create_index(op.f("ix_similar_work_other_circle_id"), "similar_work", ["other_circle_id"], unique=False)
    op.create_table(
        "conversation_headcounts",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("attendee_group", sa.String(length=24), nullable=False),
        sa.Column("people", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "attendee_group IN ('local_residents', 'already_active', 'professionals', 'children_young_people', "
            "'less_often_heard')",
            name=op.f("ck_conversation_headcounts_attendee_group"),
        ),
        sa.CheckConstraint("people >= 0", name=op.f("ck_conversation_headcounts_not_negative")),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_conversation_headcounts_meeting_id_meetings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("meeting_id", "attendee_group", name=op.f("pk_conversation_headcounts")),
    )
    op.create_table(
        "conversation_noticed",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("circle_id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["circle_id"], ["circles.id"], name=op.f("fk_conversation_noticed_circle_id_circles"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_conversation_noticed_meeting_id_meetings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conversation_noticed")),
    )
    op.create_index(op.f("ix_conversation_noticed_circle_id"), "conversation_noticed", ["circle_id"], unique=False)
    op.create_index("ix_conversation_noticed_meeting", "conversation_noticed", ["meeting_id", "position"], unique=False)
    op.create_table(
        "practice_sessions",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("season_id", sa.Integer(), nullable=False),
        sa.Column("mode", sa.String(length=10), nullable=False),
        sa.Column("refreshments", sa.String(length=200), nullable=False),
        sa.Column("discussion", sa.Text(), nullable=False),
        sa.CheckConstraint("mode IN ('in_person', 'online')", name=op.f("ck_practice_sessions_mode")),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"], name=op.f("fk_practice_sessions_meeting_id_meetings"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["season_id"],
            ["practice_seasons.id"],
            name=op.f("fk_practice_sessions_season_id_practice_seasons"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("meeting_id", name=op.f("pk_practice_sessions")),
    )
    op.create_index(op.f("ix_practice_sessions_season_id"), "practice_sessions", ["season_id"], unique=False)
    op.create_table(
        "sparks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("circle_id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("idea", sa.Text(), nullable=False),
        sa.Column("carried_by", sa.String(length=200), nullable=False),
        sa.Column("may_be_named", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("status IN ('growing', 'done', 'let_go')", name=op.f("ck_sparks_status")),
        sa.ForeignKeyConstraint(
            ["circle_id"], ["circles.id"], name=op.f("fk_sparks_circle_id_circles"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"], name=op.f("fk_sparks_meeting_id_meetings"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sparks")),
    )
    op.create_index("ix_sparks_circle_status", "sparks", ["circle_id", "status"], unique=False)
    op.create_index(op.f("ix_sparks_meeting_id"), "sparks", ["meeting_id"], unique=False)
    op.create_table(
        "practice_barriers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("circle_id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("raised_with", sa.Text(), nullable=False),
        sa.Column("raised_on", sa.Date(), nullable=True),
        sa.Column("what_changed", sa.Text(), nullable=False),
        sa.Column("changed_on", sa.Date(), nullable=True),
        sa.CheckConstraint(
            "changed_on IS NULL OR raised_on IS NULL OR changed_on >= raised_on",
            name=op.f("ck_practice_barriers_dates_in_order"),
        ),
        sa.ForeignKeyConstraint(
            ["circle_id"], ["circles.id"], name=op.f("fk_practice_barriers_circle_id_circles"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["practice_sessions.meeting_id"],
            name=op.f("fk_practice_barriers_meeting_id_practice_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_practice_barriers")),
    )
    op.create_index("ix_practice_barriers_circle", "practice_barriers", ["circle_id"], unique=False)
    op.create_index(op.f("ix_practice_barriers_meeting_id"), "practice_barriers", ["meeting_id"], unique=False)
    op.create_table(
        "practice_participants",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("sector", sa.String(length=20), nullable=False),
        sa.Column("people", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "sector IN ('voluntary', 'statutory', 'lived_experience')", name=op.f("ck_practice_participants_sector")
        ),
        sa.CheckConstraint("people > 0", name=op.f("ck_practice_participants_someone_came")),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["practice_sessions.meeting_id"],
            name=op.f("fk_practice_participants_meeting_id_practice_sessions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_practice_participants_organisation_id_organisations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_practice_participants")),
    )
    op.create_index(op.f("ix_practice_participants_meeting_id"), "practice_participants", ["meeting_id"], unique=False)
    op.create_index(
        op.f("ix_practice_participants_organisation_id"), "practice_participants", ["organisation_id"], unique=False
    )
    op.create_table(
        "practice_presentations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("presenter_id", sa.Integer(), nullable=True),
        sa.Column("lived_experience", sa.Boolean(), nullable=False),
        sa.Column("named", sa.Boolean(), nullable=False),
        sa.Column("consent_on", sa.Date(), nullable=True),
        sa.Column("consent_note", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "NOT lived_experience OR consent_on IS NOT NULL",
            name=op.f("ck_practice_presentations_lived_experience_has_consent"),
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["practice_sessions.meeting_id"],
            name=op.f("fk_practice_presentations_meeting_id_practice_sessions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["presenter_id"], ["people.id"], name=op.f("fk_practice_presentations_presenter_id_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_practice_presentations")),
    )
    op.create_index(
        "ix_practice_presentations_meeting", "practice_presentations", ["meeting_id", "position"], unique=False
    )
    op.create_index(
        op.f("ix_practice_presentations_presenter_id"), "practice_presentations", ["presenter_id"], unique=False
    )
    op.create_table(
        "spark_follow_ups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("spark_id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"], name=op.f("fk_spark_follow_ups_meeting_id_meetings"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["spark_id"], ["sparks.id"], name=op.f("fk_spark_follow_ups_spark_id_sparks"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_spark_follow_ups")),
        sa.UniqueConstraint("spark_id", "meeting_id", name="uq_spark_follow_ups_spark_meeting"),
    )
    op.create_index(op.f("ix_spark_follow_ups_meeting_id"), "spark_follow_ups", ["meeting_id"], unique=False)


def downgrade() -> None:
    # Children before parents; dropping a table drops its indexes too.
    for table in (
        "spark_follow_ups",
        "practice_presentations",
        "practice_participants",
        "practice_barriers",
        "sparks",
        "practice_sessions",
        "conversation_noticed",
        "conversation_headcounts",
        "similar_work",
        "practice_seasons",
        "mailing_list",
        "conversation_details",
        "conversation_checks",
        "toolkit_items",
    ):
        op.drop_table(table)
