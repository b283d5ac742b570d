"""Private (hashed) links: a secret URL ``/d/{hash}/{slug}`` that books one event type,
hidden or not, until it expires or has been used ``max_usage_count`` times (Cal.com's
``HashedLink``). ``usage_count`` is raised by a conditional UPDATE inside the booking's
transaction, so two racing bookers can never both take a link's last use."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from slotwise.db import NEVER_REUSE_IDS, Base, UTCDateTime

LINK_HASH_LENGTH = 32  # 128 random bits, hex


class PrivateLink(Base):
    __tablename__ = "private_links"
    __table_args__ = (
        CheckConstraint("max_usage_count IS NULL OR max_usage_count >= 1", name="max_usage_count"),
        CheckConstraint("usage_count >= 0", name="usage_count"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    link: Mapped[str] = mapped_column(String(LINK_HASH_LENGTH), unique=True)
    event_type_id: Mapped[int] = mapped_column(
        ForeignKey("event_types.id", ondelete="CASCADE"), index=True
    )
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    max_usage_count: Mapped[int | None] = mapped_column(Integer)
    usage_count: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
