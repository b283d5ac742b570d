"""Every query on event types. Reads through the API start from ``readable_by``: an event type
is read, changed and deleted by its owner only (an instance admin included: managing other
people's booking pages is not what the event-types API is for). Public reads (booking pages,
``?username=``) go through ``public_of``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from sqlalchemy import Select, func, select

from slotwise.db import ReadSession
from slotwise.event_types.models import EventType
from slotwise.users.models import User

SortOrder = Literal["asc", "desc"]


def readable_by(actor: User) -> Select[EventType]:
    """The actor's personal event types (a team's are read through ``team_repository``)."""
    return select(EventType).where(EventType.owner_id == actor.id, EventType.team_id.is_(None))


def public_of(owner_ids: Sequence[int], *, include_hidden: bool) -> Select[EventType]:
    statement = select(EventType).where(
        EventType.owner_id.in_(owner_ids), EventType.team_id.is_(None)
    )
    if not include_hidden:
        statement = statement.where(EventType.hidden.is_(False))
    return statement


def ordered(statement: Select[EventType], sort_created_at: SortOrder | None) -> Select[EventType]:
    """Cal.com's order (position, highest first, then id), or by creation when asked."""
    if sort_created_at == "asc":
        return statement.order_by(EventType.created_at.asc(), EventType.id.asc())
    if sort_created_at == "desc":
        return statement.order_by(EventType.created_at.desc(), EventType.id.desc())
    return statement.order_by(EventType.position.desc(), EventType.id.asc())


def get_readable(session: ReadSession, actor: User, event_type_id: int) -> EventType | None:
    return session.scalars(readable_by(actor).where(EventType.id == event_type_id)).one_or_none()


def list_readable(
    session: ReadSession, actor: User, *, slug: str | None, sort_created_at: SortOrder | None
) -> list[EventType]:
    statement = readable_by(actor)
    if slug is not None:
        statement = statement.where(EventType.slug == slug)
    return list(session.scalars(ordered(statement, sort_created_at)))


def list_public(
    session: ReadSession,
    owner_ids: Sequence[int],
    *,
    slug: str | None,
    sort_created_at: SortOrder | None,
) -> list[EventType]:
    """Owners' event types for booking pages: without hidden ones, unless one is asked for
    by its slug (a hidden event type is still bookable through its own link)."""
    statement = public_of(owner_ids, include_hidden=slug is not None)
    if slug is not None:
        statement = statement.where(EventType.slug == slug)
    return list(session.scalars(ordered(statement, sort_created_at)))


def slug_taken(
    session: ReadSession, owner_id: int, slug: str, *, except_id: int | None = None
) -> bool:
    statement = (
        select(func.count())
        .select_from(EventType)
        .where(EventType.owner_id == owner_id, EventType.slug == slug)
    )
    if except_id is not None:
        statement = statement.where(EventType.id != except_id)
    return bool(session.scalar(statement))
