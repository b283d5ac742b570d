"""The public booking pages (server-rendered; not API operations, so not in the OpenAPI).

- ``GET /{username}``: the profile with the visible event types;
- ``GET /{username}/{slug}``: the event page (month calendar, the chosen day's slots, the
  booking form once a slot is picked); ``POST`` books through ``bookings.creation`` exactly
  as ``POST /v2/bookings`` does;
- ``GET /booking/{uid}``: the confirmation, ``/booking/{uid}/ics`` its calendar file,
  ``POST /booking/{uid}/cancel`` cancels;
- ``GET``/``POST /reschedule/{uid}``: the event page for a new time of that booking;
- ``GET /embed/embed.js``: the script a site includes to embed a booking page.

The event page's query parameters: ``month`` (YYYY-MM), ``date`` (YYYY-MM-DD, the chosen
day), ``slot`` (the chosen start, UTC), ``tz`` (the booker's zone), ``h`` (12 or 24),
``duration`` (minutes) and ``embed=1`` (no page chrome, for an iframe); a seat's pages add
its ``seat`` uid.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Annotated, Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse
from fastapi.routing import APIRoute
from sqlalchemy.orm import Session
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match
from starlette.types import Scope

from slotwise.bookings.booker_details import AttendeeInput
from slotwise.bookings.cancellation import Cancellation, cancel_booking
from slotwise.bookings.creation import NewBooking, create_booking
from slotwise.bookings.lifecycle import ACTIVE_STATUSES
from slotwise.bookings.models import BookingStatus
from slotwise.bookings.reads import get_booking
from slotwise.bookings.rescheduling import Rescheduling, reschedule_booking
from slotwise.bookings.views import BookingView, visible_to
from slotwise.core.timezones import is_iana_time_zone
from slotwise.db import ReadSession
from slotwise.errors import Conflict, NotFound, SlotwiseError, fields_named
from slotwise.event_types import service as event_types
from slotwise.event_types.locations import describe_booking_location
from slotwise.event_types.models import EventType
from slotwise.http.deps import NowDep, ReadSessionDep, WriteSessionDep
from slotwise.slots import service as slots
from slotwise.slots.service import EventTypeRef, SlotSearch
from slotwise.users.models import User
from slotwise.users.usernames import RESERVED_USERNAMES
from slotwise.web import calendar as cal
from slotwise.web.form import (
    field_errors,
    form_inputs,
    location_choices,
    read_form,
)
from slotwise.web.ics import booking_calendar
from slotwise.web.rendering import STATIC_DIR, branding, render, time_zone_names

# First path segments that are never a username (the API, docs, static files ...).
RESERVED_SEGMENTS = RESERVED_USERNAMES | {"v1", "v2", "static", "docs", "redoc", "openapi.json"}
# How far from now the pages look: slots are offered a year out (a little more for zones).
HORIZON_AHEAD = timedelta(days=400)
HORIZON_BEHIND = timedelta(days=62)
TAKEN_MESSAGE = "Sorry, that time was just taken by someone else. Please pick another time."
GONE_MESSAGE = "That time is no longer available. Please pick another time."
# The form's names for the service's 400s, so each error lands next to its input.
WEB_NAMES: dict[str, str] = {
    "length_in_minutes": "duration",
    "attendee.name": "name",
    "attendee.email": "email",
    "attendee.time_zone": "tz",
}


class PageRoute(APIRoute):
    """A page route whose ``{username}`` never matches a reserved first segment, so a
    mistyped ``/v2/...`` path still gets the API's JSON 404 (or 405), not a booking page;
    nor another method (``POST /nowhere`` is a 404, not a 405)."""

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        if self.path.startswith("/{username}"):
            first = str(scope.get("path", "")).lstrip("/").split("/", 1)[0]
            if first.lower() in RESERVED_SEGMENTS:
                return Match.NONE, {}
            match, child = super().matches(scope)
            # Another method on a page path is no page at all: 404, as for any unknown path.
            return (Match.NONE, {}) if match is Match.PARTIAL else (match, child)
        return super().matches(scope)


router = APIRouter(route_class=PageRoute, include_in_schema=False)


async def posted_form(request: Request) -> dict[str, list[str]]:
    """The posted form as every value of each name (text fields only)."""
    form = await request.form()
    return {
        key: [value for value in form.getlist(key) if isinstance(value, str)]
        for key in form.keys()  # noqa: SIM118 - FormData is a multi-dict, not a dict
    }


PostedForm = Annotated[dict[str, list[str]], Depends(posted_form)]


# --- what the booker asked for -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BookerState:
    """The event page's state, read from the query (or a posted form)."""

    zone: ZoneInfo
    zone_given: bool  # False: the owner's zone until the browser says its own
    hour12: bool
    duration: int
    month: date | None
    day: date | None
    slot: datetime | None
    embed: bool

    @classmethod
    def read(
        cls,
        values: Callable[[str], str | None],
        owner: User,
        event_type: EventType,
        *,
        now: datetime,
    ) -> BookerState:
        """Values out of the bookable range (a year ahead; slots are offered no further)
        are dropped, as are unreadable ones."""
        raw_zone = values("tz")
        zone_given = bool(raw_zone) and is_iana_time_zone(raw_zone or "")
        zone = ZoneInfo(raw_zone) if zone_given and raw_zone else owner_zone(owner)
        raw_h = values("h")
        hour12 = raw_h == "12" if raw_h in ("12", "24") else owner.time_format == 12
        slot = _instant_within_horizon(values("slot"), now)
        today = now.astimezone(zone).date()
        day = _date_within_horizon(
            cal.parse_day(values("date")) or cal.parse_day(values("selected")), today
        )
        month = _date_within_horizon(cal.parse_month(values("month")), today)
        if slot is not None:
            day = slot.astimezone(zone).date()
        duration = _offered_length(values("duration"), event_type)
        return cls(
            zone=zone,
            zone_given=zone_given,
            hour12=hour12,
            duration=duration,
            month=month,
            day=day,
            slot=slot,
            embed=values("embed") == "1",
        )

    def query(self, **changes: Any) -> str:
        """This state as a query string (with ``changes``; None leaves a key out)."""
        params: dict[str, Any] = {
            "tz": self.zone.key,
            "h": "12" if self.hour12 else "24",
            "duration": self.duration,
            "embed": "1" if self.embed else None,
        }
        params.update(changes)
        return urlencode({k: v for k, v in params.items() if v is not None})


