"""Webhook subscriptions: a user's own (``event_type_id`` NULL: every booking they host) or
one event type's. The secret is kept encrypted (Fernet, SLOTWISE_ENCRYPTION_KEY): the worker
needs it in clear to sign deliveries, and nobody may read it back through the API.

Deliveries are outbox rows (kind ``webhook``, topic ``webhook:<id>``); the delivery log is a
view of those rows.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from slotwise.db import NEVER_REUSE_IDS, Base, JSONDocument, UTCDateTime

SUBSCRIBER_URL_MAX_LENGTH = 2048


class Webhook(Base):
    __tablename__ = "webhooks"
    __table_args__ = (NEVER_REUSE_IDS,)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    event_type_id: Mapped[int | None] = mapped_column(
        ForeignKey("event_types.id", ondelete="CASCADE"), index=True
    )
    subscriber_url: Mapped[str] = mapped_column(String(SUBSCRIBER_URL_MAX_LENGTH))
    triggers: Mapped[list[str]] = mapped_column(JSONDocument)
    active: Mapped[bool] = mapped_column(default=True)
    payload_template: Mapped[str | None] = mapped_column(Text)
    secret_encrypted: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
