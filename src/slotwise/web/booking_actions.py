"""What a booker does with a form (``POST``): book a slot (``bookings.creation``, exactly as
``POST /v2/bookings``), reschedule (``bookings.rescheduling``) and cancel
(``bookings.cancellation``). A refusal shows the page again with its message; success
redirects to the booking's page."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from urllib.parse import urlencode

from fastapi import Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy.orm import Session

from slotwise.bookings.booker_details import AttendeeInput
from slotwise.bookings.cancellation import Cancellation, cancel_booking
from slotwise.bookings.creation import NewBooking, create_booking
from slotwise.bookings.rescheduling import Rescheduling, reschedule_booking
from slotwise.errors import Conflict, NotFound, SlotwiseError, fields_named
from slotwise.event_types.models import EventType
from slotwise.http.deps import NowDep, WriteSessionDep
from slotwise.private_links.service import USED_UP
from slotwise.slots.service import EventTypeRef
from slotwise.web.booker_state import BookerState
from slotwise.web.booking_page import (
    find_booking_view,
    keep_display,
    kept_length,
    render_booking_page,
)
from slotwise.web.event_page import find_public_event_type, render_event_page
from slotwise.web.form import PostedForm as PostedAnswers
from slotwise.web.form import field_errors, form_inputs, read_form
from slotwise.web.owners import PageOwner, booking_owner
from slotwise.web.routing import PostedForm, form_reader, not_found, page_router

TAKEN_MESSAGE = "Sorry, that time was just taken by someone else. Please pick another time."
GONE_MESSAGE = "That time is no longer available. Please pick another time."
# The form's names for the service's 400s, so each error lands next to its input.
WEB_NAMES: dict[str, str] = {
    "length_in_minutes": "duration",
    "attendee.name": "name",
    "attendee.email": "email",
    "attendee.time_zone": "tz",
}

router = page_router()


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
        view = find_booking_view(session, uid, seat)
        return render_booking_page(
            session, view, read, now=now, error=_message(exc), status_code=400
        )
    return RedirectResponse(f"/booking/{uid}?{keep_display(read, seat=seat)}", status_code=303)


@router.post("/reschedule/{uid}", response_class=HTMLResponse)
def reschedule(
    request: Request, uid: str, posted: PostedForm, session: WriteSessionDep, now: NowDep
) -> Response:
    read = form_reader(posted)
    seat = read("seat") or None
    try:
        view = find_booking_view(session, uid, seat)
    except NotFound:
        return not_found(request, read("embed") == "1")
    if view.event_type is None:
        return render_booking_page(
            session, view, read, now=now, error="This booking cannot be rescheduled."
        )
    owner = booking_owner(session, view)
    state = replace(
        BookerState.read(read, owner, view.event_type, now=now), duration=kept_length(view)
    )
    if state.slot is None:
        return render_event_page(
            session, owner, view.event_type, state, now=now, rescheduling=view,
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
        return render_event_page(
            session,
            owner,
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
    query = keep_display(read, seat=new_seat, done="rescheduled")
    return RedirectResponse(f"/booking/{moved.booking.uid}?{query}", status_code=303)


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
    found = find_public_event_type(session, username, slug)
    if found is None:
        return not_found(request, read("embed") == "1")
    owner, event_type = found
    return book_event(session, owner, event_type, posted, now=now)


def book_event(
    session: Session,
    owner: PageOwner,
    event_type: EventType,
    posted: Mapping[str, list[str]],
    *,
    now: datetime,
    page: PageOf | None = None,
) -> Response:
    """Books the posted slot of ``event_type`` (``page``: the page's own path and link, when
    the form was posted on a team's page or a private link's)."""
    read = form_reader(posted)
    state = BookerState.read(read, owner, event_type, now=now)
    base = page.base if page else None
    if state.slot is None:
        return render_event_page(
            session, owner, event_type, state, now=now, message="Pick a time first.",
            status_code=400, base=base,
        )  # fmt: skip
    inputs = form_inputs(event_type)
    answers = read_form(event_type, posted, inputs=inputs)
    values = {name: ", ".join(v for v in vs if v) for name, vs in posted.items()}
    known = {i.name for i in inputs} | {"location", "location_value"}
    if answers.problems:  # unreadable before the service sees them: nothing is booked
        errors, general = field_errors(answers.problems, known=known)
        return render_event_page(
            session, owner, event_type, state, now=now, values=values, errors=errors,
            general=general, status_code=400, base=base,
        )  # fmt: skip
    request = _new_booking(event_type, state, state.slot, answers)
    response_id = dict(state.prefill).get("routingFormResponseId")
    if response_id is not None:  # a routing form's response: linked to this booking
        request = replace(request, metadata={"routingFormResponseId": response_id})
    if page is not None and page.link is not None:
        request = replace(request, hashed_link=page.link)
    try:
        with fields_named(WEB_NAMES):
            views = create_booking(session, request, now=now, caller=None)
    except SlotwiseError as exc:
        session.rollback()
        if page is not None and page.refused is not None and _link_refused(exc):
            return page.refused(exc)
        return _booking_refused(
            session, owner, event_type, state, exc, values=values, known=known, now=now,
            base=base,
        )  # fmt: skip
    first = views[0]
    seat = first.seat_uid if event_type.seats_per_slot is not None else None
    return RedirectResponse(
        f"/booking/{first.booking.uid}?{_booked_query(state, seat)}", status_code=303
    )


@dataclass(frozen=True, slots=True)
class PageOf:
    """A page of its own path (a team's event page), or a private link's: its path, its
    link, and the page that says the link was refused."""

    base: str
    link: str | None = None
    refused: Callable[[SlotwiseError], Response] | None = None


def _link_refused(exc: SlotwiseError) -> bool:
    """The private link, not the slot, said no (expired or used up)."""
    if isinstance(exc, Conflict):
        return exc.reason == USED_UP
    return _names_field(exc, "hashedLink")


def _new_booking(
    event_type: EventType, state: BookerState, start: datetime, answers: PostedAnswers
) -> NewBooking:
    """What ``POST /v2/bookings`` would send for this form: the chosen slot and length, the
    booker in their zone, and their answers."""
    return NewBooking(
        event=EventTypeRef(event_type_id=event_type.id),
        start=start,
        attendee=AttendeeInput(
            name=answers.name,
            email=answers.email,
            time_zone=state.zone.key,
            time_format=12 if state.hour12 else 24,  # the clock the booker read the times on
        ),
        guests=answers.guests,
        length_in_minutes=state.duration,
        location=answers.location,
        responses=answers.responses,
    )


def _booking_refused(
    session: Session,
    owner: PageOwner,
    event_type: EventType,
    state: BookerState,
    exc: SlotwiseError,
    *,
    values: Mapping[str, str],
    known: set[str],
    now: datetime,
    base: str | None = None,
) -> HTMLResponse:
    """The event page again after the service said no: the day's fresh slots when the slot
    was taken (409) or is no longer offered, else the form with each error at its input."""
    if isinstance(exc, Conflict):
        return render_event_page(
            session, owner, event_type, replace(state, slot=None), now=now,
            message=TAKEN_MESSAGE, status_code=409, base=base,
        )  # fmt: skip
    if _names_field(exc, "start"):
        return render_event_page(
            session, owner, event_type, replace(state, slot=None), now=now,
            message=GONE_MESSAGE, status_code=400, base=base,
        )  # fmt: skip
    errors, general = field_errors(exc.details, known=known)
    if not errors and not general:
        general = [_message(exc)]
    return render_event_page(
        session, owner, event_type, state, now=now, values=values, errors=errors,
        general=general, status_code=400, base=base,
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


def _names_field(exc: SlotwiseError, name: str) -> bool:
    details = exc.details if isinstance(exc.details, list) else []
    return any(isinstance(d, dict) and d.get("field") == name for d in details)


def _message(exc: SlotwiseError) -> str:
    return exc.message.removeprefix("Invalid request: ")
