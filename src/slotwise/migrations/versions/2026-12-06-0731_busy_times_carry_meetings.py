"""Busy times carry what slots read of a booking: its meeting span, event type, uid, the
seats it takes and whether it is confirmed (the table now belongs to ``slotwise.busy``).

Existing rows are filled in from their bookings and attendees before the columns become
NOT NULL. PostgreSQL's exclusion constraint on ``(user_id, [starts_at, ends_at))`` is not
touched: adding columns alters the table in place. SQLite copies the table (batch mode)
and keeps AUTOINCREMENT, its named checks, foreign keys and index.

Revision ID: bf2c4b8446d5
Revises: f3b8d1e6a2c4
Create Date: 2026-12-06 07:31:00.000000
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

import slotwise.db

revision: str = "bf2c4b8446d5"
down_revision: str | None = "f3b8d1e6a2c4"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KEEP_AUTOINCREMENT = {"sqlite_autoincrement": True}
EVENT_TYPE_KEY = "fk_busy_times_event_type_id_event_types"
CHECKS = {
    "meeting_inside_span": (
        "starts_at <= meeting_starts_at AND meeting_starts_at < meeting_ends_at "
        "AND meeting_ends_at <= ends_at"
    ),
    "seats_taken": "seats_taken >= 0",
}
# Each new column from the row's booking (and its attendees), in SQL both databases speak.
BACKFILL = """
UPDATE busy_times SET
    meeting_starts_at = (SELECT b.start_time FROM bookings b WHERE b.id = busy_times.booking_id),
    meeting_ends_at = (SELECT b.end_time FROM bookings b WHERE b.id = busy_times.booking_id),
    event_type_id = (SELECT b.event_type_id FROM bookings b WHERE b.id = busy_times.booking_id),
    booking_uid = (SELECT b.uid FROM bookings b WHERE b.id = busy_times.booking_id),
    seats_taken = (
        SELECT count(*) FROM attendees a WHERE a.booking_id = busy_times.booking_id
    ),
    confirmed = (
        SELECT b.status = 'ACCEPTED' FROM bookings b WHERE b.id = busy_times.booking_id
    )
"""


def new_columns() -> list[sa.Column[Any]]:
    """Fresh Column objects each call, nullable until the back-fill has run."""
    return [
        sa.Column("meeting_starts_at", slotwise.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("meeting_ends_at", slotwise.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("event_type_id", sa.Integer(), nullable=True),
        sa.Column("booking_uid", sa.String(length=64), nullable=True),
        sa.Column("seats_taken", sa.Integer(), nullable=True),
        sa.Column("confirmed", sa.Boolean(), nullable=True),
    ]


def upgrade() -> None:
    columns = new_columns()
    with op.batch_alter_table("busy_times", schema=None) as batch_op:
        for column in columns:
            batch_op.add_column(column)
    op.execute(BACKFILL)
    with op.batch_alter_table(
        "busy_times", schema=None, table_kwargs=KEEP_AUTOINCREMENT
    ) as batch_op:
        for column in columns:
            if column.name != "event_type_id":  # SET NULL when its event type is deleted
                batch_op.alter_column(column.name, existing_type=column.type, nullable=False)
        batch_op.create_foreign_key(
            EVENT_TYPE_KEY, "event_types", ["event_type_id"], ["id"], ondelete="SET NULL"
        )
        for name, condition in CHECKS.items():
            batch_op.create_check_constraint(op.f(f"ck_busy_times_{name}"), condition)


def downgrade() -> None:
    with op.batch_alter_table(
        "busy_times", schema=None, table_kwargs=KEEP_AUTOINCREMENT
    ) as batch_op:
        for name in reversed(list(CHECKS)):
            batch_op.drop_constraint(op.f(f"ck_busy_times_{name}"), type_="check")
        batch_op.drop_constraint(EVENT_TYPE_KEY, type_="foreignkey")
        for column in reversed(new_columns()):
            batch_op.drop_column(column.name)
