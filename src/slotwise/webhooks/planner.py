"""Which webhooks a booking change fires, written as outbox rows in the change's transaction.

A change fires the trigger Cal.com sends for it (``triggers.BY_BOOKING_CHANGE``) to every
active webhook of the booking's host (user scope) and of its event type that subscribes to
it: one row per webhook, its body built now. A booking that lands on the calendar
(created or confirmed) also gets MEETING_STARTED / MEETING_ENDED rows due at its start and
end; they hold only the booking's id and are built at delivery, so a reschedule moves them
(``outbox.move_future``) and a cancellation drops them (``outbox.cancel_future``).

Rows of one webhook and one calendar event (ICS UID, which a reschedule keeps) are delivered
in order.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from slotwise.bookings import repository
from slotwise.bookings.models import Attendee, Booking, BookingStatus
from slotwise.outbox import service as outbox
from slotwise.users.models import User
from slotwise.webhooks import payloads
from slotwise.webhooks.models import Webhook
from slotwise.webhooks.triggers import BY_BOOKING_CHANGE, MEETING_BEGINS, Trigger

WEBHOOK_KIND = "webhook"


def subscribers(session: Session, booking: Booking) -> list[Webhook]:
    scopes: list[ColumnElement[bool]] = [
        Webhook.event_type_id.is_(None) & (Webhook.user_id == booking.user_id)
    ]
    if booking.event_type_id is not None:
        scopes.append(Webhook.event_type_id == booking.event_type_id)
    statement = select(Webhook).where(Webhook.active.is_(True), or_(*scopes)).order_by(Webhook.id)
    return list(session.scalars(statement))


def enqueue_booking_webhooks(
    session: Session,
    booking: Booking,
    change: str,
    *,
    now: datetime,
    details: dict[str, Any],
    attendees: list[Attendee] | None = None,
    host: User | None = None,
) -> int:
    trigger = BY_BOOKING_CHANGE.get(change)
    if trigger is None:
        return 0
    webhooks = subscribers(session, booking)
    if not webhooks:
        return 0
    written = 0
    wanting = [w for w in webhooks if trigger.value in w.triggers]
    if wanting:
        host = host or repository.host_of(session, booking)
        if attendees is None:
            attendees = repository.attendees_of(session, [booking.id])[booking.id]
        event_type = repository.event_type_of(session, booking)
        payload = payloads.booking_payload(
            booking, attendees, host, event_type, now=now, details=details
        )
        body = payloads.envelope(trigger.value, now, payload)
        for webhook in wanting:
            _enqueue(session, webhook, booking, {"trigger": trigger.value, "body": body}, now)
            written += 1
    if change in MEETING_BEGINS and booking.status == BookingStatus.ACCEPTED.value:
        for webhook in webhooks:
            for meeting, due in (
                (Trigger.MEETING_STARTED, booking.start_time),
                (Trigger.MEETING_ENDED, booking.end_time),
            ):
                if meeting.value in webhook.triggers:
                    row = {"trigger": meeting.value}  # built at delivery from the row's booking
                    _enqueue(session, webhook, booking, row, now, due_at=due)
                    written += 1
    return written


def _enqueue(
    session: Session,
    webhook: Webhook,
    booking: Booking,
    content: dict[str, Any],
    now: datetime,
    *,
    due_at: datetime | None = None,
) -> None:
    outbox.enqueue(
        session,
        WEBHOOK_KIND,
        # eventId is the Standard Webhooks ``webhook-id``: the same on every retry and
        # redelivery of this event, so a receiver can drop repeats.
        {"webhookId": webhook.id, "eventId": f"msg_{uuid.uuid4().hex}", **content},
        now=now,
        due_at=due_at,
        booking_id=booking.id,
        ordering_key=f"webhook:{webhook.id}:{booking.ics_uid}",
        topic=f"webhook:{webhook.id}",
    )
