"""The 2024-08-13 booking bodies (create, cancel, reschedule, decline, mark absent) and the
names their 400s use."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import (
    Field,
    StringConstraints,
)

from slotwise.bookings.absence import AbsenceUpdate
from slotwise.bookings.booker_details import MAX_GUESTS, AttendeeInput
from slotwise.bookings.cancellation import Cancellation
from slotwise.bookings.creation import MAX_RECURRENCE, NewBooking
from slotwise.bookings.rescheduling import Rescheduling
from slotwise.event_types.service import MAX_LENGTH_MINUTES
from slotwise.http.inputs import V2Input
from slotwise.http.params import DatabaseId
from slotwise.slots.schemas.common import Instant, may_be_left_out
from slotwise.slots.service import EventTypeRef

ShortText = Annotated[str, StringConstraints(max_length=200)]
LongText = Annotated[str, StringConstraints(max_length=10_000)]
Email = Annotated[str, StringConstraints(max_length=254)]

# What this version calls each input the bookings service names in its 400s (the others it
# calls as the service does: start, attendee.name, attendee.email, guests, location ...).
FIELD_NAMES: dict[str, str] = {
    "length_in_minutes": "lengthInMinutes",
    "attendee.time_zone": "attendee.timeZone",
    "attendee.phone_number": "attendee.phoneNumber",
    "responses": "bookingFieldsResponses",
    "recurrence_count": "recurrenceCount",
    "reservation_uid": "reservationUid",
}


class BookingAttendeeInput_2024_08_13(V2Input):
    name: ShortText
    email: Email
    timeZone: ShortText = Field(description="IANA time zone, e.g. Europe/London")
    language: ShortText = may_be_left_out(description="Locale (default en)")
    phoneNumber: ShortText = may_be_left_out(description="E.164, e.g. +442071234567")


class LocationInput_2024_08_13(V2Input):
    """A location object (spec §3.2): its ``type`` and the value that type carries."""

    type: ShortText
    address: LongText = may_be_left_out()
    link: LongText = may_be_left_out()
    phone: ShortText = may_be_left_out()
    integration: ShortText = may_be_left_out()
    location: LongText = may_be_left_out()


class CreateBookingInput_2024_08_13(V2Input):
    """A booking of ``eventTypeId``, or of ``eventTypeSlug`` + ``username``."""

    start: Instant = Field(description="The slot's start (UTC)")
    eventTypeId: DatabaseId = may_be_left_out()
    eventTypeSlug: ShortText = may_be_left_out()
    username: ShortText = may_be_left_out()
    teamSlug: ShortText = may_be_left_out()
    organizationSlug: ShortText = may_be_left_out()
    attendee: BookingAttendeeInput_2024_08_13
    lengthInMinutes: Annotated[int, Field(ge=1, le=MAX_LENGTH_MINUTES)] = may_be_left_out()
    guests: list[Email] = may_be_left_out(max_length=MAX_GUESTS)
    location: LongText | LocationInput_2024_08_13 = may_be_left_out()
    meetingUrl: LongText = may_be_left_out(description="Deprecated: use location")
    metadata: dict[str, Any] = may_be_left_out()
    bookingFieldsResponses: dict[str, Any] = may_be_left_out()
    recurrenceCount: Annotated[int, Field(ge=1, le=MAX_RECURRENCE)] = may_be_left_out()
    reservationUid: ShortText = may_be_left_out(description="The hold this booking takes")
    hashedLink: ShortText = may_be_left_out(
        description="The private link the booker came through (its hash): counts one use"
    )
    emailVerificationCode: ShortText = may_be_left_out(
        description="The code the booker verified, when the event type requires it"
    )

    def to_request(self) -> NewBooking:
        given = self.model_fields_set
        location: Any = None
        if "location" in given and self.location is not None:
            location = (
                self.location
                if isinstance(self.location, str)
                else self.location.model_dump(exclude_none=True)
            )
        elif "meetingUrl" in given:
            location = self.meetingUrl
        attendee = self.attendee
        return NewBooking(
            event=EventTypeRef(
                event_type_id=self.eventTypeId,
                slug=self.eventTypeSlug,
                usernames=(self.username,) if self.username else (),
                team_slug=self.teamSlug,
                organization_slug=self.organizationSlug,
            ),
            start=self.start,
            attendee=AttendeeInput(
                name=attendee.name,
                email=attendee.email,
                time_zone=attendee.timeZone,
                language=attendee.language,
                phone_number=attendee.phoneNumber,
            ),
            guests=tuple(self.guests or ()),
            length_in_minutes=self.lengthInMinutes,
            location=location,
            metadata=self.metadata or {},
            responses=self.bookingFieldsResponses or {},
            recurrence_count=self.recurrenceCount,
            reservation_uid=self.reservationUid,
            hashed_link=self.hashedLink,
            email_verification_code=self.emailVerificationCode,
        )


class CancelBookingInput_2024_08_13(V2Input):
    cancellationReason: LongText = may_be_left_out()
    cancelSubsequentBookings: bool = may_be_left_out(
        description="A recurring series: cancel this occurrence and every later one"
    )
    seatUid: ShortText = may_be_left_out(description="Cancel only this seat")

    def to_request(self) -> Cancellation:
        return Cancellation(
            reason=self.cancellationReason,
            cancel_subsequent=bool(self.cancelSubsequentBookings),
            seat_uid=self.seatUid,
        )


class RescheduleBookingInput_2024_08_13(V2Input):
    start: Instant = Field(description="The new start (UTC)")
    rescheduledBy: Email = may_be_left_out()
    reschedulingReason: LongText = may_be_left_out()
    seatUid: ShortText = may_be_left_out(description="Move only this seat")
    reservationUid: ShortText = may_be_left_out(
        description="slotwise: the booker's hold on the new slot (it does not block the move)"
    )

    def to_request(self) -> Rescheduling:
        return Rescheduling(
            start=self.start,
            rescheduled_by=self.rescheduledBy,
            reason=self.reschedulingReason,
            seat_uid=self.seatUid,
            reservation_uid=self.reservationUid,
        )


class DeclineBookingInput_2024_08_13(V2Input):
    reason: LongText = may_be_left_out()


class AbsentAttendeeInput_2024_08_13(V2Input):
    email: Email
    absent: bool


class MarkAbsentInput_2024_08_13(V2Input):
    host: bool = may_be_left_out()
    attendees: list[AbsentAttendeeInput_2024_08_13] = may_be_left_out(max_length=1000)

    def to_request(self) -> AbsenceUpdate:
        return AbsenceUpdate(
            host=self.host,
            attendees=tuple((a.email, a.absent) for a in self.attendees or ()),
        )
