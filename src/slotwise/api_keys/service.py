"""API keys as Cal.com shapes them: ``cal_`` + 32 lowercase hex characters from a CSPRNG.

The secret is returned once, at creation. The database keeps its SHA-256 (to find the key
in one indexed lookup) and its first 8 characters (so a person can tell keys apart).
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from slotwise.api_keys import repository
from slotwise.api_keys.models import ApiKey
from slotwise.db import ReadSession
from slotwise.errors import Invalid, NotFound, Unauthorized

if TYPE_CHECKING:  # the users domain sits below: its routes authenticate through this one
    from slotwise.users.models import User

logger = logging.getLogger("slotwise.api_keys")

API_KEY_PREFIX = "cal_"
VISIBLE_PREFIX_LENGTH = 8
KEY_NAME_MAX_LENGTH = 200
MAX_EXPIRY_DAYS = 3650
# lastUsedAt is refreshed at most this often, so reads do not each take a write lock.
LAST_USED_RESOLUTION = timedelta(minutes=1)
DEFAULT_REFRESH_DAYS_VALID = 30  # Cal.com's default for POST /v2/api-keys/refresh


@dataclass(frozen=True)
class IssuedApiKey:
    """A key just created: the only moment its secret exists outside the caller's hands."""

    record: ApiKey
    secret: str


def generate_secret() -> str:
    return API_KEY_PREFIX + secrets.token_hex(16)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def issue_key(
    session: Session,
    user: User,
    *,
    now: datetime,
    name: str = "",
    expires_in_days: int | None = None,
) -> IssuedApiKey:
    name = name.strip()
    if len(name) > KEY_NAME_MAX_LENGTH:
        raise Invalid.field("name", f"must be at most {KEY_NAME_MAX_LENGTH} characters")
    if expires_in_days is not None and not 1 <= expires_in_days <= MAX_EXPIRY_DAYS:
        raise Invalid.field("expiresInDays", f"must be between 1 and {MAX_EXPIRY_DAYS}")
    secret = generate_secret()
    record = ApiKey(
        user_id=user.id,
        name=name,
        hashed_key=hash_secret(secret),
        prefix=secret[:VISIBLE_PREFIX_LENGTH],
        expires_at=now + timedelta(days=expires_in_days) if expires_in_days else None,
        created_at=now,
    )
    repository.add(session, record)
    return IssuedApiKey(record=record, secret=secret)


@dataclass(frozen=True)
class Caller:
    """An authenticated request: the user and the key they presented."""

    user: User
    key: ApiKey


def authenticate_caller(session: Session, presented: str | None, *, now: datetime) -> Caller:
    """Who presented this key; 401 when it is missing, unknown or expired."""
    if not presented:
        raise Unauthorized("No API key provided")
    record = repository.find_presented(session, hash_secret(presented))
    if record is None:
        raise Unauthorized("Invalid API key")
    if record.expires_at is not None and record.expires_at <= now:
        raise Unauthorized("API key expired")
    if record.user.locked:
        raise Unauthorized("This account is disabled")
    if record.last_used_at is None or now - record.last_used_at >= LAST_USED_RESOLUTION:
        _touch_last_used(session, record, now)
    return Caller(user=record.user, key=record)


def _touch_last_used(session: Session, record: ApiKey, now: datetime) -> None:
    """Best effort: a read-only request on SQLite may find another writer holding the lock;
    the request still succeeds and a later call records the use."""
    try:
        with session.begin_nested():
            record.last_used_at = now
    except OperationalError:
        logger.info("lastUsedAt of API key %s not recorded: database busy", record.prefix)


def authenticate(session: Session, presented: str | None, *, now: datetime) -> User:
    """The user a presented key belongs to; 401 when it is missing, unknown or expired."""
    return authenticate_caller(session, presented, now=now).user


def refresh_key(
    session: Session,
    caller: Caller,
    *,
    now: datetime,
    days_valid: int = DEFAULT_REFRESH_DAYS_VALID,
    never_expires: bool = False,
) -> IssuedApiKey:
    """Cal.com's refresh: a new key for the caller, and the key they used stops working."""
    issued = issue_key(
        session,
        caller.user,
        now=now,
        name=caller.key.name,
        expires_in_days=None if never_expires else days_valid,
    )
    repository.delete(session, caller.key)
    return issued


def keys_of(session: ReadSession, user: User) -> list[ApiKey]:
    return repository.list_of_user(session, user.id)


def revoke_key(session: Session, user: User, key_id: int) -> None:
    """Deletes one of the user's keys (the host's settings page); another's is unknown."""
    record = repository.key_of_user(session, user.id, key_id)
    if record is None:
        raise NotFound(f"API key with id {key_id} not found")
    repository.delete(session, record)
