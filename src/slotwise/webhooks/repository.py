"""Every query on webhooks, each starting from the scope of the one who asks: a user
(``owned_by_user``: their own and their event types'), a user through /v2/webhooks
(``of_user_scope``), a user through one event type (``of_event_type_owned_by``), or a
booking change looking for its subscribers (``subscribing_to``), or the worker delivering a
row it was handed (``for_delivery``)."""

from __future__ import annotations

from sqlalchemy import ColumnElement, Select, delete, or_, select
from sqlalchemy.orm import Session

from slotwise.db import ReadSession
from slotwise.users.models import User
from slotwise.webhooks.models import Webhook


def owned_by_user(user_id: int) -> Select[Webhook]:
    """Every webhook a user owns: their own and their event types' (v1's view)."""
    return select(Webhook).where(Webhook.user_id == user_id)


def of_user_scope(user_id: int) -> Select[Webhook]:
    """A user's own webhooks (no event type): /v2/webhooks."""
    return owned_by_user(user_id).where(Webhook.event_type_id.is_(None))


def of_event_type_owned_by(user: User, event_type_id: int) -> Select[Webhook]:
    """The webhooks of one event type, as its owner sees them. Whether ``user`` owns the
    event type is the event types domain's to say (the service asks it first)."""
    return owned_by_user(user.id).where(Webhook.event_type_id == event_type_id)


def subscribing_to(user_id: int, event_type_id: int | None) -> Select[Webhook]:
    """What a booking of ``user_id`` (as host) and ``event_type_id`` notifies: the host's own
    webhooks and the event type's, active ones only."""
    scopes: list[ColumnElement[bool]] = [
        Webhook.event_type_id.is_(None) & (Webhook.user_id == user_id)
    ]
    if event_type_id is not None:
        scopes.append(Webhook.event_type_id == event_type_id)
    return select(Webhook).where(Webhook.active.is_(True), or_(*scopes))


def active_subscribers(
    session: ReadSession, *, user_id: int, event_type_id: int | None
) -> list[Webhook]:
    """The webhooks a booking change fires, by id."""
    return list(session.scalars(subscribing_to(user_id, event_type_id).order_by(Webhook.id)))


def for_delivery() -> Select[Webhook]:
    """Any webhook, by the id an outbox row names: the worker acts for no user, and the row
    was written for a subscriber already found through ``subscribing_to``."""
    return select(Webhook)


def find(session: ReadSession, scope: Select[Webhook], webhook_id: int) -> Webhook | None:
    return session.scalars(scope.where(Webhook.id == webhook_id)).one_or_none()


def page(session: ReadSession, scope: Select[Webhook], *, take: int, skip: int) -> list[Webhook]:
    return list(session.scalars(scope.order_by(Webhook.id).offset(skip).limit(take)))


def every(session: ReadSession, scope: Select[Webhook]) -> list[Webhook]:
    return list(session.scalars(scope.order_by(Webhook.id)))


def add(session: Session, webhook: Webhook) -> Webhook:
    session.add(webhook)
    session.flush()
    return webhook


def remove(session: Session, webhook: Webhook) -> None:
    session.delete(webhook)
    session.flush()


def remove_all(session: Session, scope: Select[Webhook]) -> int:
    """Deletes every webhook ``scope`` selects; returns how many."""
    statement = delete(Webhook)
    if scope.whereclause is not None:
        statement = statement.where(scope.whereclause)
    result = session.execute(statement)
    return int(result.rowcount)  # type: ignore[attr-defined]
