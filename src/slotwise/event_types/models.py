"""Event types. The full API and every Cal.com field arrive with the scheduling-engine issue;
the table exists now with the columns the demo data and booking pages need first."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from slotwise.db import NEVER_REUSE_IDS, Base, JSONDocument, UTCDateTime


class EventType(Base):
    __tablename__ = "event_types"
    __table_args__ = (
        UniqueConstraint("owner_id", "slug", name="uq_event_types_owner_slug"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    slug: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    length_in_minutes: Mapped[int] = mapped_column(Integer)
    hidden: Mapped[bool] = mapped_column(default=False)
    position: Mapped[int] = mapped_column(Integer, default=0)
    schedule_id: Mapped[int | None] = mapped_column(ForeignKey("schedules.id", ondelete="SET NULL"))
    slot_interval: Mapped[int | None] = mapped_column(Integer)
    minimum_booking_notice: Mapped[int] = mapped_column(Integer, default=120)
    before_event_buffer: Mapped[int] = mapped_column(Integer, default=0)
    after_event_buffer: Mapped[int] = mapped_column(Integer, default=0)
    locations: Mapped[list[dict[str, Any]]] = mapped_column(JSONDocument, default=list)
    booking_fields: Mapped[list[dict[str, Any]]] = mapped_column(JSONDocument, default=list)
    event_metadata: Mapped[dict[str, Any]] = mapped_column("metadata", JSONDocument, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
