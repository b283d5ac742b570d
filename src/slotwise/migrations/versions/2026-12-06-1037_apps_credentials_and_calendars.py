"""Apps' credentials (sealed with the instance key), selected and destination calendars,
cached calendar busy times, where bookings' calendar events were written, and each user's
private bookings feed. New tables
only: nothing existing is altered.

Revision ID: d4e6f8a0b2c4
Revises: c3d5e7f9a1b2
Create Date: 2026-12-06 10:37:02.520689
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql
from sqlalchemy.types import Text

import slotwise.db

revision: str = "d4e6f8a0b2c4"
down_revision: str | None = "c3d5e7f9a1b2"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "credentials",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("app_slug", sa.String(length=100), nullable=False),
        sa.Column("type", sa.String(length=100), nullable=False),
        sa.Column("key_encrypted", sa.Text(), nullable=False),
        sa.Column("invalid", sa.Boolean(), nullable=False),
        sa.Column("invalid_notified", sa.Boolean(), nullable=False),
        sa.Column("created_at", slotwise.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", slotwise.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_credentials_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_credentials")),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_credentials_user_id"), "credentials", ["user_id"], unique=False)

    op.create_table(
        "calendar_event_refs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("ics_uid", sa.String(length=255), nullable=False),
        sa.Column("booking_uid", sa.String(length=64), nullable=False),
        sa.Column("credential_id", sa.Integer(), nullable=False),
        sa.Column("integration", sa.String(length=100), nullable=False),
        sa.Column("external_id", sa.String(length=1024), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("created_at", slotwise.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["credential_id"],
            ["credentials.id"],
            name=op.f("fk_calendar_event_refs_credential_id_credentials"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_calendar_event_refs_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_event_refs")),
        sa.UniqueConstraint("user_id", "ics_uid", name=op.f("uq_calendar_event_refs_user_id")),
    )
    op.create_index(
        op.f("ix_calendar_event_refs_credential_id"),
        "calendar_event_refs",
        ["credential_id"],
        unique=False,
    )

    op.create_table(
        "destination_calendars",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("credential_id", sa.Integer(), nullable=False),
        sa.Column("integration", sa.String(length=100), nullable=False),
        sa.Column("external_id", sa.String(length=1024), nullable=False),
        sa.Column("updated_at", slotwise.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["credential_id"],
            ["credentials.id"],
            name=op.f("fk_destination_calendars_credential_id_credentials"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_destination_calendars_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_destination_calendars")),
        sa.UniqueConstraint("user_id", name=op.f("uq_destination_calendars_user_id")),
    )
    op.create_index(
        op.f("ix_destination_calendars_credential_id"),
        "destination_calendars",
        ["credential_id"],
        unique=False,
    )

    op.create_table(
        "selected_calendars",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("credential_id", sa.Integer(), nullable=False),
        sa.Column("integration", sa.String(length=100), nullable=False),
        sa.Column("external_id", sa.String(length=1024), nullable=False),
        sa.Column("created_at", slotwise.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["credential_id"],
            ["credentials.id"],
            name=op.f("fk_selected_calendars_credential_id_credentials"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_selected_calendars_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_selected_calendars")),
        sa.UniqueConstraint(
            "user_id", "credential_id", "external_id", name=op.f("uq_selected_calendars_user_id")
        ),
        sqlite_autoincrement=True,
    )
    op.create_index(
        op.f("ix_selected_calendars_credential_id"),
        "selected_calendars",
        ["credential_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_selected_calendars_user_id"), "selected_calendars", ["user_id"], unique=False
    )

    op.create_table(
        "calendar_busy_cache",
        sa.Column("selected_calendar_id", sa.Integer(), nullable=False),
        sa.Column("covers_from", slotwise.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("covers_until", slotwise.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("fetched_at", slotwise.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column(
            "intervals",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("failure", sa.Text(), nullable=True),
        sa.Column("failed_at", slotwise.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["selected_calendar_id"],
            ["selected_calendars.id"],
            name=op.f("fk_calendar_busy_cache_selected_calendar_id_selected_calendars"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("selected_calendar_id", name=op.f("pk_calendar_busy_cache")),
    )
    op.create_table(
        "bookings_feeds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", slotwise.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_bookings_feeds_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bookings_feeds")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_bookings_feeds_token_hash")),
        sa.UniqueConstraint("user_id", name=op.f("uq_bookings_feeds_user_id")),
    )


def downgrade() -> None:
    op.drop_table("bookings_feeds")
    op.drop_table("calendar_busy_cache")
    op.drop_index(op.f("ix_selected_calendars_user_id"), table_name="selected_calendars")
    op.drop_index(op.f("ix_selected_calendars_credential_id"), table_name="selected_calendars")

    op.drop_table("selected_calendars")
    op.drop_index(
        op.f("ix_destination_calendars_credential_id"), table_name="destination_calendars"
    )

    op.drop_table("destination_calendars")
    op.drop_index(op.f("ix_calendar_event_refs_credential_id"), table_name="calendar_event_refs")

    op.drop_table("calendar_event_refs")
    op.drop_index(op.f("ix_credentials_user_id"), table_name="credentials")

    op.drop_table("credentials")
