"""/v2/bookings, in the shape the ``cal-api-version`` header asks for.

2024-08-13 gets the 2024-08-13 shapes (this module); 2024-04-15 (also a missing or unknown
header), 2024-06-11 and 2024-06-14 get the legacy shapes (``api_legacy``, spec/legacy.md §3).
2024-09-04 is a known version these paths do not serve: a 400 naming the ones they do.
Paths that exist in one family only (``/reschedule``, ``/confirm``, ``/decline``,
``/mark-absent`` in 2024-08-13; ``/recurring``, ``/mark-no-show`` in the legacy one) answer
the other family with that 400 too, with a hint.

Optional auth (spec/api.md §1.1): creating, reading by uid, cancelling and rescheduling work
without a key (the uid is the booker's secret link); a key that is sent must be valid.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Cookie, Depends, Query, Request
from fastapi.responses import JSONResponse

from slotwise.bookings import (
    absence,
    api_legacy,
    cancellation,
    confirmation,
    creation,
    reads,
    rescheduling,
)
from slotwise.bookings.schemas import v2024_04_15 as legacy_schemas
from slotwise.bookings.schemas.v2024_04_15 import ListBookingsParamsLegacy
from slotwise.bookings.schemas.v2024_08_13 import (
    FIELD_NAMES,
    BookingOutput_2024_08_13,
    BookingsListOutput_2024_08_13,
    CancelBookingInput_2024_08_13,
    CreateBookingInput_2024_08_13,
    DeclineBookingInput_2024_08_13,
    ListBookingsParams_2024_08_13,
    MarkAbsentInput_2024_08_13,
    Pagination,
    RescheduleBookingInput_2024_08_13,
)
from slotwise.bookings.views import BookingView, visible_to
from slotwise.errors import Unauthorized, fields_named
from slotwise.http.bodies import JsonBody, json_body_schema, parse_body, respond
from slotwise.http.deps import NowDep, ReadSessionDep, WriteSessionDep
from slotwise.http.envelope import V2_ERROR_RESPONSES, SuccessEnvelope, documented
from slotwise.http.versioning import ApiVersion, serving
from slotwise.idempotency.dependencies import IDEMPOTENT_RESPONSES, IdempotencyDep
from slotwise.slots.api import OptionalCaller
from slotwise.users.models import User

router = APIRouter(prefix="/v2/bookings", tags=["Bookings"], responses=V2_ERROR_RESPONSES)

CURRENT = ApiVersion.V2024_08_13
LEGACY_VERSIONS = (ApiVersion.V2024_04_15, ApiVersion.V2024_06_11, ApiVersion.V2024_06_14)
ALL_VERSIONS = (*LEGACY_VERSIONS, CURRENT)


BOOKINGS_PATH = "this /v2/bookings path"


BookingsVersion = Annotated[ApiVersion, Depends(serving(ALL_VERSIONS, BOOKINGS_PATH))]
CurrentOnly = Annotated[
    ApiVersion,
    Depends(
        serving(
            (CURRENT,),
            BOOKINGS_PATH,
            "a missing or unknown header means 2024-04-15; send cal-api-version: 2024-08-13",
        )
    ),
]
LegacyOnly = Annotated[
    ApiVersion,
    Depends(
        serving(LEGACY_VERSIONS, BOOKINGS_PATH, "with 2024-08-13 use /reschedule, /mark-absent")
    ),
]
HolderCookie = Annotated[str | None, Cookie(alias="uid", description="The booker's hold uid")]


# What a path answers in either family: the 2024-08-13 model (one booking or a series) or
# the legacy record, which is a plain object here (spec/legacy.md §3 lists its keys).
LegacyData = SuccessEnvelope[dict[str, Any] | list[dict[str, Any]]]
OneOrSeries = SuccessEnvelope[BookingOutput_2024_08_13 | list[BookingOutput_2024_08_13]]


def _one_or_many(
    views: list[BookingView], caller: User | None, status_code: int = 200
) -> JSONResponse:
    """A recurring series answers an array, anything else one booking."""
    outputs = [BookingOutput_2024_08_13.from_view(visible_to(v, caller)) for v in views]
    return respond(outputs if len(outputs) > 1 else outputs[0], status_code)


def _require_caller(caller: User | None) -> User:
    if caller is None:
        raise Unauthorized("An API key is required to list bookings")
    return caller


# --- create ----------------------------------------------------------------------------------


@router.post(
    "",
    status_code=201,
    response_model=None,
    responses={
        **IDEMPOTENT_RESPONSES,
        **documented(
            201, OneOrSeries | LegacyData, "The booking (a series: an array; legacy: its record)"
        ),
    },
    openapi_extra=json_body_schema(
        CreateBookingInput_2024_08_13, legacy_schemas.CreateBookingInputLegacy
    ),
)
def create_booking(
    version: BookingsVersion,
    idem: IdempotencyDep,
    raw: JsonBody,
    session: WriteSessionDep,
    now: NowDep,
    caller: OptionalCaller,
    holder: HolderCookie = None,
) -> JSONResponse:
    if idem.replay is not None:
        return idem.replay
    if version is not CURRENT:
        response = api_legacy.create(raw, session, now=now, caller=caller, holder=holder)
        return idem.complete(session, response)
    body = parse_body(CreateBookingInput_2024_08_13, raw)
    with fields_named(FIELD_NAMES):
        views = creation.create_booking(session, body.to_request(), now=now, caller=caller)
    return idem.complete(session, _one_or_many(views, caller, 201))


@router.post(
    "/recurring",
    status_code=201,
    response_model=None,
    responses=documented(201, SuccessEnvelope[list[dict[str, Any]]], "The series (legacy)"),
    openapi_extra=json_body_schema(legacy_schemas.CreateRecurringBookingInputLegacy),
)
def create_recurring_booking_legacy(
    version: LegacyOnly,
    raw: JsonBody,
    session: WriteSessionDep,
    now: NowDep,
    caller: OptionalCaller,
) -> JSONResponse:
    return api_legacy.create_recurring(raw, session, now=now, caller=caller)


# --- read ------------------------------------------------------------------------------------


class ListBookingsParams(ListBookingsParamsLegacy, ListBookingsParams_2024_08_13):
    """Every list parameter of either family, validated once by FastAPI and published as
    the operation's query parameters (2024-08-13's first, then the legacy ones); the
    version's own fields become the ``ListQuery`` the read takes."""


