"""Recordings of a booking's video meeting, as its conferencing provider reported them
(Cal.com's Cal Video recordings): one row per provider recording, with the links of its
transcripts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from slotwise.db import NEVER_REUSE_IDS, Base, JSONDocument, UTCDateTime

EXTERNAL_ID_MAX_LENGTH = 200


class BookingRecording(Base):
    __tablename__ = "booking_recordings"
    __table_args__ = (
        UniqueConstraint("provider", "recording_id", name="uq_booking_recordings_provider_id"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    booking_id: Mapped[int] = mapped_column(
        ForeignKey("bookings.id", ondelete="CASCADE"), index=True
    )
    provider: Mapped[str] = mapped_column(String(100))  # the plugin's slug
    recording_id: Mapped[str] = mapped_column(String(EXTERNAL_ID_MAX_LENGTH))
    room_name: Mapped[str] = mapped_column(String(EXTERNAL_ID_MAX_LENGTH))
    status: Mapped[str] = mapped_column(String(32))
    start_ts: Mapped[int | None] = mapped_column(Integer)
    duration: Mapped[int | None] = mapped_column(Integer)
    max_participants: Mapped[int | None] = mapped_column(Integer)
    share_token: Mapped[str | None] = mapped_column(String(EXTERNAL_ID_MAX_LENGTH))
    download_link: Mapped[str | None] = mapped_column(Text)
    error: Mapped[str | None] = mapped_column(Text)
    transcript_links: Mapped[list[Any]] = mapped_column(JSONDocument, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
