"""Event types: what can be booked, for how long, and under which rules.

Settings the engine filters or computes on are real columns (length, interval, notice,
buffers, booking window, limits, seats, confirmation, recurrence); presentation settings that
are only stored and echoed are JSON documents. Column names follow Cal.com's model where one
exists, so a reader of Cal.com's code finds the same thing here.

JSON document shapes (what the service writes):

- ``locations``: the 2024-06-14 API shape, ``{"type": "integration", "integration":
  "cal-video"}``, ``{"type": "address", "address": ..., "public": bool}`` ... (spec §3.2).
- ``booking_fields``: Cal.com's stored shape, ``{"name", "type", "editable", "required",
  "hidden", "label"?, "placeholder"?, "options"?: [{"label", "value"}],
  "disableOnPrefill"?}`` (``booking_fields.py``).
- ``booking_limits_count`` / ``booking_limits_duration``: ``{"PER_DAY": n, "PER_WEEK": n,
  "PER_MONTH": n, "PER_YEAR": n}``, any subset; ``{}`` = no limit. Durations in minutes.
- ``recurrence``: Cal.com's ``recurringEvent``, ``{"freq": 0|1|2 (rrule YEARLY, MONTHLY,
  WEEKLY), "interval": n, "count": n}``, or NULL.
- ``requires_confirmation_threshold``: ``{"time": n, "unit": "minutes"|"hours"}`` or NULL.
- ``metadata``: free-form; ``metadata.apps.stripe.{price, currency}`` is the price.
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

from slotwise.db import NEVER_REUSE_IDS, Base, JSONDocument, UTCDateTime


class PeriodType(enum.StrEnum):
    """How far ahead a slot may start (spec/scheduling.md §5); the same values as
    ``slotwise.core.booking_window.PeriodType``."""

    UNLIMITED = "UNLIMITED"
    ROLLING = "ROLLING"
    ROLLING_WINDOW = "ROLLING_WINDOW"
    RANGE = "RANGE"


class EventType(Base):
    __tablename__ = "event_types"
    __table_args__ = (
        UniqueConstraint("owner_id", "slug", name="uq_event_types_owner_slug"),
        CheckConstraint(
            "period_type IN ('UNLIMITED', 'ROLLING', 'ROLLING_WINDOW', 'RANGE')",
            name="period_type",
        ),
        CheckConstraint("length_in_minutes >= 1", name="length_in_minutes"),
        CheckConstraint("seats_per_slot IS NULL OR seats_per_slot >= 1", name="seats_per_slot"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    slug: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    hidden: Mapped[bool] = mapped_column(default=False)
    position: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    # --- durations and the slot grid -------------------------------------------------------
    length_in_minutes: Mapped[int] = mapped_column(Integer)
    # Other durations the booker may pick (includes length_in_minutes); NULL = only that one.
    length_in_minutes_options: Mapped[list[int] | None] = mapped_column(JSONDocument)
    slot_interval: Mapped[int | None] = mapped_column(Integer)  # NULL = the booked length
    minimum_booking_notice: Mapped[int] = mapped_column(Integer, default=120)
    before_event_buffer: Mapped[int] = mapped_column(Integer, default=0)
    after_event_buffer: Mapped[int] = mapped_column(Integer, default=0)
    offset_start: Mapped[int] = mapped_column(Integer, default=0)
    only_show_first_available_slot: Mapped[bool] = mapped_column(default=False)
    schedule_id: Mapped[int | None] = mapped_column(ForeignKey("schedules.id", ondelete="SET NULL"))
    # The zone RANGE windows are read in; NULL = the schedule's zone (spec §5).
    time_zone: Mapped[str | None] = mapped_column(String(64))

    # --- booking window (periodType) --------------------------------------------------------
    period_type: Mapped[str] = mapped_column(String(16), default=PeriodType.UNLIMITED.value)
    period_days: Mapped[int | None] = mapped_column(Integer)
    period_count_calendar_days: Mapped[bool | None] = mapped_column()
    period_start_date: Mapped[date | None] = mapped_column(Date)
    period_end_date: Mapped[date | None] = mapped_column(Date)

    # --- limits -----------------------------------------------------------------------------
    booking_limits_count: Mapped[dict[str, int]] = mapped_column(JSONDocument, default=dict)
    booking_limits_duration: Mapped[dict[str, int]] = mapped_column(JSONDocument, default=dict)
    max_active_bookings_per_booker: Mapped[int | None] = mapped_column(Integer)
    max_active_bookings_offer_reschedule: Mapped[bool] = mapped_column(default=False)

    # --- seats ------------------------------------------------------------------------------
    seats_per_slot: Mapped[int | None] = mapped_column(Integer)  # NULL = not seated
    seats_show_attendees: Mapped[bool] = mapped_column(default=False)
    seats_show_availability_count: Mapped[bool] = mapped_column(default=True)

    # --- confirmation, recurrence -----------------------------------------------------------
    requires_confirmation: Mapped[bool] = mapped_column(default=False)
    requires_confirmation_will_block_slot: Mapped[bool] = mapped_column(default=False)
    requires_confirmation_threshold: Mapped[dict[str, Any] | None] = mapped_column(JSONDocument)
    recurrence: Mapped[dict[str, int] | None] = mapped_column(JSONDocument)

    # --- booking form and page --------------------------------------------------------------
    locations: Mapped[list[dict[str, Any]]] = mapped_column(JSONDocument, default=list)
    booking_fields: Mapped[list[dict[str, Any]]] = mapped_column(JSONDocument, default=list)
    disable_guests: Mapped[bool] = mapped_column(default=False)
    lock_time_zone_toggle: Mapped[bool] = mapped_column(default=False)
    requires_booker_email_verification: Mapped[bool] = mapped_column(default=False)
    booking_requires_authentication: Mapped[bool] = mapped_column(default=False)
    booker_layouts: Mapped[dict[str, Any] | None] = mapped_column(JSONDocument)
    color: Mapped[dict[str, str] | None] = mapped_column(JSONDocument)
    interface_language: Mapped[str | None] = mapped_column(String(16))
    show_optimized_slots: Mapped[bool] = mapped_column(default=False)
    success_redirect_url: Mapped[str | None] = mapped_column(String(2048))
    forward_params_success_redirect: Mapped[bool] = mapped_column(default=True)

    # --- calendar event, cancelling, rescheduling -------------------------------------------
    custom_name: Mapped[str | None] = mapped_column(String(500))  # Cal.com's eventName
    hide_calendar_notes: Mapped[bool] = mapped_column(default=False)
    hide_calendar_event_details: Mapped[bool] = mapped_column(default=False)
    hide_organizer_email: Mapped[bool] = mapped_column(default=False)
    use_destination_calendar_email: Mapped[bool] = mapped_column(default=False)
    destination_calendar: Mapped[dict[str, str] | None] = mapped_column(JSONDocument)
    cal_video_settings: Mapped[dict[str, Any] | None] = mapped_column(JSONDocument)
    disable_cancelling: Mapped[bool] = mapped_column(default=False)
    disable_rescheduling: Mapped[bool] = mapped_column(default=False)
    minimum_reschedule_notice: Mapped[int | None] = mapped_column(Integer)
    allow_rescheduling_past_bookings: Mapped[bool] = mapped_column(default=False)
    allow_rescheduling_cancelled_bookings: Mapped[bool] = mapped_column(default=False)

    event_metadata: Mapped[dict[str, Any]] = mapped_column("metadata", JSONDocument, default=dict)

    # --- teams (see ARCHITECTURE.md "Team scheduling") --------------------------------------
    # ``team_id`` and ``parent_id`` are plain indexed integers, not foreign keys: they were
    # added in place (copying event_types on SQLite would cascade-delete its bookings' rows),
    # so the team event types service deletes a team's event types and a parent's children.
    # A team event type's ``owner_id`` is the member who created it.
    team_id: Mapped[int | None] = mapped_column(Integer, index=True)
    scheduling_type: Mapped[str | None] = mapped_column(String(16))  # SchedulingType
    assign_all_team_members: Mapped[bool] = mapped_column(default=False, server_default=false())
    parent_id: Mapped[int | None] = mapped_column(Integer, index=True)  # a MANAGED child's
    # A MANAGED parent's settings its children may change (Cal.com's unlockedFields); every
    # other setting is locked: copied to the children and kept in sync.
    unlocked_fields: Mapped[list[str] | None] = mapped_column(JSONDocument)
    reschedule_with_same_round_robin_host: Mapped[bool] = mapped_column(
        default=False, server_default=false()
    )
    is_rr_weights_enabled: Mapped[bool] = mapped_column(default=False, server_default=false())


class SchedulingType(enum.StrEnum):
    """How a team event type's hosts share its slots (spec/scheduling.md §9)."""

    COLLECTIVE = "COLLECTIVE"
    ROUND_ROBIN = "ROUND_ROBIN"
    MANAGED = "MANAGED"


DEFAULT_PRIORITY = 2  # medium
DEFAULT_WEIGHT = 100


class EventTypeHost(Base):
    """A host of a team event type (Cal.com's ``Host``): fixed hosts attend every booking;
    round-robin hosts take turns by priority (0 lowest ... 4 highest) and weight."""

    __tablename__ = "hosts"
    __table_args__ = (
        UniqueConstraint("event_type_id", "user_id", name="uq_hosts_event_type_id_user_id"),
        CheckConstraint("priority BETWEEN 0 AND 4", name="priority"),
        CheckConstraint("weight >= 0", name="weight"),
        Index("ix_hosts_user_id", "user_id"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_type_id: Mapped[int] = mapped_column(ForeignKey("event_types.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    is_fixed: Mapped[bool] = mapped_column(default=False)
    priority: Mapped[int] = mapped_column(Integer, default=DEFAULT_PRIORITY)
    weight: Mapped[int] = mapped_column(Integer, default=DEFAULT_WEIGHT)
    schedule_id: Mapped[int | None] = mapped_column(ForeignKey("schedules.id", ondelete="SET NULL"))