@router.get(
    "",
    response_model=None,
    responses=documented(
        200, BookingsListOutput_2024_08_13 | LegacyData, "One page of the caller's bookings"
    ),
)
def list_bookings(
    version: BookingsVersion,
    request: Request,
    params: Annotated[ListBookingsParams, Query()],
    session: ReadSessionDep,
    now: NowDep,
    caller: OptionalCaller,
) -> JSONResponse:
    user = _require_caller(caller)
    if version is not CURRENT:
        filters = api_legacy.filter_items(request.query_params.multi_items())
        return api_legacy.list_bookings(params, filters, session, now=now, caller=user)
    page = reads.list_bookings(session, user, params.to_query(), now=now)
    return respond(
        [BookingOutput_2024_08_13.from_view(v) for v in page.views],
        pagination=Pagination.of(page.total, len(page.views), page.take, page.skip),
    )


@router.get(
    "/{bookingUid}",
    response_model=None,
    responses=documented(200, OneOrSeries | LegacyData, "The booking (a series uid: an array)"),
)
def get_booking(
    version: BookingsVersion,
    bookingUid: str,
    session: ReadSessionDep,
    caller: OptionalCaller,
) -> JSONResponse:
    if version is not CURRENT:
        return api_legacy.get(bookingUid, session)
    return _one_or_many(reads.get_booking(session, bookingUid), caller)


# --- lifecycle -------------------------------------------------------------------------------


