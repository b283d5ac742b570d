"""Event types: the list (copy link, preview), create, edit, duplicate and delete, through
``event_types.service`` exactly as ``/v2/event-types``."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from fastapi import Request, Response
from fastapi.responses import HTMLResponse

from slotwise.db import ReadSession
from slotwise.errors import NotFound, SlotwiseError
from slotwise.event_types import service as event_types
from slotwise.event_types.commands import EventTypeChanges, EventTypeSettings, NewEventType
from slotwise.event_types.models import EventType
from slotwise.http.deps import NowDep, ReadSessionDep, SettingsDep, WriteSessionDep
from slotwise.schedules import service as schedules
from slotwise.users.models import User
from slotwise.web.host.event_type_form import (
    LIMIT_UNITS,
    LOCATION_KINDS,
    PERIOD_TYPES,
    form_values,
    posted_values,
    read_event_type,
)
from slotwise.web.host.pages import (
    EventTypeId,
    invalid_fields,
    message_of,
    problems_of,
    render_host,
    see_other,
)
from slotwise.web.host.session import Host, HostForm
from slotwise.web.routing import not_found, page_router

router = page_router()
SECTION = "event-types"
# Copied by "duplicate": every setting an event type has (title and slug are made new).
_SETTINGS = tuple(field.name for field in fields(EventTypeSettings))


@router.get("/event-types", response_class=HTMLResponse)
def list_page(
    request: Request, host: Host, session: ReadSessionDep, settings: SettingsDep
) -> Response:
    return render_host(
        request, "host/event_types.html", host=host, title="Event types", section=SECTION,
        event_types=event_types.list_event_types(session, host), base_url=settings.base_url,
    )  # fmt: skip


@router.get("/event-types/new", response_class=HTMLResponse)
def new_page(request: Request, host: Host, session: ReadSessionDep) -> Response:
    return _form(request, host, session, None, form_values(None), {}, None)


@router.post("/event-types/new", response_class=HTMLResponse)
def create(
    request: Request, host: Host, posted: HostForm, session: WriteSessionDep, now: NowDep
) -> Response:
    problems: dict[str, str] = {}
    values = read_event_type(posted, problems)
    try:
        if problems:
            raise invalid_fields(problems)
        created = event_types.create_event_type(session, host, NewEventType(**values), now=now)
    except SlotwiseError as exc:
        session.rollback()
        return _form(request, host, session, None, posted_values(posted),
                     problems or problems_of(exc), message_of(exc), status_code=400)  # fmt: skip
    return see_other(f"/event-types/{created.id}", "created")


@router.get("/event-types/{eventTypeId}", response_class=HTMLResponse)
def edit_page(
    request: Request, event_type_id: EventTypeId, host: Host, session: ReadSessionDep
) -> Response:
    try:
        event_type = event_types.get_event_type(session, host, event_type_id)
    except NotFound:
        return not_found(request)
    return _form(request, host, session, event_type, form_values(event_type), {}, None)


@router.post("/event-types/{eventTypeId}", response_class=HTMLResponse)
def update(
    request: Request,
    event_type_id: EventTypeId,
    host: Host,
    posted: HostForm,
    session: WriteSessionDep,
) -> Response:
    problems: dict[str, str] = {}
    values = read_event_type(posted, problems)
    try:
        event_type = event_types.get_event_type(session, host, event_type_id)
    except NotFound:
        return not_found(request)
    try:
        if problems:
            raise invalid_fields(problems)
        event_types.update_event_type(session, host, event_type_id, EventTypeChanges(**values))
    except SlotwiseError as exc:
        session.rollback()
        return _form(request, host, session, event_type, posted_values(posted),
                     problems or problems_of(exc), message_of(exc), status_code=400)  # fmt: skip
    return see_other(f"/event-types/{event_type_id}", "saved")


@router.post("/event-types/{eventTypeId}/duplicate", response_class=HTMLResponse)
def duplicate(
    request: Request,
    event_type_id: EventTypeId,
    host: Host,
    posted: HostForm,
    session: WriteSessionDep,
    now: NowDep,
) -> Response:
    del posted
    try:
        original = event_types.get_event_type(session, host, event_type_id)
    except NotFound:
        return not_found(request)
    slug = _free_slug(session, host, original.slug)
    copy = NewEventType(
        title=f"{original.title} (copy)", slug=slug, length_in_minutes=original.length_in_minutes,
        **{name: getattr(original, name) for name in _SETTINGS},
    )  # fmt: skip
    created = event_types.create_event_type(session, host, copy, now=now)
    return see_other(f"/event-types/{created.id}", "duplicated")


@router.post("/event-types/{eventTypeId}/delete", response_class=HTMLResponse)
def delete(
    request: Request,
    event_type_id: EventTypeId,
    host: Host,
    posted: HostForm,
    session: WriteSessionDep,
) -> Response:
    del posted
    try:
        event_types.delete_event_type(session, host, event_type_id)
    except NotFound:
        return not_found(request)
    return see_other("/event-types", "deleted")


def _free_slug(session: ReadSession, host: User, slug: str) -> str:
    taken = {event_type.slug for event_type in event_types.list_event_types(session, host)}
    candidate, number = f"{slug}-copy", 2
    while candidate in taken:
        candidate, number = f"{slug}-copy-{number}", number + 1
    return candidate


def _form(
    request: Request,
    host: User,
    session: ReadSession,
    event_type: EventType | None,
    values: dict[str, Any],
    problems: dict[str, str],
    error: str | None,
    status_code: int = 200,
) -> Response:
    title = "New event type" if event_type is None else f"Edit {event_type.title}"
    return render_host(
        request, "host/event_type_form.html", host=host, title=title, section=SECTION,
        event_type=event_type, values=values, problems=problems, error=error,
        schedules=schedules.list_schedules(session, host),
        location_kinds=[(kind, label) for kind, (label, _detail) in LOCATION_KINDS.items()],
        period_types=PERIOD_TYPES, limit_units=LIMIT_UNITS, status_code=status_code,
    )  # fmt: skip
