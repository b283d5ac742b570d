from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from slotwise.db import NEVER_REUSE_IDS, Base, JSONDocument, UTCDateTime


class UserRole(enum.StrEnum):
    USER = "USER"
    ADMIN = "ADMIN"  # the instance administrator


class User(Base):
    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint("time_format IN (12, 24)", name="time_format"),
        CheckConstraint("role IN ('USER', 'ADMIN')", name="role"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Both stored lower-cased: uniqueness is case-insensitive on every database.
    email: Mapped[str] = mapped_column(String(320), unique=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    time_zone: Mapped[str] = mapped_column(String(64), default="UTC")
    week_start: Mapped[str] = mapped_column(String(10), default="Monday")
    time_format: Mapped[int] = mapped_column(Integer, default=24)
    locale: Mapped[str | None] = mapped_column(String(16), default="en")
    avatar_url: Mapped[str | None] = mapped_column(String(2048))
    bio: Mapped[str | None] = mapped_column(Text)
    brand_color: Mapped[str | None] = mapped_column(String(9))
    dark_brand_color: Mapped[str | None] = mapped_column(String(9))
    theme: Mapped[str | None] = mapped_column(String(10))
    app_theme: Mapped[str | None] = mapped_column(String(10))
    hide_branding: Mapped[bool] = mapped_column(default=False)
    allow_dynamic_booking: Mapped[bool] = mapped_column(default=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16), default=UserRole.USER.value)
    # Disabled by an instance admin (Cal.com's `locked`): no sign-in, no API key works.
    locked: Mapped[bool] = mapped_column(default=False, server_default=false())
    default_schedule_id: Mapped[int | None] = mapped_column(
        ForeignKey("schedules.id", ondelete="SET NULL", use_alter=True)
    )
    # The one organization (a team, slotwise.teams) the user belongs to; NULL for most users.
    # No foreign key: see the teams migration (c3d5e7f9a1b2); the teams service clears it.
    organization_id: Mapped[int | None] = mapped_column(Integer, index=True)
    user_metadata: Mapped[dict[str, Any]] = mapped_column("metadata", JSONDocument, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    @property
    def is_admin(self) -> bool:
        return self.role == UserRole.ADMIN
