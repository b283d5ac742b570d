"""Every query on credentials, from the scope of who asks: a user (``owned_by_user``), the
worker or a cache refresh acting for a row it was handed (``for_delivery``), the operator
rotating the key (``every_credential``)."""

from __future__ import annotations

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from slotwise.apps.models import Credential
from slotwise.db import ReadSession


def owned_by_user(user_id: int) -> Select[Credential]:
    return select(Credential).where(Credential.user_id == user_id)


def of_app(user_id: int, app_slug: str) -> Select[Credential]:
    return owned_by_user(user_id).where(Credential.app_slug == app_slug)


def for_delivery() -> Select[Credential]:
    """Any credential, by the id an outbox row or a selected calendar names: the worker acts
    for no user, and the id was written for its owner."""
    return select(Credential)


def every_credential() -> Select[Credential]:
    return select(Credential)


def find(session: ReadSession, scope: Select[Credential], credential_id: int) -> Credential | None:
    return session.scalars(scope.where(Credential.id == credential_id)).one_or_none()


def every(session: ReadSession, scope: Select[Credential]) -> list[Credential]:
    return list(session.scalars(scope.order_by(Credential.id)))


def add(session: Session, credential: Credential) -> Credential:
    session.add(credential)
    session.flush()
    return credential


def remove(session: Session, credential: Credential) -> None:
    session.delete(credential)
    session.flush()
