"""CalDAV calendars (Apple iCloud, Fastmail, Nextcloud, Radicale ...) through the ``caldav``
library: list an account's calendars, read busy times, write and delete bookings' events.

A credential is ``{url, username, password}``; Apple's plugin takes only a username and an
app-specific password, and the service adds iCloud's URL (``SLOTWISE_APPLE_CALDAV_URL``).
Busy times are the account's events (recurrences expanded) that are not marked free
(``TRANSP:TRANSPARENT``); an event is written at ``<calendar>/<ICS UID>.ics``, so writing
the same booking again (a retry, a reschedule) replaces it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, date, datetime, time
from typing import Any

from slotwise.calendars.network import checked_url
from slotwise.plugins.kinds import (
    BusyBlock,
    CalendarEvent,
    CalendarUnavailable,
    CredentialRefused,
    ExternalCalendar,
    Plugin,
    PluginKind,
    Reach,
)

_URL_SCHEMA = {"type": "string", "pattern": "^https?://", "maxLength": 2048}
_TEXT = {"type": "string", "minLength": 1, "maxLength": 512}
CALDAV_SCHEMA = {
    "type": "object",
    "properties": {"url": _URL_SCHEMA, "username": _TEXT, "password": _TEXT},
    "required": ["url", "username", "password"],
    "additionalProperties": False,
}
APPLE_SCHEMA = {
    "type": "object",
    "properties": {"username": _TEXT, "password": _TEXT},
    "required": ["username", "password"],
    "additionalProperties": False,
}


class CalDavCalendars:
    """The calendar hooks for any CalDAV server."""

    def calendars(self, key: Mapping[str, Any], *, reach: Reach) -> list[ExternalCalendar]:
        with _talking(key, reach) as client:
            found = client.principal().calendars()
            return [
                ExternalCalendar(
                    external_id=str(calendar.url),
                    name=calendar.get_display_name() or str(calendar.url),
                    primary=index == 0,
                )
                for index, calendar in enumerate(found)
            ]

    def busy_times(
        self,
        key: Mapping[str, Any],
        external_id: str,
        start: datetime,
        end: datetime,
        *,
        reach: Reach,
    ) -> list[BusyBlock]:
        with _talking(key, reach) as client:
            calendar = client.calendar(url=external_id)
            # The server filters by time range; recurrences are expanded here, and only for
            # the events that recur (the library's expand=True re-parses every event: ~3x
            # slower for 500 one-off events).
            events = calendar.search(start=start, end=end, event=True, expand=False)
            blocks = [b for e in events for b in _blocks(_occurrences(e, start, end))]
        return [b for b in blocks if b.end > start and b.start < end]

    def write_event(
        self, key: Mapping[str, Any], external_id: str, event: CalendarEvent, *, reach: Reach
    ) -> str:
        with _talking(key, reach) as client:
            calendar = client.calendar(url=external_id)
            saved = calendar.save_event(_ics(event))
            return str(saved.url)

    def delete_event(
        self, key: Mapping[str, Any], external_id: str, uid: str, *, reach: Reach
    ) -> None:
        from caldav.lib import error

        with _talking(key, reach) as client:
            calendar = client.calendar(url=external_id)
            try:
                calendar.event_by_uid(uid).delete()
            except error.NotFoundError:
                return  # already gone: what a delete wanted


@contextmanager
def _talking(key: Mapping[str, Any], reach: Reach) -> Iterator[Any]:
    """A client for the account; the provider's failures become the plugin's two errors.
    The server's address is checked first (no private network unless the operator allows
    it); the ``caldav`` library connects by name, so a DNS answer that changes between the
    check and the connection is not caught (webhooks pin the checked address)."""
    import caldav
    import requests
    from caldav.lib import error

    url = str(key["url"])
    checked_url(url, reach)
    client = caldav.DAVClient(
        url=url,
        username=str(key["username"]),
        password=str(key["password"]),
        timeout=max(1, round(reach.timeout)),
    )
    try:
        with client:
            yield client
    except error.AuthorizationError as exc:
        raise CredentialRefused("the calendar server refused the username or password") from exc
    except (error.DAVError, requests.RequestException, OSError) as exc:
        raise CalendarUnavailable(f"the calendar server could not be read: {exc}") from exc


def _occurrences(event: Any, start: datetime, end: datetime) -> list[Any]:
    """The event's VEVENTs in [start, end): its occurrences when it recurs."""
    calendar = event.icalendar_instance
    components = calendar.walk("VEVENT")
    if not any("RRULE" in c or "RDATE" in c for c in components):
        return list(components)
    import recurring_ical_events  # type: ignore[import-untyped]

    return list(recurring_ical_events.of(calendar).between(start, end))


def _blocks(components: list[Any]) -> Iterator[BusyBlock]:
    for component in components:
        if str(component.get("TRANSP", "OPAQUE")).upper() == "TRANSPARENT":
            continue
        start = instant(component.decoded("DTSTART"))
        if "DTEND" in component:
            end = instant(component.decoded("DTEND"))
        elif "DURATION" in component:
            end = start + component.decoded("DURATION")
        else:
            end = start
        if end > start:
            yield BusyBlock(start, end)


def instant(value: date | datetime) -> datetime:
    """A DTSTART/DTEND as aware UTC; an all-day date is its UTC midnight and a floating
    time is read as UTC (the account's zone is not known here)."""
    if not isinstance(value, datetime):
        return datetime.combine(value, time(), tzinfo=UTC)
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def _ics(event: CalendarEvent) -> str:
    from icalendar import Calendar, Event, vCalAddress

    vevent = Event()
    vevent.add("uid", event.uid)
    vevent.add("sequence", event.sequence)
    vevent.add("summary", event.title)
    vevent.add("dtstart", event.start)
    vevent.add("dtend", event.end)
    vevent.add("dtstamp", datetime.now(UTC))
    if event.description:
        vevent.add("description", event.description)
    if event.location:
        vevent.add("location", event.location)
    if event.organizer_email:
        vevent.add("organizer", vCalAddress(f"mailto:{event.organizer_email}"))
    for email in event.attendee_emails:
        vevent.add("attendee", vCalAddress(f"mailto:{email}"))
    calendar = Calendar()
    calendar.add("prodid", "-//slotwise//calendars//EN")
    calendar.add("version", "2.0")
    calendar.add_component(vevent)
    return str(calendar.to_ical().decode())


def caldav_calendar() -> Plugin:
    return Plugin(
        kind=PluginKind.CALENDAR,
        slug="caldav-calendar",
        name="CalDAV Calendar",
        type="caldav_calendar",
        credential_schema=CALDAV_SCHEMA,
        hooks=CalDavCalendars(),
        description="Any CalDAV server: Fastmail, Nextcloud, Radicale ...",
        secret_fields=("password",),
    )


def apple_calendar() -> Plugin:
    return Plugin(
        kind=PluginKind.CALENDAR,
        slug="apple-calendar",
        name="Apple Calendar",
        type="apple_calendar",
        credential_schema=APPLE_SCHEMA,
        hooks=CalDavCalendars(),
        description="iCloud calendars, with an app-specific password",
        secret_fields=("password",),
    )
