"""Bookings, attendees, busy times (with PostgreSQL's exclusion constraint), booking
changes and idempotent requests.

Revision ID: c4d2a9e7f310
Revises: 8b3f2e6a1c47
Create Date: 2026-11-25 15:08:18.904919
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql
from sqlalchemy.types import Text

import slotwise.db

revision: str = "c4d2a9e7f310"
down_revision: str | None = "8b3f2e6a1c47"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "idempotent_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scope", sa.String(length=100), nullable=False),
        sa.Column("route", sa.String(length=300), nullable=False),
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column("request_hash", sa.String(length=64), nullable=False),
        sa.Column("response_status", sa.Integer(), nullable=True),
        sa.Column("response_body", sa.Text(), nullable=True),
        sa.Column("created_at", slotwise.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", slotwise.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_idempotent_requests")),
        sa.UniqueConstraint("scope", "route", "key", name="uq_idempotent_requests_scope_route_key"),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("idempotent_requests", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_idempotent_requests_expires_at"), ["expires_at"], unique=False
        )

    op.create_table(
        "bookings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("event_type_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("start_time", slotwise.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("end_time", slotwise.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("location", sa.String(length=2048), nullable=True),
        sa.Column(
            "responses",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "metadata",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("language", sa.String(length=16), nullable=False),
        sa.Column("cancellation_reason", sa.Text(), nullable=True),
        sa.Column("cancelled_by_email", sa.String(length=254), nullable=True),
        sa.Column("rejection_reason", sa.Text(), nullable=True),
        sa.Column("rescheduled", sa.Boolean(), nullable=False),
        sa.Column("rescheduling_reason", sa.Text(), nullable=True),
        sa.Column("rescheduled_by_email", sa.String(length=254), nullable=True),
        sa.Column("from_reschedule", sa.String(length=64), nullable=True),
        sa.Column("rescheduled_to_uid", sa.String(length=64), nullable=True),
        sa.Column("recurring_event_id", sa.String(length=64), nullable=True),
        sa.Column("absent_host", sa.Boolean(), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=True),
        sa.Column("ics_uid", sa.String(length=128), nullable=False),
        sa.Column("ics_sequence", sa.Integer(), nullable=False),
        sa.Column("created_at", slotwise.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", slotwise.db.UTCDateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "status IN ('ACCEPTED', 'PENDING', 'CANCELLED', 'REJECTED', 'AWAITING_HOST')",
            name=op.f("ck_bookings_status"),
        ),
        sa.CheckConstraint("start_time < end_time", name=op.f("ck_bookings_span")),
        sa.ForeignKeyConstraint(
            ["event_type_id"],
            ["event_types.id"],
            name=op.f("fk_bookings_event_type_id_event_types"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_bookings_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bookings")),
        sa.UniqueConstraint("uid", name=op.f("uq_bookings_uid")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("bookings", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_bookings_event_type_id"), ["event_type_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_bookings_from_reschedule"), ["from_reschedule"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_bookings_recurring_event_id"), ["recurring_event_id"], unique=False
        )
        batch_op.create_index(
            "ix_bookings_user_id_start_time", ["user_id", "start_time"], unique=False
        )

    op.create_table(
        "attendees",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("booking_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("time_zone", sa.String(length=64), nullable=False),
        sa.Column("locale", sa.String(length=16), nullable=False),
        sa.Column("phone_number", sa.String(length=32), nullable=True),
        sa.Column("no_show", sa.Boolean(), nullable=False),
        sa.Column("seat_uid", sa.String(length=64), nullable=True),
        sa.Column(
            "seat_responses",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "seat_metadata",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), "postgresql"),
            nullable=True,
        ),
        sa.Column("created_at", slotwise.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["booking_id"],
            ["bookings.id"],
            name=op.f("fk_attendees_booking_id_bookings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attendees")),
        sa.UniqueConstraint("seat_uid", name=op.f("uq_attendees_seat_uid")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("attendees", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attendees_booking_id"), ["booking_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_attendees_email"), ["email"], unique=False)

    op.create_table(
        "booking_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("booking_id", sa.Integer(), nullable=False),
        sa.Column("change", sa.String(length=32), nullable=False),
        sa.Column(
            "details",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("created_at", slotwise.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["booking_id"],
            ["bookings.id"],
            name=op.f("fk_booking_changes_booking_id_bookings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_booking_changes")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("booking_changes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_booking_changes_booking_id"), ["booking_id"], unique=False
        )

    op.create_table(
        "busy_times",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("booking_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("starts_at", slotwise.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("ends_at", slotwise.db.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("starts_at < ends_at", name=op.f("ck_busy_times_span")),
        sa.ForeignKeyConstraint(
            ["booking_id"],
            ["bookings.id"],
            name=op.f("fk_busy_times_booking_id_bookings"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_busy_times_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_busy_times")),
        sa.UniqueConstraint("booking_id", "user_id", name="uq_busy_times_booking_id_user_id"),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("busy_times", schema=None) as batch_op:
        batch_op.create_index(
            "ix_busy_times_user_id_starts_at", ["user_id", "starts_at"], unique=False
        )

    if op.get_bind().dialect.name == "postgresql":
        # The database refuses two overlapping busy spans of one host (models.py says why);
        # btree_gist lets the integer user_id share a GiST index with the range.
        op.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
        op.execute(
            "ALTER TABLE busy_times ADD CONSTRAINT ex_busy_times_no_overlap "
            "EXCLUDE USING gist (user_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&)"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE busy_times DROP CONSTRAINT ex_busy_times_no_overlap")
    with op.batch_alter_table("busy_times", schema=None) as batch_op:
        batch_op.drop_index("ix_busy_times_user_id_starts_at")

    op.drop_table("busy_times")
    with op.batch_alter_table("booking_changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_booking_changes_booking_id"))

    op.drop_table("booking_changes")
    with op.batch_alter_table("attendees", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attendees_email"))
        batch_op.drop_index(batch_op.f("ix_attendees_booking_id"))

    op.drop_table("attendees")
    with op.batch_alter_table("bookings", schema=None) as batch_op:
        batch_op.drop_index("ix_bookings_user_id_start_time")
        batch_op.drop_index(batch_op.f("ix_bookings_recurring_event_id"))
        batch_op.drop_index(batch_op.f("ix_bookings_from_reschedule"))
        batch_op.drop_index(batch_op.f("ix_bookings_event_type_id"))

    op.drop_table("bookings")
    with op.batch_alter_table("idempotent_requests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_idempotent_requests_expires_at"))

    op.drop_table("idempotent_requests")
