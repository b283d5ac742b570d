"""RECORDING_READY and RECORDING_TRANSCRIPTION_GENERATED: a subscriber to the recordings
domain's events that writes one outbox row per active webhook of the booking's host (user
scope) or event type subscribing to the trigger. The body follows Cal.com's: the booking's
essentials with ``downloadLink`` (a recording) or ``downloadLinks`` (a transcript)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.orm import Session

from slotwise.events import EventBus
from slotwise.http.envelope import format_instant
from slotwise.outbox import service as outbox
from slotwise.recordings.events import RecordedBooking, RecordingReady, TranscriptGenerated
from slotwise.webhooks import payloads, repository
from slotwise.webhooks.triggers import Trigger

WEBHOOK_KIND = "webhook"


def subscribe(bus: EventBus) -> None:
    bus.subscribe(RecordingReady, on_recording_ready)
    bus.subscribe(TranscriptGenerated, on_transcript_generated)


def on_recording_ready(session: Session, event: RecordingReady) -> None:
    payload = {
        **_booking(event.booking),
        "recordingId": event.recording_id,
        "duration": event.duration,
        "downloadLink": event.download_link,
    }
    _enqueue(session, Trigger.RECORDING_READY, event.booking, payload, event.at)


def on_transcript_generated(session: Session, event: TranscriptGenerated) -> None:
    payload = {
        **_booking(event.booking),
        "recordingId": event.recording_id,
        "downloadLinks": {
            "transcription": [{"format": "transcript", "link": event.transcript_link}],
            "recording": event.download_link,
        },
    }
    _enqueue(session, Trigger.RECORDING_TRANSCRIPTION_GENERATED, event.booking, payload, event.at)


def _booking(booking: RecordedBooking) -> dict[str, Any]:
    return {
        "bookingId": booking.id,
        "uid": booking.uid,
        "title": booking.title,
        "eventTypeId": booking.event_type_id,
        "startTime": format_instant(booking.start_time),
        "endTime": format_instant(booking.end_time),
    }


def _enqueue(
    session: Session,
    trigger: Trigger,
    booking: RecordedBooking,
    payload: dict[str, Any],
    at: Any,
) -> None:
    webhooks = repository.active_subscribers(
        session, user_id=booking.user_id, event_type_id=booking.event_type_id
    )
    wanting = [w for w in webhooks if trigger.value in w.triggers]
    if not wanting:
        return
    body = payloads.envelope(trigger.value, at, payload)
    for webhook in wanting:
        outbox.enqueue(
            session,
            WEBHOOK_KIND,
            {
                "webhookId": webhook.id,
                "eventId": f"msg_{uuid.uuid4().hex}",
                "trigger": trigger.value,
                "body": body,
            },
            now=at,
            booking_id=booking.id,
            ordering_key=f"webhook:{webhook.id}:recording:{booking.uid}",
            topic=f"webhook:{webhook.id}",
        )
