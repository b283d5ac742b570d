"""The 2024-08-13 bodies of a booking's in-place changes (``PATCH /location``,
``POST /guests``, ``POST /attendees``) and the attendee ``POST /attendees`` answers, in
Cal.com's shapes (``UpdateBookingLocationInput``, ``AddGuestsInput``, ``AddAttendeeInput``,
``BookingAttendeeOutput``)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from slotwise.bookings.amendments import NewGuest
from slotwise.bookings.attendees import NewAttendee
from slotwise.bookings.models import Attendee
from slotwise.bookings.schemas.v2024_08_13.inputs import (
    Email,
    LocationInput_2024_08_13,
    LongText,
    ShortText,
)
from slotwise.http.envelope import absent_when_unset
from slotwise.http.inputs import V2Input
from slotwise.slots.schemas.common import may_be_left_out


class UpdateBookingLocationInput_2024_08_13(V2Input):
    location: LongText | LocationInput_2024_08_13 = Field(
        description="A location object (address, link, phone, integration...) or, as Cal.com "
        "still accepts, a plain string"
    )

    def to_request(self) -> str | dict[str, object]:
        if isinstance(self.location, str):
            return self.location
        return self.location.model_dump(exclude_none=True)


class GuestInput_2024_08_13(V2Input):
    email: Email
    name: ShortText = may_be_left_out()
    timeZone: ShortText = may_be_left_out(description="IANA; the host's when left out")
    phoneNumber: ShortText = may_be_left_out(description="E.164, e.g. +442071234567")
    language: ShortText = may_be_left_out(description="Locale; the host's when left out")


class AddGuestsInput_2024_08_13(V2Input):
    guests: list[GuestInput_2024_08_13] = Field(
        max_length=100, description="1 to 10 guests; those already attending are skipped"
    )

    def to_request(self) -> list[NewGuest]:
        return [
            NewGuest(
                email=guest.email,
                name=guest.name,
                time_zone=guest.timeZone,
                phone_number=guest.phoneNumber,
                language=guest.language,
            )
            for guest in self.guests
        ]


class AddAttendeeInput_2024_08_13(V2Input):
    email: Email
    name: ShortText
    timeZone: ShortText = Field(description="IANA time zone, e.g. Europe/London")
    phoneNumber: ShortText = may_be_left_out(description="E.164, e.g. +442071234567")
    language: ShortText = may_be_left_out(description="Locale (default en)")

    def to_request(self) -> NewAttendee:
        # The booking is named by the path's uid; the service fills its id in.
        return NewAttendee(
            booking_id=0,
            name=self.name,
            email=self.email,
            time_zone=self.timeZone,
            locale=self.language,
            phone_number=self.phoneNumber,
        )


# The service's attendee fields -> this version's names in a 400.
ATTENDEE_FIELD_NAMES = {"locale": "language"}


class BookingAttendeeOutput_2024_08_13(BaseModel):
    id: int
    bookingId: int
    name: str
    email: str
    displayEmail: str = Field(description="The email to show (the same as email here)")
    timeZone: str
    language: str | None = absent_when_unset()  # Cal.com leaves these out when unset
    absent: bool
    phoneNumber: str | None = absent_when_unset()

    @classmethod
    def of(cls, attendee: Attendee) -> BookingAttendeeOutput_2024_08_13:
        return cls(
            id=attendee.id,
            bookingId=attendee.booking_id,
            name=attendee.name,
            email=attendee.email,
            displayEmail=attendee.email,
            timeZone=attendee.time_zone,
            language=attendee.locale,
            absent=attendee.no_show,
            phoneNumber=attendee.phone_number,
        )
