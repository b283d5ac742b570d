"""Stripe as a payment plugin: Checkout Sessions, refunds and signed webhook events, over
Stripe's REST API (form-encoded requests, JSON answers) at a configurable base URL.

- A checkout is ``POST /v1/checkout/sessions`` (mode ``payment``, one line item with the
  price, ``metadata[paymentUid]``); a HOLD authorizes only
  (``payment_intent_data[capture_method]=manual``).
- A refund is ``POST /v1/refunds`` for the PaymentIntent; an uncaptured hold is released
  with ``POST /v1/payment_intents/{id}/cancel``. Both carry an ``Idempotency-Key`` so a
  retried call never refunds twice.
- Events: ``Stripe-Signature: t=<unix>,v1=<hex>[,v1=...]`` where each v1 is the
  HMAC-SHA256 (hex) of ``"<t>.<raw body>"`` keyed by the endpoint's signing secret
  (Stripe's documented scheme, checked in constant time); a timestamp further than the
  tolerance from now is refused, so an old captured event cannot be replayed later (a
  fresh replay is caught by the event id, which the payments service records).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import datetime
from typing import Any

import httpx

from slotwise.plugins.kinds import (
    Checkout,
    CheckoutRequest,
    PaymentEvent,
    PaymentEventRefused,
    PaymentUnavailable,
    Plugin,
    PluginKind,
    ProviderAccount,
)

# Stripe accepts a Checkout Session's expires_at from 30 minutes to 24 hours ahead.
MIN_CHECKOUT_SECONDS = 30 * 60
PAID_EVENTS = frozenset({"checkout.session.completed", "checkout.session.async_payment_succeeded"})


class StripePayments:
    def checkout(self, account: ProviderAccount, request: CheckoutRequest) -> Checkout:
        form: dict[str, str] = {
            "mode": "payment",
            "success_url": request.success_url,
            "cancel_url": request.cancel_url,
            "client_reference_id": request.payment_uid,
            "metadata[paymentUid]": request.payment_uid,
            "payment_intent_data[metadata][paymentUid]": request.payment_uid,
            "line_items[0][quantity]": "1",
            "line_items[0][price_data][currency]": request.currency,
            "line_items[0][price_data][unit_amount]": str(request.amount),
            "line_items[0][price_data][product_data][name]": request.description[:250],
        }
        if request.customer_email:
            form["customer_email"] = request.customer_email
        if request.capture_later:
            form["payment_intent_data[capture_method]"] = "manual"
        if request.expires_at is not None:
            form["expires_at"] = str(int(request.expires_at.timestamp()))
        answer = _call(
            account, "POST", "/v1/checkout/sessions", form,
            idempotency_key=f"checkout-{request.payment_uid}",
        )  # fmt: skip
        session_id, url = answer.get("id"), answer.get("url")
        if not isinstance(session_id, str) or not isinstance(url, str):
            raise PaymentUnavailable("Stripe answered a checkout session without id or url")
        return Checkout(external_id=session_id, url=url)

    def refund(self, account: ProviderAccount, payment_intent: str, *, captured: bool) -> str:
        if not captured:
            answer = _call(
                account, "POST", f"/v1/payment_intents/{payment_intent}/cancel", {},
                idempotency_key=f"release-{payment_intent}",
            )  # fmt: skip
        else:
            answer = _call(
                account, "POST", "/v1/refunds", {"payment_intent": payment_intent},
                idempotency_key=f"refund-{payment_intent}",
            )  # fmt: skip
        return str(answer.get("id") or payment_intent)

    def expire_checkout(self, account: ProviderAccount, checkout_id: str) -> None:
        _call(account, "POST", f"/v1/checkout/sessions/{checkout_id}/expire", {})

    def verified_event(
        self, account: ProviderAccount, body: bytes, signature: str | None, *, now: datetime
    ) -> PaymentEvent:
        check_signature(
            body, signature, account.webhook_secret, now=now, tolerance=account.tolerance_seconds
        )
        try:
            event = json.loads(body)
        except ValueError:
            raise PaymentEventRefused("the event is not JSON") from None
        if not isinstance(event, dict) or not isinstance(event.get("id"), str):
            raise PaymentEventRefused("the event has no id")
        kind = str(event.get("type") or "")
        obj = (event.get("data") or {}).get("object") or {}
        metadata = obj.get("metadata") or {}
        checkout_id = obj.get("id") if obj.get("object") == "checkout.session" else None
        paid = kind in PAID_EVENTS and obj.get("payment_status") == "paid"
        # A HOLD's session (manual capture) completes with the card authorized, not charged.
        authorized = kind in PAID_EVENTS and obj.get("status") == "complete"
        intent = obj.get("payment_intent")
        return PaymentEvent(
            id=event["id"],
            type=kind,
            checkout_id=checkout_id if isinstance(checkout_id, str) else None,
            payment_uid=metadata.get("paymentUid") if isinstance(metadata, dict) else None,
            payment_intent=intent if isinstance(intent, str) else None,
            paid=paid,
            authorized=authorized,
        )


def signature_header(body: bytes, secret: str, timestamp: int) -> str:
    """The ``Stripe-Signature`` value Stripe would send for ``body`` at ``timestamp``."""
    return f"t={timestamp},v1={_digest(body, secret, str(timestamp))}"


def check_signature(
    body: bytes, header: str | None, secret: str, *, now: datetime, tolerance: int
) -> None:
    if not secret:
        raise PaymentEventRefused("no webhook signing secret is configured")
    if not header:
        raise PaymentEventRefused("the Stripe-Signature header is missing")
    timestamp: str | None = None
    candidates: list[str] = []
    for part in header.split(","):
        name, _, value = part.strip().partition("=")
        if name == "t":
            timestamp = value
        elif name == "v1":
            candidates.append(value)
    if timestamp is None or not timestamp.isdigit() or not candidates:
        raise PaymentEventRefused("the Stripe-Signature header has no timestamp or v1 signature")
    expected = _digest(body, secret, timestamp)
    if not any(hmac.compare_digest(expected, candidate) for candidate in candidates):
        raise PaymentEventRefused("the signature does not match the event")
    if abs(now.timestamp() - int(timestamp)) > tolerance:
        raise PaymentEventRefused("the event's timestamp is outside the tolerance")


def _digest(body: bytes, secret: str, timestamp: str) -> str:
    signed = timestamp.encode() + b"." + body
    return hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()


def _call(
    account: ProviderAccount,
    method: str,
    path: str,
    form: dict[str, str],
    *,
    idempotency_key: str | None = None,
) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {account.secret_key}"}
    if account.connected_account:
        headers["Stripe-Account"] = account.connected_account
    if idempotency_key:
        headers["Idempotency-Key"] = idempotency_key
    try:
        response = httpx.request(
            method, account.api_url.rstrip("/") + path, data=form, headers=headers,
            timeout=account.timeout,
        )  # fmt: skip
    except httpx.HTTPError as error:
        raise PaymentUnavailable(f"Stripe could not be reached: {type(error).__name__}") from None
    try:
        answer = response.json()
    except ValueError:
        answer = {}
    if response.status_code >= 400:
        message = ((answer.get("error") or {}).get("message")) if isinstance(answer, dict) else None
        raise PaymentUnavailable(f"Stripe answered {response.status_code}: {message or '-'}")
    return answer if isinstance(answer, dict) else {}


def stripe() -> Plugin:
    return Plugin(
        kind=PluginKind.PAYMENT,
        slug="stripe",
        name="Stripe",
        type="stripe_payment",
        # A connected account (Stripe Connect): what /v2/stripe/save stores.
        credential_schema={
            "type": "object",
            "properties": {"stripe_user_id": {"type": "string", "minLength": 1}},
            "required": ["stripe_user_id"],
        },
        hooks=StripePayments(),
        description="Card payments through Stripe Checkout",
    )
