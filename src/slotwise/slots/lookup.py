"""Which event type and host a slot request or a booking names (by id, or by slug and
username), and the meeting lengths that event type allows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from slotwise.db import ReadSession
from slotwise.errors import Invalid, NotFound
from slotwise.event_types import service as event_types
from slotwise.event_types import team_service as team_event_types
from slotwise.event_types.models import EventType
from slotwise.slots import repository
from slotwise.users.models import User

_LOOKUP_MAX_LENGTH = 200  # usernames, slugs: longer ones name nothing


@dataclass(frozen=True, slots=True)
class EventTypeRef:
    """How a request names an event type: by id, or by slug and whose it is."""

    event_type_id: int | None = None
    slug: str | None = None
    usernames: tuple[str, ...] = ()  # one: a personal event type; several: a dynamic group
    team_slug: str | None = None
    organization_slug: str | None = None


@dataclass(frozen=True, slots=True)
class FieldNames:
    """What each version calls the inputs, for its 400s."""

    start: str = "start"
    end: str = "end"
    time_zone: str = "timeZone"
    duration: str = "duration"
    event_type_id: str = "eventTypeId"
    slug: str = "eventTypeSlug"
    username: str = "username"
    usernames: str = "usernames"
    organization: str = "organizationSlug"
    bad_range: str | None = None  # a version's own message for an end before the start


def event_type_and_host(
    session: ReadSession, ref: EventTypeRef, names: FieldNames | None = None
) -> tuple[EventType, User]:
    """The event type a request names (by id, or by slug and username) and its host."""
    names = names or FieldNames()
    if ref.event_type_id is not None:
        return event_type_by_id(session, ref.event_type_id)
    slug = _name(ref.slug)
    usernames = [name for name in map(_name, ref.usernames) if name is not None]
    team_slug = _name(ref.team_slug)
    if team_slug is not None:
        return _by_team_slug(session, team_slug, slug, _name(ref.organization_slug), names)
    if _name(ref.organization_slug) is not None:
        raise NotFound(f"Organization {ref.organization_slug} not found")
    if slug is None:
        if len(usernames) > 1:
            raise Invalid.field(
                names.organization, f"is required with {names.usernames} (a dynamic group)"
            )
        raise Invalid.field(
            names.event_type_id,
            f"is required: give {names.event_type_id}, or {names.slug} with {names.username}",
        )
    return _by_slug(session, slug, usernames, names)


def event_type_by_id(session: ReadSession, event_type_id: int) -> tuple[EventType, User]:
    """An event type by id with its host (hidden ones too: they are bookable by id); a
    team event type comes with the member who created it (its hosts are read when slots
    are)."""
    found = repository.get_event_type_and_host(session, event_type_id)
    if found is None:
        raise NotFound(f"Event type with id {event_type_id} not found")
    _not_a_managed_parent(found[0])
    return found


def _not_a_managed_parent(event_type: EventType) -> None:
    if event_type.team_id is not None and event_type.scheduling_type == "MANAGED":
        raise Invalid.field(
            "eventTypeId",
            "names a managed event type: book its members' own event types (their ids)",
        )


def _by_team_slug(
    session: ReadSession,
    team_slug: str,
    slug: str | None,
    organization_slug: str | None,
    names: FieldNames,
) -> tuple[EventType, User]:
    """A team event type by the team's slug and its own (within an organization when one
    is named)."""
    if slug is None:
        raise Invalid.field(names.slug, "is required with teamSlug")
    if not (_searchable(team_slug) and _searchable(slug)):
        raise NotFound(f"Team {team_slug} not found")
    event_type = team_event_types.bookable_event_type(session, team_slug, slug, organization_slug)
    found = repository.get_event_type_and_host(session, event_type.id)
    if found is None:  # pragma: no cover - just read
        raise NotFound(f"Event type {slug} of team {team_slug} not found")
    _not_a_managed_parent(found[0])
    return found


def allowed_lengths(event_type: EventType) -> list[int]:
    return sorted({event_type.length_in_minutes, *(event_type.length_in_minutes_options or [])})


def minutes_list(lengths: Sequence[int]) -> str:
    return ", ".join(str(length) for length in lengths)


def allowed_length(event_type: EventType, minutes: int | None, field_name: str) -> timedelta:
    """The booked length: the event type's, or one of its options (else a 400)."""
    if minutes is None:
        return timedelta(minutes=event_type.length_in_minutes)
    allowed = allowed_lengths(event_type)
    if minutes not in allowed:
        raise Invalid.field(
            field_name,
            f"must be one of the event type's durations: {minutes_list(allowed)} minutes",
        )
    return timedelta(minutes=minutes)


def _by_slug(
    session: ReadSession, slug: str, usernames: list[str], names: FieldNames
) -> tuple[EventType, User]:
    if not usernames:
        raise Invalid.field(names.username, f"is required with {names.slug}")
    if len(usernames) > 1:
        raise Invalid.field(
            names.usernames,
            "must name one user: dynamic group events (several users) are not available yet",
        )
    username = usernames[0]
    if not _searchable(username):
        raise NotFound("User not found")
    owner = event_types.public_owner(session, username)
    if not _searchable(slug):
        raise NotFound(f"Event type of {owner.username} not found")
    return event_types.get_public_event_type(session, owner, slug), owner


def _name(value: str | None) -> str | None:
    """A name from the query, stripped; None when left out or empty."""
    if value is None:
        return None
    return value.strip() or None


def _searchable(value: str) -> bool:
    """Whether a name could name anything (a NUL or a very long one cannot)."""
    return "\x00" not in value and len(value) <= _LOOKUP_MAX_LENGTH
