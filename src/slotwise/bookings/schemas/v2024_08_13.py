"""Bookings as ``cal-api-version: 2024-08-13`` writes them (spec/api.md §6).

Inputs are strict on the fields they know and drop the rest (Cal.com's whitelist). The
booking use cases check what needs the event type (lengths, booking fields, guests) and names each
bad field as these models spell it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    Field,
    SerializerFunctionWrapHandler,
    StringConstraints,
    model_serializer,
)

from slotwise.bookings.absence import AbsenceUpdate
from slotwise.bookings.booker_details import MAX_GUESTS, AttendeeInput
from slotwise.bookings.cancellation import Cancellation
from slotwise.bookings.creation import MAX_RECURRENCE, NewBooking
from slotwise.bookings.repository import ListQuery
from slotwise.bookings.rescheduling import Rescheduling
from slotwise.bookings.views import BookingView
from slotwise.errors import Invalid
from slotwise.event_types.service import MAX_LENGTH_MINUTES
from slotwise.http.envelope import format_instant
from slotwise.http.inputs import V2Input
from slotwise.http.params import MAX_DATABASE_ID, DatabaseId
from slotwise.slots.schemas.common import Instant, may_be_left_out
from slotwise.slots.service import EventTypeRef, parse_instant

ShortText = Annotated[str, StringConstraints(max_length=200)]
LongText = Annotated[str, StringConstraints(max_length=10_000)]
Email = Annotated[str, StringConstraints(max_length=254)]


# --- inputs ----------------------------------------------------------------------------------


MAX_TAKE = 250
LIST_STATUSES = ("upcoming", "recurring", "past", "cancelled", "unconfirmed")
# The sort parameters, by the column each orders.
SORTS = {
    "sortStart": "start",
    "sortEnd": "end",
    "sortCreated": "created",
    "sortUpdatedAt": "updated",
}
SortDirection = Annotated[str | None, Field(pattern="^(asc|desc)$")]
QueryInstant = str | None  # ISO-8601, parsed by ``to_query`` (published as a string)


class ListBookingsParams_2024_08_13(BaseModel):
    """The 2024-08-13 list filters (spec/api.md §6.2) as FastAPI validates them: published
    as strings and bounded integers; ``to_query`` turns them into the ``ListQuery`` the read
    takes, naming every bad one in one 400."""

    status: str | None = Field(None, description="upcoming,recurring,past,cancelled,unconfirmed")
    attendeeEmail: str | None = Field(None, max_length=254)
    attendeeName: str | None = Field(None, max_length=200)
    bookingUid: str | None = Field(None, max_length=200)
    eventTypeIds: str | None = Field(None, description="Comma-separated ids")
    eventTypeId: str | None = None
    teamsIds: str | None = Field(None, description="Comma-separated team ids")
    teamId: str | None = None
    afterStart: QueryInstant = None
    beforeEnd: QueryInstant = None
    afterCreatedAt: QueryInstant = None
    beforeCreatedAt: QueryInstant = None
    afterUpdatedAt: QueryInstant = None
    beforeUpdatedAt: QueryInstant = None
    sortStart: SortDirection = None
    sortEnd: SortDirection = None
    sortCreated: SortDirection = None
    sortUpdatedAt: SortDirection = None
    take: int | None = Field(None, ge=1, le=MAX_TAKE)
    skip: int | None = Field(None, ge=0, le=MAX_DATABASE_ID)

    def to_query(self) -> ListQuery:
        problems: list[dict[str, str]] = []
        statuses = self._statuses(problems)
        ids = [
            _id_list(getattr(self, name), name, problems)
            for name in ("eventTypeIds", "eventTypeId", "teamsIds", "teamId")
        ]
        instants = {
            name: _instant(getattr(self, name), name, problems)
            for name in (
                "afterStart",
                "beforeEnd",
                "afterCreatedAt",
                "beforeCreatedAt",
                "afterUpdatedAt",
                "beforeUpdatedAt",
            )
        }
        if problems:
            raise Invalid.fields(problems)
        return ListQuery(
            statuses=statuses,
            attendee_email=self.attendeeEmail or None,
            attendee_name=self.attendeeName or None,
            booking_uid=self.bookingUid or None,
            event_type_ids=ids[0] + ids[1],
            after_start=instants["afterStart"],
            before_end=instants["beforeEnd"],
            after_created=instants["afterCreatedAt"],
            before_created=instants["beforeCreatedAt"],
            after_updated=instants["afterUpdatedAt"],
            before_updated=instants["beforeUpdatedAt"],
            order=tuple(
                (column, direction == "desc")
                for name, column in SORTS.items()
                if (direction := getattr(self, name)) is not None
            ),
            take=100 if self.take is None else self.take,
            skip=0 if self.skip is None else self.skip,
            team_ids=ids[2] + ids[3],
        )

    def _statuses(self, problems: list[dict[str, str]]) -> frozenset[str]:
        if not self.status:
            return frozenset()
        statuses = frozenset(part.strip() for part in self.status.split(","))
        if not statuses <= set(LIST_STATUSES):
            message = f"must be a list of {', '.join(LIST_STATUSES)}"
            problems.append({"field": "status", "message": message})
            return frozenset()
        return statuses


def _instant(raw: str | None, name: str, problems: list[dict[str, str]]) -> datetime | None:
    if raw is None:
        return None
    parsed = parse_instant(raw)
    if parsed is None:
        problems.append({"field": name, "message": "must be an ISO-8601 date-time"})
    return parsed


def _id_list(raw: str | None, name: str, problems: list[dict[str, str]]) -> tuple[int, ...]:
    if raw is None:
        return ()
    ids = []
    for part in raw.split(","):
        part = part.strip()
        if not part.isascii() or not part.isdigit() or not 1 <= int(part) <= MAX_DATABASE_ID:
            problems.append({"field": name, "message": "must be a comma-separated list of ids"})
            return ()
        ids.append(int(part))
    return tuple(ids)


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


# --- outputs ---------------------------------------------------------------------------------


class BookingHost_2024_08_13(BaseModel):
    id: int
    name: str | None
    email: str
    displayEmail: str = Field(description="The email to show (the same as email here)")
    username: str
    timeZone: str


def _without_absent(data: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    """Keys that Cal.com's outputs leave out when unset (those of one kind of booking, such as
    seated or recurring, and the reasons and links of a change that did not happen) rather
    than write as null."""
    return {k: v for k, v in data.items() if not (k in keys and v is None)}


class BookingAttendee_2024_08_13(BaseModel):
    name: str
    email: str
    displayEmail: str = Field(description="The email to show (the same as email here)")
    timeZone: str
    language: str
    absent: bool
    phoneNumber: str | None = None
    seatUid: str | None = None
    bookingFieldsResponses: dict[str, Any] | None = None
    metadata: dict[str, Any] | None = None

    @model_serializer(mode="wrap")
    def _seat_keys_only_when_seated(self, handler: SerializerFunctionWrapHandler) -> Any:
        return _without_absent(
            handler(self), ("phoneNumber", "seatUid", "bookingFieldsResponses", "metadata")
        )


class BookingEventType_2024_08_13(BaseModel):
    id: int
    slug: str


LEFT_OUT_WHEN_UNSET = (
    "cancellationReason",
    "cancelledByEmail",
    "rejectionReason",
    "reschedulingReason",
    "rescheduledByEmail",
    "rescheduledFromUid",
    "rescheduledToUid",
    "recurringBookingUid",
    "seatUid",
)


class BookingOutput_2024_08_13(BaseModel):
    id: int
    uid: str
    title: str
    description: str | None
    hosts: list[BookingHost_2024_08_13]
    status: Literal["accepted", "cancelled", "rejected", "pending", "awaiting_host"]
    cancellationReason: str | None = None
    cancelledByEmail: str | None = None
    rejectionReason: str | None = Field(
        None, description="slotwise's own: the host's reason for declining, when given"
    )
    reschedulingReason: str | None = None
    rescheduledByEmail: str | None = None
    rescheduledFromUid: str | None = None
    rescheduledToUid: str | None = None
    start: str
    end: str
    duration: int
    eventTypeId: int | None
    eventType: BookingEventType_2024_08_13 | None
    meetingUrl: str | None = Field(None, description="Deprecated: the same as location")
    location: str | None
    absentHost: bool
    createdAt: str
    updatedAt: str | None
    metadata: dict[str, Any]
    rating: int | None
    icsUid: str
    attendees: list[BookingAttendee_2024_08_13]
    guests: list[str]
    bookingFieldsResponses: dict[str, Any]
    recurringBookingUid: str | None = None
    seatUid: str | None = None

    @model_serializer(mode="wrap")
    def _kind_keys_only_when_they_apply(self, handler: SerializerFunctionWrapHandler) -> Any:
        return _without_absent(handler(self), LEFT_OUT_WHEN_UNSET)

    @classmethod
    def from_view(cls, view: BookingView) -> BookingOutput_2024_08_13:
        b = view.booking
        seated = view.event_type is not None and view.event_type.seats_per_slot is not None
        location = b.location
        return cls(
            id=b.id,
            uid=b.uid,
            title=b.title,
            description=b.description,
            hosts=[
                BookingHost_2024_08_13(
                    id=view.host.id,
                    name=view.host.name,
                    email=view.host.email,
                    displayEmail=view.host.email,
                    username=view.host.username,
                    timeZone=view.host.time_zone,
                )
            ],
            status=b.status.lower(),
            cancellationReason=b.cancellation_reason,
            cancelledByEmail=b.cancelled_by_email,
            rejectionReason=b.rejection_reason,
            reschedulingReason=b.rescheduling_reason,
            rescheduledByEmail=b.rescheduled_by_email,
            rescheduledFromUid=b.from_reschedule,
            rescheduledToUid=b.rescheduled_to_uid,
            start=format_instant(b.start_time),
            end=format_instant(b.end_time),
            duration=view.duration_minutes,
            eventTypeId=b.event_type_id,
            eventType=(
                BookingEventType_2024_08_13(id=view.event_type.id, slug=view.event_type.slug)
                if view.event_type is not None
                else None
            ),
            meetingUrl=location,  # Cal.com's deprecated copy of location
            location=location,
            absentHost=b.absent_host,
            createdAt=format_instant(b.created_at),
            updatedAt=format_instant(b.updated_at) if b.updated_at else None,
            metadata=b.booking_metadata,
            rating=b.rating,
            icsUid=b.ics_uid,
            attendees=[
                BookingAttendee_2024_08_13(
                    name=a.name,
                    email=a.email,
                    displayEmail=a.email,
                    timeZone=a.time_zone,
                    language=a.locale,
                    absent=a.no_show,
                    phoneNumber=a.phone_number,
                    seatUid=a.seat_uid if seated else None,
                    bookingFieldsResponses=a.seat_responses if seated else None,
                    metadata=a.seat_metadata if seated else None,
                )
                for a in view.attendees
            ],
            guests=_guests(view, seated),
            bookingFieldsResponses=_answers(view, seated),
            recurringBookingUid=b.recurring_event_id,
            seatUid=view.seat_uid,
        )


def _own_seat(view: BookingView) -> dict[str, Any]:
    """The answers of the seat this request holds (seated bookings keep answers per seat)."""
    seat = next((a for a in view.attendees if view.seat_uid and a.seat_uid == view.seat_uid), None)
    return dict(seat.seat_responses or {}) if seat is not None else {}


def _answers(view: BookingView, seated: bool) -> dict[str, Any]:
    answers = _own_seat(view) if seated else dict(view.booking.responses)
    answers.pop("guests", None)
    return answers


def _guests(view: BookingView, seated: bool) -> list[str]:
    if not seated:
        return view.guests
    guests = _own_seat(view).get("guests")
    return [g for g in guests if isinstance(g, str)] if isinstance(guests, list) else []


class Pagination(BaseModel):
    totalItems: int
    remainingItems: int
    returnedItems: int
    itemsPerPage: int
    currentPage: int
    totalPages: int
    hasNextPage: bool
    hasPreviousPage: bool

    @classmethod
    def of(cls, total: int, returned: int, take: int, skip: int) -> Pagination:
        return cls(
            totalItems=total,
            remainingItems=max(total - skip - returned, 0),
            returnedItems=returned,
            itemsPerPage=take,
            currentPage=skip // take + 1,
            totalPages=-(-total // take),
            hasNextPage=skip + returned < total,
            hasPreviousPage=skip > 0,
        )


class BookingsListOutput_2024_08_13(BaseModel):
    status: Literal["success"] = "success"
    data: list[BookingOutput_2024_08_13]
    pagination: Pagination
