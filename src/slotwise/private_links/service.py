"""Private links of an event type: the owner creates, lists, changes and deletes them; a
booker books through one (``/d/{link}/{slug}`` or ``hashedLink`` in ``POST /v2/bookings``).

A link with neither an expiry nor a maximum number of uses never expires. An expired or
used-up link is refused: expired is a 400 (it can never work again as sent), used up a 409
(it lost to the bookings before it, the loser of a race for its last use included).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from slotwise.commands import UNSET, Unset
from slotwise.db import ReadSession
from slotwise.errors import Conflict, Invalid, NotFound
from slotwise.event_types import service as event_types
from slotwise.event_types.models import EventType
from slotwise.private_links import repository
from slotwise.private_links.models import LINK_HASH_LENGTH, PrivateLink
from slotwise.slots import service as slots
from slotwise.slots.service import EventTypeRef
from slotwise.users.models import User

MAX_USAGE_COUNT = 1_000_000
USED_UP = "private_link_used_up"


@dataclass(frozen=True, slots=True)
class LinkSettings:
    """What a create or an update sets (UNSET: left as it is; None: no limit)."""

    expires_at: datetime | None | Unset = UNSET
    max_usage_count: int | None | Unset = UNSET


def is_expired(link: PrivateLink, *, now: datetime) -> bool:
    if link.expires_at is not None and link.expires_at <= now:
        return True
    return link.max_usage_count is not None and link.usage_count >= link.max_usage_count


def create_link(
    session: Session, owner: User, event_type_id: int, settings: LinkSettings, *, now: datetime
) -> PrivateLink:
    event_type = event_types.get_event_type(session, owner, event_type_id)
    link = PrivateLink(
        link=secrets.token_hex(LINK_HASH_LENGTH // 2),
        event_type_id=event_type.id,
        usage_count=0,
        created_at=now,
    )
    _apply(link, settings, now=now)
    session.add(link)
    session.flush()
    return link


def list_links(session: ReadSession, owner: User, event_type_id: int) -> list[PrivateLink]:
    event_type = event_types.get_event_type(session, owner, event_type_id)
    return repository.list_of_event_type(session, event_type.id)


def update_link(
    session: Session,
    owner: User,
    event_type_id: int,
    link_id: str,
    settings: LinkSettings,
    *,
    now: datetime,
) -> PrivateLink:
    link = _owned(session, owner, event_type_id, link_id)
    _apply(link, settings, now=now)
    session.flush()
    return link


def delete_link(session: Session, owner: User, event_type_id: int, link_id: str) -> PrivateLink:
    link = _owned(session, owner, event_type_id, link_id)
    session.delete(link)
    session.flush()
    return link


def bookable_through(
    session: ReadSession, link_id: str, slug: str
) -> tuple[PrivateLink, EventType, User]:
    """The link, the event type it books and its host, for ``/d/{link}/{slug}`` (the slug
    must be the event type's). Expired links are found too: the page says why it refuses."""
    link = repository.by_link(session, link_id) if _plausible(link_id) else None
    if link is None:
        raise NotFound("Private link not found")
    event_type, host = slots.event_type_and_host(
        session, EventTypeRef(event_type_id=link.event_type_id)
    )
    if event_type.slug != slug:
        raise NotFound("Private link not found")
    return link, event_type, host


def use_link(session: Session, link_id: str, event_type_id: int, *, now: datetime) -> None:
    """Counts one booking through the link, in the booking's transaction (so a refused
    booking gives the use back); refuses an unknown, foreign, expired or used-up link."""
    link = repository.by_link(session, link_id) if _plausible(link_id) else None
    if link is None or link.event_type_id != event_type_id:
        raise Invalid.field("hashedLink", "is not a private link of this event type")
    if repository.take_one_use(session, link.id, now=now):
        return
    session.refresh(link)
    if link.expires_at is not None and link.expires_at <= now:
        raise Invalid.field("hashedLink", "this private link has expired")
    raise Conflict("This private link has been used up", reason=USED_UP)


def _owned(session: ReadSession, owner: User, event_type_id: int, link_id: str) -> PrivateLink:
    event_type = event_types.get_event_type(session, owner, event_type_id)
    link = repository.get_of_event_type(session, event_type.id, link_id)
    if link is None:
        raise NotFound(f"Private link {link_id} not found")
    return link


def _apply(link: PrivateLink, settings: LinkSettings, *, now: datetime) -> None:
    problems = []
    if not isinstance(settings.expires_at, Unset):
        if settings.expires_at is not None and settings.expires_at <= now:
            problems.append({"field": "expiresAt", "message": "must be in the future"})
        link.expires_at = settings.expires_at
    if not isinstance(settings.max_usage_count, Unset):
        count = settings.max_usage_count
        if count is not None and not 1 <= count <= MAX_USAGE_COUNT:
            problems.append(
                {"field": "maxUsageCount", "message": f"must be between 1 and {MAX_USAGE_COUNT}"}
            )
        link.max_usage_count = count
    if problems:
        raise Invalid.fields(problems)


def _plausible(link_id: str) -> bool:
    return len(link_id) == LINK_HASH_LENGTH and link_id.isalnum()
