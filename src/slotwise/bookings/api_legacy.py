"""/v2/bookings in the legacy shapes (spec/legacy.md §3): what ``api.py`` calls for
2024-04-15 (also a missing or unknown ``cal-api-version``), 2024-06-11 and 2024-06-14.

Decisions (where spec/legacy.md is silent or Cal.com's behaviour is a trap):

- **A slot taken or full** is Cal.com's 400 with the error code as its message,
  ``no_available_users_found_error`` (spec/legacy.md §6); the service's explanation is kept
  in ``details``. Every other 400, 404 and 401 stays as the service raises it.
- **One booking per ``POST /v2/bookings``**, even of a recurring event type (Cal.com's
  legacy create books the one occurrence it is sent); ``/recurring`` books a series.
- **``POST /v2/bookings/recurring``** takes every occurrence's body; the first body is the
  booking (its attendee, responses, metadata), the array's length is the number of
  occurrences, and the service lays out the series from the first start (the same
  wall-clock time in the attendee's zone). Every other body must name the same event type
  and start exactly where the service put that occurrence, else a 400 naming
  ``<index>.start`` (and nothing is written).
- **Holds.** The booker's ``uid`` cookie is their legacy hold (``POST /v2/slots/reserve``):
  their own holds never hide the slot they book, and a booking drops every hold of that
  cookie (as Cal.com's booker does with ``DELETE /selected-slot`` once it has booked). A
  reschedule drops them first, since a reschedule takes no hold.
- **Reschedule** (``rescheduleUid``) answers the new booking; its ``eventTypeId`` must be
  the booking's, and an ``end`` must keep the booking's length.
- **``GET /v2/bookings/{uid}``** of a recurring series' uid (``recurringEventId``) answers
  every occurrence, as an array; a booking's uid answers that booking.
- **List.** ``filters[status]`` defaults to upcoming; ``filters[...]`` without a status is a
  400, as in Cal.com. Teams do not exist, so ``filters[teamsIds][]`` matches nothing, nor
  does ``filters[userIds][]`` without the caller's own id. Past and cancelled bookings come
  newest first, the others soonest first (Cal.com's order). ``recurringInfo`` describes
  each recurring series that has an occurrence on the page (all its occurrences, by
  status), not every series of the user.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime
from typing import Any

from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session

from slotwise.bookings import (
    absence,
    cancellation,
    creation,
    reads,
    repository,
    rescheduling,
)
from slotwise.bookings.repository import ListQuery
from slotwise.bookings.schemas.v2024_04_15 import (
    DEFAULT_LIMIT,
    EVENT_TYPE_NAMES,
    INPUT_NAMES,
    LIST_STATUSES,
    NO_AVAILABLE_USERS,
    BookingInfoLegacy,
    BookingLegacy,
    BookingListItemLegacy,
    BookingsListLegacy,
    CancelBookingInputLegacy,
    CancelOutputLegacy,
    CreateBookingInputLegacy,
    CreateRecurringBookingInputLegacy,
    ListBookingsParamsLegacy,
    MarkNoShowInputLegacy,
    MarkNoShowOutputLegacy,
    NoShowAttendeeOutputLegacy,
    RecurringInfoLegacy,
)
from slotwise.bookings.views import BookingView, visible_to
from slotwise.db import ReadSession
from slotwise.errors import Conflict, Invalid, NotFound, fields_named
from slotwise.http.bodies import parse_body, respond
from slotwise.http.envelope import format_instant
from slotwise.http.params import MAX_DATABASE_ID
from slotwise.private_links import service as private_links
from slotwise.slots import service as slots
from slotwise.users.models import User

NEWEST_FIRST = frozenset({"past", "cancelled"})
_FILTER = re.compile(r"filters\[(?P<name>[A-Za-z]+)\](?:\[[0-9]*\])?")
_NUMERIC = re.compile(r"-?[0-9]+")


# --- create ----------------------------------------------------------------------------------


def create(
    raw: Any, session: Session, *, now: datetime, caller: User | None, holder: str | None
) -> JSONResponse:
    body = parse_body(CreateBookingInputLegacy, raw)
    hold = _hold_of(holder)
    if body.rescheduleUid is not None:
        view = _reschedule(body, body.rescheduleUid, session, now=now, caller=caller, hold=hold)
    else:
        event_type, _host = slots.event_type_and_host(
            session, body.event_type_ref(), EVENT_TYPE_NAMES
        )
        request = body.to_request(event_type, reservation_uid=hold, single=True)
        with _slot_taken_is_400(), fields_named(INPUT_NAMES):
            view = creation.create_booking(session, request, now=now, caller=caller)[0]
        if hold is not None:
            slots.release_legacy(session, hold, now=now)
    return respond(BookingLegacy.from_view(visible_to(view, caller)).answer(), 201)


def _reschedule(
    body: CreateBookingInputLegacy,
    uid: str,
    session: Session,
    *,
    now: datetime,
    caller: User | None,
    hold: str | None,
) -> BookingView:
    event_type, _host = slots.event_type_and_host(session, body.event_type_ref(), EVENT_TYPE_NAMES)
    if hold is not None:  # the booker's own holds must not stand in their way
        slots.release_legacy(session, hold, now=now)
    with _slot_taken_is_400():
        view = rescheduling.reschedule_booking(
            session, uid, body.rescheduling(), now=now, caller=caller
        )
    # Checked after the fact: raising rolls the whole request back.
    if view.booking.event_type_id != event_type.id:
        raise Invalid.field(
            "eventTypeId",
            f"must be the event type of the booking being rescheduled "
            f"({view.booking.event_type_id})",
        )
    if body.end is not None and body.end != view.booking.end_time:
        raise Invalid.field(
            "end", f"must be start plus the booking's length ({view.duration_minutes} minutes)"
        )
    return view


def create_recurring(
    raw: Any, session: Session, *, now: datetime, caller: User | None
) -> JSONResponse:
    bodies = parse_body(CreateRecurringBookingInputLegacy, raw).root
    first = bodies[0]
    problems: list[dict[str, str]] = []
    for index, body in enumerate(bodies):
        if body.rescheduleUid is not None:
            problems.append(
                {
                    "field": f"{index}.rescheduleUid",
                    "message": "is not taken here: reschedule each occurrence with POST "
                    "/v2/bookings",
                }
            )
        if body.event_type_ref() != first.event_type_ref():
            problems.append(
                {
                    "field": f"{index}.eventTypeId",
                    "message": "must name the same event type as the first occurrence",
                }
            )
    if problems:
        raise Invalid.fields(problems)
    event_type, _host = slots.event_type_and_host(session, first.event_type_ref(), EVENT_TYPE_NAMES)
    recurrence = event_type.recurrence
    if not recurrence:
        raise Invalid.field(
            "0.eventTypeId", "is not a recurring event type: book it with POST /v2/bookings"
        )
    allowed = min(int(recurrence.get("count") or 1), creation.MAX_RECURRENCE)
    if len(bodies) > allowed:
        raise Invalid.field(
            "body", f"must list at most {allowed} occurrences (the event type's recurrence)"
        )
    request = replace(
        first.to_request(event_type, reservation_uid=None, single=False),
        recurrence_count=len(bodies),
    )
    with _slot_taken_is_400(), fields_named(INPUT_NAMES):
        views = creation.create_booking(session, request, now=now, caller=caller)
    misplaced = [
        {
            "field": f"{index}.start",
            "message": f"must be the series' occurrence {index + 1}, "
            f"{format_instant(view.booking.start_time)}",
        }
        for index, (body, view) in enumerate(zip(bodies, views, strict=True))
        if body.start != view.booking.start_time
    ]
    if misplaced:  # raising rolls the series back
        raise Invalid.fields(misplaced)
    return respond([BookingLegacy.from_view(visible_to(v, caller)).answer() for v in views], 201)


def _hold_of(cookie: str | None) -> str | None:
    """The booker's legacy holder uid, when their ``uid`` cookie is one."""
    if cookie is not None and slots.legacy_holder(cookie) == cookie:
        return cookie
    return None


