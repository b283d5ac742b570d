"""Shapes of ``GET /v2/bookings/{uid}/references`` and ``/v1/booking-references``."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, Field, StringConstraints

from slotwise.booking_references.models import (
    EXTERNAL_ID_MAX_LENGTH,
    REFERENCE_TYPE_MAX_LENGTH,
    BookingReference,
)
from slotwise.http.inputs import V1Input
from slotwise.http.params import DatabaseId

ReferenceType = Annotated[
    str, StringConstraints(min_length=1, max_length=REFERENCE_TYPE_MAX_LENGTH)
]
ExternalId = Annotated[str, StringConstraints(max_length=EXTERNAL_ID_MAX_LENGTH)]
Url = Annotated[str, StringConstraints(max_length=2048)]

# v1 field -> model attribute.
ATTRIBUTE_OF = {
    "type": "type",
    "uid": "uid",
    "meetingId": "meeting_id",
    "meetingPassword": "meeting_password",
    "meetingUrl": "meeting_url",
    "externalCalendarId": "external_calendar_id",
    "credentialId": "credential_id",
    "deleted": "deleted",
}


def _left_out() -> Any:
    """A field that may be left out but not sent as null (published as non-nullable)."""
    return Field(default=None)


class BookingReferenceOutput(BaseModel):
    """v2: what Cal.com's ``BookingReferencesOutput_2024_08_13`` lists."""

    id: int
    type: str
    eventUid: str = Field(description="The external event's id")
    destinationCalendarId: str | None

    @classmethod
    def of(cls, reference: BookingReference) -> BookingReferenceOutput:
        return cls(
            id=reference.id,
            type=reference.type,
            eventUid=reference.uid,
            destinationCalendarId=reference.external_calendar_id,
        )


class BookingReferenceV1(BaseModel):
    id: int
    type: str
    bookingId: int
    uid: str
    meetingId: str | None
    meetingPassword: str | None
    meetingUrl: str | None
    externalCalendarId: str | None
    deleted: bool
    credentialId: int | None

    @classmethod
    def of(cls, reference: BookingReference) -> BookingReferenceV1:
        return cls(
            id=reference.id,
            type=reference.type,
            bookingId=reference.booking_id,
            uid=reference.uid,
            meetingId=reference.meeting_id,
            meetingPassword=reference.meeting_password,
            meetingUrl=reference.meeting_url,
            externalCalendarId=reference.external_calendar_id,
            deleted=reference.deleted,
            credentialId=reference.credential_id,
        )


class BookingReferenceV1Envelope(BaseModel):
    booking_reference: BookingReferenceV1


class CreatedBookingReferenceV1Envelope(BookingReferenceV1Envelope):
    message: str


class BookingReferencesV1Envelope(BaseModel):
    booking_references: list[BookingReferenceV1]


class UpdateBookingReferenceV1Input(V1Input):
    type: ReferenceType = _left_out()
    uid: ExternalId = _left_out()
    meetingId: ExternalId | None = None
    meetingPassword: ExternalId | None = None
    meetingUrl: Url | None = None
    externalCalendarId: ExternalId | None = None
    credentialId: DatabaseId | None = None
    deleted: bool = _left_out()

    def fields(self) -> dict[str, Any]:
        """The fields the client sent, by model attribute."""
        sent = self.model_dump(include=self.model_fields_set)
        return {ATTRIBUTE_OF[name]: value for name, value in sent.items() if name in ATTRIBUTE_OF}


class CreateBookingReferenceV1Input(UpdateBookingReferenceV1Input):
    bookingId: DatabaseId
    type: ReferenceType
    uid: ExternalId
