"""The public booking pages (server-rendered; not API operations, so not in the OpenAPI).

- ``GET /{username}``: the profile with the visible event types;
- ``GET /{username}/{slug}``: the event page (month calendar, the chosen day's slots, the
  booking form once a slot is picked); ``POST`` books through ``bookings.service`` exactly
  as ``POST /v2/bookings`` does;
- ``GET /booking/{uid}``: the confirmation, ``/booking/{uid}/ics`` its calendar file,
  ``POST /booking/{uid}/cancel`` cancels;
- ``GET``/``POST /reschedule/{uid}``: the event page for a new time of that booking;
- ``GET /embed/embed.js``: the script a site includes to embed a booking page.

The event page works without JavaScript: days, slots and the time-format toggle are buttons
of one GET form, so every state is a URL. Query parameters: ``month`` (YYYY-MM), ``date``
(YYYY-MM-DD, the chosen day), ``slot`` (the chosen start, UTC), ``tz`` (the booker's zone;
JavaScript fills in the browser's), ``h`` (12 or 24), ``duration`` (minutes) and ``embed=1``
(no page chrome, for an iframe).

The booking's uid is its secret link, as in the API: whoever has it may see, reschedule and
cancel it; a seat of a seated booking is named by its ``seat`` uid as well.
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

from slotwise.bookings import service as bookings
from slotwise.bookings.models import BookingStatus
from slotwise.bookings.service import (
    ACTIVE_STATUSES,
    AttendeeInput,
    BookingView,
    Cancellation,
    InputNames,
    NewBooking,
    Rescheduling,
)
from slotwise.core.timezones import is_iana_time_zone
from slotwise.db import ReadSession
from slotwise.errors import Conflict, NotFound, SlotwiseError
from slotwise.event_types import service as event_types
from slotwise.event_types.locations import describe_booking_location
from slotwise.event_types.models import EventType
from slotwise.http.deps import NowDep, ReadSessionDep, UncheckedReadSessionDep, WriteSessionDep
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
WEB_NAMES = InputNames(
    start="start",
    length="duration",
    name="name",
    email="email",
    time_zone="tz",
    guests="guests",
    responses="responses",
    location="location",
)


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
        raw_duration = values("duration") or ""
        lengths = event_lengths(event_type)
        duration = (
            int(raw_duration) if cal.is_ascii_number(raw_duration) else event_type.length_in_minutes
        )
        if duration not in lengths:
            duration = event_type.length_in_minutes
        slot = slots.parse_instant(values("slot") or "") if values("slot") else None
        if slot is not None and not now - HORIZON_BEHIND <= slot <= now + HORIZON_AHEAD:
            slot = None
        day = cal.parse_day(values("date")) or cal.parse_day(values("selected"))
        month = cal.parse_month(values("month"))
        today = now.astimezone(zone).date()
        if day is not None and not today - HORIZON_BEHIND <= day <= today + HORIZON_AHEAD:
            day = None
        if month is not None and not today - HORIZON_BEHIND <= month <= today + HORIZON_AHEAD:
            month = None
        if slot is not None:
            day = slot.astimezone(zone).date()
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
def booking_page(
    request: Request, uid: str, session: UncheckedReadSessionDep, now: NowDep
) -> Response:
    read = query_reader(request)
    try:
        view = _booking_view(session, uid, read("seat"))
    except NotFound:
        return not_found(request, read("embed") == "1")
    return _render_booking(view, read, now=now)


@router.get("/booking/{uid}/ics")
def booking_ics(
    request: Request, uid: str, session: UncheckedReadSessionDep, now: NowDep
) -> Response:
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
        bookings.cancel_booking(
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
def reschedule_page(
    request: Request, uid: str, session: UncheckedReadSessionDep, now: NowDep
) -> Response:
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
        moved = bookings.reschedule_booking(
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
        names=WEB_NAMES,
    )
    try:
        views = bookings.create_booking(session, new_booking, now=now, caller=None)
    except Conflict:
        session.rollback()
        return _render_event(
            session, owner, event_type, replace(state, slot=None), now=now,
            message=TAKEN_MESSAGE, status_code=409,
        )  # fmt: skip
    except SlotwiseError as exc:
        session.rollback()
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
    first = views[0]
    seat = first.seat_uid if event_type.seats_per_slot is not None else None
    query = urlencode(
        {
            k: v
            for k, v in {
                "tz": state.zone.key,
                "h": "12" if state.hour12 else "24",
                "seat": seat,
                "embed": "1" if state.embed else None,
                "done": "booked",
            }.items()
            if v
        }
    )
    return RedirectResponse(f"/booking/{first.booking.uid}?{query}", status_code=303)


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
    zone = state.zone
    today = now.astimezone(zone).date()
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
    day_slots = [
        SlotView(
            start=slots.format_utc(slot.start),
            label=cal.time_label(slot.start, zone, hour12=state.hour12),
            seats_left=(event_type.seats_per_slot - (slot.seats_taken or 0))
            if event_type.seats_per_slot is not None and event_type.seats_show_availability_count
            else None,
        )
        for slot in (free.get(day.isoformat(), []) if day else [])
    ]
    chosen = state.slot if state.slot is not None and day is not None else None
    inputs = form_inputs(event_type, rescheduling=rescheduling is not None)
    base = (
        f"/reschedule/{rescheduling.booking.uid}"
        if rescheduling
        else (f"/{owner.username}/{event_type.slug}")
    )
    first_weekday = cal.python_first_weekday(event_types.week_start_number(owner.week_start))
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
        month_title=cal.month_title(month),
        month_key=cal.month_key(month),
        prev_month=(
            None
            if month <= this_month
            else f"{base}?{state.query(month=cal.month_key(cal.shift_month(month, -1)))}"
        ),
        next_month=(
            None
            if cal.shift_month(month, 1) > today + HORIZON_AHEAD
            else f"{base}?{state.query(month=cal.month_key(cal.shift_month(month, 1)))}"
        ),
        weekdays=cal.weekday_names(first_weekday),
        weeks=cal.month_grid(
            month, set(free), first_weekday=first_weekday, selected=day, today=today
        ),
        day=day,
        day_title=cal.long_date(day) if day else "",
        day_slots=day_slots,
        has_free=bool(free),
        chosen=chosen,
        chosen_label=(
            f"{cal.long_date(day)}, {cal.time_label(chosen, zone, hour12=state.hour12)}"
            if chosen and day
            else ""
        ),
        chosen_end=(
            cal.time_label(chosen + timedelta(minutes=state.duration), zone, hour12=state.hour12)
            if chosen
            else ""
        ),
        back_url=f"{base}?{state.query(date=day.isoformat() if day else None)}",
        inputs=inputs,
        values=values or {},
        errors=errors or {},
        general=list(general),
        message=message,
        zones=time_zone_names(),
        offset=cal.offset_label(zone, now),
        rescheduling=rescheduling,
        old_when=_when(rescheduling, zone, state.hour12) if rescheduling else "",
        seat=rescheduling.seat_uid if rescheduling else None,
        embed=state.embed,
        **branding(owner),
    )


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
    booking = view.booking
    seat_attendee = next(
        (a for a in view.attendees if view.seat_uid and a.seat_uid == view.seat_uid), None
    )
    booker = seat_attendee or (view.attendees[0] if view.attendees else None)
    raw_zone = read("tz") or ""
    if is_iana_time_zone(raw_zone):
        zone = ZoneInfo(raw_zone)
    elif booker is not None and is_iana_time_zone(booker.time_zone):
        zone = ZoneInfo(booker.time_zone)
    else:
        zone = owner_zone(view.host)
    raw_h = read("h")
    hour12 = raw_h == "12" if raw_h in ("12", "24") else view.host.time_format == 12
    embed = read("embed") == "1"
    # A seat's own link after that seat was cancelled: the booking goes on without them.
    seat_gone = bool(read("seat")) and view.seat_uid is None
    active = booking.status in ACTIVE_STATUSES and not seat_gone
    event_type = view.event_type
    keep = _keep(read, seat=view.seat_uid)
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
        active=active,
        pending=booking.status == BookingStatus.PENDING.value,
        past=booking.end_time <= now,
        can_reschedule=active
        and booking.end_time > now
        and event_type is not None
        and not event_type.disable_rescheduling,
        can_cancel=active and event_type is not None and not event_type.disable_cancelling,
        ics_url=f"/booking/{booking.uid}/ics" + (f"?seat={view.seat_uid}" if view.seat_uid else ""),
        reschedule_url=f"/reschedule/{booking.uid}?{keep}",
        new_url=f"/booking/{booking.rescheduled_to_uid}?{keep}"
        if booking.rescheduled_to_uid
        else None,
        done=read("done") or "",
        seat=view.seat_uid,
        embed=embed,
        tz=zone.key,
        h="12" if hour12 else "24",
        error=error,
        # /booking/{uid}?cancel=true (Cal.com's link, and our emails') opens the cancel form.
        cancel_open=read("cancel") == "true",
        start_utc=slots.format_utc(booking.start_time),
        end_utc=slots.format_utc(booking.end_time),
        **branding(view.host),
    )


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


def _booking_view(session: Session, uid: str, seat: str | None) -> BookingView:
    views = bookings.get_booking(session, uid)
    view = views[0]
    if seat and any(a.seat_uid == seat for a in view.attendees):
        view = replace(view, seat_uid=seat)
    return bookings.visible_to(view, None)


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
