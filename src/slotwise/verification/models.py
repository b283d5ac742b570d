"""Verification codes and what they verified.

- ``VerificationCode``: one code sent to an address or number. Neither is kept in clear:
  ``target_hash`` is a SHA-256 of the normalized address (rate limits and lookups need only
  equality) and ``code_hash`` an HMAC-SHA256 of the code keyed by the instance's encryption
  key (a six-digit code's plain hash would be reversed by trying all million codes).
  ``attempts`` counts wrong guesses; at five the code is dead.
- ``VerifiedEmail`` / ``VerifiedPhone``: an address or number its owner (a user, or a user
  for a team) proved they receive, which workflow steps may then send to.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from slotwise.db import NEVER_REUSE_IDS, Base, UTCDateTime


class VerificationCode(Base):
    __tablename__ = "verification_codes"
    __table_args__ = (
        Index("ix_verification_codes_purpose_target", "purpose", "target_hash", "created_at"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # "booker_email" (public, before booking), "email" or "phone" (a verified resource).
    purpose: Mapped[str] = mapped_column(String(16))
    target_hash: Mapped[str] = mapped_column(String(64))
    code_hash: Mapped[str] = mapped_column(String(64))
    # Who asked (verified resources only); the verified row goes to them.
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class VerifiedEmail(Base):
    __tablename__ = "verified_emails"
    __table_args__ = (
        UniqueConstraint("user_id", "team_id", "email", name="uq_verified_emails_owner"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    team_id: Mapped[int | None] = mapped_column(
        ForeignKey("teams.id", ondelete="CASCADE"), index=True
    )
    email: Mapped[str] = mapped_column(String(254))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class VerifiedPhone(Base):
    __tablename__ = "verified_phones"
    __table_args__ = (
        UniqueConstraint("user_id", "team_id", "phone_number", name="uq_verified_phones_owner"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    team_id: Mapped[int | None] = mapped_column(
        ForeignKey("teams.id", ondelete="CASCADE"), index=True
    )
    phone_number: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
