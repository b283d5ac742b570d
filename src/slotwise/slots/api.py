"""Bookable slots and slot holds. Public: no API key needed (a key, when sent, must be valid,
and lets an event type's owner choose how long a hold lasts).

Each path serves one family of ``cal-api-version`` values (spec/legacy.md §0):

- ``/v2/slots`` and ``/v2/slots/reservations[/{uid}]``: 2024-09-04;
- ``/v2/slots/available``, ``/v2/slots/reserve``, ``/v2/slots/selected-slot``: the legacy
  shapes, for 2024-04-15 (also a missing or unknown header), 2024-06-11, 2024-06-14 and
  2024-08-13.

A known version that a path does not serve is a 400 naming the versions it serves
(spec/legacy.md §6), where Cal.com answers a bare 404.

The booker's ``uid`` cookie (set by the legacy ``/v2/slots/reserve``) names their own holds,
which do not hide slots from them in either listing.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Cookie, Depends, Query
from fastapi.responses import JSONResponse

from slotwise.auth.dependencies import OptionalCurrentUser
from slotwise.http.deps import NowDep, ReadSessionDep, WriteSessionDep
from slotwise.http.envelope import (
    V2_ERROR_RESPONSES,
    SuccessEnvelope,
    documented,
    success_response,
)
from slotwise.http.versioning import (
    API_VERSION_HEADER,
    ApiVersion,
    serving,
)
from slotwise.slots import service
from slotwise.slots.schemas import v2024_04_15, v2024_09_04
from slotwise.slots.schemas.common import StatusOutput

router = APIRouter(tags=["Slots"], responses=V2_ERROR_RESPONSES)

CURRENT_VERSIONS = (ApiVersion.V2024_09_04,)
LEGACY_VERSIONS = (
    ApiVersion.V2024_04_15,
    ApiVersion.V2024_06_11,
    ApiVersion.V2024_06_14,
    ApiVersion.V2024_08_13,
)
CURRENT_PATHS = "/v2/slots and /v2/slots/reservations"
LEGACY_PATHS = "/v2/slots/available, /v2/slots/reserve and /v2/slots/selected-slot"
HOLDER_COOKIE = "uid"


current_version = serving(
    CURRENT_VERSIONS,
    CURRENT_PATHS,
    "a missing or unknown header means 2024-04-15, whose slots are at "
    "/v2/slots/available, /v2/slots/reserve and /v2/slots/selected-slot",
)
legacy_version = serving(
    LEGACY_VERSIONS,
    LEGACY_PATHS,
    "with 2024-09-04 use /v2/slots and /v2/slots/reservations",
)
CurrentVersion = Annotated[ApiVersion, Depends(current_version)]
LegacyVersion = Annotated[ApiVersion, Depends(legacy_version)]


OptionalCaller = OptionalCurrentUser  # the bookings routes share it
HolderCookie = Annotated[
    str | None, Cookie(alias=HOLDER_COOKIE, description="The booker's hold uid (legacy)")
]

CURRENT_HEADER = {
    "parameters": [
        {
            "name": API_VERSION_HEADER,
            "in": "header",
            "required": True,
            "schema": {"type": "string", "enum": [v.value for v in CURRENT_VERSIONS]},
        }
    ]
}
LEGACY_HEADER = {
    "parameters": [
        {
            "name": API_VERSION_HEADER,
            "in": "header",
            "required": False,
            "schema": {"type": "string"},
            "description": (
                "2024-04-15, 2024-06-11, 2024-06-14 or 2024-08-13; none or an unknown value "
                "means 2024-04-15"
            ),
        }
    ]
}


def respond(data: Any, status_code: int = 200) -> JSONResponse:
    """The success envelope; fields a slot does not have are left out, not null."""
    return success_response(data, status_code, exclude_none=True)


# --- 2024-09-04 ----------------------------------------------------------------------------------


@router.get(
    "/v2/slots",
    response_model=None,
    responses=documented(
        200,
        SuccessEnvelope[v2024_09_04.SlotsOutput_2024_09_04],
        "Slots by date (YYYY-MM-DD in timeZone)",
    ),
    openapi_extra=CURRENT_HEADER,
)
def get_slots(
    version: CurrentVersion,
    query: Annotated[v2024_09_04.GetSlotsQuery_2024_09_04, Query()],
    session: ReadSessionDep,
    now: NowDep,
    holder: HolderCookie = None,
) -> JSONResponse:
    search = v2024_09_04.slot_search(query, holder=holder)
    found = service.find_slots(session, search, now=now)
    return respond(v2024_09_04.slots_output(found, ranges=query.format == "range"))


@router.post(
    "/v2/slots/reservations",
    status_code=201,
    response_model=None,
    responses=documented(
        201, SuccessEnvelope[v2024_09_04.ReservationOutput_2024_09_04], "The new hold"
    ),
    openapi_extra=CURRENT_HEADER,
)
def reserve_slot(
    version: CurrentVersion,
    body: v2024_09_04.ReserveSlotInput_2024_09_04,
    caller: OptionalCaller,
    session: WriteSessionDep,
    now: NowDep,
) -> JSONResponse:
    """Holds an offered slot for 5 minutes (409 when it is not offered or already held)."""
    held = service.reserve(session, body.hold_request(), now=now, caller=caller)
    return respond(v2024_09_04.ReservationOutput_2024_09_04.from_held(held), status_code=201)


@router.get(
    "/v2/slots/reservations/{uid}",
    response_model=None,
    responses=documented(
        200, SuccessEnvelope[v2024_09_04.ReservationOutput_2024_09_04], "The hold"
    ),
    openapi_extra=CURRENT_HEADER,
)
def get_reservation(
    version: CurrentVersion, uid: str, session: ReadSessionDep, now: NowDep
) -> JSONResponse:
    held = service.get_reservation(session, uid, now=now)
    return respond(v2024_09_04.ReservationOutput_2024_09_04.from_held(held))


@router.patch(
    "/v2/slots/reservations/{uid}",
    response_model=None,
    responses=documented(
        200, SuccessEnvelope[v2024_09_04.ReservationOutput_2024_09_04], "The moved hold"
    ),
    openapi_extra=CURRENT_HEADER,
)
def update_reservation(
    version: CurrentVersion,
    uid: str,
    body: v2024_09_04.ReserveSlotInput_2024_09_04,
    caller: OptionalCaller,
    session: WriteSessionDep,
    now: NowDep,
) -> JSONResponse:
    """Moves or renews the hold (the same body as POST)."""
    held = service.update_reservation(session, uid, body.hold_request(), now=now, caller=caller)
    return respond(v2024_09_04.ReservationOutput_2024_09_04.from_held(held))


@router.delete(
    "/v2/slots/reservations/{uid}",
    response_model=StatusOutput,
    openapi_extra=CURRENT_HEADER,
)
def delete_reservation(
    version: CurrentVersion, uid: str, session: WriteSessionDep, now: NowDep
) -> StatusOutput:
    service.delete_reservation(session, uid, now=now)
    return StatusOutput()


# --- legacy (2024-04-15 ... 2024-08-13) ------------------------------------------------------


@router.get(
    "/v2/slots/available",
    response_model=None,
    responses=documented(
        200,
        SuccessEnvelope[v2024_04_15.SlotsOutput_2024_04_15],
        "{slots: {date: [{time}]}} (legacy)",
    ),
    openapi_extra=LEGACY_HEADER,
)
def get_available_slots(
    version: LegacyVersion,
    query: Annotated[v2024_04_15.GetAvailableSlotsQuery_2024_04_15, Query()],
    session: ReadSessionDep,
    now: NowDep,
    holder: HolderCookie = None,
) -> JSONResponse:
    search, ranges = v2024_04_15.slot_search(query, holder=holder)
    found = service.find_slots(session, search, now=now)
    return respond(v2024_04_15.slots_output(found, ranges=ranges))


@router.post(
    "/v2/slots/reserve",
    status_code=201,
    response_model=None,
    responses=documented(201, SuccessEnvelope[str], "The holder uid (also set as the uid cookie)"),
    openapi_extra=LEGACY_HEADER,
)
def reserve_slot_legacy(
    version: LegacyVersion,
    body: v2024_04_15.ReserveSlotInput_2024_04_15,
    session: WriteSessionDep,
    now: NowDep,
    holder: HolderCookie = None,
) -> JSONResponse:
    uid = service.reserve_legacy(session, body.hold_request(holder), now=now)
    response = respond(uid, status_code=201)
    response.set_cookie(HOLDER_COOKIE, uid, path="/", httponly=True, samesite="lax")
    return response


@router.delete(
    "/v2/slots/selected-slot",
    response_model=StatusOutput,
    openapi_extra=LEGACY_HEADER,
)
@router.delete(
    "/v2/slots/delete",
    response_model=StatusOutput,
    openapi_extra=LEGACY_HEADER,
    deprecated=True,
    description="The old name of /v2/slots/selected-slot, still called by Cal.com's platform SDK.",
)
def delete_selected_slot(
    version: LegacyVersion,
    session: WriteSessionDep,
    now: NowDep,
    uid: Annotated[str | None, Query(description="The holder uid")] = None,
    holder: HolderCookie = None,
) -> StatusOutput:
    """Releases every hold of the booker: the uid cookie wins over ``?uid=``."""
    service.release_legacy(session, holder or uid, now=now)
    return StatusOutput()
