"""The headers that let a receiver trust a delivery and drop repeats.

- ``X-Cal-Signature-256``: lowercase hex HMAC-SHA256 of the exact body bytes, keyed by the
  webhook's secret (Cal.com's header; ``no-secret-provided`` without a secret, as Cal.com).
- Standard Webhooks (standardwebhooks.com): ``webhook-id`` (the event's id, the same on every
  retry), ``webhook-timestamp`` (Unix seconds of this attempt) and, with a secret,
  ``webhook-signature`` = ``v1,`` + base64 HMAC-SHA256 of ``{id}.{timestamp}.{body}``. The
  key is the secret's UTF-8 bytes (a ``whsec_`` secret is base64-decoded first, as the
  standard's libraries do).
- ``X-Slotwise-Attempt``: 1 for the first try, 2 for the first retry, ...
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac

NO_SECRET = "no-secret-provided"


def cal_signature(secret: str | None, body: bytes) -> str:
    if not secret:
        return NO_SECRET
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def standard_key(secret: str) -> bytes:
    if secret.startswith("whsec_"):
        try:
            return base64.b64decode(secret.removeprefix("whsec_"), validate=True)
        except (binascii.Error, ValueError):
            pass
    return secret.encode()


def standard_signature(secret: str, event_id: str, timestamp: int, body: bytes) -> str:
    signed = f"{event_id}.{timestamp}.".encode() + body
    digest = hmac.new(standard_key(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def headers(
    secret: str | None, event_id: str, timestamp: int, body: bytes, content_type: str, attempt: int
) -> dict[str, str]:
    sent = {
        "Content-Type": content_type,
        "User-Agent": "slotwise-webhooks",
        "X-Cal-Signature-256": cal_signature(secret, body),
        "webhook-id": event_id,
        "webhook-timestamp": str(timestamp),
        "X-Slotwise-Attempt": str(attempt),
    }
    if secret:
        sent["webhook-signature"] = standard_signature(secret, event_id, timestamp, body)
    return sent
