"""Every event-type field of the 2024-06-14 API and the legacy shapes.

New NOT NULL columns carry a server default (Cal.com's defaults, spec/scheduling.md §15), so
rows that exist already (the demo's two event types) migrate without a data step.

SQLite alters a table by copying it (batch mode); ``sqlite_autoincrement`` is passed again so
the copy keeps AUTOINCREMENT (ids of deleted rows are never reused, db.NEVER_REUSE_IDS).

Revision ID: 5c0e7a4b9d21
Revises: d1d483d88331
Create Date: 2026-11-25 14:00:00.000000
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

import slotwise.db

revision: str = "5c0e7a4b9d21"
down_revision: str | None = "d1d483d88331"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KEEP_AUTOINCREMENT = {"sqlite_autoincrement": True}


def _flag(name: str, default: bool = False) -> sa.Column[Any]:
    return sa.Column(
        name, sa.Boolean(), nullable=False, server_default=sa.true() if default else sa.false()
    )


def _json(name: str, *, default: str | None = None) -> sa.Column[Any]:
    if default is None:
        return sa.Column(name, slotwise.db.JSONDocument, nullable=True)
    return sa.Column(name, slotwise.db.JSONDocument, nullable=False, server_default=default)


def new_columns() -> list[sa.Column[Any]]:
    """Fresh Column objects each call (a Column belongs to one table once added)."""
    return [
        _json("length_in_minutes_options"),
        sa.Column("offset_start", sa.Integer(), nullable=False, server_default="0"),
        _flag("only_show_first_available_slot"),
        sa.Column("time_zone", sa.String(length=64), nullable=True),
        sa.Column("period_type", sa.String(length=16), nullable=False, server_default="UNLIMITED"),
        sa.Column("period_days", sa.Integer(), nullable=True),
        sa.Column("period_count_calendar_days", sa.Boolean(), nullable=True),
        sa.Column("period_start_date", sa.Date(), nullable=True),
        sa.Column("period_end_date", sa.Date(), nullable=True),
        _json("booking_limits_count", default="{}"),
        _json("booking_limits_duration", default="{}"),
        sa.Column("max_active_bookings_per_booker", sa.Integer(), nullable=True),
        _flag("max_active_bookings_offer_reschedule"),
        sa.Column("seats_per_slot", sa.Integer(), nullable=True),
        _flag("seats_show_attendees"),
        _flag("seats_show_availability_count", default=True),
        _flag("requires_confirmation"),
        _flag("requires_confirmation_will_block_slot"),
        _json("requires_confirmation_threshold"),
        _json("recurrence"),
        _flag("disable_guests"),
        _flag("lock_time_zone_toggle"),
        _flag("requires_booker_email_verification"),
        _flag("booking_requires_authentication"),
        _json("booker_layouts"),
        _json("color"),
        sa.Column("interface_language", sa.String(length=16), nullable=True),
        _flag("show_optimized_slots"),
        sa.Column("success_redirect_url", sa.String(length=2048), nullable=True),
        _flag("forward_params_success_redirect", default=True),
        sa.Column("custom_name", sa.String(length=500), nullable=True),
        _flag("hide_calendar_notes"),
        _flag("hide_calendar_event_details"),
        _flag("hide_organizer_email"),
        _flag("use_destination_calendar_email"),
        _json("destination_calendar"),
        _json("cal_video_settings"),
        _flag("disable_cancelling"),
        _flag("disable_rescheduling"),
        sa.Column("minimum_reschedule_notice", sa.Integer(), nullable=True),
        _flag("allow_rescheduling_past_bookings"),
        _flag("allow_rescheduling_cancelled_bookings"),
    ]


CHECKS = {
    "period_type": "period_type IN ('UNLIMITED', 'ROLLING', 'ROLLING_WINDOW', 'RANGE')",
    "length_in_minutes": "length_in_minutes >= 1",
    "seats_per_slot": "seats_per_slot IS NULL OR seats_per_slot >= 1",
}


def upgrade() -> None:
    with op.batch_alter_table(
        "event_types", schema=None, table_kwargs=KEEP_AUTOINCREMENT
    ) as batch_op:
        for column in new_columns():
            batch_op.add_column(column)
        for name, condition in CHECKS.items():
            batch_op.create_check_constraint(op.f(f"ck_event_types_{name}"), condition)


def downgrade() -> None:
    with op.batch_alter_table(
        "event_types", schema=None, table_kwargs=KEEP_AUTOINCREMENT
    ) as batch_op:
        for name in reversed(list(CHECKS)):
            batch_op.drop_constraint(op.f(f"ck_event_types_{name}"), type_="check")
        for column in reversed(new_columns()):
            batch_op.drop_column(column.name)
