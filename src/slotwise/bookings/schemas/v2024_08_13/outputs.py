"""The 2024-08-13 booking as answered: its host, attendees and event type, and the paginated
list."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from slotwise.bookings.views import BookingView
from slotwise.http.envelope import absent_when_unset, format_instant


class BookingHost_2024_08_13(BaseModel):
    id: int
    name: str | None
    email: str
    displayEmail: str = Field(description="The email to show (the same as email here)")
    username: str
    timeZone: str


# Keys that Cal.com's outputs leave out when unset (those of one kind of booking, such as
# seated or recurring, and the reasons and links of a change that did not happen) rather
# than write as null: ``absent_when_unset`` fields.


class BookingAttendee_2024_08_13(BaseModel):
    name: str
    email: str
    displayEmail: str = Field(description="The email to show (the same as email here)")
    timeZone: str
    language: str
    absent: bool
    phoneNumber: str | None = absent_when_unset()
    seatUid: str | None = absent_when_unset("A seat's attendee only")
    bookingFieldsResponses: dict[str, Any] | None = absent_when_unset("A seat's attendee only")
    metadata: dict[str, Any] | None = absent_when_unset("A seat's attendee only")


class BookingEventType_2024_08_13(BaseModel):
    id: int
    slug: str


class BookingOutput_2024_08_13(BaseModel):
    id: int
    uid: str
    title: str
    description: str | None
    hosts: list[BookingHost_2024_08_13]
    status: Literal["accepted", "cancelled", "rejected", "pending", "awaiting_host"]
    cancellationReason: str | None = absent_when_unset()
    cancelledByEmail: str | None = absent_when_unset()
    rejectionReason: str | None = absent_when_unset(
        "slotwise's own: the host's reason for declining, when given"
    )
    reschedulingReason: str | None = absent_when_unset()
    rescheduledByEmail: str | None = absent_when_unset()
    rescheduledFromUid: str | None = absent_when_unset()
    rescheduledToUid: str | None = absent_when_unset()
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
    recurringBookingUid: str | None = absent_when_unset()
    seatUid: str | None = absent_when_unset()

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
                    id=host.id,
                    name=host.name,
                    email=host.email,
                    displayEmail=host.email,
                    username=host.username,
                    timeZone=host.time_zone,
                )
                for host in view.hosts
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
