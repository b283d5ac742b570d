"""Availability: the host's schedules, the weekly editor (several ranges a day), date
overrides, the time zone and the default schedule, through ``schedules.service`` exactly as
``/v2/schedules``."""

from __future__ import annotations

from fastapi import Request, Response
from fastapi.responses import HTMLResponse

from slotwise.db import ReadSession
from slotwise.errors import Invalid, NotFound, SlotwiseError
from slotwise.http.deps import ReadSessionDep, WriteSessionDep
from slotwise.schedules import service as schedules
from slotwise.schedules.inputs import NewSchedule, ScheduleChanges
from slotwise.schedules.views import ScheduleView
from slotwise.users.models import User
from slotwise.web.host.availability_form import (
    overrides_of,
    read_overrides,
    read_weekly,
    week_of,
)
from slotwise.web.host.pages import ScheduleId, checkbox, message_of, render_host, see_other, text
from slotwise.web.host.session import Host, HostForm
from slotwise.web.rendering import time_zone_names
from slotwise.web.routing import not_found, page_router

router = page_router()
SECTION = "availability"


@router.get("/availability", response_class=HTMLResponse)
def list_page(request: Request, host: Host, session: ReadSessionDep) -> Response:
    return _list(request, host, session, error=None)


def _list(
    request: Request, host: User, session: ReadSession, *, error: str | None, status_code: int = 200
) -> Response:
    return render_host(
        request, "host/schedules.html", host=host, title="Availability", section=SECTION,
        schedules=schedules.list_schedules(session, host), zones=time_zone_names(),
        error=error, status_code=status_code,
    )  # fmt: skip


@router.post("/availability/new", response_class=HTMLResponse)
def create(request: Request, host: Host, posted: HostForm, session: WriteSessionDep) -> Response:
    new = NewSchedule(
        name=text(posted, "name"),
        time_zone=text(posted, "time_zone") or host.time_zone,
        is_default=checkbox(posted, "is_default"),
    )
    try:
        view = schedules.create_schedule(session, host, new)
    except SlotwiseError as exc:
        session.rollback()
        return _list(request, host, session, error=message_of(exc), status_code=400)
    return see_other(f"/availability/{view.schedule.id}", "created")


@router.get("/availability/{scheduleId}", response_class=HTMLResponse)
def edit_page(
    request: Request, schedule_id: ScheduleId, host: Host, session: ReadSessionDep
) -> Response:
    try:
        view = schedules.get_schedule(session, host, schedule_id)
    except NotFound:
        return not_found(request)
    return _editor(request, host, view, error=None)


def _editor(
    request: Request, host: User, view: ScheduleView, *, error: str | None, status_code: int = 200
) -> Response:
    return render_host(
        request, "host/schedule_form.html", host=host, title=view.schedule.name,
        section=SECTION, view=view, week=week_of(view), overrides=overrides_of(view),
        zones=time_zone_names(), error=error, status_code=status_code,
    )  # fmt: skip


@router.post("/availability/{scheduleId}", response_class=HTMLResponse)
def update(
    request: Request,
    schedule_id: ScheduleId,
    host: Host,
    posted: HostForm,
    session: WriteSessionDep,
) -> Response:
    try:
        view = schedules.get_schedule(session, host, schedule_id)
    except NotFound:
        return not_found(request)
    problems: list[str] = []
    changes = ScheduleChanges(
        name=text(posted, "name"),
        time_zone=text(posted, "time_zone"),
        # The default cannot be unset, only moved by making another schedule the default.
        is_default=True if checkbox(posted, "is_default") else None,
        weekly=read_weekly(posted, problems),
        overrides=read_overrides(posted, problems),
    )
    try:
        if problems:
            raise Invalid("; ".join(problems))
        schedules.update_schedule(session, host, schedule_id, changes)
    except SlotwiseError as exc:
        session.rollback()
        return _editor(request, host, view, error=message_of(exc), status_code=400)
    return see_other(f"/availability/{schedule_id}", "saved")


@router.post("/availability/{scheduleId}/delete", response_class=HTMLResponse)
def delete(
    request: Request,
    schedule_id: ScheduleId,
    host: Host,
    posted: HostForm,
    session: WriteSessionDep,
) -> Response:
    del posted
    try:
        schedules.delete_schedule(session, host, schedule_id)
    except NotFound:
        return not_found(request)
    except SlotwiseError as exc:  # the default while others exist
        session.rollback()
        return _list(request, host, session, error=message_of(exc), status_code=400)
    return see_other("/availability", "deleted")
