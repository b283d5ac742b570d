"""Event-type rules needed before the event-types API exists: creating a personal one.

The scheduling-engine issue grows this into the full /v2/event-types service.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from slotwise.errors import Conflict, Invalid
from slotwise.event_types.models import EventType
from slotwise.users.models import User


def create_personal_event_type(
    session: Session,
    owner: User,
    *,
    title: str,
    slug: str,
    length_in_minutes: int,
    now: datetime,
    description: str | None = None,
) -> EventType:
    if length_in_minutes < 1:
        raise Invalid.field("lengthInMinutes", "must be at least 1")
    slug_taken = session.scalar(
        select(func.count())
        .select_from(EventType)
        .where(EventType.owner_id == owner.id, EventType.slug == slug)
    )
    if slug_taken:
        raise Conflict(f"You already have an event type with the slug {slug}")
    event_type = EventType(
        owner_id=owner.id,
        title=title,
        slug=slug,
        description=description,
        length_in_minutes=length_in_minutes,
        schedule_id=None,  # None = the owner's default schedule
        locations=[{"type": "integration", "integration": "cal-video"}],
        created_at=now,
    )
    session.add(event_type)
    session.flush()
    return event_type
