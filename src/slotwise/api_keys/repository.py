"""Every query on API keys, each starting from the scope of the one who asks: a key's
owner (``of_user``) or a request presenting a key (``by_hash``)."""

from __future__ import annotations

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, joinedload

from slotwise.api_keys.models import ApiKey
from slotwise.db import ReadSession


def of_user(user_id: int) -> Select[ApiKey]:
    """The keys a user holds."""
    return select(ApiKey).where(ApiKey.user_id == user_id)


def by_hash(hashed_key: str) -> Select[ApiKey]:
    """The key a request presents, found by its SHA-256 (one unique-index lookup), with
    the user it belongs to."""
    return select(ApiKey).where(ApiKey.hashed_key == hashed_key).options(joinedload(ApiKey.user))


def find_presented(session: ReadSession, hashed_key: str) -> ApiKey | None:
    return session.scalars(by_hash(hashed_key)).one_or_none()


def list_of_user(session: ReadSession, user_id: int) -> list[ApiKey]:
    return list(session.scalars(of_user(user_id).order_by(ApiKey.id)))


def key_of_user(session: ReadSession, user_id: int, key_id: int) -> ApiKey | None:
    return session.scalars(of_user(user_id).where(ApiKey.id == key_id)).one_or_none()


def add(session: Session, record: ApiKey) -> ApiKey:
    session.add(record)
    session.flush()
    return record


def delete(session: Session, record: ApiKey) -> None:
    session.delete(record)
    session.flush()