def _offered_length(raw: str | None, event_type: EventType) -> int:
    """The asked duration when the event type offers it, else its default length."""
    text = raw or ""
    duration = int(text) if cal.is_ascii_number(text) else event_type.length_in_minutes
    return duration if duration in event_lengths(event_type) else event_type.length_in_minutes


def _instant_within_horizon(raw: str | None, now: datetime) -> datetime | None:
    instant = slots.parse_instant(raw) if raw else None
    if instant is not None and not now - HORIZON_BEHIND <= instant <= now + HORIZON_AHEAD:
        return None
    return instant


def _date_within_horizon(day: date | None, today: date) -> date | None:
    if day is not None and not today - HORIZON_BEHIND <= day <= today + HORIZON_AHEAD:
        return None
    return day


def owner_zone(owner: User) -> ZoneInfo:
    return ZoneInfo(owner.time_zone if is_iana_time_zone(owner.time_zone) else "UTC")


def event_lengths(event_type: EventType) -> list[int]:
    return sorted({event_type.length_in_minutes, *(event_type.length_in_minutes_options or [])})


def query_reader(request: Request) -> Callable[[str], str | None]:
    return lambda name: request.query_params.get(name)


def form_reader(posted: Mapping[str, Sequence[str]]) -> Callable[[str], str | None]:
    def read(name: str) -> str | None:
        values = posted.get(name)
        return values[-1] if values else None

    return read


# --- pages ---------------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def home() -> HTMLResponse:
    """What a browser sees at the server's root: where things are (no user list, which would
    tell strangers who has an account)."""
    return render("home.html", title="slotwise", embed=False, **branding(None))


@router.get("/embed/embed.js")
def embed_script() -> FileResponse:
    return FileResponse(
        STATIC_DIR / "embed.js",
        media_type="text/javascript",
        headers={"Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*"},
    )


@router.get("/booking/{uid}", response_class=HTMLResponse)
def booking_page(request: Request, uid: str, session: ReadSessionDep, now: NowDep) -> Response:
    read = query_reader(request)
    try:
        view = _booking_view(session, uid, read("seat"))
    except NotFound:
        return not_found(request, read("embed") == "1")
    return _render_booking(view, read, now=now)


