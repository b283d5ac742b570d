"""Installed apps: one credential per account a user connected (a CalDAV login, an OAuth
token, a video app's settings). ``key_encrypted`` is the credential's JSON sealed with the
instance's Fernet key (authenticated encryption): the database alone never reveals it.

``invalid``: the provider refused the credential; the owner was told once
(``invalid_notified``), and the credential stays until they reconnect or remove it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from slotwise.db import NEVER_REUSE_IDS, Base, UTCDateTime


class Credential(Base):
    __tablename__ = "credentials"
    __table_args__ = (NEVER_REUSE_IDS,)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    app_slug: Mapped[str] = mapped_column(String(100))
    type: Mapped[str] = mapped_column(String(100))  # Cal.com's: apple_calendar, zoom_video ...
    key_encrypted: Mapped[str] = mapped_column(Text)
    invalid: Mapped[bool] = mapped_column(default=False)
    invalid_notified: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
