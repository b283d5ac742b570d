"""Routing forms and their responses; organization member attributes, their options and
who holds which (attribute routing).

Revision ID: b1c3e5a7d9f1
Revises: d4e6f8a0b2c3
Create Date: 2026-12-06 14:01:08.715300
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import slotwise.db

revision: str = "b1c3e5a7d9f1"
down_revision: str | None = "d4e6f8a0b2c3"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "attributes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("slug", sa.String(length=200), nullable=False),
        sa.Column("type", sa.String(length=20), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("users_can_edit_relation", sa.Boolean(), nullable=False),
        sa.Column("created_at", slotwise.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", slotwise.db.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "type IN ('TEXT', 'NUMBER', 'SINGLE_SELECT', 'MULTI_SELECT')",
            name=op.f("ck_attributes_type"),
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["teams.id"], name=op.f("fk_attributes_team_id_teams"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attributes")),
        sa.UniqueConstraint("team_id", "slug", name="uq_attributes_team_id_slug"),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("attributes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attributes_team_id"), ["team_id"], unique=False)

    op.create_table(
        "routing_forms",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column(
            "fields",
            slotwise.db.JSONDocument,
            nullable=False,
        ),
        sa.Column(
            "routes",
            slotwise.db.JSONDocument,
            nullable=False,
        ),
        sa.Column(
            "settings",
            slotwise.db.JSONDocument,
            nullable=False,
        ),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        sa.Column("created_at", slotwise.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", slotwise.db.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "(user_id IS NULL) <> (team_id IS NULL)", name=op.f("ck_routing_forms_one_owner")
        ),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["teams.id"],
            name=op.f("fk_routing_forms_team_id_teams"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_routing_forms_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_routing_forms")),
    )
    with op.batch_alter_table("routing_forms", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_routing_forms_team_id"), ["team_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_routing_forms_user_id"), ["user_id"], unique=False)

    op.create_table(
        "attribute_options",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("attribute_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.String(length=500), nullable=False),
        sa.Column("slug", sa.String(length=500), nullable=False),
        sa.ForeignKeyConstraint(
            ["attribute_id"],
            ["attributes.id"],
            name=op.f("fk_attribute_options_attribute_id_attributes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attribute_options")),
        sa.UniqueConstraint("attribute_id", "slug", name="uq_attribute_options_attribute_id_slug"),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("attribute_options", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_attribute_options_attribute_id"), ["attribute_id"], unique=False
        )

    op.create_table(
        "routing_form_responses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("form_id", sa.String(length=36), nullable=False),
        sa.Column(
            "response",
            slotwise.db.JSONDocument,
            nullable=False,
        ),
        sa.Column("route_id", sa.String(length=64), nullable=True),
        sa.Column(
            "routed_member_ids",
            slotwise.db.JSONDocument,
            nullable=True,
        ),
        sa.Column("routed_to_booking_uid", sa.String(length=64), nullable=True),
        sa.Column("created_at", slotwise.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", slotwise.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["form_id"],
            ["routing_forms.id"],
            name=op.f("fk_routing_form_responses_form_id_routing_forms"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_routing_form_responses")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("routing_form_responses", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_routing_form_responses_form_id"), ["form_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_routing_form_responses_routed_to_booking_uid"),
            ["routed_to_booking_uid"],
            unique=False,
        )

    op.create_table(
        "attribute_assignments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("option_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", slotwise.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["option_id"],
            ["attribute_options.id"],
            name=op.f("fk_attribute_assignments_option_id_attribute_options"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_attribute_assignments_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attribute_assignments")),
        sa.UniqueConstraint("option_id", "user_id", name="uq_attribute_assignments_option_user"),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("attribute_assignments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_attribute_assignments_option_id"), ["option_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_attribute_assignments_user_id"), ["user_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("attribute_assignments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attribute_assignments_user_id"))
        batch_op.drop_index(batch_op.f("ix_attribute_assignments_option_id"))

    op.drop_table("attribute_assignments")
    with op.batch_alter_table("routing_form_responses", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_routing_form_responses_routed_to_booking_uid"))
        batch_op.drop_index(batch_op.f("ix_routing_form_responses_form_id"))

    op.drop_table("routing_form_responses")
    with op.batch_alter_table("attribute_options", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attribute_options_attribute_id"))

    op.drop_table("attribute_options")
    with op.batch_alter_table("routing_forms", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_routing_forms_user_id"))
        batch_op.drop_index(batch_op.f("ix_routing_forms_team_id"))

    op.drop_table("routing_forms")
    with op.batch_alter_table("attributes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attributes_team_id"))

    op.drop_table("attributes")
