"""Requests sent with an ``Idempotency-Key``: the first response, replayed to retries."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from slotwise.db import NEVER_REUSE_IDS, Base, UTCDateTime


class IdempotentRequest(Base):
    """One ``Idempotency-Key`` use: who sent it to which route, the body's hash, and the
    first response once it is known (``slotwise.idempotency.dependencies``)."""

    __tablename__ = "idempotent_requests"
    __table_args__ = (
        UniqueConstraint("scope", "route", "key", name="uq_idempotent_requests_scope_route_key"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    scope: Mapped[str] = mapped_column(String(100))  # the caller: "user:5" or "anonymous"
    route: Mapped[str] = mapped_column(String(300))  # "POST /v2/bookings/<uid>/cancel"
    key: Mapped[str] = mapped_column(String(255))
    request_hash: Mapped[str] = mapped_column(String(64))
    response_status: Mapped[int | None] = mapped_column(Integer)  # NULL: still running
    response_body: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
