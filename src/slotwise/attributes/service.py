"""Organization member attributes: the rules.

- Only the organization's ADMIN or OWNER manages attributes and who holds what (the routes
  check it through ``organizations.organization_for``); members are people of the
  organization (an accepted membership).
- A slug names an attribute within its organization (409 on a duplicate), an option within
  its attribute.
- Assigning to a SINGLE_SELECT (or TEXT / NUMBER) attribute replaces the member's value; a
  MULTI_SELECT attribute collects them. A TEXT or NUMBER value is kept as an option of its
  own (reused when another member holds the same value).
- ``values_of_members``: what attribute routing compares, by attribute slug: the option's
  value (a list of them for MULTI_SELECT).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from slotwise.attributes import repository
from slotwise.attributes.models import (
    SELECT_TYPES,
    Attribute,
    AttributeAssignment,
    AttributeOption,
    AttributeType,
)
from slotwise.core.routing import FieldType
from slotwise.db import ReadSession
from slotwise.errors import Conflict, Invalid, NotFound
from slotwise.teams import access
from slotwise.teams.models import Team

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
# How attribute routing compares an attribute's values (operators that fit that field type).
ROUTING_KIND = {
    AttributeType.TEXT: FieldType.TEXT,
    AttributeType.NUMBER: FieldType.NUMBER,
    AttributeType.SINGLE_SELECT: FieldType.SELECT,
    AttributeType.MULTI_SELECT: FieldType.MULTISELECT,
}


def slug_of(text: str) -> str:
    return _NOT_SLUG.sub("-", text.strip().lower()).strip("-") or "option"


@dataclass(frozen=True, slots=True)
class NewOption:
    value: str
    slug: str | None = None


@dataclass(frozen=True, slots=True)
class AttributeChanges:
    name: str | None = None
    slug: str | None = None
    type: AttributeType | None = None
    enabled: bool | None = None
    users_can_edit_relation: bool | None = None


@dataclass(frozen=True, slots=True)
class AttributeView:
    attribute: Attribute
    options: list[AttributeOption]


def list_attributes(
    session: ReadSession, org: Team, *, take: int, skip: int
) -> list[AttributeView]:
    return _views(session, repository.page(session, org.id, take=take, skip=skip))


def get_attribute(session: ReadSession, org: Team, attribute_id: int) -> AttributeView:
    return _views(session, [_attribute(session, org, attribute_id)])[0]


def create_attribute(
    session: Session,
    org: Team,
    name: str,
    slug: str | None,
    kind: AttributeType,
    options: Sequence[NewOption],
    *,
    enabled: bool,
    users_can_edit_relation: bool,
    now: datetime,
) -> AttributeView:
    slug = slug or slug_of(name)
    if repository.slug_taken(session, org.id, slug, except_id=None):
        raise Conflict(f"An attribute with slug {slug!r} already exists in this organization")
    if options and kind not in SELECT_TYPES:
        raise Invalid.field("options", f"a {kind.value} attribute takes its values per member")
    _check_option_slugs(options)
    attribute = Attribute(
        team_id=org.id, name=name, slug=slug, type=kind.value, enabled=enabled,
        users_can_edit_relation=users_can_edit_relation, created_at=now, updated_at=now,
    )  # fmt: skip
    session.add(attribute)
    session.flush()
    for option in options:
        session.add(_new_option(attribute, option))
    session.flush()
    return get_attribute(session, org, attribute.id)


def update_attribute(
    session: Session, org: Team, attribute_id: int, changes: AttributeChanges, *, now: datetime
) -> AttributeView:
    attribute = _attribute(session, org, attribute_id)
    if changes.slug is not None and repository.slug_taken(
        session, org.id, changes.slug, except_id=attribute.id
    ):
        raise Conflict(f"An attribute with slug {changes.slug!r} already exists")
    if changes.type is not None and changes.type.value != attribute.type:
        raise Invalid.field("type", "an attribute's type cannot change (members hold values)")
    for name in ("name", "slug", "enabled", "users_can_edit_relation"):
        value = getattr(changes, name)
        if value is not None:
            setattr(attribute, name, value)
    attribute.updated_at = now
    session.flush()
    return get_attribute(session, org, attribute.id)


def delete_attribute(session: Session, org: Team, attribute_id: int) -> AttributeView:
    view = get_attribute(session, org, attribute_id)
    session.delete(view.attribute)
    session.flush()
    return view


# --- options -------------------------------------------------------------------------------


def list_options(session: ReadSession, org: Team, attribute_id: int) -> list[AttributeOption]:
    return get_attribute(session, org, attribute_id).options


def create_option(
    session: Session, org: Team, attribute_id: int, new: NewOption
) -> AttributeOption:
    attribute = _attribute(session, org, attribute_id)
    taken = {o.slug for o in repository.options_of(session, [attribute.id])}
    option = _new_option(attribute, new)
    if option.slug in taken:
        raise Conflict(f"An option with slug {option.slug!r} already exists")
    session.add(option)
    session.flush()
    return option


def update_option(
    session: Session,
    org: Team,
    attribute_id: int,
    option_id: int,
    value: str | None,
    slug: str | None,
) -> AttributeOption:
    attribute = _attribute(session, org, attribute_id)
    option = _option(session, attribute, option_id)
    if slug is not None and slug != option.slug:
        if slug in {o.slug for o in repository.options_of(session, [attribute.id])}:
            raise Conflict(f"An option with slug {slug!r} already exists")
        option.slug = slug
    if value is not None:
        option.value = value
    session.flush()
    return option


def delete_option(
    session: Session, org: Team, attribute_id: int, option_id: int
) -> AttributeOption:
    option = _option(session, _attribute(session, org, attribute_id), option_id)
    session.delete(option)
    session.flush()
    return option


# --- who holds what ------------------------------------------------------------------------


def assign(
    session: Session,
    org: Team,
    user_id: int,
    attribute_id: int,
    *,
    option_id: int | None,
    value: str | None,
    now: datetime,
) -> AttributeAssignment:
    """The member holds the option (``option_id``) or the value (TEXT / NUMBER)."""
    _member(session, org, user_id)
    attribute = _attribute(session, org, attribute_id)
    kind = AttributeType(attribute.type)
    if option_id is not None:
        option = _option(session, attribute, option_id, field="attributeOptionId")
    elif value is not None and kind not in SELECT_TYPES:
        if kind is AttributeType.NUMBER and not _is_number(value):
            raise Invalid.field("value", "must be a number for a NUMBER attribute")
        option = _value_option(session, attribute, value)
    else:
        message = (
            "required for a select attribute"
            if kind in SELECT_TYPES
            else "give value (or attributeOptionId)"
        )
        raise Invalid.field("attributeOptionId", message)
    if kind is not AttributeType.MULTI_SELECT:
        repository.unassign_attribute(session, attribute.id, user_id)
        session.flush()
    held = repository.assignment(session, option.id, user_id)
    if held is not None:
        return held
    held = AttributeAssignment(option_id=option.id, user_id=user_id, created_at=now)
    session.add(held)
    session.flush()
    return held


def unassign(session: Session, org: Team, user_id: int, option_id: int) -> AttributeAssignment:
    _member(session, org, user_id)
    found = repository.option_in_organization(session, org.id, option_id)
    held = repository.assignment(session, option_id, user_id) if found else None
    if held is None:
        raise NotFound(f"User {user_id} holds no attribute option with id {option_id}")
    session.delete(held)
    session.flush()
    return held


def options_held(session: ReadSession, org: Team, user_id: int) -> list[AttributeOption]:
    _member(session, org, user_id)
    return [option for _, option, _ in repository.held_options(session, org.id, [user_id])]


def routing_kinds(session: ReadSession, org_id: int) -> dict[str, FieldType]:
    """The enabled attributes by slug, as the routing engine compares them."""
    return {
        a.slug: ROUTING_KIND[AttributeType(a.type)] for a in repository.enabled_of(session, org_id)
    }


def values_of_members(
    session: ReadSession, org_id: int, user_ids: Sequence[int]
) -> dict[int, dict[str, Any]]:
    """Each member's enabled attributes by slug: an option's value, a list for MULTI_SELECT."""
    values: dict[int, dict[str, Any]] = {user_id: {} for user_id in user_ids}
    for user_id, option, attribute in repository.held_options(session, org_id, user_ids):
        if not attribute.enabled:
            continue
        if attribute.type == AttributeType.MULTI_SELECT:
            values[user_id].setdefault(attribute.slug, []).append(option.value)
        else:
            values[user_id][attribute.slug] = option.value
    return values


# --- helpers -------------------------------------------------------------------------------


def _views(session: ReadSession, attributes: list[Attribute]) -> list[AttributeView]:
    options = repository.options_of(session, [a.id for a in attributes])
    return [AttributeView(a, [o for o in options if o.attribute_id == a.id]) for a in attributes]


def _attribute(session: ReadSession, org: Team, attribute_id: int) -> Attribute:
    attribute = repository.get(session, org.id, attribute_id)
    if attribute is None:
        raise NotFound(f"Attribute with id {attribute_id} not found in organization {org.id}")
    return attribute


def _option(
    session: ReadSession, attribute: Attribute, option_id: int, *, field: str | None = None
) -> AttributeOption:
    option = repository.option(session, attribute.id, option_id)
    if option is None:
        message = f"Attribute option with id {option_id} not found in attribute {attribute.id}"
        if field is not None:
            raise Invalid.field(field, message)
        raise NotFound(message)
    return option


def _member(session: ReadSession, org: Team, user_id: int) -> None:
    if access.role_in(session, org.id, user_id) is None:
        raise NotFound(f"User with id {user_id} not found in organization {org.id}")


def _new_option(attribute: Attribute, new: NewOption) -> AttributeOption:
    return AttributeOption(
        attribute_id=attribute.id, value=new.value, slug=new.slug or slug_of(new.value)
    )


def _check_option_slugs(options: Sequence[NewOption]) -> None:
    seen: set[str] = set()
    for index, option in enumerate(options):
        slug = option.slug or slug_of(option.value)
        if slug in seen:
            raise Invalid.field(f"options[{index}].slug", f"duplicate option slug {slug!r}")
        seen.add(slug)


def _value_option(session: Session, attribute: Attribute, value: str) -> AttributeOption:
    for option in repository.options_of(session, [attribute.id]):
        if option.value == value:
            return option
    option = _new_option(attribute, NewOption(value))
    taken = {o.slug for o in repository.options_of(session, [attribute.id])}
    base, number = option.slug, 2
    while option.slug in taken:
        option.slug, number = f"{base}-{number}", number + 1
    session.add(option)
    session.flush()
    return option


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True
