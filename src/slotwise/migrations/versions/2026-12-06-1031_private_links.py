"""Private (hashed) links of event types: the link, its expiry, its maximum and counted uses.

Revision ID: b7d9f1a3c5e7
Revises: d4e6f8a0b2c4
Create Date: 2026-12-06 10:31:43.350716
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import slotwise.db

revision: str = "b7d9f1a3c5e7"
down_revision: str | None = "d4e6f8a0b2c4"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "private_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("link", sa.String(length=32), nullable=False),
        sa.Column("event_type_id", sa.Integer(), nullable=False),
        sa.Column("expires_at", slotwise.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("max_usage_count", sa.Integer(), nullable=True),
        sa.Column("usage_count", sa.Integer(), nullable=False),
        sa.Column("created_at", slotwise.db.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "max_usage_count IS NULL OR max_usage_count >= 1",
            name=op.f("ck_private_links_max_usage_count"),
        ),
        sa.CheckConstraint("usage_count >= 0", name=op.f("ck_private_links_usage_count")),
        sa.ForeignKeyConstraint(
            ["event_type_id"],
            ["event_types.id"],
            name=op.f("fk_private_links_event_type_id_event_types"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_private_links")),
        sa.UniqueConstraint("link", name=op.f("uq_private_links_link")),
        sqlite_autoincrement=True,
    )
    op.create_index(
        op.f("ix_private_links_event_type_id"), "private_links", ["event_type_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_private_links_event_type_id"), table_name="private_links")

    op.drop_table("private_links")
