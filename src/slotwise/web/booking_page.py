"""A booking's page (the confirmation, and the page its secret link opens): when and where,
and what its booker may still do with it (reschedule, cancel, add to a calendar)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from fastapi.responses import HTMLResponse

from slotwise.bookings.lifecycle import ACTIVE_STATUSES
from slotwise.bookings.models import BookingStatus
from slotwise.bookings.reads import get_booking
from slotwise.bookings.views import BookingView, visible_to
from slotwise.core.timezones import is_iana_time_zone
from slotwise.db import ReadSession
from slotwise.event_types.locations import describe_booking_location
from slotwise.event_types.payment_settings import payment_settings
from slotwise.slots import service as slots
from slotwise.web import calendar as cal
from slotwise.web.booker_state import event_lengths, owner_zone
from slotwise.web.owners import booking_owner
from slotwise.web.rendering import branding, render


def find_booking_view(session: ReadSession, uid: str, seat: str | None) -> BookingView:
    """The booking behind a secret link, as its booker sees it (one seat's, with ``seat``)."""
    views = get_booking(session, uid)
    view = views[0]
    if seat and any(a.seat_uid == seat for a in view.attendees):
        view = replace(view, seat_uid=seat)
    return visible_to(view, None)


def render_booking_page(
    session: ReadSession,
    view: BookingView,
    read: Callable[[str], str | None],
    *,
    now: datetime,
    error: str | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    """The booking's page: when and where, every host, and what its booker may still do
    with it (in its team's branding for a team event type)."""
    booking = view.booking
    owner = booking_owner(session, view)
    zone = _booking_zone(view, read("tz") or "")
    raw_h = read("h")
    hour12 = raw_h == "12" if raw_h in ("12", "24") else view.host.time_format == 12
    return render(
        "booking.html",
        status_code=status_code,
        title=booking.title,
        booking=booking,
        view=view,
        attendees=view.attendees,
        owner=owner,
        hosts=view.hosts,
        when=booking_when(view, zone, hour12),
        zone=zone.key,
        where=describe_booking_location(booking.location),
        link=booking.location
        if (booking.location or "").startswith(("https://", "http://"))
        else None,
        **_booking_actions(view, read, now=now),
        **_booking_links(view, keep_display(read, seat=view.seat_uid)),
        done=read("done") or "",
        seat=view.seat_uid,
        embed=read("embed") == "1",
        tz=zone.key,
        h="12" if hour12 else "24",
        error=error,
        # /booking/{uid}?cancel=true (Cal.com's link, and our emails') opens the cancel form.
        cancel_open=read("cancel") == "true",
        start_utc=slots.format_utc(booking.start_time),
        end_utc=slots.format_utc(booking.end_time),
        **branding(owner),
    )


def _booking_zone(view: BookingView, asked: str) -> ZoneInfo:
    """The zone the page asks for, else the booker's (the seat's holder on a seat's page),
    else the host's."""
    seat_attendee = next(
        (a for a in view.attendees if view.seat_uid and a.seat_uid == view.seat_uid), None
    )
    booker = seat_attendee or (view.attendees[0] if view.attendees else None)
    if is_iana_time_zone(asked):
        return ZoneInfo(asked)
    if booker is not None and is_iana_time_zone(booker.time_zone):
        return ZoneInfo(booker.time_zone)
    return owner_zone(view.host)


def _booking_actions(
    view: BookingView, read: Callable[[str], str | None], *, now: datetime
) -> dict[str, Any]:
    """Whether the booking still stands, and whether its booker may reschedule or cancel."""
    booking, event_type = view.booking, view.event_type
    # A seat's own link after that seat was cancelled: the booking goes on without them.
    seat_gone = bool(read("seat")) and view.seat_uid is None
    active = booking.status in ACTIVE_STATUSES and not seat_gone
    pending = booking.status == BookingStatus.PENDING.value
    payment = payment_settings(event_type.event_metadata) if event_type is not None else None
    return {
        "active": active,
        "pending": pending,
        # A paid event type's booking waiting for its money: the pay step is one click away.
        "awaiting_payment": pending
        and not booking.paid
        and payment is not None
        and payment.pays_online,
        "past": booking.end_time <= now,
        "can_reschedule": active
        and booking.end_time > now
        and event_type is not None
        and not event_type.disable_rescheduling,
        "can_cancel": active and event_type is not None and not event_type.disable_cancelling,
    }


def _booking_links(view: BookingView, keep: str) -> dict[str, Any]:
    booking = view.booking
    return {
        "ics_url": f"/booking/{booking.uid}/ics"
        + (f"?seat={view.seat_uid}" if view.seat_uid else ""),
        "reschedule_url": f"/reschedule/{booking.uid}?{keep}",
        "new_url": f"/booking/{booking.rescheduled_to_uid}?{keep}"
        if booking.rescheduled_to_uid
        else None,
    }


def booking_when(view: BookingView, zone: ZoneInfo, hour12: bool) -> str:
    start, end = view.booking.start_time, view.booking.end_time
    local = start.astimezone(zone).date()
    return (
        f"{cal.long_date(local)}, {cal.time_label(start, zone, hour12=hour12)} – "
        f"{cal.time_label(end, zone, hour12=hour12)} ({zone.key.replace('_', ' ')})"
    )


def keep_display(read: Callable[[str], str | None], **extra: str | None) -> str:
    """The display settings a page passes on to the next (zone, format, embed)."""
    params = {name: read(name) for name in ("tz", "h", "embed")}
    params.update(extra)
    return urlencode({k: v for k, v in params.items() if v})


def kept_length(view: BookingView) -> int:
    """A reschedule keeps the booking's length (the listing offers that length)."""
    minutes = view.duration_minutes
    assert view.event_type is not None
    return (
        minutes if minutes in event_lengths(view.event_type) else view.event_type.length_in_minutes
    )