@router.get("/booking/{uid}/ics")
def booking_ics(request: Request, uid: str, session: ReadSessionDep, now: NowDep) -> Response:
    try:
        view = _booking_view(session, uid, request.query_params.get("seat"))
    except NotFound:
        return not_found(request)
    return Response(
        booking_calendar(view, now=now),
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="booking-{uid[:12]}.ics"'},
    )


@router.post("/booking/{uid}/cancel", response_class=HTMLResponse)
def cancel(
    request: Request, uid: str, posted: PostedForm, session: WriteSessionDep, now: NowDep
) -> Response:
    read = form_reader(posted)
    seat = read("seat") or None
    try:
        cancel_booking(
            session,
            uid,
            Cancellation(reason=(read("reason") or "").strip() or None, seat_uid=seat),
            now=now,
            caller=None,
        )
    except NotFound:
        session.rollback()
        return not_found(request, read("embed") == "1")
    except SlotwiseError as exc:  # already cancelled, cancelling disabled ...
        session.rollback()
        view = _booking_view(session, uid, seat)
        return _render_booking(view, read, now=now, error=_message(exc), status_code=400)
    return RedirectResponse(f"/booking/{uid}?{_keep(read, seat=seat)}", status_code=303)


@router.get("/reschedule/{uid}", response_class=HTMLResponse)
def reschedule_page(request: Request, uid: str, session: ReadSessionDep, now: NowDep) -> Response:
    read = query_reader(request)
    try:
        view = _booking_view(session, uid, read("seat"))
    except NotFound:
        return not_found(request, read("embed") == "1")
    if view.event_type is None or view.booking.status not in ACTIVE_STATUSES:
        return _render_booking(
            view, read, now=now, error="This booking can no longer be rescheduled."
        )
    state = BookerState.read(read, view.host, view.event_type, now=now)
    state = replace(state, duration=_kept_length(view))
    return _render_event(session, view.host, view.event_type, state, now=now, rescheduling=view)


@router.post("/reschedule/{uid}", response_class=HTMLResponse)
def reschedule(
    request: Request, uid: str, posted: PostedForm, session: WriteSessionDep, now: NowDep
) -> Response:
    read = form_reader(posted)
    seat = read("seat") or None
    try:
        view = _booking_view(session, uid, seat)
    except NotFound:
        return not_found(request, read("embed") == "1")
    if view.event_type is None:
        return _render_booking(view, read, now=now, error="This booking cannot be rescheduled.")
    state = replace(
        BookerState.read(read, view.host, view.event_type, now=now), duration=_kept_length(view)
    )
    if state.slot is None:
        return _render_event(
            session, view.host, view.event_type, state, now=now, rescheduling=view,
            message="Pick a new time first.", status_code=400,
        )  # fmt: skip
    try:
        moved = reschedule_booking(
            session,
            uid,
            Rescheduling(
                start=state.slot, reason=(read("rescheduleReason") or "").strip() or None,
                seat_uid=seat,
            ),
            now=now,
            caller=None,
        )  # fmt: skip
    except SlotwiseError as exc:  # taken, no longer offered, rescheduling disabled ...
        session.rollback()
        taken = isinstance(exc, Conflict) or _names_field(exc, "start")
        return _render_event(
            session,
            view.host,
            view.event_type,
            replace(state, slot=None),
            now=now,
            rescheduling=view,
            message=(TAKEN_MESSAGE if isinstance(exc, Conflict) else GONE_MESSAGE)
            if taken
            else _message(exc),
            status_code=409 if isinstance(exc, Conflict) else 400,
        )
    new_seat = moved.seat_uid if seat else None
    query = _keep(read, seat=new_seat, done="rescheduled")
    return RedirectResponse(f"/booking/{moved.booking.uid}?{query}", status_code=303)


@router.get("/{username}", response_class=HTMLResponse)
def profile_page(request: Request, username: str, session: ReadSessionDep) -> Response:
    embed = request.query_params.get("embed") == "1"
    try:
        owner = event_types.public_owner(session, username)
    except NotFound:
        return not_found(request, embed)
    shown = event_types.list_public_event_types(session, [owner])
    return render(
        "profile.html",
        owner=owner,
        event_types=shown,
        lengths={e.id: event_lengths(e) for e in shown},
        embed=embed,
        query="embed=1" if embed else "",
        title=owner.name or owner.username,
        **branding(owner),
    )