@router.post(
    "/{bookingUid}/cancel",
    status_code=200,
    response_model=None,
    responses={
        **IDEMPOTENT_RESPONSES,
        **documented(200, OneOrSeries, "The cancelled booking(s)"),
        **documented(201, LegacyData, "Legacy: {bookingId, bookingUid, onlyRemovedAttendee}"),
    },
    openapi_extra=json_body_schema(
        CancelBookingInput_2024_08_13, legacy_schemas.CancelBookingInputLegacy, required=False
    ),
)
def cancel_booking(
    version: BookingsVersion,
    idem: IdempotencyDep,
    bookingUid: str,
    raw: JsonBody,
    session: WriteSessionDep,
    now: NowDep,
    caller: OptionalCaller,
) -> JSONResponse:
    if idem.replay is not None:
        return idem.replay
    if version is not CURRENT:
        response = api_legacy.cancel(bookingUid, raw, session, now=now, caller=caller)
        return idem.complete(session, response)
    body = parse_body(CancelBookingInput_2024_08_13, raw)
    views = cancellation.cancel_booking(
        session, bookingUid, body.to_request(), now=now, caller=caller
    )
    return idem.complete(session, _one_or_many(views, caller))


@router.post(
    "/{bookingUid}/reschedule",
    status_code=201,
    response_model=None,
    responses={
        **IDEMPOTENT_RESPONSES,
        **documented(201, SuccessEnvelope[BookingOutput_2024_08_13], "The new booking"),
    },
    openapi_extra=json_body_schema(RescheduleBookingInput_2024_08_13),
)
def reschedule_booking(
    version: CurrentOnly,
    idem: IdempotencyDep,
    bookingUid: str,
    raw: JsonBody,
    session: WriteSessionDep,
    now: NowDep,
    caller: OptionalCaller,
) -> JSONResponse:
    if idem.replay is not None:
        return idem.replay
    body = parse_body(RescheduleBookingInput_2024_08_13, raw)
    view = rescheduling.reschedule_booking(
        session, bookingUid, body.to_request(), now=now, caller=caller
    )
    output = BookingOutput_2024_08_13.from_view(visible_to(view, caller))
    return idem.complete(session, respond(output, 201))


@router.post(
    "/{bookingUid}/confirm",
    status_code=200,
    response_model=None,
    responses=documented(200, OneOrSeries, "The accepted booking(s)"),
)
def confirm_booking(
    version: CurrentOnly,
    bookingUid: str,
    session: WriteSessionDep,
    now: NowDep,
    caller: OptionalCaller,
) -> JSONResponse:
    return _one_or_many(
        confirmation.confirm_booking(session, bookingUid, now=now, caller=caller), caller
    )


@router.post(
    "/{bookingUid}/decline",
    status_code=200,
    response_model=None,
    responses=documented(200, OneOrSeries, "The rejected booking(s)"),
    openapi_extra=json_body_schema(DeclineBookingInput_2024_08_13, required=False),
)
def decline_booking(
    version: CurrentOnly,
    bookingUid: str,
    raw: JsonBody,
    session: WriteSessionDep,
    now: NowDep,
    caller: OptionalCaller,
) -> JSONResponse:
    body = parse_body(DeclineBookingInput_2024_08_13, raw)
    views = confirmation.decline_booking(session, bookingUid, body.reason, now=now, caller=caller)
    return _one_or_many(views, caller)


@router.post(
    "/{bookingUid}/mark-absent",
    status_code=200,
    response_model=None,
    responses=documented(200, SuccessEnvelope[BookingOutput_2024_08_13], "The booking"),
    openapi_extra=json_body_schema(MarkAbsentInput_2024_08_13, required=False),
)
def mark_absent(
    version: CurrentOnly,
    bookingUid: str,
    raw: JsonBody,
    session: WriteSessionDep,
    now: NowDep,
    caller: OptionalCaller,
) -> JSONResponse:
    body = parse_body(MarkAbsentInput_2024_08_13, raw)
    view = absence.mark_absent(session, bookingUid, body.to_request(), now=now, caller=caller)
    return respond(BookingOutput_2024_08_13.from_view(view))


@router.post(
    "/{bookingUid}/mark-no-show",
    status_code=201,
    response_model=None,
    responses=documented(201, SuccessEnvelope[dict[str, Any]], "The no-show flags (legacy)"),
    openapi_extra=json_body_schema(legacy_schemas.MarkNoShowInputLegacy),
)
def mark_no_show_legacy(
    version: LegacyOnly,
    bookingUid: str,
    raw: JsonBody,
    session: WriteSessionDep,
    now: NowDep,
    caller: OptionalCaller,
) -> JSONResponse:
    return api_legacy.mark_no_show(bookingUid, raw, session, now=now, caller=caller)
