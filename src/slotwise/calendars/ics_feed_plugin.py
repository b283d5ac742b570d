"""ICS feeds as read-only busy sources: any calendar published as an .ics URL (a holiday
calendar, another tool's booking feed). A credential is ``{urls: [...]}`` (Cal.com's
``ics-feed`` app); each URL is one calendar, whose id is the URL itself.

Feeds are fetched with httpx from the checked, pinned address (no private network unless
the operator allows it), at most ``MAX_FEED_BYTES``, following at most three redirects
(each checked again). Recurrences are expanded (``recurring-ical-events``); events marked
free (``TRANSP:TRANSPARENT``) and all-day dates read as UTC days block nothing else.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

import httpx

from slotwise.calendars.caldav_plugin import instant
from slotwise.calendars.network import checked_url
from slotwise.plugins import (
    BusyBlock,
    CalendarEvent,
    CalendarUnavailable,
    CredentialRefused,
    ExternalCalendar,
    Plugin,
    PluginKind,
    Reach,
)

MAX_FEED_BYTES = 5_000_000
_REDIRECTS = 3
ICS_FEED_SCHEMA = {
    "type": "object",
    "properties": {
        "urls": {
            "type": "array",
            "minItems": 1,
            "maxItems": 20,
            "items": {"type": "string", "pattern": "^(https?|webcal)://", "maxLength": 2048},
        }
    },
    "required": ["urls"],
    "additionalProperties": False,
}


class IcsFeeds:
    def calendars(self, key: Mapping[str, Any], *, reach: Reach) -> list[ExternalCalendar]:
        found = []
        for index, url in enumerate(key["urls"]):
            feed = _feed(url, reach)
            name = str(feed.get("X-WR-CALNAME") or url)
            found.append(ExternalCalendar(url, name, primary=index == 0, read_only=True))
        return found

    def busy_times(
        self,
        key: Mapping[str, Any],
        external_id: str,
        start: datetime,
        end: datetime,
        *,
        reach: Reach,
    ) -> list[BusyBlock]:
        import recurring_ical_events  # type: ignore[import-untyped]

        if external_id not in key["urls"]:
            raise CalendarUnavailable("this feed is not part of the credential")
        feed = _feed(external_id, reach)
        blocks = []
        for event in recurring_ical_events.of(feed).between(start, end):
            if str(event.get("TRANSP", "OPAQUE")).upper() == "TRANSPARENT":
                continue
            first = instant(event.decoded("DTSTART"))
            last = instant(event.decoded("DTEND")) if "DTEND" in event else first
            if last > first:
                blocks.append(BusyBlock(first, last))
        return blocks

    def write_event(
        self, key: Mapping[str, Any], external_id: str, event: CalendarEvent, *, reach: Reach
    ) -> str:
        raise CalendarUnavailable("an ICS feed is read-only")

    def delete_event(
        self, key: Mapping[str, Any], external_id: str, uid: str, *, reach: Reach
    ) -> None:
        raise CalendarUnavailable("an ICS feed is read-only")


def _feed(url: str, reach: Reach) -> Any:
    from icalendar import Calendar

    body = _download(url.replace("webcal://", "https://", 1), reach)
    try:
        return Calendar.from_ical(body)
    except ValueError as exc:
        raise CalendarUnavailable(f"{url} is not an iCalendar file") from exc


def _download(url: str, reach: Reach) -> bytes:
    for _ in range(_REDIRECTS + 1):
        target = checked_url(url, reach)
        headers = {"Host": target.host_header} if target.host_header else {}
        extensions = {"sni_hostname": target.sni_hostname} if target.sni_hostname else None
        try:
            with (
                httpx.Client(timeout=reach.timeout) as client,
                client.stream("GET", target.url, headers=headers, extensions=extensions) as got,
            ):
                if got.is_redirect and "location" in got.headers:
                    url = str(httpx.URL(url).join(got.headers["location"]))
                    continue
                _check_status(url, got.status_code)
                return _bounded_body(url, got)
        except httpx.HTTPError as exc:
            raise CalendarUnavailable(f"{url} could not be fetched: {exc}") from exc
    raise CalendarUnavailable(f"{url} redirects too many times")


def _check_status(url: str, status: int) -> None:
    if status in (401, 403, 404, 410):
        raise CredentialRefused(f"{url} answered {status}")
    if status >= 300:
        raise CalendarUnavailable(f"{url} answered {status}")


def _bounded_body(url: str, response: httpx.Response) -> bytes:
    body = b""
    for chunk in response.iter_bytes():
        body += chunk
        if len(body) > MAX_FEED_BYTES:
            raise CalendarUnavailable(f"{url} is larger than {MAX_FEED_BYTES} bytes")
    return body


def ics_feed() -> Plugin:
    return Plugin(
        kind=PluginKind.CALENDAR,
        slug="ics-feed",
        name="ICS Feed",
        type="ics-feed_calendar",
        credential_schema=ICS_FEED_SCHEMA,
        hooks=IcsFeeds(),
        description="Any calendar published as an .ics URL, read-only",
    )