# Cal.com's handleNewBooking error codes for the same causes.
LEGACY_CONFLICT_CODES = {
    slots.SEATS_FULL: "booking_seats_full_error",
    slots.ALREADY_SEATED: "already_signed_up_for_this_booking_error",
}


@contextmanager
def _slot_taken_is_400() -> Iterator[None]:
    """Cal.com's legacy answer to a slot that is taken, full or held: 400 with its code."""
    try:
        yield
    except Conflict as exc:
        if exc.reason == private_links.USED_UP:  # the link, not the slot: say so
            raise Invalid.field("hashedLink", exc.message) from None
        code = LEGACY_CONFLICT_CODES.get(exc.reason or "", NO_AVAILABLE_USERS)
        raise Invalid(code, details=[{"field": "start", "message": exc.message}]) from None


# --- read ------------------------------------------------------------------------------------


def list_bookings(
    params: ListBookingsParamsLegacy,
    filters: Sequence[tuple[str, str]],
    session: ReadSession,
    *,
    now: datetime,
    caller: User,
) -> JSONResponse:
    """One page of the caller's bookings: ``params`` as FastAPI validated them, ``filters``
    the query string's ``filters...`` items (see ``ListBookingsParamsLegacy``)."""
    query, matches_nothing = _list_query(params, filters, caller)
    if matches_nothing:
        page = reads.BookingPage([], 0, query.take, query.skip)
    else:
        page = reads.list_bookings(session, caller, query, now=now)
    series_ids = list(
        dict.fromkeys(
            v.booking.recurring_event_id for v in page.views if v.booking.recurring_event_id
        )
    )
    after = query.skip + query.take
    output = BookingsListLegacy(
        bookings=[BookingListItemLegacy.from_view(v) for v in page.views],
        recurringInfo=[
            RecurringInfoLegacy.of(series_id, repository.series(session, series_id))
            for series_id in series_ids
        ],
        totalCount=page.total,
        nextCursor=after if page.total > after else None,
    )
    return respond(output)


