"""The legacy booking bodies (create, recurring create, cancel, mark absent), the names
their 400s use, and how a legacy location answer becomes the stored location."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, RootModel

from slotwise.bookings.absence import AbsenceUpdate
from slotwise.bookings.booker_details import MAX_GUESTS, AttendeeInput
from slotwise.bookings.cancellation import Cancellation
from slotwise.bookings.creation import MAX_RECURRENCE, NewBooking
from slotwise.bookings.rescheduling import Rescheduling
from slotwise.errors import Invalid
from slotwise.event_types import locations
from slotwise.event_types.models import EventType
from slotwise.http.inputs import V2Input
from slotwise.http.params import DatabaseId
from slotwise.slots.schemas.common import Instant, may_be_left_out
from slotwise.slots.service import EventTypeRef, FieldNames

ShortText = Annotated[str, Field(max_length=200)]
LongText = Annotated[str, Field(max_length=10_000)]
Email = Annotated[str, Field(max_length=254)]

# What the legacy body calls each input the bookings service names in its 400s.
INPUT_NAMES: dict[str, str] = {
    "length_in_minutes": "end",
    "attendee.name": "responses.name",
    "attendee.email": "responses.email",
    "attendee.time_zone": "timeZone",
    "attendee.language": "language",
    "attendee.phone_number": "responses.attendeePhoneNumber",
    "guests": "responses.guests",
    "location": "responses.location",
    "recurrence_count": "body",
    "reservation_uid": "uid",
}
# How the legacy body names its event type (for the 400s of the event type's lookup).
EVENT_TYPE_NAMES = FieldNames(
    event_type_id="eventTypeId",
    slug="eventTypeSlug",
    username="user",
    usernames="user",
    organization="orgSlug",
)
# Cal.com's location types whose detail is the host's (taken from the event type's location
# of this stored type and key), and those whose detail the attendee gives in optionValue.
HOST_LOCATIONS = {
    "inPerson": ("address", "address"),
    "link": ("link", "link"),
    "userPhone": ("phone", "phone"),
}
ATTENDEE_LOCATIONS = frozenset(locations.ATTENDEE_TYPES.values())
NO_AVAILABLE_USERS = "no_available_users_found_error"


class NameLegacy(V2Input):
    firstName: ShortText
    lastName: ShortText = may_be_left_out()


class LocationResponseLegacy(V2Input):
    """The booking form's location answer: Cal.com's location type and the booker's value."""

    value: ShortText = Field(
        description="The location type: inPerson, link, userPhone, attendeeInPerson, phone, "
        "somewhereElse, integrations:daily ..."
    )
    optionValue: LongText = may_be_left_out(
        description="The attendee's address, phone number or place, when the type asks for one"
    )


class ResponsesLegacy(BaseModel):
    """The booking form's answers; keys other than the declared ones are the answers to the
    event type's custom fields (checked by the service against its form)."""

    model_config = ConfigDict(extra="allow", strict=True)

    name: ShortText | NameLegacy
    email: Email
    guests: list[Email] = may_be_left_out(max_length=MAX_GUESTS)
    location: LocationResponseLegacy = may_be_left_out()
    notes: LongText = may_be_left_out()
    attendeePhoneNumber: ShortText = may_be_left_out(description="E.164, e.g. +442071234567")
    rescheduleReason: LongText = may_be_left_out()

    def full_name(self) -> str:
        if isinstance(self.name, str):
            return self.name
        return f"{self.name.firstName} {self.name.lastName or ''}".strip()

    def answers(self) -> dict[str, Any]:
        """The custom fields' answers and the form's own text fields, as the service checks
        them (name, email, guests, location and phone travel in their own inputs)."""
        given = dict(self.model_extra or {})
        for key in ("notes", "rescheduleReason"):
            if key in self.model_fields_set:
                given[key] = getattr(self, key)
        return given


