"""Booking references: the records a booking has in other systems (a calendar event's id
and calendar, a video meeting's id, password and URL), Cal.com's ``BookingReference``.
Calendars and conferencing write them through ``service.record``; the API reads them."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from slotwise.db import NEVER_REUSE_IDS, Base

REFERENCE_TYPE_MAX_LENGTH = 100  # google_calendar, daily_video, caldav_calendar ...
EXTERNAL_ID_MAX_LENGTH = 1000  # CalDAV hrefs and Outlook ids are long


class BookingReference(Base):
    __tablename__ = "booking_references"
    __table_args__ = (NEVER_REUSE_IDS,)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    booking_id: Mapped[int] = mapped_column(
        ForeignKey("bookings.id", ondelete="CASCADE"), index=True
    )
    type: Mapped[str] = mapped_column(String(REFERENCE_TYPE_MAX_LENGTH), index=True)
    uid: Mapped[str] = mapped_column(String(EXTERNAL_ID_MAX_LENGTH))  # the external event's id
    meeting_id: Mapped[str | None] = mapped_column(String(EXTERNAL_ID_MAX_LENGTH))
    meeting_password: Mapped[str | None] = mapped_column(String(EXTERNAL_ID_MAX_LENGTH))
    meeting_url: Mapped[str | None] = mapped_column(Text)
    external_calendar_id: Mapped[str | None] = mapped_column(String(EXTERNAL_ID_MAX_LENGTH))
    # The app credential that wrote it. No foreign key: credentials are another domain's
    # table that does not exist yet; whoever deletes a credential clears its references.
    credential_id: Mapped[int | None] = mapped_column(Integer, index=True)
    deleted: Mapped[bool] = mapped_column(default=False)  # Cal.com keeps removed ones, flagged