@router.get("/{username}/{slug}", response_class=HTMLResponse)
def event_page(
    request: Request, username: str, slug: str, session: ReadSessionDep, now: NowDep
) -> Response:
    read = query_reader(request)
    found = _public_event_type(session, username, slug)
    if found is None:
        return not_found(request, read("embed") == "1")
    owner, event_type = found
    state = BookerState.read(read, owner, event_type, now=now)
    return _render_event(session, owner, event_type, state, now=now)


@router.post("/{username}/{slug}", response_class=HTMLResponse)
def book(
    request: Request,
    username: str,
    slug: str,
    posted: PostedForm,
    session: WriteSessionDep,
    now: NowDep,
) -> Response:
    read = form_reader(posted)
    found = _public_event_type(session, username, slug)
    if found is None:
        return not_found(request, read("embed") == "1")
    owner, event_type = found
    state = BookerState.read(read, owner, event_type, now=now)
    if state.slot is None:
        return _render_event(
            session, owner, event_type, state, now=now, message="Pick a time first.",
            status_code=400,
        )  # fmt: skip
    inputs = form_inputs(event_type)
    answers = read_form(event_type, posted, inputs=inputs)
    values = {name: ", ".join(v for v in vs if v) for name, vs in posted.items()}
    known = {i.name for i in inputs} | {"location", "location_value"}
    if answers.problems:  # unreadable before the service sees them: nothing is booked
        errors, general = field_errors(answers.problems, known=known)
        return _render_event(
            session, owner, event_type, state, now=now, values=values, errors=errors,
            general=general, status_code=400,
        )  # fmt: skip
    new_booking = NewBooking(
        event=EventTypeRef(event_type_id=event_type.id),
        start=state.slot,
        attendee=AttendeeInput(name=answers.name, email=answers.email, time_zone=state.zone.key),
        guests=answers.guests,
        length_in_minutes=state.duration,
        location=answers.location,
        responses=answers.responses,
    )
    try:
        with fields_named(WEB_NAMES):
            views = create_booking(session, new_booking, now=now, caller=None)
    except SlotwiseError as exc:
        session.rollback()
        return _booking_refused(
            session, owner, event_type, state, exc, values=values, known=known, now=now
        )
    first = views[0]
    seat = first.seat_uid if event_type.seats_per_slot is not None else None
    return RedirectResponse(
        f"/booking/{first.booking.uid}?{_booked_query(state, seat)}", status_code=303
    )


def _booking_refused(
    session: Session,
    owner: User,
    event_type: EventType,
    state: BookerState,
    exc: SlotwiseError,
    *,
    values: Mapping[str, str],
    known: set[str],
    now: datetime,
) -> HTMLResponse:
    """The event page again after the service said no: the day's fresh slots when the slot
    was taken (409) or is no longer offered, else the form with each error at its input."""
    if isinstance(exc, Conflict):
        return _render_event(
            session, owner, event_type, replace(state, slot=None), now=now,
            message=TAKEN_MESSAGE, status_code=409,
        )  # fmt: skip
    if _names_field(exc, "start"):
        return _render_event(
            session, owner, event_type, replace(state, slot=None), now=now,
            message=GONE_MESSAGE, status_code=400,
        )  # fmt: skip
    errors, general = field_errors(exc.details, known=known)
    if not errors and not general:
        general = [_message(exc)]
    return _render_event(
        session, owner, event_type, state, now=now, values=values, errors=errors,
        general=general, status_code=400,
    )  # fmt: skip


def _booked_query(state: BookerState, seat: str | None) -> str:
    """The confirmation page's query: the booker's display settings, their seat, and that
    it was just booked."""
    params = {
        "tz": state.zone.key,
        "h": "12" if state.hour12 else "24",
        "seat": seat,
        "embed": "1" if state.embed else None,
        "done": "booked",
    }
    return urlencode({k: v for k, v in params.items() if v})


# --- rendering -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SlotView:
    start: str  # UTC, what the form posts
    label: str  # in the booker's zone and format
    seats_left: int | None


