"""Busy times from outside slotwise (a host's own calendars), as the engine sees them.

Busy reads them through a port: whoever composes the application attaches a source to the
session factories (``attach_calendar_busy``, as the event bus and the rate limiter are
attached), and ``with_calendar_busy`` asks it for the hosts of a listing. Busy imports no
domain; the calendars domain implements the source. A session without a source (the CLI)
sees no external busy times.

A source answers within a bounded time. How many calendars it could not read is sent back
in the response's ``X-Slotwise-Calendars-Unchecked`` header (``ReportUncheckedCalendars``,
a pure ASGI middleware: each request gets its own record, as ignored body fields do), so a
booking page can say that a calendar could not be checked. Only a count: a calendar's
name or URL is the host's business, not the booker's.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextvars import ContextVar
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Protocol

from sqlalchemy.orm import Session, sessionmaker
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from slotwise.core.availability import Host
from slotwise.core.intervals import Interval
from slotwise.db import ReadSession

SOURCE = "slotwise.busy.calendar_source"
HEADER = "X-Slotwise-Calendars-Unchecked"
_unchecked: ContextVar[set[str] | None] = ContextVar("calendars_unchecked", default=None)
# The new event's buffers reach around the window (at most a day is ever read either side).
_MARGIN = timedelta(days=1)


class CalendarBusySource(Protocol):
    def busy_of_hosts(
        self, session: ReadSession, user_ids: Sequence[int], window: Interval, *, now: datetime
    ) -> tuple[dict[int, list[Interval]], set[str]]:
        """Each host's busy intervals around ``window`` and the names of calendars that
        could not be read (their last known busy times, if any, are included)."""
        ...


def attach_calendar_busy(factory: sessionmaker[Session], source: CalendarBusySource) -> None:
    factory.kw.setdefault("info", {})[SOURCE] = source


def with_calendar_busy(
    session: ReadSession, hosts: list[Host], window: Interval, *, now: datetime
) -> list[Host]:
    """``hosts`` with their calendars' busy intervals added."""
    info = getattr(session, "info", {})
    source: CalendarBusySource | None = info.get(SOURCE)
    if source is None or not hosts:
        return hosts
    wide = Interval(window.start - _MARGIN, window.end + _MARGIN)
    found, unchecked = source.busy_of_hosts(session, [h.user_id for h in hosts], wide, now=now)
    record = _unchecked.get()
    if unchecked and record is not None:
        record.update(unchecked)
    return [
        replace(host, calendar_busy=host.calendar_busy + tuple(found.get(host.user_id, ())))
        for host in hosts
    ]


class ReportUncheckedCalendars:
    """Pure ASGI middleware: one record per request, its size sent back as ``HEADER``."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        record: set[str] = set()
        token = _unchecked.set(record)

        async def send_with_header(message: Message) -> None:
            if message["type"] == "http.response.start" and record:
                headers = [
                    *message.get("headers", []),
                    (HEADER.lower().encode(), b"%d" % len(record)),
                ]
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_header)
        finally:
            _unchecked.reset(token)
