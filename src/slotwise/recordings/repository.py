"""Every query on recordings (the service checked who may read the booking's)."""

from __future__ import annotations

from sqlalchemy import select

from slotwise.db import ReadSession
from slotwise.recordings.models import BookingRecording


def of_booking(session: ReadSession, booking_id: int) -> list[BookingRecording]:
    return list(
        session.scalars(
            select(BookingRecording)
            .where(BookingRecording.booking_id == booking_id)
            .order_by(BookingRecording.id)
        )
    )


def by_provider_id(
    session: ReadSession, provider: str, recording_id: str
) -> BookingRecording | None:
    return session.scalars(
        select(BookingRecording).where(
            BookingRecording.provider == provider, BookingRecording.recording_id == recording_id
        )
    ).one_or_none()
