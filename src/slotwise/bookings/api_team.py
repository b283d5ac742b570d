"""Team bookings in the 2024-08-13 shapes: ``POST /v2/bookings/{uid}/reassign`` (and
``/reassign/{userId}``) move a round-robin booking to another host; ``GET
/v2/teams/{teamId}/bookings`` lists a team's bookings to its members."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from slotwise.auth.dependencies import CurrentUser
from slotwise.bookings import reads, reassignment
from slotwise.bookings.api import CurrentOnly
from slotwise.bookings.schemas.v2024_08_13 import BookingOutput_2024_08_13
from slotwise.bookings.schemas.v2024_08_13.inputs import DeclineBookingInput_2024_08_13
from slotwise.bookings.views import visible_to
from slotwise.event_types import team_service
from slotwise.http.bodies import JsonBody, json_body_schema, parse_body, respond
from slotwise.http.deps import NowDep, ReadSessionDep, WriteSessionDep
from slotwise.http.envelope import V2_ERROR_RESPONSES, SuccessEnvelope, documented
from slotwise.http.params import IdPath
from slotwise.slots.api import OptionalCaller

router = APIRouter(tags=["Bookings"], responses=V2_ERROR_RESPONSES)
# The body of both reassign routes: an optional reason (Cal.com's ReassignToUserBookingInput).
ReassignBookingInput_2024_08_13 = DeclineBookingInput_2024_08_13
_REASSIGNED = documented(200, SuccessEnvelope[BookingOutput_2024_08_13], "The reassigned booking")


@router.post(
    "/v2/bookings/{bookingUid}/reassign",
    response_model=None,
    responses=_REASSIGNED,
    openapi_extra=json_body_schema(ReassignBookingInput_2024_08_13, required=False),
)
def reassign_booking(
    version: CurrentOnly, bookingUid: str, raw: JsonBody, session: WriteSessionDep,
    now: NowDep, caller: OptionalCaller,
) -> JSONResponse:  # fmt: skip
    """To another free round-robin host, chosen as a new booking's host is."""
    body = parse_body(ReassignBookingInput_2024_08_13, raw)
    view = reassignment.reassign_booking(
        session, bookingUid, to_user_id=None, reason=body.reason, now=now, caller=caller
    )
    return respond(BookingOutput_2024_08_13.from_view(visible_to(view, caller)))


@router.post(
    "/v2/bookings/{bookingUid}/reassign/{userId}",
    response_model=None,
    responses=_REASSIGNED,
    openapi_extra=json_body_schema(ReassignBookingInput_2024_08_13, required=False),
)
def reassign_booking_to_user(
    version: CurrentOnly, bookingUid: str, userId: IdPath, raw: JsonBody,
    session: WriteSessionDep, now: NowDep, caller: OptionalCaller,
) -> JSONResponse:  # fmt: skip
    body = parse_body(ReassignBookingInput_2024_08_13, raw)
    view = reassignment.reassign_booking(
        session, bookingUid, to_user_id=userId, reason=body.reason, now=now, caller=caller
    )
    return respond(BookingOutput_2024_08_13.from_view(visible_to(view, caller)))


@router.get(
    "/v2/teams/{teamId}/bookings",
    response_model=None,
    responses=documented(
        200, SuccessEnvelope[list[BookingOutput_2024_08_13]], "The team's bookings, by start"
    ),
)
def list_team_bookings(
    user: CurrentUser, teamId: IdPath, session: ReadSessionDep,
    take: Annotated[int, Query(ge=1, le=250)] = 100,
    skip: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> JSONResponse:  # fmt: skip
    """To the team's members (an outsider gets 404)."""
    event_type_ids = team_service.team_event_type_ids(session, user, teamId)
    views = reads.team_bookings(session, event_type_ids, take=take, skip=skip)
    return respond([BookingOutput_2024_08_13.from_view(view) for view in views])
