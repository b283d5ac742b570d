"""Every query on routing forms and their responses. Forms are read by who owns them:
``of_user`` (a person's own), ``of_teams`` (a team's, an organization's and its teams')."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal, TypeVar

from sqlalchemy import Select, select

from slotwise.db import ReadSession
from slotwise.routing_forms.models import RoutingForm, RoutingFormResponse

SortOrder = Literal["asc", "desc"]
_Row = TypeVar("_Row", RoutingForm, RoutingFormResponse)


@dataclass(frozen=True, slots=True)
class Filters:
    """The list routes' query (spec/api.md §12), for forms and for responses alike."""

    take: int = 250
    skip: int = 0
    sort_created_at: SortOrder | None = None
    sort_updated_at: SortOrder | None = None
    after_created_at: datetime | None = None
    before_created_at: datetime | None = None
    after_updated_at: datetime | None = None
    before_updated_at: datetime | None = None
    routed_to_booking_uid: str | None = None


def of_user(user_id: int) -> Select[RoutingForm]:
    return select(RoutingForm).where(RoutingForm.user_id == user_id)


def of_teams(team_ids: Sequence[int]) -> Select[RoutingForm]:
    return select(RoutingForm).where(RoutingForm.team_id.in_(team_ids))


def get(session: ReadSession, form_id: str) -> RoutingForm | None:
    """By id, whoever owns it: the caller decides who may see it (``service.readable``)."""
    return session.get(RoutingForm, form_id)


def page_of_forms(
    session: ReadSession, scope: Select[RoutingForm], filters: Filters
) -> list[RoutingForm]:
    statement = scope
    if filters.routed_to_booking_uid is not None:
        routed = select(RoutingFormResponse.form_id).where(
            RoutingFormResponse.routed_to_booking_uid == filters.routed_to_booking_uid
        )
        statement = statement.where(RoutingForm.id.in_(routed))
    statement = _filtered(statement, RoutingForm, filters)
    return list(session.scalars(statement.offset(filters.skip).limit(filters.take)))


def page_of_responses(
    session: ReadSession, form_id: str, filters: Filters
) -> list[RoutingFormResponse]:
    statement = select(RoutingFormResponse).where(RoutingFormResponse.form_id == form_id)
    if filters.routed_to_booking_uid is not None:
        statement = statement.where(
            RoutingFormResponse.routed_to_booking_uid == filters.routed_to_booking_uid
        )
    statement = _filtered(statement, RoutingFormResponse, filters)
    return list(session.scalars(statement.offset(filters.skip).limit(filters.take)))


def response_of_form(
    session: ReadSession, form_id: str, response_id: int
) -> RoutingFormResponse | None:
    statement = select(RoutingFormResponse).where(
        RoutingFormResponse.form_id == form_id, RoutingFormResponse.id == response_id
    )
    return session.scalars(statement).one_or_none()


def unbooked_response(session: ReadSession, response_id: int) -> RoutingFormResponse | None:
    statement = select(RoutingFormResponse).where(
        RoutingFormResponse.id == response_id,
        RoutingFormResponse.routed_to_booking_uid.is_(None),
    )
    return session.scalars(statement).one_or_none()


def _filtered(statement: Select[_Row], model: Any, f: Filters) -> Select[_Row]:
    created, updated = model.created_at, model.updated_at
    if f.after_created_at is not None:
        statement = statement.where(created >= f.after_created_at)
    if f.before_created_at is not None:
        statement = statement.where(created <= f.before_created_at)
    if f.after_updated_at is not None:
        statement = statement.where(updated >= f.after_updated_at)
    if f.before_updated_at is not None:
        statement = statement.where(updated <= f.before_updated_at)
    order = []
    if f.sort_created_at is not None:
        order.append(created.asc() if f.sort_created_at == "asc" else created.desc())
    if f.sort_updated_at is not None:
        order.append(updated.asc() if f.sort_updated_at == "asc" else updated.desc())
    return statement.order_by(*order, model.id)
