"""Slot reservations: a booker's few-minute hold on a slot (spec/scheduling.md §12).

One row per (reservation, host), as Cal.com's ``SelectedSlots`` writes one row per host: a
hold on a collective or round-robin slot must make every one of its hosts look taken, and
the availability query reads holds by host. So ``uid`` names the reservation and is unique
per host (``UNIQUE (uid, user_id)``), not per row.

- ``uid``: the reservation's id (v2 ``reservationUid``; a fresh UUID per hold).
- ``holder``: who holds it, i.e. whose own listing still shows the slot. The v2 API's holder
  is the reservation uid itself; the legacy API's is the booker's ``uid`` cookie, shared by
  every hold that booker makes.
- ``reserved_until``: the hold ends then; an expired row is ignored by every read and
  deleted by the next write (lazily).
- ``is_seat``: a hold on one seat of a seated slot (it takes a seat instead of the slot).
- ``reservation_minutes``: what the holder asked for, so a read can answer
  ``reservationDuration`` after a PATCH renewed the hold.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from slotwise.db import NEVER_REUSE_IDS, Base, UTCDateTime

UID_MAX_LENGTH = 64  # UUIDs are 36; a legacy cookie uid may be any token up to this


class SlotReservation(Base):
    __tablename__ = "slot_reservations"
    __table_args__ = (
        UniqueConstraint("uid", "user_id", name="uq_slot_reservations_uid_user_id"),
        CheckConstraint("slot_start < slot_end", name="slot_span"),
        CheckConstraint("reservation_minutes >= 1", name="reservation_minutes"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(UID_MAX_LENGTH))
    event_type_id: Mapped[int] = mapped_column(
        ForeignKey("event_types.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    slot_start: Mapped[datetime] = mapped_column(UTCDateTime)
    slot_end: Mapped[datetime] = mapped_column(UTCDateTime)
    reserved_until: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    reservation_minutes: Mapped[int] = mapped_column(Integer)
    holder: Mapped[str] = mapped_column(String(UID_MAX_LENGTH), index=True)
    is_seat: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
