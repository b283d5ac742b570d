"""The transactional outbox: one row per side effect of a change.

Revision ID: e7a1c3b5d902
Revises: c4d2a9e7f310
Create Date: 2026-11-25 18:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import slotwise.db

revision: str = "e7a1c3b5d902"
down_revision: str | None = "c4d2a9e7f310"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "outbox_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("booking_id", sa.Integer(), nullable=True),
        sa.Column("ordering_key", sa.String(length=300), nullable=True),
        sa.Column("topic", sa.String(length=64), nullable=True),
        sa.Column(
            "payload",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("due_at", slotwise.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("next_attempt_at", slotwise.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("give_up_at", slotwise.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("lease_until", slotwise.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("lease_token", sa.String(length=32), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column(
            "last_result",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=True,
        ),
        sa.Column("last_attempt_at", slotwise.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("delivered_at", slotwise.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_at", slotwise.db.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "state IN ('pending', 'delivered', 'failed', 'cancelled')",
            name=op.f("ck_outbox_messages_state"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox_messages")),
        sqlite_autoincrement=True,
    )
    op.create_index(
        op.f("ix_outbox_messages_booking_id"), "outbox_messages", ["booking_id"], unique=False
    )
    op.create_index(op.f("ix_outbox_messages_topic"), "outbox_messages", ["topic"], unique=False)
    op.create_index("ix_outbox_messages_ordering_key_id", "outbox_messages", ["ordering_key", "id"])
    op.create_index(
        "ix_outbox_messages_state_next_attempt_at", "outbox_messages", ["state", "next_attempt_at"]
    )


def downgrade() -> None:
    op.drop_index("ix_outbox_messages_state_next_attempt_at", table_name="outbox_messages")
    op.drop_index("ix_outbox_messages_ordering_key_id", table_name="outbox_messages")
    op.drop_index(op.f("ix_outbox_messages_topic"), table_name="outbox_messages")
    op.drop_index(op.f("ix_outbox_messages_booking_id"), table_name="outbox_messages")
    op.drop_table("outbox_messages")
