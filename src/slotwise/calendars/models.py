"""Selected calendars (their busy times block slots), a user's destination calendar (where
bookings are written), each selected calendar's cached busy times, and where each booking's
event was written (so a reschedule moves it and a cancellation removes it).

Calendars are named as Cal.com names them: ``integration`` (the credential type, e.g.
``apple_calendar``) and ``external_id`` (the provider's id; CalDAV: the calendar's URL).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from slotwise.db import NEVER_REUSE_IDS, Base, JSONDocument, UTCDateTime

EXTERNAL_ID_MAX_LENGTH = 1024


class SelectedCalendar(Base):
    __tablename__ = "selected_calendars"
    __table_args__ = (
        UniqueConstraint("user_id", "credential_id", "external_id"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    credential_id: Mapped[int] = mapped_column(
        ForeignKey("credentials.id", ondelete="CASCADE"), index=True
    )
    integration: Mapped[str] = mapped_column(String(100))
    external_id: Mapped[str] = mapped_column(String(EXTERNAL_ID_MAX_LENGTH))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class DestinationCalendar(Base):
    __tablename__ = "destination_calendars"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    credential_id: Mapped[int] = mapped_column(
        ForeignKey("credentials.id", ondelete="CASCADE"), index=True
    )
    integration: Mapped[str] = mapped_column(String(100))
    external_id: Mapped[str] = mapped_column(String(EXTERNAL_ID_MAX_LENGTH))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class CalendarBusyCache(Base):
    """A selected calendar's busy times over [covers_from, covers_until), read at
    ``fetched_at`` (NULL: invalidated by one of our own writes, to be read again).
    ``failure``: why the last read failed (the intervals are then the last good ones)."""

    __tablename__ = "calendar_busy_cache"

    selected_calendar_id: Mapped[int] = mapped_column(
        ForeignKey("selected_calendars.id", ondelete="CASCADE"), primary_key=True
    )
    covers_from: Mapped[datetime] = mapped_column(UTCDateTime)
    covers_until: Mapped[datetime] = mapped_column(UTCDateTime)
    fetched_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    intervals: Mapped[list[Any]] = mapped_column(JSONDocument)  # [[start ISO, end ISO], ...]
    failure: Mapped[str | None] = mapped_column(Text)
    failed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class CalendarEventRef(Base):
    """Where a booking's calendar event lives (Cal.com's booking reference). Keyed by the
    ICS UID, which a reschedule keeps: the moved booking updates the same event."""

    __tablename__ = "calendar_event_refs"
    __table_args__ = (UniqueConstraint("user_id", "ics_uid"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    ics_uid: Mapped[str] = mapped_column(String(255))
    booking_uid: Mapped[str] = mapped_column(String(64))
    credential_id: Mapped[int] = mapped_column(
        ForeignKey("credentials.id", ondelete="CASCADE"), index=True
    )
    integration: Mapped[str] = mapped_column(String(100))
    external_id: Mapped[str] = mapped_column(String(EXTERNAL_ID_MAX_LENGTH))
    deleted: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class BookingsFeed(Base):
    """A user's private ICS feed of their bookings: a secret URL any calendar app can
    subscribe to. Only the token's SHA-256 is kept (it is shown once, like an API key);
    issuing a new one replaces it, so an old URL stops working."""

    __tablename__ = "bookings_feeds"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
