"""Every query on users. Reads start from ``readable_by``: what the caller may see."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from slotwise.db import ReadSession
from slotwise.users.models import User


def readable_by(actor: User) -> Select[User]:
    """An admin sees every user; anyone else sees only themselves."""
    statement = select(User)
    if not actor.is_admin:
        statement = statement.where(User.id == actor.id)
    return statement


def list_readable(session: ReadSession, actor: User) -> list[User]:
    return list(session.scalars(readable_by(actor).order_by(User.id)))


def get_readable(session: ReadSession, actor: User, user_id: int) -> User | None:
    return session.scalars(readable_by(actor).where(User.id == user_id)).one_or_none()


def get_by_id(session: ReadSession, user_id: int) -> User | None:
    return session.get(User, user_id)


def get_by_email(session: ReadSession, email: str) -> User | None:
    return session.scalars(select(User).where(User.email == email.lower())).one_or_none()


def get_by_username(session: ReadSession, username: str) -> User | None:
    return session.scalars(select(User).where(User.username == username.lower())).one_or_none()


def email_taken(session: ReadSession, email: str, *, except_user_id: int | None = None) -> bool:
    statement = select(func.count()).select_from(User).where(User.email == email.lower())
    if except_user_id is not None:
        statement = statement.where(User.id != except_user_id)
    return bool(session.scalar(statement))


def username_taken(
    session: ReadSession, username: str, *, except_user_id: int | None = None
) -> bool:
    statement = select(func.count()).select_from(User).where(User.username == username.lower())
    if except_user_id is not None:
        statement = statement.where(User.id != except_user_id)
    return bool(session.scalar(statement))


def count_users(session: ReadSession) -> int:
    return int(session.scalar(select(func.count()).select_from(User)) or 0)


def for_operator() -> Select[User]:
    """Every user: the operator's CLI, which acts for no user."""
    return select(User)


def list_all(session: ReadSession) -> list[User]:
    return list(session.scalars(for_operator().order_by(User.id)))


def of_organization(org_id: int) -> Select[User]:
    """An organization's users (``organization_id``): what its admins manage."""
    return select(User).where(User.organization_id == org_id)


def page(
    session: ReadSession, scope: Select[User], *, take: int, skip: int, emails: list[str]
) -> list[User]:
    statement = scope
    if emails:
        statement = statement.where(User.email.in_([email.lower() for email in emails]))
    return list(session.scalars(statement.order_by(User.id).offset(skip).limit(take)))


def lock(session: Session, user_ids: Sequence[int]) -> None:
    """Locks these users' rows in id order (PostgreSQL ``FOR UPDATE``; SQLite writers already
    hold the database's write lock): the lock every booking of theirs is checked under."""
    if user_ids and session.get_bind().dialect.name != "sqlite":
        session.execute(
            select(User.id)
            .where(User.id.in_(sorted(set(user_ids))))
            .order_by(User.id)
            .with_for_update()
        )
