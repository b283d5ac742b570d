"""Out-of-office entries: whole days a person is away, in their own zone (Cal.com's
``OutOfOfficeEntry``). The dates are calendar dates: an entry starts at the start of its
first day and ends at the end of its last day in the person's time zone, so a zone change
moves it with them."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from slotwise.db import NEVER_REUSE_IDS, Base, UTCDateTime


class OooReason(enum.StrEnum):
    UNSPECIFIED = "unspecified"
    VACATION = "vacation"
    TRAVEL = "travel"
    SICK = "sick"
    PUBLIC_HOLIDAY = "public_holiday"


REASON_EMOJI = {  # Cal.com's default reasons
    OooReason.UNSPECIFIED: "🏝️",
    OooReason.VACATION: "🏝️",
    OooReason.TRAVEL: "✈️",
    OooReason.SICK: "🤒",
    OooReason.PUBLIC_HOLIDAY: "📅",
}
REASON_IDS = {reason: number for number, reason in enumerate(OooReason, start=1)}


class OutOfOfficeEntry(Base):
    __tablename__ = "out_of_office_entries"
    __table_args__ = (
        CheckConstraint("end_date >= start_date", name="dates_in_order"),
        CheckConstraint(
            "reason IN ('unspecified', 'vacation', 'travel', 'sick', 'public_holiday')",
            name="reason",
        ),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)  # inclusive: the last day away
    reason: Mapped[str] = mapped_column(String(20), default=OooReason.UNSPECIFIED.value)
    notes: Mapped[str | None] = mapped_column(Text)
    # Whom bookers are sent to meanwhile; a deleted colleague leaves no redirect.
    to_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
