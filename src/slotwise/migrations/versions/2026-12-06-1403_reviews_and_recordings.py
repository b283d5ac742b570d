"""Reviews after meetings (one per booking and attendee, the link's secret stored as a hash)
and recordings of a booking's video meeting with their transcripts' links.

Revision ID: d3e5a7b9c1f3
Revises: b1c3e5a7d9f1
Create Date: 2026-12-06 14:03:11.159947
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql
from sqlalchemy.types import Text

import slotwise.db

revision: str = "d3e5a7b9c1f3"
down_revision: str | None = "b1c3e5a7d9f1"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "booking_recordings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("booking_id", sa.Integer(), nullable=False),
        sa.Column("provider", sa.String(length=100), nullable=False),
        sa.Column("recording_id", sa.String(length=200), nullable=False),
        sa.Column("room_name", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("start_ts", sa.Integer(), nullable=True),
        sa.Column("duration", sa.Integer(), nullable=True),
        sa.Column("max_participants", sa.Integer(), nullable=True),
        sa.Column("share_token", sa.String(length=200), nullable=True),
        sa.Column("download_link", sa.Text(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column(
            "transcript_links",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("created_at", slotwise.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", slotwise.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["booking_id"],
            ["bookings.id"],
            name=op.f("fk_booking_recordings_booking_id_bookings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_booking_recordings")),
        sa.UniqueConstraint("provider", "recording_id", name="uq_booking_recordings_provider_id"),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("booking_recordings", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_booking_recordings_booking_id"), ["booking_id"], unique=False
        )

    op.create_table(
        "booking_reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("booking_id", sa.Integer(), nullable=False),
        sa.Column("event_type_id", sa.Integer(), nullable=True),
        sa.Column("attendee_email", sa.String(length=254), nullable=False),
        sa.Column("attendee_name", sa.String(length=200), nullable=False),
        sa.Column("secret_hash", sa.String(length=64), nullable=True),
        sa.Column("rating", sa.Integer(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("requested_at", slotwise.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("submitted_at", slotwise.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_at", slotwise.db.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "rating IS NULL OR rating BETWEEN 1 AND 5", name=op.f("ck_booking_reviews_rating")
        ),
        sa.ForeignKeyConstraint(
            ["booking_id"],
            ["bookings.id"],
            name=op.f("fk_booking_reviews_booking_id_bookings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_booking_reviews")),
        sa.UniqueConstraint("booking_id", "attendee_email", name="uq_booking_reviews_attendee"),
        sa.UniqueConstraint("secret_hash", name=op.f("uq_booking_reviews_secret_hash")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("booking_reviews", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_booking_reviews_event_type_id"), ["event_type_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("booking_reviews", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_booking_reviews_event_type_id"))

    op.drop_table("booking_reviews")
    with op.batch_alter_table("booking_recordings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_booking_recordings_booking_id"))

    op.drop_table("booking_recordings")
