"""Every query on private links. The owner's reads start from ``of_event_type``, whose
event type the service has already found through the owner's scope; bookers reach a link
only by its secret hash (``by_link``)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Select, or_, select, update
from sqlalchemy.orm import Session

from slotwise.db import ReadSession
from slotwise.private_links.models import PrivateLink


def of_event_type(event_type_id: int) -> Select[PrivateLink]:
    return select(PrivateLink).where(PrivateLink.event_type_id == event_type_id)


def list_of_event_type(session: ReadSession, event_type_id: int) -> list[PrivateLink]:
    return list(session.scalars(of_event_type(event_type_id).order_by(PrivateLink.id)))


def get_of_event_type(session: ReadSession, event_type_id: int, link: str) -> PrivateLink | None:
    statement = of_event_type(event_type_id).where(PrivateLink.link == link)
    return session.scalars(statement).one_or_none()


def by_link(session: ReadSession, link: str) -> PrivateLink | None:
    return session.scalars(select(PrivateLink).where(PrivateLink.link == link)).one_or_none()


def take_one_use(session: Session, link_id: int, *, now: datetime) -> bool:
    """Counts one use if the link still has one and has not expired: a single conditional
    UPDATE, so of two racing transactions only one matches the last use (PostgreSQL
    re-checks the WHERE after the first commits; SQLite runs writers one at a time)."""
    result = session.execute(
        update(PrivateLink)
        .where(
            PrivateLink.id == link_id,
            or_(
                PrivateLink.max_usage_count.is_(None),
                PrivateLink.usage_count < PrivateLink.max_usage_count,
            ),
            or_(PrivateLink.expires_at.is_(None), PrivateLink.expires_at > now),
        )
        .values(usage_count=PrivateLink.usage_count + 1)
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(result, "rowcount", 0) == 1)