def filter_items(items: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """The ``filters`` and ``filters[...]`` items of a query string, repeats included."""
    return [(key, value) for key, value in items if key == "filters" or key.startswith("filters[")]


def _list_query(
    params: ListBookingsParamsLegacy, items: Sequence[tuple[str, str]], caller: User
) -> tuple[ListQuery, bool]:
    """The legacy list query (spec/legacy.md §3), and whether it can match nothing (a team,
    or other users); every bad filter is named in one 400."""
    filters: dict[str, list[str]] = {}
    for key, value in items:
        match = _FILTER.fullmatch(key)
        if match:
            filters.setdefault(match["name"], []).append(value)
    problems: list[dict[str, str]] = []
    status = "upcoming"
    statuses = filters.get("status", [])
    if items and not statuses:
        problems.append(
            {
                "field": "filters[status]",
                "message": f"is required with other filters: one of {', '.join(LIST_STATUSES)}",
            }
        )
    elif statuses:
        if len(statuses) > 1 or statuses[0] not in LIST_STATUSES:
            problems.append(
                {
                    "field": "filters[status]",
                    "message": f"must be one of {', '.join(LIST_STATUSES)}",
                }
            )
        else:
            status = statuses[0]
    event_type_ids = _ids(filters.get("eventTypeIds", []), "filters[eventTypeIds]", problems)
    team_ids = _ids(filters.get("teamsIds", []), "filters[teamsIds]", problems)
    user_ids = _ids(filters.get("userIds", []), "filters[userIds]", problems)
    if problems:
        raise Invalid.fields(problems)
    query = ListQuery(
        statuses=frozenset({status}),
        event_type_ids=event_type_ids,
        order=(("start", True),) if status in NEWEST_FIRST else (),
        take=DEFAULT_LIMIT if params.limit is None else params.limit,
        skip=0 if params.cursor is None else params.cursor,
    )
    matches_nothing = bool(team_ids) or bool(user_ids and caller.id not in user_ids)
    return query, matches_nothing


def _ids(values: list[str], name: str, problems: list[dict[str, str]]) -> tuple[int, ...]:
    ids: list[int] = []
    for value in values:
        for part in value.split(","):
            part = part.strip()
            if not part.isascii() or not part.isdigit() or not 1 <= int(part) <= MAX_DATABASE_ID:
                problems.append({"field": name, "message": "must be a list of ids"})
                return ()
            ids.append(int(part))
    return tuple(ids)


def get(uid: str, session: ReadSession) -> JSONResponse:
    try:
        views = reads.get_booking(session, uid)
    except NotFound:
        raise NotFound(f"Booking with UID={uid} does not exist.") from None
    infos = [BookingInfoLegacy.from_view(visible_to(v, None)) for v in views]
    if len(views) == 1 and views[0].booking.uid == uid:
        return respond(infos[0])
    return respond(infos)  # a recurring series' uid: every occurrence


# --- lifecycle -------------------------------------------------------------------------------


def cancel(
    uid: str, raw: Any, session: Session, *, now: datetime, caller: User | None
) -> JSONResponse:
    if _NUMERIC.fullmatch(uid):
        raise Invalid.field("bookingUid", "must be a booking's uid, not its numeric id")
    body = parse_body(CancelBookingInputLegacy, raw)
    views = cancellation.cancel_booking(session, uid, body.to_request(), now=now, caller=caller)
    booking = next((v.booking for v in views if v.booking.uid == uid), views[0].booking)
    by_host = caller is not None and caller.id == booking.user_id
    output = CancelOutputLegacy(
        bookingId=booking.id,
        bookingUid=booking.uid,
        # The service cancels one seat for a booker with its seat uid, the booking for its host.
        onlyRemovedAttendee=body.seatReferenceUid is not None and not by_host,
    )
    return respond(output, 201)


def mark_no_show(
    uid: str, raw: Any, session: Session, *, now: datetime, caller: User | None
) -> JSONResponse:
    body = parse_body(MarkNoShowInputLegacy, raw)
    update = body.to_request()
    view = absence.mark_absent(session, uid, update, now=now, caller=caller)
    by_email = {a.email.lower(): a for a in view.attendees}
    attendees = [by_email[email.lower()] for email, _absent in update.attendees]
    if len(attendees) == 1:
        verb = "marked" if attendees[0].no_show else "unmarked"
        message = f"{attendees[0].email} {verb} as no-show"
    elif attendees:
        message = "Attendees' no-show status updated"
    else:
        message = "Host's no-show status updated"
    output = MarkNoShowOutputLegacy(
        message=message,
        noShowHost=view.booking.absent_host if body.noShowHost is not None else None,
        attendees=(
            [NoShowAttendeeOutputLegacy(email=a.email, noShow=a.no_show) for a in attendees]
            if body.attendees is not None
            else None
        ),
    )
    return respond(output.answer(), 201)
