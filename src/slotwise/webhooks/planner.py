"""Which webhooks a booking change fires: a subscriber to bookings' events that writes outbox
rows in the change's transaction.

A change fires the trigger Cal.com sends for it (``triggers.BY_BOOKING_CHANGE``) to every
active webhook of the booking's host (user scope) and of its event type that subscribes to
it: one row per webhook, its body built now from the event's snapshot. While a booking is on
the calendar it also has MEETING_STARTED / MEETING_ENDED rows due at its start and end,
built from its latest snapshot: every later change replaces them (a reschedule moves them to
the new booking, a cancellation drops them), as Cal.com keeps its scheduled triggers.

Rows of one webhook and one calendar event (ICS UID, which a reschedule keeps) are delivered
in order.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from slotwise.bookings.events import BookingChanged, Change
from slotwise.bookings.models import BookingStatus
from slotwise.events import EventBus
from slotwise.outbox import service as outbox
from slotwise.webhooks import payloads, repository
from slotwise.webhooks.models import Webhook
from slotwise.webhooks.triggers import BY_BOOKING_CHANGE, MEETING_BEGINS, Trigger

WEBHOOK_KIND = "webhook"
NEW_BOOKING = frozenset({Change.CREATED, Change.REQUESTED})


def subscribe(bus: EventBus) -> None:
    bus.subscribe(BookingChanged, on_booking_changed)


def on_booking_changed(session: Session, event: BookingChanged) -> None:
    enqueue_booking_webhooks(session, event)


def enqueue_booking_webhooks(session: Session, event: BookingChanged) -> int:
    """Write the rows for one change; returns how many."""
    booking = event.booking
    _drop_meeting_rows(session, event)
    webhooks = repository.active_subscribers(
        session, user_id=booking.user_id, event_type_id=booking.event_type_id
    )
    if not webhooks:
        return 0
    written = _announce_change(session, event, webhooks)
    if booking.status == BookingStatus.ACCEPTED.value:
        written += _schedule_meeting_rows(session, event, webhooks)
    return written


def _announce_change(session: Session, event: BookingChanged, webhooks: list[Webhook]) -> int:
    """The change's own trigger, to the webhooks that subscribe to it (one body for all)."""
    trigger = BY_BOOKING_CHANGE.get(event.change.value)
    if trigger is None:
        return 0
    wanting = [w for w in webhooks if trigger.value in w.triggers]
    if wanting:
        body = payloads.envelope(trigger.value, event.at, _payload(event, at=event.at))
        for webhook in wanting:
            _enqueue(session, webhook, event, {"trigger": trigger.value, "body": body})
    return len(wanting)


def _schedule_meeting_rows(session: Session, event: BookingChanged, webhooks: list[Webhook]) -> int:
    """MEETING_STARTED / MEETING_ENDED, due at the booking's start and end. A later change
    refreshes only what is still to come; the change that put the booking on the calendar
    writes both, even for a meeting already under way."""
    written = 0
    for meeting, due in (
        (Trigger.MEETING_STARTED, event.booking.start_time),
        (Trigger.MEETING_ENDED, event.booking.end_time),
    ):
        listeners = [w for w in webhooks if meeting.value in w.triggers]
        if not listeners or (due <= event.at and event.change.value not in MEETING_BEGINS):
            continue
        body = payloads.envelope(meeting.value, due, _payload(event, at=due))
        for webhook in listeners:
            _enqueue(session, webhook, event, {"trigger": meeting.value, "body": body}, due_at=due)
            written += 1
    return written


def _drop_meeting_rows(session: Session, event: BookingChanged) -> None:
    """The meeting rows written at an earlier change told an older booking: this change
    writes them again if the booking is still on the calendar. A new booking has none."""
    if event.change in NEW_BOOKING:
        return
    for booking_id in (event.booking.id, event.replaced_booking_id):
        if booking_id is not None:
            outbox.cancel_future(
                session,
                booking_id,
                now=event.at,
                kind=WEBHOOK_KIND,
                reason=f"replaced by the booking's {event.change.value} change",
            )


def _payload(event: BookingChanged, *, at: datetime) -> dict[str, Any]:
    return payloads.booking_payload(
        event.booking,
        event.attendees,
        event.host,
        event.event_type,
        now=at,
        details=event.details,
        team_hosts=event.team_hosts,
    )


def _enqueue(
    session: Session,
    webhook: Webhook,
    event: BookingChanged,
    content: dict[str, Any],
    *,
    due_at: datetime | None = None,
) -> None:
    outbox.enqueue(
        session,
        WEBHOOK_KIND,
        # eventId is the Standard Webhooks ``webhook-id``: the same on every retry and
        # redelivery of this event, so a receiver can drop repeats.
        {"webhookId": webhook.id, "eventId": f"msg_{uuid.uuid4().hex}", **content},
        now=event.at,
        due_at=due_at,
        booking_id=event.booking.id,
        ordering_key=f"webhook:{webhook.id}:{event.booking.ics_uid}",
        topic=f"webhook:{webhook.id}",
    )
