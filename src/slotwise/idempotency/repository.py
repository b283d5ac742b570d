"""Every query on ``idempotent_requests``, each starting from the scope of the one who
asks: a request (its caller and route: ``for_request``), the claim it holds (``held``), or
the sweeper of expired rows (``expired``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, Select, delete, select, update
from sqlalchemy.orm import Session

from slotwise.db import ReadSession
from slotwise.idempotency.models import IdempotentRequest


@dataclass(frozen=True)
class Claim:
    """A running row a request owns; ``created_at`` tells it apart from a takeover."""

    id: int
    created_at: datetime


def for_request(scope: str, route: str) -> Select[IdempotentRequest]:
    """The keys one caller (``scope``: the presented key's hash) used on one route."""
    return select(IdempotentRequest).where(
        IdempotentRequest.scope == scope, IdempotentRequest.route == route
    )


def held(claim: Claim) -> Any:
    """The claim's row while it is still the claimant's and still running."""
    return (
        (IdempotentRequest.id == claim.id)
        & (IdempotentRequest.created_at == claim.created_at)
        & IdempotentRequest.response_status.is_(None)
    )


def expired(now: datetime) -> Any:
    return IdempotentRequest.expires_at <= now


def find(
    session: ReadSession, scope: Select[IdempotentRequest], key: str
) -> IdempotentRequest | None:
    return session.scalars(scope.where(IdempotentRequest.key == key)).one_or_none()


def add(session: Session, row: IdempotentRequest) -> None:
    session.add(row)
    session.flush()


def remove(session: Session, row: IdempotentRequest) -> None:
    session.delete(row)
    session.flush()


def delete_expired(session: Session, now: datetime) -> None:
    session.execute(delete(IdempotentRequest).where(expired(now)))


def take_over(
    session: Session, row_id: int, *, now: datetime, lease: timedelta, ttl: timedelta
) -> bool:
    """Takes over a running row older than ``lease`` (its process died); one of two racing
    takeovers wins."""
    result = session.execute(
        update(IdempotentRequest)
        .where(
            IdempotentRequest.id == row_id,
            IdempotentRequest.response_status.is_(None),
            IdempotentRequest.created_at <= now - lease,
        )
        .values(created_at=now, expires_at=now + ttl)
        .execution_options(synchronize_session=False)
    )
    return cast(CursorResult[Any], result).rowcount == 1


def store_response(session: Session, claim: Claim, status: int, body: str) -> bool:
    """Records the answer on the claim's row; False when the claim was taken over."""
    result = session.execute(
        update(IdempotentRequest)
        .where(held(claim))
        .values(response_status=status, response_body=body)
        .execution_options(synchronize_session=False)
    )
    return cast(CursorResult[Any], result).rowcount == 1


def release(session: Session, claim: Claim) -> None:
    session.execute(delete(IdempotentRequest).where(held(claim)))
