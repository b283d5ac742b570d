"""Booking references: the records of a booking in calendars and video apps.

Revision ID: e5f7a9b1c3d5
Revises: b7d9f1a3c5e7
Create Date: 2026-12-06 10:46:07.366340
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "e5f7a9b1c3d5"
down_revision: str | None = "b7d9f1a3c5e7"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "booking_references",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("booking_id", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(length=100), nullable=False),
        sa.Column("uid", sa.String(length=1000), nullable=False),
        sa.Column("meeting_id", sa.String(length=1000), nullable=True),
        sa.Column("meeting_password", sa.String(length=1000), nullable=True),
        sa.Column("meeting_url", sa.Text(), nullable=True),
        sa.Column("external_calendar_id", sa.String(length=1000), nullable=True),
        sa.Column("credential_id", sa.Integer(), nullable=True),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["booking_id"],
            ["bookings.id"],
            name=op.f("fk_booking_references_booking_id_bookings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_booking_references")),
        sqlite_autoincrement=True,
    )
    op.create_index(
        op.f("ix_booking_references_booking_id"), "booking_references", ["booking_id"], unique=False
    )
    op.create_index(
        op.f("ix_booking_references_credential_id"),
        "booking_references",
        ["credential_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_booking_references_type"), "booking_references", ["type"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_booking_references_type"), table_name="booking_references")
    op.drop_index(op.f("ix_booking_references_credential_id"), table_name="booking_references")
    op.drop_index(op.f("ix_booking_references_booking_id"), table_name="booking_references")

    op.drop_table("booking_references")
