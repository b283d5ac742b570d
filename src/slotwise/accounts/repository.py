"""Every query on sessions and password resets, each by the hash of its token."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from slotwise.accounts.models import PasswordReset, WebSession
from slotwise.db import ReadSession
from slotwise.users.models import User


def live_session(session: ReadSession, token_hash: str, now: datetime) -> WebSession | None:
    """The session a cookie names, while it has not expired."""
    return session.scalars(
        select(WebSession).where(WebSession.token_hash == token_hash, WebSession.expires_at > now)
    ).one_or_none()


def user_of(session: ReadSession, web_session: WebSession) -> User | None:
    return session.get(User, web_session.user_id)


def end_session(session: Session, token_hash: str) -> None:
    session.execute(delete(WebSession).where(WebSession.token_hash == token_hash))


def end_sessions_of(session: Session, user_id: int) -> None:
    """Every browser of the user signs out (after a password reset)."""
    session.execute(delete(WebSession).where(WebSession.user_id == user_id))


def drop_expired_sessions(session: Session, user_id: int, now: datetime) -> None:
    session.execute(
        delete(WebSession).where(WebSession.user_id == user_id, WebSession.expires_at <= now)
    )


def usable_reset(session: Session, token_hash: str, now: datetime) -> PasswordReset | None:
    """A reset link that has neither expired nor been used, locked for its one use."""
    return session.scalars(
        select(PasswordReset)
        .where(
            PasswordReset.token_hash == token_hash,
            PasswordReset.expires_at > now,
            PasswordReset.used_at.is_(None),
        )
        .with_for_update()
    ).one_or_none()


def peek_reset(session: ReadSession, token_hash: str, now: datetime) -> PasswordReset | None:
    return session.scalars(
        select(PasswordReset).where(
            PasswordReset.token_hash == token_hash,
            PasswordReset.expires_at > now,
            PasswordReset.used_at.is_(None),
        )
    ).one_or_none()
