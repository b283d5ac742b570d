"""Every query on member attributes; an organization's rows start from ``of_organization``."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Select, delete, select
from sqlalchemy.orm import Session

from slotwise.attributes.models import Attribute, AttributeAssignment, AttributeOption
from slotwise.db import ReadSession


def of_organization(org_id: int) -> Select[Attribute]:
    return select(Attribute).where(Attribute.team_id == org_id)


def page(session: ReadSession, org_id: int, *, take: int, skip: int) -> list[Attribute]:
    statement = of_organization(org_id).order_by(Attribute.id).offset(skip).limit(take)
    return list(session.scalars(statement))


def enabled_of(session: ReadSession, org_id: int) -> list[Attribute]:
    statement = of_organization(org_id).where(Attribute.enabled.is_(True))
    return list(session.scalars(statement.order_by(Attribute.id)))


def get(session: ReadSession, org_id: int, attribute_id: int) -> Attribute | None:
    statement = of_organization(org_id).where(Attribute.id == attribute_id)
    return session.scalars(statement).one_or_none()


def slug_taken(session: ReadSession, org_id: int, slug: str, *, except_id: int | None) -> bool:
    statement = of_organization(org_id).where(Attribute.slug == slug)
    if except_id is not None:
        statement = statement.where(Attribute.id != except_id)
    return session.scalars(statement.limit(1)).first() is not None


def options_of(session: ReadSession, attribute_ids: Sequence[int]) -> list[AttributeOption]:
    statement = select(AttributeOption).where(AttributeOption.attribute_id.in_(attribute_ids))
    return list(session.scalars(statement.order_by(AttributeOption.id)))


def option(session: ReadSession, attribute_id: int, option_id: int) -> AttributeOption | None:
    statement = select(AttributeOption).where(
        AttributeOption.attribute_id == attribute_id, AttributeOption.id == option_id
    )
    return session.scalars(statement).one_or_none()


def option_in_organization(
    session: ReadSession, org_id: int, option_id: int
) -> tuple[AttributeOption, Attribute] | None:
    statement = (
        select(AttributeOption, Attribute)
        .join(Attribute, Attribute.id == AttributeOption.attribute_id)
        .where(Attribute.team_id == org_id, AttributeOption.id == option_id)
    )
    row = session.execute(statement).one_or_none()
    return (row[0], row[1]) if row is not None else None


def assignment(session: ReadSession, option_id: int, user_id: int) -> AttributeAssignment | None:
    statement = select(AttributeAssignment).where(
        AttributeAssignment.option_id == option_id, AttributeAssignment.user_id == user_id
    )
    return session.scalars(statement).one_or_none()


def held_options(
    session: ReadSession, org_id: int, user_ids: Sequence[int]
) -> list[tuple[int, AttributeOption, Attribute]]:
    """(user id, option, attribute) for every option the users hold in the organization."""
    statement = (
        select(AttributeAssignment.user_id, AttributeOption, Attribute)
        .join(AttributeOption, AttributeOption.id == AttributeAssignment.option_id)
        .join(Attribute, Attribute.id == AttributeOption.attribute_id)
        .where(Attribute.team_id == org_id, AttributeAssignment.user_id.in_(user_ids))
        .order_by(AttributeAssignment.user_id, AttributeOption.id)
    )
    return [(row[0], row[1], row[2]) for row in session.execute(statement)]


def unassign_attribute(session: Session, attribute_id: int, user_id: int) -> None:
    """Drop the user's options of one attribute (a single-valued attribute holds one)."""
    option_ids = select(AttributeOption.id).where(AttributeOption.attribute_id == attribute_id)
    session.execute(
        delete(AttributeAssignment).where(
            AttributeAssignment.user_id == user_id,
            AttributeAssignment.option_id.in_(option_ids),
        )
    )
