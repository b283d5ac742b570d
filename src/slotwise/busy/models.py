"""The time a host is busy: one row per (booking, host) today; calendars will add theirs.

``BusyTime`` is the span a blocking booking (ACCEPTED, PENDING, AWAITING_HOST) takes from a
host, with the buffers its event type has *now* (Cal.com's rule): ``[starts_at, ends_at) =
[start - before, end + after)``; the event types service re-spans an event type's rows when
its buffers change (``service.follow_buffers``) and when it is deleted (no buffers then).
The meetings of one host never overlap: on PostgreSQL the migrations add
``EXCLUDE USING gist (user_id WITH =, tstzrange(meeting_starts_at, meeting_ends_at) WITH &&)``
(btree_gist), so the database itself refuses a double booking even if a check were skipped;
SQLite writers run the check and the insert in one ``BEGIN IMMEDIATE`` transaction. The
buffers (the cross-buffer rule: a new booking conflicts with an old one when
``new.start - new.before < old.end + old.after``) are checked by the service under the
hosts' locks; spans may overlap once a buffer grows, as Cal.com's do. The constraint is
not declared on the model (SQLite has none such) and Alembic does not compare exclusion
constraints.

A row carries what the availability engine reads about the booking, so that slots never
reads bookings' tables: the meeting itself (``meeting_starts_at`` .. ``meeting_ends_at``;
the span minus it is the buffers), its event type, its uid, the seats it takes (its
attendees) and whether it is confirmed (ACCEPTED: what booking limits count). The bookings
domain writes the row with the booking, brings it up to date at each recorded change and
deletes it when the booking stops blocking (cancelled, rejected, moved).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from slotwise.db import NEVER_REUSE_IDS, Base, UTCDateTime


class BusyTime(Base):
    __tablename__ = "busy_times"
    __table_args__ = (
        UniqueConstraint("booking_id", "user_id", name="uq_busy_times_booking_id_user_id"),
        CheckConstraint("starts_at < ends_at", name="span"),
        CheckConstraint(
            "starts_at <= meeting_starts_at AND meeting_starts_at < meeting_ends_at "
            "AND meeting_ends_at <= ends_at",
            name="meeting_inside_span",
        ),
        CheckConstraint("seats_taken >= 0", name="seats_taken"),
        Index("ix_busy_times_user_id_starts_at", "user_id", "starts_at"),
        Index("ix_busy_times_event_type_id", "event_type_id"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    booking_id: Mapped[int] = mapped_column(ForeignKey("bookings.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)  # meeting start - before buffer
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)  # meeting end + after buffer
    meeting_starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    meeting_ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    event_type_id: Mapped[int | None] = mapped_column(
        ForeignKey("event_types.id", ondelete="SET NULL")
    )
    booking_uid: Mapped[str] = mapped_column(String(64))
    seats_taken: Mapped[int] = mapped_column(Integer)
    confirmed: Mapped[bool] = mapped_column()
