"""Buffers follow the event type: PostgreSQL's exclusion constraint guards the meetings,
and every busy span is re-spanned with its event type's buffers as they are now.

A booking blocks ``[start - before, end + after)`` with the buffers its event type has
now (Cal.com), so spans of one host may overlap after a buffer grows; what the database
refuses is two meetings of one host that overlap (``ex_busy_times_meetings_no_overlap``
on ``(user_id, [meeting_starts_at, meeting_ends_at))``). The service checks the buffers
under the hosts' locks. An index on ``event_type_id`` finds an event type's spans when its
buffers change. Both are in place (no table copy on SQLite).

Downgrading restores the span constraint, which fails while two spans of a host overlap.

Revision ID: f5a7c9e1b3d5
Revises: d3e5a7b9c1f3
Create Date: 2026-12-06 14:00:00
"""

from collections.abc import Sequence
from datetime import timedelta

import sqlalchemy as sa
from alembic import op

import slotwise.db

revision: str = "f5a7c9e1b3d5"
down_revision: str | None = "d3e5a7b9c1f3"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

busy_times = sa.table(
    "busy_times",
    sa.column("id", sa.Integer),
    sa.column("event_type_id", sa.Integer),
    sa.column("starts_at", slotwise.db.UTCDateTime()),
    sa.column("ends_at", slotwise.db.UTCDateTime()),
    sa.column("meeting_starts_at", slotwise.db.UTCDateTime()),
    sa.column("meeting_ends_at", slotwise.db.UTCDateTime()),
)
event_types = sa.table(
    "event_types",
    sa.column("id", sa.Integer),
    sa.column("before_event_buffer", sa.Integer),
    sa.column("after_event_buffer", sa.Integer),
)
SPANS = "tstzrange(starts_at, ends_at, '[)')"
MEETINGS = "tstzrange(meeting_starts_at, meeting_ends_at, '[)')"


def upgrade() -> None:
    op.create_index("ix_busy_times_event_type_id", "busy_times", ["event_type_id"])
    postgresql = op.get_bind().dialect.name == "postgresql"
    if postgresql:
        op.execute("ALTER TABLE busy_times DROP CONSTRAINT ex_busy_times_no_overlap")
    _respan_with_current_buffers()
    if postgresql:
        op.execute(
            "ALTER TABLE busy_times ADD CONSTRAINT ex_busy_times_meetings_no_overlap "
            f"EXCLUDE USING gist (user_id WITH =, {MEETINGS} WITH &&)"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE busy_times DROP CONSTRAINT ex_busy_times_meetings_no_overlap")
        op.execute(
            "ALTER TABLE busy_times ADD CONSTRAINT ex_busy_times_no_overlap "
            f"EXCLUDE USING gist (user_id WITH =, {SPANS} WITH &&)"
        )
    op.drop_index("ix_busy_times_event_type_id", table_name="busy_times")


def _respan_with_current_buffers() -> None:
    """Each span from its meeting and its event type's buffers now (none without one);
    instants are computed here, since the two databases share no interval arithmetic."""
    connection = op.get_bind()
    buffers = {
        event_type_id: (before, after)
        for event_type_id, before, after in connection.execute(
            sa.select(
                event_types.c.id,
                event_types.c.before_event_buffer,
                event_types.c.after_event_buffer,
            )
        )
    }
    rows = connection.execute(
        sa.select(
            busy_times.c.id,
            busy_times.c.event_type_id,
            busy_times.c.meeting_starts_at,
            busy_times.c.meeting_ends_at,
        )
    ).all()
    spans = []
    for row_id, event_type_id, start, end in rows:
        before, after = buffers.get(event_type_id, (0, 0))
        spans.append(
            {
                "row_id": row_id,
                "new_start": start - timedelta(minutes=before),
                "new_end": end + timedelta(minutes=after),
            }
        )
    if spans:
        connection.execute(
            busy_times.update()
            .where(busy_times.c.id == sa.bindparam("row_id"))
            .values(
                starts_at=sa.bindparam("new_start", type_=slotwise.db.UTCDateTime()),
                ends_at=sa.bindparam("new_end", type_=slotwise.db.UTCDateTime()),
            ),
            spans,
        )
