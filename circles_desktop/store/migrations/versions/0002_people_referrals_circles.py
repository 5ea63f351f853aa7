"""People, organisations, referrals, circles, consent, meetings, developments and questionnaires.

The generic circle model every kind of circle shares (issue 3). Written from the models with
Alembic's autogenerate and reviewed; tests/test_schema.py checks it creates exactly what the models
declare.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "organisations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("name_key", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            (
                "kind IN ('police', 'probation', 'prison', 'approved_premises', 'youth_offending', "
                "'social_care', 'health', 'voluntary', 'faith', 'other')"
            ),
            name=op.f("ck_organisations_kind"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisations")),
    )
    op.create_index(op.f("ix_organisations_kind"), "organisations", ["kind"], unique=False)
    op.create_index(op.f("ix_organisations_name_key"), "organisations", ["name_key"], unique=False)
    op.create_table(
        "people",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("given_name", sa.String(length=100), nullable=False),
        sa.Column("family_name", sa.String(length=100), nullable=False),
        sa.Column("known_as", sa.String(length=100), nullable=False),
        sa.Column("given_key", sa.String(length=100), nullable=False),
        sa.Column("family_key", sa.String(length=100), nullable=False),
        sa.Column("date_of_birth", sa.Date(), nullable=True),
        sa.Column("reference", sa.String(length=64), nullable=False),
        sa.Column("reference_key", sa.String(length=64), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_people")),
    )
    op.create_index(op.f("ix_people_date_of_birth"), "people", ["date_of_birth"], unique=False)
    op.create_index(op.f("ix_people_given_key"), "people", ["given_key"], unique=False)
    op.create_index("ix_people_name", "people", ["family_key", "given_key"], unique=False)
    op.create_index(op.f("ix_people_reference_key"), "people", ["reference_key"], unique=False)
    op.create_table(
        "stored_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stored_files")),
    )
    op.create_table(
        "dbs_checks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("level", sa.String(length=20), nullable=False),
        sa.Column("checked_on", sa.Date(), nullable=False),
        sa.Column("certificate_number", sa.String(length=40), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "level IN ('basic', 'standard', 'enhanced', 'enhanced_barred')", name=op.f("ck_dbs_checks_level")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_dbs_checks_person_id_people"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dbs_checks")),
    )
    op.create_index(op.f("ix_dbs_checks_person_id"), "dbs_checks", ["person_id"], unique=False)
    op.create_table(
        "person_parts",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("part", sa.String(length=32), nullable=False),
        sa.CheckConstraint(
            (
                "part IN ('core_member', 'focus_person', 'volunteer', 'professional', 'parent_carer', "
                "'child', 'facilitator', 'connector', 'learner', 'coordinator', 'other')"
            ),
            name=op.f("ck_person_parts_part"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_person_parts_person_id_people"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("person_id", "part", name=op.f("pk_person_parts")),
    )
    op.create_index("ix_person_parts_part", "person_parts", ["part", "person_id"], unique=False)
    op.create_table(
        "professional_roles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("job_title", sa.String(length=150), nullable=False),
        sa.Column("work_phone", sa.String(length=40), nullable=False),
        sa.Column("work_email", sa.String(length=200), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=True),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["organisation_id"], ["organisations.id"], name=op.f("fk_professional_roles_organisation_id_organisations")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_professional_roles_person_id_people"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_professional_roles")),
    )
    op.create_index(
        op.f("ix_professional_roles_organisation_id"), "professional_roles", ["organisation_id"], unique=False
    )
    op.create_index(op.f("ix_professional_roles_person_id"), "professional_roles", ["person_id"], unique=False)
    op.create_table(
        "training_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("course", sa.String(length=150), nullable=False),
        sa.Column("completed_on", sa.Date(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_training_records_person_id_people"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_records")),
    )
    op.create_index(op.f("ix_training_records_person_id"), "training_records", ["person_id"], unique=False)
    op.create_table(
        "volunteer_profiles",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("location", sa.String(length=120), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("availability_notes", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_volunteer_profiles_person_id_people"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("person_id", name=op.f("pk_volunteer_profiles")),
    )
    op.create_table(
        "availability_slots",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.String(length=3), nullable=False),
        sa.Column("part_of_day", sa.String(length=9), nullable=False),
        sa.CheckConstraint(
            "day IN ('mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun')", name=op.f("ck_availability_slots_day")
        ),
        sa.CheckConstraint(
            "part_of_day IN ('morning', 'afternoon', 'evening')", name=op.f("ck_availability_slots_part_of_day")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["volunteer_profiles.person_id"],
            name=op.f("fk_availability_slots_person_id_volunteer_profiles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("person_id", "day", "part_of_day", name=op.f("pk_availability_slots")),
    )
    op.create_table(
        "referrals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=20), nullable=False),
        sa.Column("circle_kind", sa.String(length=16), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("referrer_id", sa.Integer(), nullable=True),
        sa.Column("agency_id", sa.Integer(), nullable=True),
        sa.Column("self_referral", sa.Boolean(), nullable=False),
        sa.Column("signposted_by_id", sa.Integer(), nullable=True),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("status_on", sa.Date(), nullable=False),
        sa.Column("status_reason", sa.Text(), nullable=False),
        sa.Column("purpose", sa.Text(), nullable=False),
        sa.Column("eligibility_notes", sa.Text(), nullable=False),
        sa.Column("suitability_notes", sa.Text(), nullable=False),
        sa.Column("mappa_category", sa.Integer(), nullable=True),
        sa.Column("mappa_level", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "circle_kind IN ('cosa', 'community', 'learning', 'conversation', 'practice')",
            name=op.f("ck_referrals_circle_kind"),
        ),
        sa.CheckConstraint(
            ("status IN ('received', 'initial_discussion', 'full_referral', 'accepted', 'declined', 'withdrawn')"),
            name=op.f("ck_referrals_status"),
        ),
        sa.CheckConstraint(
            "mappa_category IS NULL OR mappa_category BETWEEN 1 AND 3", name=op.f("ck_referrals_mappa_category")
        ),
        sa.CheckConstraint("mappa_level IS NULL OR mappa_level BETWEEN 1 AND 3", name=op.f("ck_referrals_mappa_level")),
        sa.ForeignKeyConstraint(["agency_id"], ["organisations.id"], name=op.f("fk_referrals_agency_id_organisations")),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], name=op.f("fk_referrals_person_id_people")),
        sa.ForeignKeyConstraint(
            ["referrer_id"], ["professional_roles.id"], name=op.f("fk_referrals_referrer_id_professional_roles")
        ),
        sa.ForeignKeyConstraint(
            ["signposted_by_id"], ["organisations.id"], name=op.f("fk_referrals_signposted_by_id_organisations")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_referrals")),
    )
    op.create_index(op.f("ix_referrals_agency_id"), "referrals", ["agency_id"], unique=False)
    op.create_index(op.f("ix_referrals_person_id"), "referrals", ["person_id"], unique=False)
    op.create_index(op.f("ix_referrals_received_on"), "referrals", ["received_on"], unique=False)
    op.create_index(op.f("ix_referrals_reference"), "referrals", ["reference"], unique=False)
    op.create_index(op.f("ix_referrals_referrer_id"), "referrals", ["referrer_id"], unique=False)
    op.create_index("ix_referrals_status_received", "referrals", ["status", "received_on"], unique=False)
    op.create_table(
        "volunteer_interests",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("interest", sa.String(length=80), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["volunteer_profiles.person_id"],
            name=op.f("fk_volunteer_interests_person_id_volunteer_profiles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("person_id", "interest", name=op.f("pk_volunteer_interests")),
    )
    op.create_table(
        "circles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=20), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("focus_person_id", sa.Integer(), nullable=True),
        sa.Column("coordinator_id", sa.Integer(), nullable=True),
        sa.Column("referral_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("activated_on", sa.Date(), nullable=True),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("purpose", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('cosa', 'community', 'learning', 'conversation', 'practice')", name=op.f("ck_circles_kind")
        ),
        sa.CheckConstraint("status IN ('forming', 'active', 'closed')", name=op.f("ck_circles_status")),
        sa.CheckConstraint("ended_on IS NULL OR ended_on >= started_on", name=op.f("ck_circles_dates_in_order")),
        sa.ForeignKeyConstraint(["coordinator_id"], ["people.id"], name=op.f("fk_circles_coordinator_id_people")),
        sa.ForeignKeyConstraint(["focus_person_id"], ["people.id"], name=op.f("fk_circles_focus_person_id_people")),
        sa.ForeignKeyConstraint(["referral_id"], ["referrals.id"], name=op.f("fk_circles_referral_id_referrals")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_circles")),
        sa.UniqueConstraint("referral_id", name=op.f("uq_circles_referral_id")),
    )
    op.create_index(op.f("ix_circles_coordinator_id"), "circles", ["coordinator_id"], unique=False)
    op.create_index(op.f("ix_circles_focus_person_id"), "circles", ["focus_person_id"], unique=False)
    op.create_index("ix_circles_kind_status", "circles", ["kind", "status"], unique=False)
    op.create_index(op.f("ix_circles_reference"), "circles", ["reference"], unique=False)
    op.create_index("ix_circles_status", "circles", ["status"], unique=False)
    op.create_table(
        "referral_steps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("referral_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            ("status IN ('received', 'initial_discussion', 'full_referral', 'accepted', 'declined', 'withdrawn')"),
            name=op.f("ck_referral_steps_status"),
        ),
        sa.ForeignKeyConstraint(
            ["referral_id"], ["referrals.id"], name=op.f("fk_referral_steps_referral_id_referrals"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_referral_steps")),
    )
    op.create_index(op.f("ix_referral_steps_referral_id"), "referral_steps", ["referral_id"], unique=False)
    op.create_table(
        "risk_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("referral_id", sa.Integer(), nullable=False),
        sa.Column("report_type", sa.String(length=10), nullable=False),
        sa.Column("report_date", sa.Date(), nullable=False),
        sa.Column("description", sa.String(length=200), nullable=False),
        sa.Column("file_id", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "report_type IN ('oasys', 'rm2000', 'asset', 'arms', 'other')", name=op.f("ck_risk_reports_report_type")
        ),
        sa.ForeignKeyConstraint(["file_id"], ["stored_files.id"], name=op.f("fk_risk_reports_file_id_stored_files")),
        sa.ForeignKeyConstraint(
            ["referral_id"], ["referrals.id"], name=op.f("fk_risk_reports_referral_id_referrals"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_risk_reports")),
    )
    op.create_index(op.f("ix_risk_reports_file_id"), "risk_reports", ["file_id"], unique=False)
    op.create_index(op.f("ix_risk_reports_referral_id"), "risk_reports", ["referral_id"], unique=False)
    op.create_table(
        "circle_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("circle_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("ring", sa.String(length=5), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("joined_on", sa.Date(), nullable=False),
        sa.Column("left_on", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.CheckConstraint("ring IN ('inner', 'outer')", name=op.f("ck_circle_members_ring")),
        sa.CheckConstraint("left_on IS NULL OR left_on >= joined_on", name=op.f("ck_circle_members_dates_in_order")),
        sa.ForeignKeyConstraint(
            ["circle_id"], ["circles.id"], name=op.f("fk_circle_members_circle_id_circles"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"], ["organisations.id"], name=op.f("fk_circle_members_organisation_id_organisations")
        ),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], name=op.f("fk_circle_members_person_id_people")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_circle_members")),
    )
    op.create_index("ix_circle_members_circle", "circle_members", ["circle_id", "ring"], unique=False)
    op.create_index(op.f("ix_circle_members_organisation_id"), "circle_members", ["organisation_id"], unique=False)
    op.create_index(op.f("ix_circle_members_person_id"), "circle_members", ["person_id"], unique=False)
    op.create_table(
        "cosa_details",
        sa.Column("circle_id", sa.Integer(), nullable=False),
        sa.Column("variant", sa.String(length=32), nullable=False),
        sa.Column("expected_release_on", sa.Date(), nullable=True),
        sa.Column("prison_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            ("variant IN ('adult_community', 'prison_through_the_gate', 'intellectual_disability', 'young_person')"),
            name=op.f("ck_cosa_details_variant"),
        ),
        sa.ForeignKeyConstraint(
            ["circle_id"], ["circles.id"], name=op.f("fk_cosa_details_circle_id_circles"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["prison_id"], ["organisations.id"], name=op.f("fk_cosa_details_prison_id_organisations")
        ),
        sa.PrimaryKeyConstraint("circle_id", name=op.f("pk_cosa_details")),
    )
    op.create_table(
        "developments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("circle_id", sa.Integer(), nullable=False),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("reported_by_id", sa.Integer(), nullable=True),
        sa.Column("escalated_to_mappa", sa.Boolean(), nullable=False),
        sa.Column("escalated_on", sa.Date(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("kind IN ('progress', 'risk', 'need')", name=op.f("ck_developments_kind")),
        sa.ForeignKeyConstraint(
            ["circle_id"], ["circles.id"], name=op.f("fk_developments_circle_id_circles"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["reported_by_id"], ["people.id"], name=op.f("fk_developments_reported_by_id_people")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_developments")),
    )
    op.create_index("ix_developments_circle", "developments", ["circle_id", "occurred_on"], unique=False)
    op.create_table(
        "goals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("circle_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("set_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.CheckConstraint("status IN ('open', 'achieved', 'stopped')", name=op.f("ck_goals_status")),
        sa.ForeignKeyConstraint(
            ["circle_id"], ["circles.id"], name=op.f("fk_goals_circle_id_circles"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_goals")),
    )
    op.create_index(op.f("ix_goals_circle_id"), "goals", ["circle_id"], unique=False)
    op.create_table(
        "meetings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("circle_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("ends_at", sa.DateTime(), nullable=True),
        sa.Column("venue", sa.String(length=200), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["circle_id"], ["circles.id"], name=op.f("fk_meetings_circle_id_circles"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meetings")),
    )
    op.create_index("ix_meetings_circle_start", "meetings", ["circle_id", "starts_at"], unique=False)
    op.create_table(
        "questionnaire_responses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("circle_id", sa.Integer(), nullable=False),
        sa.Column("respondent_id", sa.Integer(), nullable=True),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["circle_id"], ["circles.id"], name=op.f("fk_questionnaire_responses_circle_id_circles"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_questionnaire_responses_organisation_id_organisations"),
        ),
        sa.ForeignKeyConstraint(
            ["respondent_id"], ["people.id"], name=op.f("fk_questionnaire_responses_respondent_id_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_questionnaire_responses")),
    )
    op.create_index(
        op.f("ix_questionnaire_responses_circle_id"), "questionnaire_responses", ["circle_id"], unique=False
    )
    op.create_table(
        "actions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("circle_id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("created_on", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("barrier", sa.Text(), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.CheckConstraint(
            (
                "category IN ('attendance', 'goals_progress', 'minutes', 'risk_concerns', "
                "'significant_developments', 'internal')"
            ),
            name=op.f("ck_actions_category"),
        ),
        sa.CheckConstraint("status <> 'blocked' OR barrier <> ''", name=op.f("ck_actions_blocked_has_barrier")),
        sa.CheckConstraint("status IN ('open', 'done', 'blocked')", name=op.f("ck_actions_status")),
        sa.CheckConstraint("due_on IS NULL OR due_on >= created_on", name=op.f("ck_actions_due_after_created")),
        sa.ForeignKeyConstraint(
            ["circle_id"], ["circles.id"], name=op.f("fk_actions_circle_id_circles"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"], name=op.f("fk_actions_meeting_id_meetings"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(["owner_id"], ["people.id"], name=op.f("fk_actions_owner_id_people")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actions")),
    )
    op.create_index("ix_actions_circle_status", "actions", ["circle_id", "status"], unique=False)
    op.create_index(op.f("ix_actions_meeting_id"), "actions", ["meeting_id"], unique=False)
    op.create_index(op.f("ix_actions_owner_id"), "actions", ["owner_id"], unique=False)
    op.create_table(
        "attendance",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.CheckConstraint("status IN ('present', 'apologies', 'absent')", name=op.f("ck_attendance_status")),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"], name=op.f("fk_attendance_meeting_id_meetings"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["circle_members.id"],
            name=op.f("fk_attendance_member_id_circle_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attendance")),
        sa.UniqueConstraint("meeting_id", "member_id", name="uq_attendance_meeting_member"),
    )
    op.create_index(op.f("ix_attendance_member_id"), "attendance", ["member_id"], unique=False)
    op.create_table(
        "consents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("circle_id", sa.Integer(), nullable=False),
        sa.Column("recipient_member_id", sa.Integer(), nullable=True),
        sa.Column("recipient_organisation_id", sa.Integer(), nullable=True),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.Column("given_by_id", sa.Integer(), nullable=False),
        sa.Column("parent_carer_id", sa.Integer(), nullable=True),
        sa.Column("given_on", sa.Date(), nullable=False),
        sa.Column("withdrawn_on", sa.Date(), nullable=True),
        sa.Column("withdrawn_reason", sa.Text(), nullable=False),
        sa.Column("signed_form_id", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("category <> 'internal'", name=op.f("ck_consents_not_internal")),
        sa.CheckConstraint(
            (
                "category IN ('attendance', 'goals_progress', 'minutes', 'risk_concerns', "
                "'significant_developments', 'internal')"
            ),
            name=op.f("ck_consents_category"),
        ),
        sa.CheckConstraint(
            "(recipient_member_id IS NULL) <> (recipient_organisation_id IS NULL)",
            name=op.f("ck_consents_one_recipient"),
        ),
        sa.CheckConstraint("withdrawn_on IS NULL OR withdrawn_on >= given_on", name=op.f("ck_consents_dates_in_order")),
        sa.ForeignKeyConstraint(
            ["circle_id"], ["circles.id"], name=op.f("fk_consents_circle_id_circles"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["given_by_id"], ["people.id"], name=op.f("fk_consents_given_by_id_people")),
        sa.ForeignKeyConstraint(["parent_carer_id"], ["people.id"], name=op.f("fk_consents_parent_carer_id_people")),
        sa.ForeignKeyConstraint(
            ["recipient_member_id"],
            ["circle_members.id"],
            name=op.f("fk_consents_recipient_member_id_circle_members"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recipient_organisation_id"],
            ["organisations.id"],
            name=op.f("fk_consents_recipient_organisation_id_organisations"),
        ),
        sa.ForeignKeyConstraint(
            ["signed_form_id"], ["stored_files.id"], name=op.f("fk_consents_signed_form_id_stored_files")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consents")),
    )
    op.create_index("ix_consents_circle", "consents", ["circle_id", "category"], unique=False)
    op.create_index(op.f("ix_consents_recipient_member_id"), "consents", ["recipient_member_id"], unique=False)
    op.create_index(
        op.f("ix_consents_recipient_organisation_id"), "consents", ["recipient_organisation_id"], unique=False
    )
    op.create_table(
        "decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.CheckConstraint(
            (
                "category IN ('attendance', 'goals_progress', 'minutes', 'risk_concerns', "
                "'significant_developments', 'internal')"
            ),
            name=op.f("ck_decisions_category"),
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"], name=op.f("fk_decisions_meeting_id_meetings"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_decisions")),
    )
    op.create_index(op.f("ix_decisions_meeting_id"), "decisions", ["meeting_id"], unique=False)
    op.create_table(
        "development_shares",
        sa.Column("development_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("shared_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["development_id"],
            ["developments.id"],
            name=op.f("fk_development_shares_development_id_developments"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], name=op.f("fk_development_shares_person_id_people")),
        sa.PrimaryKeyConstraint("development_id", "person_id", name=op.f("pk_development_shares")),
    )
    op.create_table(
        "goal_progress",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("goal_id", sa.Integer(), nullable=False),
        sa.Column("noted_on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("noted_by_id", sa.Integer(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["goal_id"], ["goals.id"], name=op.f("fk_goal_progress_goal_id_goals"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["noted_by_id"], ["people.id"], name=op.f("fk_goal_progress_noted_by_id_people")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_goal_progress")),
    )
    op.create_index(op.f("ix_goal_progress_goal_id"), "goal_progress", ["goal_id"], unique=False)
    op.create_table(
        "minutes_sections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("heading", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.CheckConstraint(
            (
                "category IN ('attendance', 'goals_progress', 'minutes', 'risk_concerns', "
                "'significant_developments', 'internal')"
            ),
            name=op.f("ck_minutes_sections_category"),
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"], name=op.f("fk_minutes_sections_meeting_id_meetings"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_minutes_sections")),
    )
    op.create_index(op.f("ix_minutes_sections_meeting_id"), "minutes_sections", ["meeting_id"], unique=False)
    op.create_table(
        "questionnaire_answers",
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("question", sa.String(length=40), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.CheckConstraint("rating IS NULL OR rating BETWEEN 1 AND 5", name=op.f("ck_questionnaire_answers_rating")),
        sa.ForeignKeyConstraint(
            ["response_id"],
            ["questionnaire_responses.id"],
            name=op.f("fk_questionnaire_answers_response_id_questionnaire_responses"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("response_id", "question", name=op.f("pk_questionnaire_answers")),
    )


def downgrade() -> None:
    op.drop_table("questionnaire_answers")
    op.drop_index(op.f("ix_minutes_sections_meeting_id"), table_name="minutes_sections")
    op.drop_table("minutes_sections")
    op.drop_index(op.f("ix_goal_progress_goal_id"), table_name="goal_progress")
    op.drop_table("goal_progress")
    op.drop_table("development_shares")
    op.drop_index(op.f("ix_decisions_meeting_id"), table_name="decisions")
    op.drop_table("decisions")
    op.drop_index(op.f("ix_consents_recipient_organisation_id"), table_name="consents")
    op.drop_index(op.f("ix_consents_recipient_member_id"), table_name="consents")
    op.drop_index("ix_consents_circle", table_name="consents")
    op.drop_table("consents")
    op.drop_index(op.f("ix_attendance_member_id"), table_name="attendance")
    op.drop_table("attendance")
    op.drop_index(op.f("ix_actions_owner_id"), table_name="actions")
    op.drop_index(op.f("ix_actions_meeting_id"), table_name="actions")
    op.drop_index("ix_actions_circle_status", table_name="actions")
    op.drop_table("actions")
    op.drop_index(op.f("ix_questionnaire_responses_circle_id"), table_name="questionnaire_responses")
    op.drop_table("questionnaire_responses")
    op.drop_index("ix_meetings_circle_start", table_name="meetings")
    op.drop_table("meetings")
    op.drop_index(op.f("ix_goals_circle_id"), table_name="goals")
    op.drop_table("goals")
    op.drop_index("ix_developments_circle", table_name="developments")
    op.drop_table("developments")
    op.drop_table("cosa_details")
    op.drop_index(op.f("ix_circle_members_person_id"), table_name="circle_members")
    op.drop_index(op.f("ix_circle_members_organisation_id"), table_name="circle_members")
    op.drop_index("ix_circle_members_circle", table_name="circle_members")
    op.drop_table("circle_members")
    op.drop_index(op.f("ix_risk_reports_referral_id"), table_name="risk_reports")
    op.drop_index(op.f("ix_risk_reports_file_id"), table_name="risk_reports")
    op.drop_table("risk_reports")
    op.drop_index(op.f("ix_referral_steps_referral_id"), table_name="referral_steps")
    op.drop_table("referral_steps")
    op.drop_index("ix_circles_status", table_name="circles")
    op.drop_index(op.f("ix_circles_reference"), table_name="circles")
    op.drop_index("ix_circles_kind_status", table_name="circles")
    op.drop_index(op.f("ix_circles_focus_person_id"), table_name="circles")
    op.drop_index(op.f("ix_circles_coordinator_id"), table_name="circles")
    op.drop_table("circles")
    op.drop_table("volunteer_interests")
    op.drop_index("ix_referrals_status_received", table_name="referrals")
    op.drop_index(op.f("ix_referrals_referrer_id"), table_name="referrals")
    op.drop_index(op.f("ix_referrals_reference"), table_name="referrals")
    op.drop_index(op.f("ix_referrals_received_on"), table_name="referrals")
    op.drop_index(op.f("ix_referrals_person_id"), table_name="referrals")
    op.drop_index(op.f("ix_referrals_agency_id"), table_name="referrals")
    op.drop_table("referrals")
    op.drop_table("availability_slots")
    op.drop_table("volunteer_profiles")
    op.drop_index(op.f("ix_training_records_person_id"), table_name="training_records")
    op.drop_table("training_records")
    op.drop_index(op.f("ix_professional_roles_person_id"), table_name="professional_roles")
    op.drop_index(op.f("ix_professional_roles_organisation_id"), table_name="professional_roles")
    op.drop_table("professional_roles")
    op.drop_index("ix_person_parts_part", table_name="person_parts")
    op.drop_table("person_parts")
    op.drop_index(op.f("ix_dbs_checks_person_id"), table_name="dbs_checks")
    op.drop_table("dbs_checks")
    op.drop_table("stored_files")
    op.drop_index(op.f("ix_people_reference_key"), table_name="people")
    op.drop_index("ix_people_name", table_name="people")
    op.drop_index(op.f("ix_people_given_key"), table_name="people")
    op.drop_index(op.f("ix_people_date_of_birth"), table_name="people")
    op.drop_table("people")
    op.drop_index(op.f("ix_organisations_name_key"), table_name="organisations")
    op.drop_index(op.f("ix_organisations_kind"), table_name="organisations")
    op.drop_table("organisations")
