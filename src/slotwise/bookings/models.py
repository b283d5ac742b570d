"""Bookings, their attendees, and the record of their changes.

- ``Booking``: one meeting of an event type with its organizer (``user_id``, the host).
  ``uid`` is the booker's secret link (128+ random bits). A seated event has one booking per
  slot and one ``Attendee`` per seat (with its ``seat_uid``); a recurring series is one
  booking per occurrence sharing ``recurring_event_id``. A reschedule is a new booking:
  the old one is CANCELLED with ``rescheduled`` set and ``rescheduled_to_uid``, the new one
  carries ``from_reschedule`` (Cal.com's ``fromReschedule``).
- The host time a blocking booking (ACCEPTED, PENDING, AWAITING_HOST) takes is a
  ``busy_times`` row of ``slotwise.busy``, which the use cases write, update and free with
  the booking (``lifecycle``, ``changes.record``); the database's no-double-booking guarantee
  lives there.
- ``BookingChange``: one row per change of a booking, written in the same transaction by
  ``bookings.changes.record`` (created, requested, confirmed, rejected, cancelled,
  rescheduled, no-show updated, seat added or removed), beside the event it publishes.
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import (
    CheckConstraint,
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

UID_LENGTH = 32  # hex of 128 random bits, as the booker's secret link
EMAIL_MAX_LENGTH = 254
NAME_MAX_LENGTH = 200


class BookingStatus(enum.StrEnum):
    """Cal.com's ``BookingStatus``; the 2024-08-13 API answers them in lower case."""

    ACCEPTED = "ACCEPTED"
    PENDING = "PENDING"
    CANCELLED = "CANCELLED"
    REJECTED = "REJECTED"
    AWAITING_HOST = "AWAITING_HOST"


BLOCKING_STATUSES = (BookingStatus.ACCEPTED, BookingStatus.PENDING, BookingStatus.AWAITING_HOST)
_STATUS_VALUES = ", ".join(f"'{status.value}'" for status in BookingStatus)


class Booking(Base):
    __tablename__ = "bookings"
    __table_args__ = (
        CheckConstraint(f"status IN ({_STATUS_VALUES})", name="status"),
        CheckConstraint("start_time < end_time", name="span"),
        Index("ix_bookings_user_id_start_time", "user_id", "start_time"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    event_type_id: Mapped[int | None] = mapped_column(
        ForeignKey("event_types.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[str] = mapped_column(String(500))
    description: Mapped[str | None] = mapped_column(Text)
    start_time: Mapped[datetime] = mapped_column(UTCDateTime)
    end_time: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(16))
    location: Mapped[str | None] = mapped_column(String(2048))
    # The booking form's answers (name, email, guests, notes, location, custom fields).
    responses: Mapped[dict[str, Any]] = mapped_column(JSONDocument, default=dict)
    booking_metadata: Mapped[dict[str, Any]] = mapped_column("metadata", JSONDocument, default=dict)
    language: Mapped[str] = mapped_column(String(16), default="en")

    cancellation_reason: Mapped[str | None] = mapped_column(Text)
    cancelled_by_email: Mapped[str | None] = mapped_column(String(EMAIL_MAX_LENGTH))
    rejection_reason: Mapped[str | None] = mapped_column(Text)
    rescheduled: Mapped[bool] = mapped_column(default=False)
    rescheduling_reason: Mapped[str | None] = mapped_column(Text)
    rescheduled_by_email: Mapped[str | None] = mapped_column(String(EMAIL_MAX_LENGTH))
    from_reschedule: Mapped[str | None] = mapped_column(String(64), index=True)
    rescheduled_to_uid: Mapped[str | None] = mapped_column(String(64))
    recurring_event_id: Mapped[str | None] = mapped_column(String(64), index=True)
    absent_host: Mapped[bool] = mapped_column(default=False)
    rating: Mapped[int | None] = mapped_column(Integer)
    # Cal.com's ``paid``: False while a paid event type's booking awaits its payment (it is
    # PENDING then and holds its slot); True once the payment succeeded.
    paid: Mapped[bool] = mapped_column(default=False, server_default=false())
    # The calendar event's identity for every ICS of this booking, and its revision.
    ics_uid: Mapped[str] = mapped_column(String(128))
    ics_sequence: Mapped[int] = mapped_column(Integer, default=0)

    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Attendee(Base):
    __tablename__ = "attendees"
    __table_args__ = (NEVER_REUSE_IDS,)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    booking_id: Mapped[int] = mapped_column(
        ForeignKey("bookings.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(NAME_MAX_LENGTH))
    email: Mapped[str] = mapped_column(String(EMAIL_MAX_LENGTH), index=True)
    time_zone: Mapped[str] = mapped_column(String(64))
    locale: Mapped[str] = mapped_column(String(16), default="en")
    phone_number: Mapped[str | None] = mapped_column(String(32))
    # 12 or 24 as the booker chose on the booking page; None: their language's custom.
    time_format: Mapped[int | None] = mapped_column(Integer)
    no_show: Mapped[bool] = mapped_column(default=False)
    # Seated events: the seat's own secret (cancel or reschedule one seat) and answers.
    seat_uid: Mapped[str | None] = mapped_column(String(64), unique=True)
    seat_responses: Mapped[dict[str, Any] | None] = mapped_column(JSONDocument)
    seat_metadata: Mapped[dict[str, Any] | None] = mapped_column(JSONDocument)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class BookingChange(Base):
    __tablename__ = "booking_changes"
    __table_args__ = (NEVER_REUSE_IDS,)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    booking_id: Mapped[int] = mapped_column(
        ForeignKey("bookings.id", ondelete="CASCADE"), index=True
    )
    change: Mapped[str] = mapped_column(String(32))
    details: Mapped[dict[str, Any]] = mapped_column(JSONDocument, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class BookingHost(Base):
    """A team booking's other hosts (the organizer is ``bookings.user_id``): a collective
    booking's every host, a round-robin booking's fixed hosts. Each holds the meeting's time
    through a ``busy_times`` row of their own while the booking blocks; these rows say who
    the booking names after that too (outputs, emails, webhooks)."""

    __tablename__ = "booking_hosts"
    __table_args__ = (
        UniqueConstraint("booking_id", "user_id", name="uq_booking_hosts_booking_id_user_id"),
        Index("ix_booking_hosts_user_id", "user_id"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    booking_id: Mapped[int] = mapped_column(ForeignKey("bookings.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
