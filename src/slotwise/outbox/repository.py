"""Reads of outbox rows by a caller, each starting from its scope: one topic's rows (a
webhook's delivery log: ``of_topic``) or every row (the operator: ``for_operator``)."""

from __future__ import annotations

from sqlalchemy import Select, func, select

from slotwise.db import ReadSession
from slotwise.outbox.models import OutboxMessage, OutboxState


def of_topic(topic: str) -> Select[OutboxMessage]:
    """The rows written for one subscriber (``webhook:<id>``)."""
    return select(OutboxMessage).where(OutboxMessage.topic == topic)


def for_operator() -> Select[OutboxMessage]:
    """Every row: the operator's CLI, which acts for no user."""
    return select(OutboxMessage)


def find(
    session: ReadSession, scope: Select[OutboxMessage], message_id: int
) -> OutboxMessage | None:
    return session.scalars(scope.where(OutboxMessage.id == message_id)).one_or_none()


def count(session: ReadSession, scope: Select[OutboxMessage]) -> int:
    statement = select(func.count()).select_from(scope.subquery())
    return int(session.scalar(statement) or 0)


def newest_first(
    session: ReadSession,
    scope: Select[OutboxMessage],
    *,
    take: int,
    skip: int = 0,
    state: OutboxState | None = None,
) -> list[OutboxMessage]:
    statement = scope.order_by(OutboxMessage.id.desc()).offset(skip).limit(take)
    if state is not None:
        statement = statement.where(OutboxMessage.state == state.value)
    return list(session.scalars(statement))
