"""A Daily-shaped provider for tests: it posts signed recording events, over real HTTP on
127.0.0.1, to a slotwise server, as Daily's webhooks do (``X-Webhook-Signature``: base64
HMAC-SHA256, keyed by the base64-decoded secret, of ``"{timestamp}.{body}"``)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from datetime import datetime
from typing import Any

import httpx

WEBHOOK_PATH = "/v2/conferencing/daily-video/recordings/webhook"


def new_secret() -> str:
    return base64.b64encode(secrets.token_bytes(32)).decode()


class FakeDaily:
    def __init__(self, base_url: str, secret: str) -> None:
        self.base_url = base_url
        self.secret = secret

    def post(
        self, event_type: str, payload: dict[str, Any], *, at: datetime,
        secret: str | None = None, tamper: bool = False,
    ) -> httpx.Response:  # fmt: skip
        event = {
            "version": "1.0.0", "type": event_type, "id": f"evt-{secrets.token_hex(4)}",
            "payload": payload, "event_ts": at.timestamp(),
        }  # fmt: skip
        body = json.dumps(event).encode()
        timestamp = str(int(at.timestamp()))
        key = base64.b64decode(secret or self.secret)
        digest = hmac.new(key, timestamp.encode() + b"." + body, hashlib.sha256).digest()
        if tamper:
            body = body.replace(b"rec-", b"REC-")
        headers = {
            "Content-Type": "application/json",
            "X-Webhook-Signature": base64.b64encode(digest).decode(),
            "X-Webhook-Timestamp": timestamp,
        }
        with httpx.Client(base_url=self.base_url, timeout=10) as client:
            return client.post(WEBHOOK_PATH, content=body, headers=headers)

    def recording_ready(
        self, room: str, recording_id: str, *, at: datetime, **overrides: Any
    ) -> httpx.Response:
        payload = {
            "type": "cloud", "recording_id": recording_id, "room_name": room,
            "start_ts": int(at.timestamp()) - 1800, "status": "finished",
            "max_participants": 2, "duration": 1795, "share_token": "share-1",
            "s3_key": f"acme/{room}/{recording_id}",
            "download_link": f"https://files.example/{recording_id}.mp4",
            **overrides,
        }  # fmt: skip
        return self.post("recording.ready-to-download", payload, at=at)

    def transcript_ready(self, room: str, recording_id: str, *, at: datetime) -> httpx.Response:
        payload = {
            "id": f"tr-{recording_id}", "room_name": room, "recording_id": recording_id,
            "transcript_link": f"https://files.example/{recording_id}.vtt",
        }  # fmt: skip
        return self.post("transcript.ready-to-download", payload, at=at)