def _render_event(
    session: ReadSession,
    owner: User,
    event_type: EventType,
    state: BookerState,
    *,
    now: datetime,
    rescheduling: BookingView | None = None,
    values: Mapping[str, str] | None = None,
    errors: Mapping[str, str] | None = None,
    general: Sequence[str] = (),
    message: str | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    """The event page: the month calendar, the chosen day's slots, and the booking form
    once a slot is chosen (with ``values``, ``errors`` and ``general`` errors of a posted
    form that was refused)."""
    shown = _shown_month(session, event_type, state, now=now)
    base = (
        f"/reschedule/{rescheduling.booking.uid}"
        if rescheduling
        else f"/{owner.username}/{event_type.slug}"
    )
    day = shown.day
    return render(
        "event.html",
        status_code=status_code,
        title=f"{event_type.title} | {owner.name or owner.username}",
        owner=owner,
        event_type=event_type,
        lengths=event_lengths(event_type),
        locations=location_choices(event_type),
        state=state,
        base=base,
        **_calendar(shown, owner, state, base),
        day_slots=_day_slots(shown, event_type, state),
        **_chosen_slot(shown, state),
        back_url=f"{base}?{state.query(date=day.isoformat() if day else None)}",
        inputs=form_inputs(event_type, rescheduling=rescheduling is not None),
        values=values or {},
        errors=errors or {},
        general=list(general),
        message=message,
        zones=time_zone_names(),
        offset=cal.offset_label(state.zone, now),
        rescheduling=rescheduling,
        old_when=_when(rescheduling, state.zone, state.hour12) if rescheduling else "",
        seat=rescheduling.seat_uid if rescheduling else None,
        embed=state.embed,
        **branding(owner),
    )


@dataclass(frozen=True, slots=True)
class ShownMonth:
    """The month the event page shows, with its free slots by date."""

    month: date  # its first day
    this_month: date  # the booker's current month (first day)
    today: date  # in the booker's zone
    free: dict[str, list[Any]]  # ISO date -> slots
    day: date | None  # the chosen day, when it is in this month


def _shown_month(
    session: ReadSession, event_type: EventType, state: BookerState, *, now: datetime
) -> ShownMonth:
    """The chosen day's (or asked) month, never before this one; with nothing asked and
    nothing free left this month, the next month when it has free slots."""
    today = now.astimezone(state.zone).date()
    this_month = today.replace(day=1)
    explicit = state.month is not None or state.day is not None
    month = state.day.replace(day=1) if state.day else (state.month or this_month)
    month = max(month, this_month)
    free = _month_slots(session, event_type, month, state, now=now)
    if not free and not explicit:  # nothing left this month: open on the next one
        later = cal.shift_month(month, 1)
        later_free = _month_slots(session, event_type, later, state, now=now)
        if later_free:
            month, free = later, later_free
    day = state.day if state.day and state.day.replace(day=1) == month else None
    return ShownMonth(month, this_month, today, free, day)


def _calendar(shown: ShownMonth, owner: User, state: BookerState, base: str) -> dict[str, Any]:
    """The month grid, its title and the links to the months before and after."""
    month = shown.month
    before, after = cal.shift_month(month, -1), cal.shift_month(month, 1)
    first_weekday = cal.python_first_weekday(event_types.week_start_number(owner.week_start))
    return {
        "month_title": cal.month_title(month),
        "month_key": cal.month_key(month),
        "prev_month": (
            None
            if month <= shown.this_month
            else f"{base}?{state.query(month=cal.month_key(before))}"
        ),
        "next_month": (
            None
            if after > shown.today + HORIZON_AHEAD
            else f"{base}?{state.query(month=cal.month_key(after))}"
        ),
        "weekdays": cal.weekday_names(first_weekday),
        "weeks": cal.month_grid(
            month,
            set(shown.free),
            first_weekday=first_weekday,
            selected=shown.day,
            today=shown.today,
        ),  # fmt: skip
        "day": shown.day,
        "day_title": cal.long_date(shown.day) if shown.day else "",
        "has_free": bool(shown.free),
    }


def _day_slots(shown: ShownMonth, event_type: EventType, state: BookerState) -> list[SlotView]:
    """The chosen day's free slots, labelled in the booker's zone and format (with the seats
    left when the event type shows them)."""
    if shown.day is None:
        return []
    show_seats = event_type.seats_per_slot is not None and event_type.seats_show_availability_count
    return [
        SlotView(
            start=slots.format_utc(slot.start),
            label=cal.time_label(slot.start, state.zone, hour12=state.hour12),
            seats_left=(event_type.seats_per_slot or 0) - (slot.seats_taken or 0)
            if show_seats
            else None,
        )
        for slot in shown.free.get(shown.day.isoformat(), [])
    ]


def _chosen_slot(shown: ShownMonth, state: BookerState) -> dict[str, Any]:
    """The slot the booker chose (on the shown day), as the form's heading says it."""
    day = shown.day
    chosen = state.slot if state.slot is not None and day is not None else None
    if chosen is None or day is None:
        return {"chosen": None, "chosen_label": "", "chosen_end": ""}
    end = chosen + timedelta(minutes=state.duration)
    return {
        "chosen": chosen,
        "chosen_label": (
            f"{cal.long_date(day)}, {cal.time_label(chosen, state.zone, hour12=state.hour12)}"
        ),
        "chosen_end": cal.time_label(end, state.zone, hour12=state.hour12),
    }


def _month_slots(
    session: ReadSession, event_type: EventType, month: date, state: BookerState, *, now: datetime
) -> dict[str, list[Any]]:
    found = slots.find_slots(
        session,
        SlotSearch(
            event=EventTypeRef(event_type_id=event_type.id),
            start=month.isoformat(),
            end=cal.last_day(month).isoformat(),
            time_zone=state.zone.key,
            duration=state.duration,
        ),
        now=now,
    )
    return {day: list(day_slots) for day, day_slots in found.by_date.items() if day_slots}


def _render_booking(
    view: BookingView,
    read: Callable[[str], str | None],
    *,
    now: datetime,
    error: str | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    """The booking's page: when and where, and what its booker may still do with it."""
    booking = view.booking
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
        owner=view.host,
        when=_when(view, zone, hour12),
        zone=zone.key,
        where=describe_booking_location(booking.location),
        link=booking.location
        if (booking.location or "").startswith(("https://", "http://"))
        else None,
        **_booking_actions(view, read, now=now),
        **_booking_links(view, _keep(read, seat=view.seat_uid)),
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
        **branding(view.host),
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
    return {
        "active": active,
        "pending": booking.status == BookingStatus.PENDING.value,
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


def _when(view: BookingView, zone: ZoneInfo, hour12: bool) -> str:
    start, end = view.booking.start_time, view.booking.end_time
    local = start.astimezone(zone).date()
    return (
        f"{cal.long_date(local)}, {cal.time_label(start, zone, hour12=hour12)} – "
        f"{cal.time_label(end, zone, hour12=hour12)} ({zone.key.replace('_', ' ')})"
    )


def not_found(request: Request, embed: bool = False) -> HTMLResponse:
    """A page for people (browsers ask for HTML); any other client gets the API's JSON 404."""
    if "text/html" not in request.headers.get("accept", ""):
        raise StarletteHTTPException(404)
    return render(
        "not_found.html", status_code=404, title="Not found", embed=embed, **branding(None)
    )


# --- helpers -------------------------------------------------------------------------------


def _public_event_type(
    session: ReadSession, username: str, slug: str
) -> tuple[User, EventType] | None:
    try:
        owner = event_types.public_owner(session, username)
        return owner, event_types.get_public_event_type(session, owner, slug)
    except NotFound:
        return None


def _booking_view(session: ReadSession, uid: str, seat: str | None) -> BookingView:
    views = get_booking(session, uid)
    view = views[0]
    if seat and any(a.seat_uid == seat for a in view.attendees):
        view = replace(view, seat_uid=seat)
    return visible_to(view, None)


def _kept_length(view: BookingView) -> int:
    """A reschedule keeps the booking's length (the listing offers that length)."""
    minutes = view.duration_minutes
    assert view.event_type is not None
    return (
        minutes if minutes in event_lengths(view.event_type) else view.event_type.length_in_minutes
    )


def _names_field(exc: SlotwiseError, name: str) -> bool:
    details = exc.details if isinstance(exc.details, list) else []
    return any(isinstance(d, dict) and d.get("field") == name for d in details)


def _message(exc: SlotwiseError) -> str:
    return exc.message.removeprefix("Invalid request: ")


def _keep(read: Callable[[str], str | None], **extra: str | None) -> str:
    """The display settings a page passes on to the next (zone, format, embed)."""
    params = {name: read(name) for name in ("tz", "h", "embed")}
    params.update(extra)
    return urlencode({k: v for k, v in params.items() if v})
