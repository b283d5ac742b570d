"""Availability schedules. The full API arrives with the scheduling-engine issue; the tables
exist now so that users can have a default schedule and demo data has working hours."""

from __future__ import annotations

from datetime import date, time

from sqlalchemy import Date, ForeignKey, Integer, String, Time
from sqlalchemy.orm import Mapped, mapped_column

from slotwise.db import NEVER_REUSE_IDS, Base, JSONDocument


class Schedule(Base):
    __tablename__ = "schedules"
    __table_args__ = NEVER_REUSE_IDS

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    time_zone: Mapped[str] = mapped_column(String(64))


class Availability(Base):
    """One weekly range (``date`` is NULL, ``days`` lists weekdays) or one date override.

    ``days`` uses Cal.com's storage numbering: 0 = Sunday ... 6 = Saturday.
    Times are wall-clock times in the schedule's time zone.
    """

    __tablename__ = "availabilities"
    __table_args__ = NEVER_REUSE_IDS

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    schedule_id: Mapped[int] = mapped_column(
        ForeignKey("schedules.id", ondelete="CASCADE"), index=True
    )
    days: Mapped[list[int]] = mapped_column(JSONDocument, default=list)
    start_time: Mapped[time] = mapped_column(Time)
    end_time: Mapped[time] = mapped_column(Time)
    date: Mapped[date | None] = mapped_column(Date)
