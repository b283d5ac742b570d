"""A booking made from a routing form's response (``metadata.routingFormResponseId``, which
the form's page passes to the booking page) links the response to it: a subscriber of the
bookings domain's events, writing in the booking's transaction."""

from __future__ import annotations

from sqlalchemy.orm import Session

from slotwise.bookings.events import BookingChanged, Change
from slotwise.events import EventBus
from slotwise.routing_forms import service

METADATA_KEY = "routingFormResponseId"
_NEW = {Change.CREATED, Change.REQUESTED}


def subscribe(bus: EventBus) -> None:
    bus.subscribe(BookingChanged, on_booking_changed)


def on_booking_changed(session: Session, event: BookingChanged) -> None:
    if event.change not in _NEW:
        return
    raw = event.booking.booking_metadata.get(METADATA_KEY)
    try:
        response_id = int(str(raw)) if raw is not None else None
    except ValueError:
        return  # metadata is the booker's own: an unreadable id links nothing
    if response_id is not None and 0 < response_id < 2**31:
        service.link_booking(session, response_id, event.booking.uid, now=event.at)
