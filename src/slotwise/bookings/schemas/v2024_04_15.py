"""Bookings in Cal.com's legacy shapes (spec/legacy.md §3), served for 2024-04-15 (also what a
missing or unknown ``cal-api-version`` means), 2024-06-11 and 2024-06-14.

Inputs are strict on the fields they know and drop the rest (Cal.com's whitelist: an
undeclared ``title``, ``description``, ``status`` or ``recurringEventId`` is dropped). The
booking use cases check what needs the event type and names each bad field as these models spell it
(``responses.email``, ``timeZone``, ``end`` ...).

- ``responses`` is the booking form: ``name`` (a string, or ``{firstName, lastName}`` stored
  as "First Last"), ``email``, ``guests``, ``location``, ``notes`` and the answers to the
  event type's custom fields (any other key, checked against the form).
- ``responses.location`` is ``{value, optionValue}``: ``value`` is Cal.com's location type.
  A host location (``inPerson``, ``link``, ``userPhone``) takes its address, link or number
  from the event type; an attendee location (``attendeeInPerson``, ``phone``,
  ``somewhereElse``) takes ``optionValue``; an integration (``integrations:daily`` ...) is
  stored as the 2024-08-13 API stores it (``integrations:cal-video``). Any other value is
  kept as sent (``optionValue`` when given, else ``value``).
- ``end`` may be left out; when given it must be ``start`` plus one of the event type's
  lengths (a 400 naming ``end`` otherwise).
- Outputs are Cal.com's booking rows as its legacy controllers answer them. Columns slotwise
  has no feature for yet are answered with their empty values (``paid: false``,
  ``payment: []``, ``references: []``, ``customInputs: {}``, ``isRecorded: false``).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, RootModel

from slotwise.bookings.absence import AbsenceUpdate
from slotwise.bookings.booker_details import MAX_GUESTS, AttendeeInput
from slotwise.bookings.cancellation import Cancellation
from slotwise.bookings.creation import MAX_RECURRENCE, NewBooking
from slotwise.bookings.models import Attendee, Booking, BookingStatus
from slotwise.bookings.rescheduling import Rescheduling
from slotwise.bookings.views import BookingView
from slotwise.errors import Invalid
from slotwise.event_types import locations
from slotwise.event_types.models import EventType
from slotwise.event_types.schemas.shared import price_and_currency
from slotwise.http.envelope import format_instant
from slotwise.http.inputs import V2Input
from slotwise.http.params import MAX_DATABASE_ID, DatabaseId
from slotwise.slots.schemas.common import Instant, may_be_left_out
from slotwise.slots.service import EventTypeRef, FieldNames
from slotwise.users.models import User

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


# --- inputs ----------------------------------------------------------------------------------


LIST_STATUSES = ("upcoming", "recurring", "past", "cancelled", "unconfirmed")
DEFAULT_LIMIT = 10
MAX_LIMIT = 100


class ListBookingsParamsLegacy(BaseModel):
    """The legacy list's published parameters (spec/legacy.md §3) as FastAPI validates them.
    ``filters[...]`` is Cal.com's bracket notation: repeated keys, ``[0]`` indices and
    filters not published here (``filters[userIds][]``, ``filters[teamsIds][]``) are read
    from the query string's items by ``api_legacy``; the two published are documentation."""

    filters_status: str | None = Field(
        None, alias="filters[status]", description="Legacy: " + "|".join(LIST_STATUSES)
    )
    filters_event_type_ids: list[str] | None = Field(
        None, alias="filters[eventTypeIds][]", description="Legacy: ids"
    )
    limit: int | None = Field(None, ge=1, le=MAX_LIMIT, description="Legacy page size")
    cursor: int | None = Field(None, ge=0, le=MAX_DATABASE_ID, description="Legacy offset")


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


# --- outputs ---------------------------------------------------------------------------------

Status = Literal["ACCEPTED", "PENDING", "CANCELLED", "REJECTED", "AWAITING_HOST"]


def _instant(value: datetime | None) -> str | None:
    return format_instant(value) if value is not None else None


class UserLegacy(BaseModel):
    id: int
    name: str | None
    email: str
    username: str
    timeZone: str

    @classmethod
    def of(cls, user: User) -> UserLegacy:
        return cls(
            id=user.id,
            name=user.name,
            email=user.email,
            username=user.username,
            timeZone=user.time_zone,
        )


class AttendeeLegacy(BaseModel):
    id: int
    email: str
    name: str
    timeZone: str
    locale: str | None
    bookingId: int
    noShow: bool

    @classmethod
    def of(cls, attendee: Attendee) -> AttendeeLegacy:
        return cls(
            id=attendee.id,
            email=attendee.email,
            name=attendee.name,
            timeZone=attendee.time_zone,
            locale=attendee.locale,
            bookingId=attendee.booking_id,
            noShow=attendee.no_show,
        )


