"""A booking's in-place changes (2024-08-13): ``PATCH /location``, ``POST /guests`` and
``POST /attendees``. The host's API key is required (Cal.com's BOOKING_WRITE); the rules are
``bookings.amendments``."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from slotwise.bookings import amendments
from slotwise.bookings.api import CurrentOnly
from slotwise.bookings.schemas.v2024_08_13 import BookingOutput_2024_08_13
from slotwise.bookings.schemas.v2024_08_13.amendments import (
    ATTENDEE_FIELD_NAMES,
    AddAttendeeInput_2024_08_13,
    AddGuestsInput_2024_08_13,
    BookingAttendeeOutput_2024_08_13,
    UpdateBookingLocationInput_2024_08_13,
)
from slotwise.bookings.views import BookingView, visible_to
from slotwise.errors import fields_named
from slotwise.http.bodies import JsonBody, json_body_schema, parse_body, respond
from slotwise.http.deps import NowDep, WriteSessionDep
from slotwise.http.envelope import V2_ERROR_RESPONSES, SuccessEnvelope, documented
from slotwise.slots.api import OptionalCaller
from slotwise.users.models import User

router = APIRouter(prefix="/v2/bookings", tags=["Bookings"], responses=V2_ERROR_RESPONSES)


def _booking(view: BookingView, caller: User | None) -> JSONResponse:
    return respond(BookingOutput_2024_08_13.from_view(visible_to(view, caller)))


@router.patch(
    "/{bookingUid}/location",
    status_code=200,
    response_model=None,
    responses=documented(200, SuccessEnvelope[BookingOutput_2024_08_13], "The booking"),
    openapi_extra=json_body_schema(UpdateBookingLocationInput_2024_08_13),
)
def update_booking_location(
    version: CurrentOnly,
    bookingUid: str,
    raw: JsonBody,
    session: WriteSessionDep,
    now: NowDep,
    caller: OptionalCaller,
) -> JSONResponse:
    body = parse_body(UpdateBookingLocationInput_2024_08_13, raw)
    view = amendments.change_location(
        session, bookingUid, body.to_request(), now=now, caller=caller
    )
    return _booking(view, caller)


@router.post(
    "/{bookingUid}/guests",
    status_code=200,
    response_model=None,
    responses=documented(
        200, SuccessEnvelope[BookingOutput_2024_08_13], "The booking, its guests among attendees"
    ),
    openapi_extra=json_body_schema(AddGuestsInput_2024_08_13),
)
def add_booking_guests(
    version: CurrentOnly,
    bookingUid: str,
    raw: JsonBody,
    session: WriteSessionDep,
    now: NowDep,
    caller: OptionalCaller,
) -> JSONResponse:
    body = parse_body(AddGuestsInput_2024_08_13, raw)
    view = amendments.add_guests(session, bookingUid, body.to_request(), now=now, caller=caller)
    return _booking(view, caller)


@router.post(
    "/{bookingUid}/attendees",
    status_code=201,
    response_model=None,
    responses=documented(
        201, SuccessEnvelope[BookingAttendeeOutput_2024_08_13], "The attendee added"
    ),
    openapi_extra=json_body_schema(AddAttendeeInput_2024_08_13),
)
def add_booking_attendee(
    version: CurrentOnly,
    bookingUid: str,
    raw: JsonBody,
    session: WriteSessionDep,
    now: NowDep,
    caller: OptionalCaller,
) -> JSONResponse:
    body = parse_body(AddAttendeeInput_2024_08_13, raw)
    with fields_named(ATTENDEE_FIELD_NAMES):
        attendee = amendments.add_attendee(
            session, bookingUid, body.to_request(), now=now, caller=caller
        )
    return respond(BookingAttendeeOutput_2024_08_13.of(attendee), 201)