class CreateBookingInputLegacy(V2Input):
    """A booking (or, with ``rescheduleUid``, a reschedule) of ``eventTypeId``, or of
    ``eventTypeSlug`` + ``user``."""

    start: Instant = Field(description="The slot's start (UTC)")
    end: Instant = may_be_left_out(description="start + one of the event type's lengths")
    eventTypeId: DatabaseId = may_be_left_out()
    eventTypeSlug: ShortText = may_be_left_out()
    user: ShortText | Annotated[list[ShortText], Field(max_length=10)] = may_be_left_out(
        description="The event type's owner (with eventTypeSlug)"
    )
    orgSlug: ShortText = may_be_left_out()
    timeZone: ShortText = Field(description="The attendee's IANA time zone")
    language: ShortText = Field(description="The attendee's locale, e.g. en")
    metadata: dict[str, Any] = Field(description="Up to 50 keys; may be {}")
    responses: ResponsesLegacy
    rescheduleUid: ShortText = may_be_left_out(description="Reschedule this booking instead")
    rescheduledBy: Email = may_be_left_out()
    seatReferenceUid: ShortText = may_be_left_out(description="Reschedule only this seat")
    hashedLink: ShortText = may_be_left_out(
        description="The private link the booker came through (its hash): counts one use"
    )

    def event_type_ref(self) -> EventTypeRef:
        users = (self.user,) if isinstance(self.user, str) else tuple(self.user or ())
        return EventTypeRef(
            event_type_id=self.eventTypeId,
            slug=self.eventTypeSlug,
            usernames=users,
            organization_slug=self.orgSlug,
        )

    def length_in_minutes(self, event_type: EventType) -> int | None:
        """The booked length that ``end`` asks for (None: the event type's own)."""
        if self.end is None:
            return None
        allowed = sorted(
            {event_type.length_in_minutes, *(event_type.length_in_minutes_options or [])}
        )
        span = self.end - self.start
        minutes = span // timedelta(minutes=1)
        if span % timedelta(minutes=1) or minutes not in allowed:
            raise Invalid.field(
                "end",
                "must be start plus one of the event type's lengths "
                f"({', '.join(map(str, allowed))} minutes)",
            )
        return minutes

    def to_request(
        self, event_type: EventType, *, reservation_uid: str | None, single: bool
    ) -> NewBooking:
        """The service's request; ``single``: one booking even of a recurring event type
        (what the legacy ``POST /v2/bookings`` books; ``/recurring`` books the series)."""
        responses = self.responses
        given = responses.model_fields_set
        return NewBooking(
            event=EventTypeRef(event_type_id=event_type.id),
            start=self.start,
            attendee=AttendeeInput(
                name=responses.full_name(),
                email=responses.email,
                time_zone=self.timeZone,
                language=self.language,
                phone_number=responses.attendeePhoneNumber,
            ),
            guests=tuple(responses.guests or ()),
            length_in_minutes=self.length_in_minutes(event_type),
            location=(
                legacy_location(event_type, responses.location)
                if "location" in given and responses.location is not None
                else None
            ),
            metadata=self.metadata,
            responses=responses.answers(),
            recurrence_count=1 if single and event_type.recurrence else None,
            reservation_uid=reservation_uid,
            hashed_link=self.hashedLink,
        )

    def rescheduling(self) -> Rescheduling:
        return Rescheduling(
            start=self.start,
            rescheduled_by=self.rescheduledBy,
            reason=self.responses.rescheduleReason,
            seat_uid=self.seatReferenceUid,
            start_field="start",
        )


def legacy_location(event_type: EventType, given: LocationResponseLegacy) -> str | None:
    """Where a legacy booking takes place (see the module's notes)."""
    kind = given.value.strip()
    option = (given.optionValue or "").strip()
    if kind in locations.INTEGRATION_OF:
        return f"integrations:{locations.INTEGRATION_OF[kind]}"
    if kind in ATTENDEE_LOCATIONS:
        if not option:
            raise Invalid.field(
                "responses.location.optionValue", f"is required for a {kind} location"
            )
        return option
    if kind in HOST_LOCATIONS:
        stored_type, key = HOST_LOCATIONS[kind]
        for location in event_type.locations or []:
            value = location.get(key)
            if location.get("type") == stored_type and isinstance(value, str) and value:
                return value
        if option:
            return option
        raise Invalid.field("responses.location.value", f"this event type has no {kind} location")
    return option or kind or None


class CreateRecurringBookingInputLegacy(
    RootModel[
        Annotated[list[CreateBookingInputLegacy], Field(min_length=1, max_length=MAX_RECURRENCE)]
    ]
):
    """Every occurrence of one recurring series, in order (one legacy booking body each)."""

    model_config = ConfigDict(strict=True)


class CancelBookingInputLegacy(V2Input):
    id: DatabaseId = may_be_left_out(description="Ignored: the path's uid names the booking")
    uid: ShortText = may_be_left_out(description="Ignored: the path's uid names the booking")
    allRemainingBookings: bool = may_be_left_out(
        description="A recurring series: cancel this occurrence and every later one"
    )
    cancellationReason: LongText = may_be_left_out()
    seatReferenceUid: ShortText = may_be_left_out(description="Cancel only this seat")

    def to_request(self) -> Cancellation:
        return Cancellation(
            reason=self.cancellationReason,
            cancel_subsequent=bool(self.allRemainingBookings),
            seat_uid=self.seatReferenceUid,
        )


class NoShowAttendeeLegacy(V2Input):
    email: Email
    noShow: bool


class MarkNoShowInputLegacy(V2Input):
    # Published: at least one of the two (to_request refuses neither).
    model_config = ConfigDict(
        json_schema_extra={
            "anyOf": [
                {"required": ["noShowHost"]},
                {"required": ["attendees"], "properties": {"attendees": {"minItems": 1}}},
            ]
        }
    )

    noShowHost: bool = may_be_left_out()
    attendees: list[NoShowAttendeeLegacy] = may_be_left_out(max_length=1000)

    def to_request(self) -> AbsenceUpdate:
        if self.noShowHost is None and not self.attendees:
            raise Invalid.field("noShowHost", "or attendees: give at least one of them")
        return AbsenceUpdate(
            host=self.noShowHost,
            attendees=tuple((a.email, a.noShow) for a in self.attendees or ()),
            attendees_field="attendees",
        )