class BookingLegacy(BaseModel):
    """A booking row as the legacy ``POST /v2/bookings`` answers it (also each item of
    ``/recurring``); ``seatReferenceUid`` only for a seat just taken."""

    id: int
    uid: str
    userId: int
    eventTypeId: int | None
    title: str
    description: str | None
    startTime: str
    endTime: str
    location: str | None
    status: Status
    paid: bool = False
    metadata: dict[str, Any]
    responses: dict[str, Any]
    customInputs: dict[str, Any]
    smsReminderNumber: str | None = None
    recurringEventId: str | None
    fromReschedule: str | None
    rescheduled: bool
    cancellationReason: str | None
    rejectionReason: str | None
    iCalUID: str
    iCalSequence: int
    noShowHost: bool
    isRecorded: bool = False
    createdAt: str
    updatedAt: str | None
    userPrimaryEmail: str
    user: UserLegacy
    attendees: list[AttendeeLegacy]
    references: list[dict[str, Any]]
    seatReferenceUid: str | None = None

    @classmethod
    def from_view(cls, view: BookingView) -> BookingLegacy:
        b = view.booking
        return cls(
            id=b.id,
            uid=b.uid,
            userId=b.user_id,
            eventTypeId=b.event_type_id,
            title=b.title,
            description=b.description,
            startTime=format_instant(b.start_time),
            endTime=format_instant(b.end_time),
            location=b.location,
            status=_status(b),
            metadata=b.booking_metadata,
            responses=b.responses,
            customInputs={},
            recurringEventId=b.recurring_event_id,
            fromReschedule=b.from_reschedule,
            rescheduled=b.rescheduled,
            cancellationReason=b.cancellation_reason,
            rejectionReason=b.rejection_reason,
            iCalUID=b.ics_uid,
            iCalSequence=b.ics_sequence,
            noShowHost=b.absent_host,
            createdAt=format_instant(b.created_at),
            updatedAt=_instant(b.updated_at),
            userPrimaryEmail=view.host.email,
            user=UserLegacy.of(view.host),
            attendees=[AttendeeLegacy.of(a) for a in view.attendees],
            references=[],
            seatReferenceUid=view.seat_uid,
        )

    def answer(self) -> dict[str, Any]:
        """As JSON; ``seatReferenceUid`` only when a seat was taken (Cal.com's shape)."""
        return self.model_dump(
            mode="json", exclude={"seatReferenceUid"} if self.seatReferenceUid is None else None
        )


def _status(booking: Booking) -> Status:
    return BookingStatus(booking.status).value


class InfoAttendeeLegacy(BaseModel):
    name: str
    email: str
    timeZone: str


class InfoEventTypeLegacy(BaseModel):
    eventName: str | None
    slug: str
    timeZone: str | None


class BookingInfoLegacy(BaseModel):
    """``GET /v2/bookings/{uid}``: the booking page's data (``fromReschedule`` and
    ``rescheduled`` are slotwise's additions, so a reschedule can be followed)."""

    id: int
    uid: str
    title: str
    description: str | None
    startTime: str
    endTime: str
    status: Status
    location: str | None
    metadata: dict[str, Any]
    responses: dict[str, Any]
    customInputs: dict[str, Any]
    smsReminderNumber: str | None = None
    recurringEventId: str | None
    cancellationReason: str | None
    rejectionReason: str | None
    fromReschedule: str | None
    rescheduled: bool
    userPrimaryEmail: str
    user: UserLegacy
    attendees: list[InfoAttendeeLegacy]
    eventTypeId: int | None
    eventType: InfoEventTypeLegacy | None

    @classmethod
    def from_view(cls, view: BookingView) -> BookingInfoLegacy:
        b = view.booking
        event_type = view.event_type
        return cls(
            id=b.id,
            uid=b.uid,
            title=b.title,
            description=b.description,
            startTime=format_instant(b.start_time),
            endTime=format_instant(b.end_time),
            status=_status(b),
            location=b.location,
            metadata=b.booking_metadata,
            responses=b.responses,
            customInputs={},
            recurringEventId=b.recurring_event_id,
            cancellationReason=b.cancellation_reason,
            rejectionReason=b.rejection_reason,
            fromReschedule=b.from_reschedule,
            rescheduled=b.rescheduled,
            userPrimaryEmail=view.host.email,
            user=UserLegacy.of(view.host),
            attendees=[
                InfoAttendeeLegacy(name=a.name, email=a.email, timeZone=a.time_zone)
                for a in view.attendees
            ],
            eventTypeId=b.event_type_id,
            eventType=(
                InfoEventTypeLegacy(
                    eventName=event_type.custom_name,
                    slug=event_type.slug,
                    timeZone=event_type.time_zone,
                )
                if event_type is not None
                else None
            ),
        )


