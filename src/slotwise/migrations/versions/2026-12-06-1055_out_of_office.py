"""Out-of-office entries: whole days a person is away, with a reason and a redirect.

Revision ID: f6a8b0c2d4e6
Revises: e5f7a9b1c3d5
Create Date: 2026-12-06 10:55:18.654949
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import slotwise.db

revision: str = "f6a8b0c2d4e6"
down_revision: str | None = "e5f7a9b1c3d5"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "out_of_office_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(length=20), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("to_user_id", sa.Integer(), nullable=True),
        sa.Column("created_at", slotwise.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", slotwise.db.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "reason IN ('unspecified', 'vacation', 'travel', 'sick', 'public_holiday')",
            name=op.f("ck_out_of_office_entries_reason"),
        ),
        sa.CheckConstraint(
            "end_date >= start_date", name=op.f("ck_out_of_office_entries_dates_in_order")
        ),
        sa.ForeignKeyConstraint(
            ["to_user_id"],
            ["users.id"],
            name=op.f("fk_out_of_office_entries_to_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_out_of_office_entries_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_out_of_office_entries")),
        sa.UniqueConstraint("uuid", name=op.f("uq_out_of_office_entries_uuid")),
        sqlite_autoincrement=True,
    )
    op.create_index(
        op.f("ix_out_of_office_entries_to_user_id"),
        "out_of_office_entries",
        ["to_user_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_out_of_office_entries_user_id"), "out_of_office_entries", ["user_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_out_of_office_entries_user_id"), table_name="out_of_office_entries")
    op.drop_index(op.f("ix_out_of_office_entries_to_user_id"), table_name="out_of_office_entries")

    op.drop_table("out_of_office_entries")
