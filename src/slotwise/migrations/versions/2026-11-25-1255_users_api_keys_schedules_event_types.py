"""Users, API keys, schedules (with availability rows) and event types.

Revision ID: d1d483d88331
Revises:
Create Date: 2026-11-25 12:55:06.142433
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import slotwise.db

revision: str = "d1d483d88331"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # users <-> schedules is a foreign-key cycle. SQLite accepts a key to a table that does
    # not exist yet (and altering a SQLite table means copying it), so there the key is
    # declared inline; PostgreSQL gets it once both tables exist.
    on_sqlite = op.get_bind().dialect.name == "sqlite"
    default_schedule_key = sa.ForeignKeyConstraint(
        ["default_schedule_id"],
        ["schedules.id"],
        name=op.f("fk_users_default_schedule_id_schedules"),
        ondelete="SET NULL",
    )
    op.create_table(
        "users",
        *([default_schedule_key] if on_sqlite else []),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("time_zone", sa.String(length=64), nullable=False),
        sa.Column("week_start", sa.String(length=10), nullable=False),
        sa.Column("time_format", sa.Integer(), nullable=False),
        sa.Column("locale", sa.String(length=16), nullable=True),
        sa.Column("avatar_url", sa.String(length=2048), nullable=True),
        sa.Column("bio", sa.Text(), nullable=True),
        sa.Column("brand_color", sa.String(length=9), nullable=True),
        sa.Column("dark_brand_color", sa.String(length=9), nullable=True),
        sa.Column("theme", sa.String(length=10), nullable=True),
        sa.Column("app_theme", sa.String(length=10), nullable=True),
        sa.Column("hide_branding", sa.Boolean(), nullable=False),
        sa.Column("allow_dynamic_booking", sa.Boolean(), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=True),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("default_schedule_id", sa.Integer(), nullable=True),
        sa.Column("metadata", slotwise.db.JSONDocument, nullable=False),
        sa.Column("created_at", slotwise.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", slotwise.db.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("role IN ('USER', 'ADMIN')", name=op.f("ck_users_role")),
        sa.CheckConstraint("time_format IN (12, 24)", name=op.f("ck_users_time_format")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("email", name=op.f("uq_users_email")),
        sa.UniqueConstraint("username", name=op.f("uq_users_username")),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "api_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("hashed_key", sa.String(length=64), nullable=False),
        sa.Column("prefix", sa.String(length=8), nullable=False),
        sa.Column("expires_at", slotwise.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("last_used_at", slotwise.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_at", slotwise.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_api_keys_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_keys")),
        sa.UniqueConstraint("hashed_key", name=op.f("uq_api_keys_hashed_key")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("api_keys", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_api_keys_user_id"), ["user_id"], unique=False)

    op.create_table(
        "schedules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("time_zone", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_schedules_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_schedules")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("schedules", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_schedules_user_id"), ["user_id"], unique=False)

    op.create_table(
        "availabilities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("schedule_id", sa.Integer(), nullable=False),
        sa.Column("days", slotwise.db.JSONDocument, nullable=False),
        sa.Column("start_time", sa.Time(), nullable=False),
        sa.Column("end_time", sa.Time(), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["schedule_id"],
            ["schedules.id"],
            name=op.f("fk_availabilities_schedule_id_schedules"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_availabilities")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("availabilities", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_availabilities_schedule_id"), ["schedule_id"], unique=False
        )

    op.create_table(
        "event_types",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("slug", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("length_in_minutes", sa.Integer(), nullable=False),
        sa.Column("hidden", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("schedule_id", sa.Integer(), nullable=True),
        sa.Column("slot_interval", sa.Integer(), nullable=True),
        sa.Column("minimum_booking_notice", sa.Integer(), nullable=False),
        sa.Column("before_event_buffer", sa.Integer(), nullable=False),
        sa.Column("after_event_buffer", sa.Integer(), nullable=False),
        sa.Column("locations", slotwise.db.JSONDocument, nullable=False),
        sa.Column("booking_fields", slotwise.db.JSONDocument, nullable=False),
        sa.Column("metadata", slotwise.db.JSONDocument, nullable=False),
        sa.Column("created_at", slotwise.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["users.id"],
            name=op.f("fk_event_types_owner_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["schedule_id"],
            ["schedules.id"],
            name=op.f("fk_event_types_schedule_id_schedules"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_types")),
        sa.UniqueConstraint("owner_id", "slug", name="uq_event_types_owner_slug"),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("event_types", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_types_owner_id"), ["owner_id"], unique=False)

    if not on_sqlite:
        op.create_foreign_key(
            op.f("fk_users_default_schedule_id_schedules"),
            "users",
            "schedules",
            ["default_schedule_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        op.drop_constraint(
            op.f("fk_users_default_schedule_id_schedules"), "users", type_="foreignkey"
        )
    with op.batch_alter_table("event_types", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_types_owner_id"))

    op.drop_table("event_types")
    with op.batch_alter_table("availabilities", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_availabilities_schedule_id"))

    op.drop_table("availabilities")
    with op.batch_alter_table("schedules", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_schedules_user_id"))

    op.drop_table("schedules")
    with op.batch_alter_table("api_keys", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_api_keys_user_id"))

    op.drop_table("api_keys")
    op.drop_table("users")
