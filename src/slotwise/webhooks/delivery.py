"""The outbox handler for webhook rows: build (or take) the body, check the URL, sign, POST.

A 2xx answer delivers the row. Network errors, timeouts, 408, 429 and 5xx are retried with the
outbox's backoff; any other answer (3xx: redirects are not followed; 4xx) is a refusal and
fails the row at once. Every attempt keeps the receiver's status code and latency on the row
(the delivery log). A webhook deleted or switched off meanwhile fails its pending rows; so
does a URL that now resolves to a private address (DNS can change after the webhook was saved).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from slotwise.config import Settings
from slotwise.outbox.handlers import DeliveryFailed, DeliveryRefused
from slotwise.outbox.service import Claimed
from slotwise.webhooks import payloads, repository, secrets, signing
from slotwise.webhooks.network import Target, UnsafeUrl, check_subscriber_url
from slotwise.webhooks.planner import WEBHOOK_KIND

if TYPE_CHECKING:
    import httpx

__all__ = ["WEBHOOK_KIND", "WebhookHandler", "post"]

RETRIED_STATUSES = frozenset({408, 429})
RESPONSE_EXCERPT = 500
CACHE_SECONDS = 2.0
REST_SECONDS = 30.0  # after a network error or timeout, a receiver's other rows wait this long


def post(
    client: httpx.Client,
    target: Target,
    body: bytes,
    content_type: str,
    *,
    secret: str | None,
    event_id: str,
    attempt: int,
    deadline_seconds: float,
) -> tuple[httpx.Response | None, dict[str, Any]]:
    """One POST to a checked ``target``; returns the response (None on a network error or
    a receiver slower than ``deadline_seconds``) and what to log of it. At most
    RESPONSE_EXCERPT bytes of the answer are read: a receiver cannot stall the worker by
    dripping a body, nor fill its memory."""
    import httpx

    timestamp = int(time.time())
    sent_headers = signing.headers(secret, event_id, timestamp, body, content_type, attempt)
    if target.host_header is not None:
        sent_headers["Host"] = target.host_header
    extensions = {"sni_hostname": target.sni_hostname} if target.sni_hostname else None
    began = time.perf_counter()

    def elapsed() -> int:
        return round((time.perf_counter() - began) * 1000)

    try:
        with client.stream(
            "POST", target.url, content=body, headers=sent_headers, extensions=extensions
        ) as response:
            excerpt = b""
            for chunk in response.iter_raw():
                excerpt += chunk
                if len(excerpt) >= RESPONSE_EXCERPT or elapsed() > deadline_seconds * 1000:
                    break
    except httpx.HTTPError as exc:
        return None, {"error": f"{type(exc).__name__}: {exc}", "latencyMs": elapsed()}
    return response, {
        "responseCode": response.status_code,
        "latencyMs": elapsed(),
        "responseBody": excerpt[:RESPONSE_EXCERPT].decode("utf-8", errors="replace"),
    }


class WebhookHandler:
    def __init__(self, settings: Settings, engine: Engine) -> None:
        self._settings = settings
        self._engine = engine
        self._client: httpx.Client | None = None
        self._resting: dict[Any, float] = {}  # webhook id -> monotonic time it may be tried
        self._cache: dict[Any, tuple[float, tuple[bool, str, str | None, str | None] | None]] = {}

    def deliver(self, message: Claimed) -> dict[str, Any] | None:
        webhook_id = message.payload.get("webhookId")
        resting = self._resting.get(webhook_id, 0.0) - time.monotonic()
        if resting > 0:
            # Its receiver just failed to answer: do not spend another timeout on it now
            # (every other webhook and email would wait); the row retries with backoff.
            raise DeliveryFailed(f"skipped: the receiver failed moments ago ({resting:.0f} s)")
        url, template, secret = self._webhook(webhook_id)
        body = message.payload.get("body")
        if not isinstance(body, dict):
            raise DeliveryRefused("malformed webhook row: it has no body")
        try:
            target = check_subscriber_url(
                url, allow_private=self._settings.webhook_allow_private_networks
            )
        except UnsafeUrl as exc:
            raise DeliveryRefused(f"subscriber URL refused: {exc}") from exc
        data, content_type = payloads.render(body, template)
        response, result = post(
            self._http(),
            target,
            data,
            content_type,
            secret=secret,
            event_id=message.payload["eventId"],
            attempt=message.attempts,
            deadline_seconds=self._settings.webhook_timeout_seconds,
        )
        if response is None:
            self._resting[webhook_id] = time.monotonic() + REST_SECONDS
            raise DeliveryFailed(str(result["error"]), result)
        code = response.status_code
        if 200 <= code < 300:
            return result
        if code >= 500 or code in RETRIED_STATUSES:
            raise DeliveryFailed(f"the receiver answered {code}", result)
        raise DeliveryRefused(f"the receiver answered {code}", result)

    def _webhook(self, webhook_id: Any) -> tuple[str, str | None, str | None]:
        """(URL, template, secret) of a live webhook, read at most every CACHE_SECONDS: a
        burst of deliveries to one receiver reads and decrypts it once, and a webhook that
        is deleted or switched off stops receiving within that time."""
        now = time.monotonic()
        cached = self._cache.get(webhook_id)
        if cached is not None and now - cached[0] < CACHE_SECONDS:
            found = cached[1]
        else:
            with Session(self._engine) as session:
                row = repository.find(session, repository.for_delivery(), webhook_id)
                found = None
                if row is not None:
                    secret = (
                        secrets.decrypt(self._settings, row.secret_encrypted)
                        if row.secret_encrypted
                        else None
                    )
                    found = (row.active, row.subscriber_url, row.payload_template, secret)
            self._cache[webhook_id] = (now, found)
        if found is None:
            raise DeliveryRefused("the webhook was deleted")
        active, url, template, secret = found
        if not active:
            raise DeliveryRefused("the webhook is switched off")
        return url, template, secret

    def close(self) -> None:
        self._cache.clear()
        client, self._client = self._client, None
        if client is not None:
            client.close()

    def _http(self) -> httpx.Client:
        import httpx  # at the first delivery: `serve` starts without it

        if self._client is None:
            self._client = httpx.Client(
                timeout=self._settings.webhook_timeout_seconds, follow_redirects=False
            )
        return self._client
