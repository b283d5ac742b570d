"""Teams (and organizations, which are teams too) and who belongs to them."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from slotwise.db import NEVER_REUSE_IDS, Base, JSONDocument, UTCDateTime


class MembershipRole(enum.StrEnum):
    MEMBER = "MEMBER"
    ADMIN = "ADMIN"
    OWNER = "OWNER"

    @property
    def rank(self) -> int:
        return _RANKS[self]

    def at_least(self, needed: MembershipRole) -> bool:
        return self.rank >= needed.rank


_RANKS = {MembershipRole.MEMBER: 0, MembershipRole.ADMIN: 1, MembershipRole.OWNER: 2}


class Team(Base):
    __tablename__ = "teams"
    __table_args__ = (
        # A slug names a team among its siblings: top-level teams share one namespace, each
        # organization's teams another. (PostgreSQL and SQLite both treat NULLs as distinct in
        # a unique constraint, so the service checks top-level slugs itself.)
        UniqueConstraint("parent_id", "slug", name="uq_teams_parent_id_slug"),
        CheckConstraint("time_format IS NULL OR time_format IN (12, 24)", name="time_format"),
        CheckConstraint("NOT (is_organization AND parent_id IS NOT NULL)", name="org_top_level"),
        Index("ix_teams_slug", "slug"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    slug: Mapped[str | None] = mapped_column(String(200))
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("teams.id", ondelete="CASCADE"), index=True
    )
    is_organization: Mapped[bool] = mapped_column(default=False)
    bio: Mapped[str | None] = mapped_column(Text)
    logo_url: Mapped[str | None] = mapped_column(String(2048))
    banner_url: Mapped[str | None] = mapped_column(String(2048))
    cal_video_logo: Mapped[str | None] = mapped_column(String(2048))
    app_logo: Mapped[str | None] = mapped_column(String(2048))
    app_icon_logo: Mapped[str | None] = mapped_column(String(2048))
    brand_color: Mapped[str | None] = mapped_column(String(9))
    dark_brand_color: Mapped[str | None] = mapped_column(String(9))
    theme: Mapped[str | None] = mapped_column(String(10))
    hide_branding: Mapped[bool] = mapped_column(default=False)
    is_private: Mapped[bool] = mapped_column(default=False)
    hide_book_a_team_member: Mapped[bool] = mapped_column(default=False)
    time_format: Mapped[int | None] = mapped_column(Integer)
    time_zone: Mapped[str] = mapped_column(String(64), default="Europe/London")
    week_start: Mapped[str] = mapped_column(String(10), default="Sunday")
    # Cal.com's team-wide booking limits (counted over all the team's event types of a host).
    booking_limits: Mapped[dict[str, int] | None] = mapped_column(JSONDocument)
    team_metadata: Mapped[dict[str, Any]] = mapped_column("metadata", JSONDocument, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Membership(Base):
    __tablename__ = "memberships"
    __table_args__ = (
        UniqueConstraint("team_id", "user_id", name="uq_memberships_team_id_user_id"),
        CheckConstraint("role IN ('MEMBER', 'ADMIN', 'OWNER')", name="role"),
        Index("ix_memberships_user_id", "user_id"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(16), default=MembershipRole.MEMBER.value)
    # An invitation is a membership not yet accepted: it grants nothing until it is.
    accepted: Mapped[bool] = mapped_column(default=False)
    disable_impersonation: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
