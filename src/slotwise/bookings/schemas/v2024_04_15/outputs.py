"""The legacy booking rows: the created booking, the booking page's read, the list and its
recurring series, the cancel and mark-absent answers."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel

from slotwise.bookings.models import Attendee, Booking, BookingStatus
from slotwise.bookings.views import BookingView
from slotwise.event_types.schemas.shared import price_and_currency
from slotwise.http.envelope import format_instant
from slotwise.users.models import User

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
