"""Team event types: event_types gain team, scheduling type, managed parent and round-robin
settings (added in place); hosts of a team event type; the other hosts of a team booking.

Revision ID: d4e6f8a0b2c3
Revises: e0a2c4e6f8b1
Create Date: 2026-12-06 10:30:43.610659
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql
from sqlalchemy.types import Text

revision: str = "d4e6f8a0b2c3"
down_revision: str | None = "e0a2c4e6f8b1"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), "postgresql")
_NEW_EVENT_TYPE_COLUMNS = (
    "team_id",
    "scheduling_type",
    "assign_all_team_members",
    "parent_id",
    "unlocked_fields",
    "reschedule_with_same_round_robin_host",
    "is_rr_weights_enabled",
)


def upgrade() -> None:
    op.create_table(
        "hosts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_type_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("is_fixed", sa.Boolean(), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("weight", sa.Integer(), nullable=False),
        sa.Column("schedule_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("priority BETWEEN 0 AND 4", name=op.f("ck_hosts_priority")),
        sa.CheckConstraint("weight >= 0", name=op.f("ck_hosts_weight")),
        sa.ForeignKeyConstraint(
            ["event_type_id"],
            ["event_types.id"],
            name=op.f("fk_hosts_event_type_id_event_types"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["schedule_id"],
            ["schedules.id"],
            name=op.f("fk_hosts_schedule_id_schedules"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_hosts_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hosts")),
        sa.UniqueConstraint("event_type_id", "user_id", name="uq_hosts_event_type_id_user_id"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_hosts_user_id", "hosts", ["user_id"], unique=False)

    op.create_table(
        "booking_hosts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("booking_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["booking_id"],
            ["bookings.id"],
            name=op.f("fk_booking_hosts_booking_id_bookings"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_booking_hosts_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_booking_hosts")),
        sa.UniqueConstraint("booking_id", "user_id", name="uq_booking_hosts_booking_id_user_id"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_booking_hosts_user_id", "booking_hosts", ["user_id"], unique=False)

    # In place, never by copying event_types: bookings, hosts and busy times reference it,
    # and SQLite's copy-and-drop would cascade-delete their rows. team_id and parent_id are
    # plain integers for that reason (the service deletes what they point from).
    op.add_column("event_types", sa.Column("team_id", sa.Integer(), nullable=True))
    op.add_column("event_types", sa.Column("scheduling_type", sa.String(length=16), nullable=True))
    op.add_column(
        "event_types",
        sa.Column(
            "assign_all_team_members", sa.Boolean(), server_default=sa.false(), nullable=False
        ),
    )
    op.add_column("event_types", sa.Column("parent_id", sa.Integer(), nullable=True))
    op.add_column("event_types", sa.Column("unlocked_fields", _JSON, nullable=True))
    op.add_column(
        "event_types",
        sa.Column(
            "reschedule_with_same_round_robin_host",
            sa.Boolean(),
            server_default=sa.false(),
            nullable=False,
        ),
    )
    op.add_column(
        "event_types",
        sa.Column("is_rr_weights_enabled", sa.Boolean(), server_default=sa.false(), nullable=False),
    )
    op.create_index(op.f("ix_event_types_parent_id"), "event_types", ["parent_id"], unique=False)
    op.create_index(op.f("ix_event_types_team_id"), "event_types", ["team_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_event_types_team_id"), table_name="event_types")
    op.drop_index(op.f("ix_event_types_parent_id"), table_name="event_types")
    for column in reversed(_NEW_EVENT_TYPE_COLUMNS):
        # In place (SQLite >= 3.35), not by copying event_types: see upgrade().
        op.execute(f"ALTER TABLE event_types DROP COLUMN {column}")
    op.drop_index("ix_booking_hosts_user_id", table_name="booking_hosts")
    op.drop_table("booking_hosts")
    op.drop_index("ix_hosts_user_id", table_name="hosts")
    op.drop_table("hosts")
