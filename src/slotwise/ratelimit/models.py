"""The table the PostgreSQL counter keeps: one row per bucket, its current window's hits."""

from __future__ import annotations

from sqlalchemy import BigInteger, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from slotwise.db import Base


class RateLimitCounter(Base):
    __tablename__ = "rate_limit_counters"

    # "key:<sha256 of the API key>", "address:<ip>", "attendee:<sha256 of the email>" ...
    bucket: Mapped[str] = mapped_column(String(160), primary_key=True)
    window_start: Mapped[int] = mapped_column(BigInteger)  # epoch seconds
    hits: Mapped[int] = mapped_column(Integer)
    expires_at: Mapped[int] = mapped_column(BigInteger, index=True)  # epoch seconds: sweepable
