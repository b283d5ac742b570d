"""Cal Video (Daily) as a conferencing plugin: the meeting room's URL, and the recording
webhooks Daily posts once a recording or its transcript is ready.

Daily signs a webhook with HMAC-SHA256, keyed by the base64-decoded secret of the webhook,
over ``"{X-Webhook-Timestamp}.{raw body}"``; the base64 digest is ``X-Webhook-Signature``. A
timestamp further than ``TOLERANCE_SECONDS`` from now is refused, so an old event cannot be
replayed; within it a repeat changes nothing (the recording is already known) and fires no
second webhook.

Events read: ``recording.ready-to-download`` (recording_id, room_name, start_ts, status,
max_participants, duration, share_token) and ``transcript.ready-to-download``. Daily gives a
recording's file as an S3 key to exchange for an access link through its REST API; slotwise
does not call that API yet and takes ``download_link`` / ``transcript_link`` from the event's
payload when the sender puts them there (an operator's relay, or the tests' fake provider).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from slotwise.plugins import Plugin, PluginKind, RecordingReport, SignatureRefused

TOLERANCE_SECONDS = 300
SIGNATURE_HEADER = "x-webhook-signature"
TIMESTAMP_HEADER = "x-webhook-timestamp"
RECORDING_READY = "recording.ready-to-download"
TRANSCRIPT_READY = "transcript.ready-to-download"

DAILY_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "domain": {"type": "string", "minLength": 1, "maxLength": 253,
                   "description": "Your Daily domain, e.g. acme.daily.co"},
    },
    "required": ["domain"],
    "additionalProperties": False,
}  # fmt: skip


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """Daily's signature of a webhook: what a sender writes and what is checked."""
    try:
        key = base64.b64decode(secret, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise SignatureRefused("the webhook secret is not base64") from exc
    digest = hmac.new(key, timestamp.encode() + b"." + body, hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


class DailyVideo:
    def meeting_url(self, key: Mapping[str, Any], booking_uid: str) -> str:
        return f"https://{key['domain']}/{booking_uid}"

    def recording_from_webhook(
        self, secret: str, headers: Mapping[str, str], body: bytes, *, now: datetime
    ) -> RecordingReport | None:
        lowered = {name.lower(): value for name, value in headers.items()}
        given, timestamp = lowered.get(SIGNATURE_HEADER), lowered.get(TIMESTAMP_HEADER)
        if not given or not timestamp:
            raise SignatureRefused("the webhook is not signed")
        if not hmac.compare_digest(given.encode(), signature(secret, timestamp, body).encode()):
            raise SignatureRefused("the webhook's signature does not match")
        try:
            sent = int(timestamp)
        except ValueError as exc:
            raise SignatureRefused("the webhook's timestamp is not a number") from exc
        if sent > 10**11:  # milliseconds
            sent //= 1000
        if abs(now.timestamp() - sent) > TOLERANCE_SECONDS:
            raise SignatureRefused("the webhook's timestamp is too old or in the future")
        try:
            event = json.loads(body)
            kind, payload = event["type"], event["payload"]
            if kind == RECORDING_READY:
                return _recording(payload)
            if kind == TRANSCRIPT_READY:
                return RecordingReport(
                    room_name=str(payload["room_name"]),
                    recording_id=str(payload.get("recording_id") or payload["id"]),
                    transcript_link=_text(payload.get("transcript_link")),
                )
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"malformed Daily event: {exc}") from exc
        return None


def _recording(payload: Mapping[str, Any]) -> RecordingReport:
    return RecordingReport(
        room_name=str(payload["room_name"]),
        recording_id=str(payload["recording_id"]),
        status=_text(payload.get("status")) or "finished",
        start_ts=_number(payload.get("start_ts")),
        duration=_number(payload.get("duration")),
        max_participants=_number(payload.get("max_participants")),
        share_token=_text(payload.get("share_token")),
        download_link=_text(payload.get("download_link")),
        transcript_link=_text(payload.get("transcript_link")),
    )


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _number(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"not a number: {value!r}")
    return int(value)


def daily_video() -> Plugin:
    return Plugin(
        kind=PluginKind.CONFERENCING,
        slug="daily-video",
        name="Cal Video",
        type="daily_video",
        credential_schema=DAILY_SCHEMA,
        hooks=DailyVideo(),
        description="Video meetings on Daily, with recordings and transcripts",
    )
