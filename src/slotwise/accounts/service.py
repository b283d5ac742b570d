"""Accounts' rules: who may sign up, signing in and out, and resetting a forgotten password.

Tokens (a session's cookie, a reset link) are 256 random bits; only their SHA-256 is stored.
Services never commit: the request's session does.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from sqlalchemy.orm import Session

from slotwise.accounts import repository
from slotwise.accounts.events import PasswordResetRequested
from slotwise.accounts.models import PasswordReset, WebSession
from slotwise.config import Settings
from slotwise.db import ReadSession
from slotwise.errors import Forbidden, Invalid, Unauthorized
from slotwise.events import publish
from slotwise.ratelimit.sign_ins import charge_sign_in_for
from slotwise.users import repository as users_repository
from slotwise.users import service as users
from slotwise.users.commands import NewUser
from slotwise.users.models import User
from slotwise.users.passwords import PASSWORD_MIN_LENGTH, verify_password

WRONG_CREDENTIALS = "Wrong email or password"
# Hashed once per process: a sign-in for an unknown email still runs one argon2 verify, so
# the answer's timing does not tell which emails have accounts.
_DECOY_PASSWORD = secrets.token_urlsafe(16)


@dataclass(frozen=True, slots=True)
class SignedIn:
    user: User
    token: str  # the cookie's value; exists nowhere else
    expires_at: datetime


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def sign_up(
    session: Session,
    settings: Settings,
    new: NewUser,
    *,
    now: datetime,
    hasher: PasswordHasher,
) -> SignedIn:
    """A new account (when the instance allows sign-ups), signed in at once."""
    if not settings.signup_enabled:
        raise Forbidden("Sign-up is turned off on this instance")
    if not new.password:
        raise Invalid.field("password", f"must be at least {PASSWORD_MIN_LENGTH} characters")
    user = users.create_user(session, new, now=now, hasher=hasher)
    return start_session(session, settings, user, now=now)


def sign_in(
    session: Session,
    settings: Settings,
    email: str,
    password: str,
    *,
    address: str,
    now: datetime,
    hasher: PasswordHasher,
) -> SignedIn:
    """Checks the password (rate-limited per account and per address) and starts a session."""
    charge_sign_in_for(session, email, address, now=now)
    user = users_repository.get_by_email(session, email.strip())
    if user is None or not user.password_hash:
        verify_password(hasher, _decoy_hash(hasher), password)
        raise Unauthorized(WRONG_CREDENTIALS)
    if not verify_password(hasher, user.password_hash, password):
        raise Unauthorized(WRONG_CREDENTIALS)
    if user.locked:  # told only to whoever knows the password
        raise Forbidden("This account is disabled; ask the instance administrator")
    if hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hasher.hash(password)
    return start_session(session, settings, user, now=now)


def start_session(session: Session, settings: Settings, user: User, *, now: datetime) -> SignedIn:
    repository.drop_expired_sessions(session, user.id, now)
    token = secrets.token_urlsafe(32)
    expires = now + timedelta(days=settings.web_session_days)
    session.add(
        WebSession(
            user_id=user.id, token_hash=token_hash(token), created_at=now, expires_at=expires
        )
    )
    session.flush()
    return SignedIn(user, token, expires)


def signed_in_user(session: ReadSession, token: str | None, *, now: datetime) -> User | None:
    """The user a session cookie belongs to, or None (no cookie, unknown, expired)."""
    if not token:
        return None
    web_session = repository.live_session(session, token_hash(token), now)
    user = None if web_session is None else repository.user_of(session, web_session)
    return None if user is None or user.locked else user


def sign_out(session: Session, token: str | None) -> None:
    if token:
        repository.end_session(session, token_hash(token))


def request_password_reset(
    session: Session, settings: Settings, email: str, *, now: datetime
) -> None:
    """Mails a one-use link to the account's address, if there is such an account. The caller
    answers the same either way, so the form does not tell who has an account."""
    user = users_repository.get_by_email(session, email.strip())
    if user is None:
        return
    token = secrets.token_urlsafe(32)
    expires = now + timedelta(minutes=settings.password_reset_minutes)
    session.add(
        PasswordReset(
            user_id=user.id, token_hash=token_hash(token), created_at=now, expires_at=expires
        )
    )
    session.flush()
    publish(
        session,
        PasswordResetRequested(
            email=user.email,
            name=user.name or user.username,
            language=user.locale,
            link=f"{settings.base_url}/auth/forgot-password/{token}",
            expires_at=expires,
            at=now,
        ),
    )


def reset_link_is_usable(session: ReadSession, token: str, *, now: datetime) -> bool:
    return repository.peek_reset(session, token_hash(token), now) is not None


def reset_password(
    session: Session, token: str, password: str, *, now: datetime, hasher: PasswordHasher
) -> User:
    """Sets a new password with a reset link (once); every signed-in browser is signed out."""
    if len(password) < PASSWORD_MIN_LENGTH:
        raise Invalid.field("password", f"must be at least {PASSWORD_MIN_LENGTH} characters")
    reset = repository.usable_reset(session, token_hash(token), now)
    user = None if reset is None else users_repository.get_by_id(session, reset.user_id)
    if reset is None or user is None:
        raise Invalid.field("token", "This link has expired or was already used")
    reset.used_at = now
    user.password_hash = hasher.hash(password)
    user.updated_at = now
    repository.end_sessions_of(session, user.id)
    return user


def change_password(
    session: Session,
    user: User,
    current: str,
    new_password: str,
    *,
    now: datetime,
    hasher: PasswordHasher,
) -> None:
    if not user.password_hash or not verify_password(hasher, user.password_hash, current):
        raise Invalid.field("current_password", "is not your current password")
    if len(new_password) < PASSWORD_MIN_LENGTH:
        raise Invalid.field("password", f"must be at least {PASSWORD_MIN_LENGTH} characters")
    user.password_hash = hasher.hash(new_password)
    user.updated_at = now


_decoys: dict[tuple[int, int], str] = {}


def _decoy_hash(hasher: PasswordHasher) -> str:
    key = (hasher.time_cost, hasher.memory_cost)
    if key not in _decoys:
        _decoys[key] = hasher.hash(_DECOY_PASSWORD)
    return _decoys[key]
