"""``GET /v2/bookings/{bookingUid}/references`` (the booking's host; optional ``type``
filter) and v1's ``/v1/booking-references`` CRUD (``?apiKey=``, un-enveloped bodies,
``{"message"}`` errors). A booking without references answers an empty list."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from slotwise.auth.dependencies import CurrentUser, CurrentUserV1
from slotwise.booking_references import service
from slotwise.booking_references.models import REFERENCE_TYPE_MAX_LENGTH
from slotwise.booking_references.schemas import (
    BookingReferenceOutput,
    BookingReferencesV1Envelope,
    BookingReferenceV1,
    BookingReferenceV1Envelope,
    CreateBookingReferenceV1Input,
    CreatedBookingReferenceV1Envelope,
    UpdateBookingReferenceV1Input,
)
from slotwise.errors import Invalid
from slotwise.http.deps import ReadSessionDep, WriteSessionDep
from slotwise.http.envelope import (
    V1_ERROR_RESPONSES,
    V2_ERROR_RESPONSES,
    SuccessEnvelope,
    success,
)
from slotwise.http.params import IdPath
from slotwise.users.schemas import MessageV1

router = APIRouter(tags=["Bookings"], responses=V2_ERROR_RESPONSES)
v1_router = APIRouter(prefix="/v1", tags=["Booking references (v1)"], responses=V1_ERROR_RESPONSES)

TypeFilter = Annotated[
    str | None,
    Query(
        max_length=REFERENCE_TYPE_MAX_LENGTH,
        description="Only this type: google_calendar, office365_calendar, daily_video ...",
    ),
]


@router.get(
    "/v2/bookings/{bookingUid}/references",
    response_model=SuccessEnvelope[list[BookingReferenceOutput]],
)
def list_booking_references(
    bookingUid: str, caller: CurrentUser, session: ReadSessionDep, type: TypeFilter = None
) -> SuccessEnvelope[list[BookingReferenceOutput]]:
    references = service.references_of_booking(session, caller, bookingUid, type)
    return success([BookingReferenceOutput.of(r) for r in references])


@v1_router.get("/booking-references", response_model=BookingReferencesV1Envelope)
def list_booking_references_v1(
    actor: CurrentUserV1, session: ReadSessionDep
) -> BookingReferencesV1Envelope:
    """The references of the caller's bookings (an admin: every booking's)."""
    found = service.list_references(session, actor)
    return BookingReferencesV1Envelope(booking_references=[BookingReferenceV1.of(r) for r in found])


@v1_router.post(
    "/booking-references", status_code=201, response_model=CreatedBookingReferenceV1Envelope
)
def create_booking_reference_v1(
    body: CreateBookingReferenceV1Input, actor: CurrentUserV1, session: WriteSessionDep
) -> CreatedBookingReferenceV1Envelope:
    created = service.create_reference(session, actor, body.bookingId, body.fields())
    return CreatedBookingReferenceV1Envelope(
        booking_reference=BookingReferenceV1.of(created),
        message="Booking reference created successfully",
    )


@v1_router.get("/booking-references/{reference_id}", response_model=BookingReferenceV1Envelope)
def get_booking_reference_v1(
    reference_id: IdPath, actor: CurrentUserV1, session: ReadSessionDep
) -> BookingReferenceV1Envelope:
    reference = service.get_reference(session, actor, reference_id)
    return BookingReferenceV1Envelope(booking_reference=BookingReferenceV1.of(reference))


@v1_router.patch("/booking-references/{reference_id}", response_model=BookingReferenceV1Envelope)
def update_booking_reference_v1(
    reference_id: IdPath,
    body: UpdateBookingReferenceV1Input,
    actor: CurrentUserV1,
    session: WriteSessionDep,
) -> BookingReferenceV1Envelope:
    changes = body.fields()
    for required in ("type", "uid"):  # may be changed, never emptied
        if required in changes and changes[required] is None:
            raise Invalid.field(required, "must not be null")
    reference = service.update_reference(session, actor, reference_id, changes)
    return BookingReferenceV1Envelope(booking_reference=BookingReferenceV1.of(reference))


@v1_router.delete("/booking-references/{reference_id}", response_model=MessageV1)
def delete_booking_reference_v1(
    reference_id: IdPath, actor: CurrentUserV1, session: WriteSessionDep
) -> MessageV1:
    service.delete_reference(session, actor, reference_id)
    return MessageV1(message=f"Booking reference with id: {reference_id} deleted successfully")