class ListUserLegacy(BaseModel):
    id: int
    name: str | None
    email: str


class ListEventTypeLegacy(BaseModel):
    id: int
    slug: str
    eventName: str | None
    price: int
    currency: str
    metadata: dict[str, Any]
    team: None = None


class SeatReferenceLegacy(BaseModel):
    referenceUid: str
    bookingId: int
    attendeeId: int


class BookingListItemLegacy(BaseModel):
    id: int
    uid: str
    title: str
    description: str | None
    startTime: str
    endTime: str
    status: Status
    attendees: list[AttendeeLegacy]
    user: ListUserLegacy
    userPrimaryEmail: str
    eventType: ListEventTypeLegacy | None
    location: str | None
    metadata: dict[str, Any]
    customInputs: dict[str, Any]
    recurringEventId: str | None
    fromReschedule: str | None
    rescheduled: bool
    paid: bool = False
    payment: list[dict[str, Any]]
    references: list[dict[str, Any]]
    isRecorded: bool = False
    seatsReferences: list[SeatReferenceLegacy]

    @classmethod
    def from_view(cls, view: BookingView) -> BookingListItemLegacy:
        b = view.booking
        event_type = view.event_type
        event_type_out = None
        if event_type is not None:
            price, currency = price_and_currency(event_type.event_metadata)
            event_type_out = ListEventTypeLegacy(
                id=event_type.id,
                slug=event_type.slug,
                eventName=event_type.custom_name,
                price=price,
                currency=currency,
                metadata=event_type.event_metadata or {},
            )
        return cls(
            id=b.id,
            uid=b.uid,
            title=b.title,
            description=b.description,
            startTime=format_instant(b.start_time),
            endTime=format_instant(b.end_time),
            status=_status(b),
            attendees=[AttendeeLegacy.of(a) for a in view.attendees],
            user=ListUserLegacy(id=view.host.id, name=view.host.name, email=view.host.email),
            userPrimaryEmail=view.host.email,
            eventType=event_type_out,
            location=b.location,
            metadata=b.booking_metadata,
            customInputs={},
            recurringEventId=b.recurring_event_id,
            fromReschedule=b.from_reschedule,
            rescheduled=b.rescheduled,
            payment=[],
            references=[],
            seatsReferences=[
                SeatReferenceLegacy(referenceUid=a.seat_uid, bookingId=b.id, attendeeId=a.id)
                for a in view.attendees
                if a.seat_uid is not None
            ],
        )


class RecurringDatesLegacy(BaseModel):
    ACCEPTED: list[str] = []
    PENDING: list[str] = []
    CANCELLED: list[str] = []
    REJECTED: list[str] = []
    AWAITING_HOST: list[str] = []


class RecurringInfoLegacy(BaseModel):
    """One recurring series of the page: how many occurrences, the first one's start, and
    every occurrence's start by status."""

    recurringEventId: str
    count: int
    firstDate: str | None
    bookings: RecurringDatesLegacy

    @classmethod
    def of(cls, recurring_event_id: str, occurrences: list[Booking]) -> RecurringInfoLegacy:
        dates: dict[str, list[str]] = {status.value: [] for status in BookingStatus}
        for occurrence in occurrences:
            dates[occurrence.status].append(format_instant(occurrence.start_time))
        first = min((o.start_time for o in occurrences), default=None)
        return cls(
            recurringEventId=recurring_event_id,
            count=len(occurrences),
            firstDate=_instant(first),
            bookings=RecurringDatesLegacy(**dates),
        )


class BookingsListLegacy(BaseModel):
    bookings: list[BookingListItemLegacy]
    recurringInfo: list[RecurringInfoLegacy]
    totalCount: int
    nextCursor: int | None


class CancelOutputLegacy(BaseModel):
    bookingId: int
    bookingUid: str
    onlyRemovedAttendee: bool


class NoShowAttendeeOutputLegacy(BaseModel):
    email: str
    noShow: bool


class MarkNoShowOutputLegacy(BaseModel):
    message: str
    noShowHost: bool | None = None
    attendees: list[NoShowAttendeeOutputLegacy] | None = None

    def answer(self) -> dict[str, Any]:
        """As JSON, with only the keys the request named."""
        return self.model_dump(mode="json", exclude_none=True)
