"""Slot reservations: a booker's few-minute hold on a slot, one row per host.

Revision ID: 8b3f2e6a1c47
Revises: 5c0e7a4b9d21
Create Date: 2026-11-25 14:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import slotwise.db

revision: str = "8b3f2e6a1c47"
down_revision: str | None = "5c0e7a4b9d21"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXED = ("event_type_id", "holder", "reserved_until", "user_id")


def upgrade() -> None:
    op.create_table(
        "slot_reservations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=64), nullable=False),
        sa.Column("event_type_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("slot_start", slotwise.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("slot_end", slotwise.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("reserved_until", slotwise.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("reservation_minutes", sa.Integer(), nullable=False),
        sa.Column("holder", sa.String(length=64), nullable=False),
        sa.Column("is_seat", sa.Boolean(), nullable=False),
        sa.Column("created_at", slotwise.db.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "reservation_minutes >= 1", name=op.f("ck_slot_reservations_reservation_minutes")
        ),
        sa.CheckConstraint("slot_start < slot_end", name=op.f("ck_slot_reservations_slot_span")),
        sa.ForeignKeyConstraint(
            ["event_type_id"],
            ["event_types.id"],
            name=op.f("fk_slot_reservations_event_type_id_event_types"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_slot_reservations_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_slot_reservations")),
        sa.UniqueConstraint("uid", "user_id", name="uq_slot_reservations_uid_user_id"),
        sqlite_autoincrement=True,
    )
    for column in INDEXED:
        op.create_index(op.f(f"ix_slot_reservations_{column}"), "slot_reservations", [column])


def downgrade() -> None:
    for column in reversed(INDEXED):
        op.drop_index(op.f(f"ix_slot_reservations_{column}"), table_name="slot_reservations")
    op.drop_table("slot_reservations")
