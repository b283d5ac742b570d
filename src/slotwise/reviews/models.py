"""Reviews: an attendee's rating (1-5) and comment of a meeting that took place, asked for
once the meeting ended through a single-use secret link.

One row per booking and attendee email, written when the booking is put on the calendar (the
outbox row that asks for the review is due at its end). ``secret_hash`` is the SHA-256 of the
link's secret, set when the email is sent: the secret itself is stored nowhere, not even in
the outbox row. ``submitted_at`` set means the link was used."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from slotwise.bookings.models import EMAIL_MAX_LENGTH, NAME_MAX_LENGTH
from slotwise.db import NEVER_REUSE_IDS, Base, UTCDateTime

SECRET_HASH_LENGTH = 64  # hex SHA-256
COMMENT_MAX_LENGTH = 2000


class BookingReview(Base):
    __tablename__ = "booking_reviews"
    __table_args__ = (
        UniqueConstraint("booking_id", "attendee_email", name="uq_booking_reviews_attendee"),
        CheckConstraint("rating IS NULL OR rating BETWEEN 1 AND 5", name="rating"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    booking_id: Mapped[int] = mapped_column(ForeignKey("bookings.id", ondelete="CASCADE"))
    # Plain and indexed, as event_types.team_id: the per-event-type listing reads by it.
    event_type_id: Mapped[int | None] = mapped_column(Integer, index=True)
    attendee_email: Mapped[str] = mapped_column(String(EMAIL_MAX_LENGTH))
    attendee_name: Mapped[str] = mapped_column(String(NAME_MAX_LENGTH))
    secret_hash: Mapped[str | None] = mapped_column(String(SECRET_HASH_LENGTH), unique=True)
    rating: Mapped[int | None] = mapped_column(Integer)
    comment: Mapped[str | None] = mapped_column(Text)
    requested_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
