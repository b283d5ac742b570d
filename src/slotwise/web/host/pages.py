"""Rendering a host page: the shared layout's context (who is signed in, the CSRF token, the
navigation, the host's app theme and brand) and reading what a form posted."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from fastapi import Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from slotwise.errors import Invalid, SlotwiseError
from slotwise.http.params import MAX_DATABASE_ID
from slotwise.users.models import User
from slotwise.web.host.session import csrf_token, set_cookies
from slotwise.web.rendering import branding, render

# Path parameters named as the API names them (so the authorization matrix fills them alike).
EventTypeId = Annotated[int, Path(alias="eventTypeId", ge=1, le=MAX_DATABASE_ID)]
ScheduleId = Annotated[int, Path(alias="scheduleId", ge=1, le=MAX_DATABASE_ID)]
WebhookId = Annotated[int, Path(alias="webhookId", ge=1, le=MAX_DATABASE_ID)]
ApiKeyId = Annotated[int, Path(alias="apiKeyId", ge=1, le=MAX_DATABASE_ID)]
DeliveryId = Annotated[int, Path(alias="deliveryId", ge=1, le=MAX_DATABASE_ID)]
UserId = Annotated[int, Path(alias="userId", ge=1, le=MAX_DATABASE_ID)]
BookingUid = Annotated[str, Path(alias="bookingUid", max_length=64)]

NAV = (
    ("event-types", "/event-types", "Event types"),
    ("bookings", "/bookings/upcoming", "Bookings"),
    ("availability", "/availability", "Availability"),
    ("settings", "/settings/my-account/profile", "Settings"),
)
# Short confirmations shown after a redirect (?notice=...): fixed texts, never echoed input.
NOTICES = {
    "created": "Created.",
    "saved": "Saved.",
    "deleted": "Deleted.",
    "duplicated": "Duplicated.",
    "confirmed": "Booking confirmed.",
    "declined": "Booking declined.",
    "cancelled": "Booking cancelled.",
    "no-show": "Attendance updated.",
    "revoked": "API key revoked.",
    "pinged": "Ping sent.",
    "redelivered": "Sent again.",
    "password": "Password changed.",
    "reset": "Your password was changed. Sign in with the new one.",
    "signed-out": "You are signed out.",
}


def render_host(
    request: Request,
    template: str,
    *,
    host: User | None,
    title: str,
    section: str = "",
    status_code: int = 200,
    **context: Any,
) -> HTMLResponse:
    theme = host.app_theme if host is not None and host.app_theme in ("light", "dark") else ""
    notice = NOTICES.get(request.query_params.get("notice", ""))
    response = render(
        template,
        status_code=status_code,
        title=f"{title} | slotwise",
        heading=title,
        host=host,
        csrf=csrf_token(request),
        nav=NAV,
        section=section,
        notice=notice,
        when=when,
        **{**branding(host), "theme": theme},
        **context,
    )
    return set_cookies(request, response)  # type: ignore[return-value]


def see_other(path: str, notice: str | None = None) -> RedirectResponse:
    """After a successful POST: a GET of the page to show (no re-post on reload)."""
    if notice:
        path += ("&" if "?" in path else "?") + f"notice={notice}"
    return RedirectResponse(path, status_code=303)


def problems_of(exc: SlotwiseError) -> dict[str, str]:
    """The service's problems by field (the forms name fields by the model's attributes)."""
    found: dict[str, str] = {}
    if isinstance(exc.details, list):
        for problem in exc.details:
            if isinstance(problem, dict):
                field = str(problem.get("field", "")).split(".")[0].split("[")[0]
                found.setdefault(field, str(problem.get("message", "")))
    return found


def message_of(exc: SlotwiseError) -> str:
    return exc.message.removeprefix("Invalid request: ")


def text(posted: Mapping[str, Sequence[str]], name: str) -> str:
    values = posted.get(name)
    return values[-1].strip() if values else ""


def checkbox(posted: Mapping[str, Sequence[str]], name: str) -> bool:
    return bool(posted.get(name))


def whole_number(
    posted: Mapping[str, Sequence[str]], name: str, problems: dict[str, str]
) -> int | None:
    """An integer field; empty is None, anything else not a whole number is a problem."""
    raw = text(posted, name)
    if not raw:
        return None
    try:
        return int(raw)
    except ValueError:
        problems[name] = "must be a whole number"
        return None


def when(start: datetime, end: datetime, zone: str, time_format: int) -> str:
    """A booking's span in the host's zone and clock: "Tue 26 Mar 2030, 09:00–09:30"."""
    local_start, local_end = start.astimezone(ZoneInfo(zone)), end.astimezone(ZoneInfo(zone))

    def clock(moment: datetime) -> str:
        if time_format == 12:
            return moment.strftime("%I:%M%p").lstrip("0").lower()
        return moment.strftime("%H:%M")

    return f"{local_start:%a %d %b %Y}, {clock(local_start)}–{clock(local_end)} ({zone})"


def invalid_fields(problems: dict[str, str]) -> Invalid:
    """The form's own problems (a number that is not one) as the service would name them."""
    return Invalid.fields([{"field": name, "message": text} for name, text in problems.items()])
