"""Payments of paid bookings: made with the booking, paid through the provider (Stripe's
signed events) or marked paid by the host (on site), refunded on cancellation, invoiced.

- A booking of a paid event type publishes ``payment_initiated`` (paid online) or
  ``created``/``requested`` (paid on site); the subscriber (``planner.py``) writes its
  ``Payment`` in that transaction, with what its invoice will need (seller, buyer, line,
  tax rate, refund policy) frozen then, and for an online payment an outbox row due when
  the hold runs out.
- The pay step asks the provider for a checkout once (its URL is kept) and sends the payer
  there; the provider's signed event (or the host, on site) settles the payment: the
  booking becomes paid (``bookings.payment_state.mark_paid``) and its invoice is issued in
  the same transaction, with the seller's next number.
- A payment that arrives after its booking ended (released unpaid, cancelled) is refunded.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from slotwise.apps import service as apps
from slotwise.bookings import payment_state
from slotwise.bookings import repository as bookings
from slotwise.bookings.models import Booking
from slotwise.config import Settings
from slotwise.db import ReadSession
from slotwise.errors import Invalid, NotFound, Unavailable
from slotwise.outbox import service as outbox
from slotwise.payments import repository
from slotwise.payments.models import Invoice, InvoiceStatus, Payment, PaymentOption
from slotwise.plugins.kinds import (
    CheckoutRequest,
    PaymentEventRefused,
    PaymentHooks,
    PaymentUnavailable,
    PluginKind,
    ProviderAccount,
)
from slotwise.plugins.registry import find_plugin
from slotwise.users.models import User

HOLD_KIND = "payment_hold"  # due when an unpaid booking's hold runs out
REFUND_KIND = "payment_refund"
STRIPE = "stripe"


def new_uid() -> str:
    return secrets.token_hex(16)


# --- reading ---------------------------------------------------------------------------


def payments_of(session: ReadSession, caller: User, *, take: int, skip: int) -> list[Payment]:
    return repository.every_payment(
        session, repository.payments_of_seller(caller.id), take=take, skip=skip
    )


def payment_of(session: ReadSession, caller: User, payment_id: int) -> Payment:
    found = repository.payment(session, repository.payments_of_seller(caller.id), payment_id)
    if found is None:
        raise NotFound(f"Payment with id={payment_id} not found")
    return found


def invoices_of(session: ReadSession, caller: User, *, take: int, skip: int) -> list[Invoice]:
    return repository.every_invoice(
        session, repository.invoices_of_seller(caller.id), take=take, skip=skip
    )


def invoice_of(session: ReadSession, caller: User, invoice_id: int) -> Invoice:
    found = repository.invoice(session, repository.invoices_of_seller(caller.id), invoice_id)
    if found is None:
        raise NotFound(f"Invoice with id={invoice_id} not found")
    return found


# --- the provider ----------------------------------------------------------------------


def provider_account(settings: Settings, connected_account: str | None = None) -> ProviderAccount:
    if settings.stripe_secret_key is None:
        raise Unavailable("Stripe is not configured on this server (SLOTWISE_STRIPE_SECRET_KEY)")
    secret = settings.stripe_webhook_secret
    return ProviderAccount(
        api_url=settings.stripe_api_url,
        secret_key=settings.stripe_secret_key.get_secret_value(),
        webhook_secret=secret.get_secret_value() if secret is not None else "",
        connected_account=connected_account,
        timeout=settings.stripe_timeout_seconds,
        tolerance_seconds=settings.stripe_webhook_tolerance_seconds,
    )


def hooks_of(app_slug: str) -> PaymentHooks | None:
    plugin = find_plugin(app_slug)
    if plugin is None or plugin.kind is not PluginKind.PAYMENT:
        raise Unavailable(f"The payment app {app_slug!r} is not installed on this server")
    return plugin.payment()


def connected_account(session: ReadSession, settings: Settings, user_id: int) -> str | None:
    """The seller's own Stripe account when they connected one; else the instance's."""
    for credential in apps.installed(session, user_id, PluginKind.PAYMENT):
        if credential.app_slug == STRIPE and not credential.invalid:
            account = apps.key_of(settings, credential).get("stripe_user_id")
            return account if isinstance(account, str) else None
    return None


# --- the pay step ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PayStep:
    url: str  # where the payer goes: the provider's checkout, or back to the booking
    payment: Payment | None


def pay_step(session: Session, settings: Settings, booking_uid: str, *, now: datetime) -> PayStep:
    """The booker's secret uid leads to their checkout (asked of the provider once); a
    booking with nothing left to pay leads back to its page."""
    booking = bookings.by_uid(session, booking_uid) if len(booking_uid) <= 64 else None
    if booking is None:
        raise NotFound(f"Booking with uid={booking_uid} not found")
    back = f"{settings.base_url}/booking/{booking.uid}"
    payment = repository.payment_of_booking(session, booking.id)
    if payment is None or payment.success or not payment_state.awaiting_payment(session, booking):
        return PayStep(back, payment)
    checkout_url = payment.data.get("checkoutUrl")
    if isinstance(checkout_url, str):
        return PayStep(checkout_url, payment)
    hooks = hooks_of(payment.app_slug)
    if hooks is None:
        return PayStep(back, payment)
    account = connected_account(session, settings, payment.user_id)
    request = CheckoutRequest(
        payment_uid=payment.uid,
        amount=payment.amount,
        currency=payment.currency,
        description=str(payment.data.get("description") or booking.title),
        customer_email=(payment.data.get("buyer") or {}).get("email"),
        success_url=f"{back}?paid=true",
        cancel_url=f"{settings.base_url}/booking/{booking.uid}/pay",
        capture_later=payment.payment_option == PaymentOption.HOLD.value,
        expires_at=_checkout_expiry(payment, now),
    )
    try:
        checkout = hooks.checkout(provider_account(settings, account), request)
    except PaymentUnavailable as error:
        raise Unavailable(f"The payment provider is unavailable: {error}") from None
    payment.external_id = checkout.external_id
    payment.data = {
        **payment.data, "checkoutUrl": checkout.url, "connectedAccount": account,
    }  # fmt: skip
    payment.updated_at = now
    session.flush()
    return PayStep(checkout.url, payment)


def _checkout_expiry(payment: Payment, now: datetime) -> datetime | None:
    """The checkout closes with the hold when Stripe allows it (30 minutes ahead at least);
    a payment after the hold ran out is refunded."""
    if payment.hold_expires_at is None:
        return None
    if payment.hold_expires_at - now < timedelta(minutes=31):
        return None
    return payment.hold_expires_at


# --- settling --------------------------------------------------------------------------


def handle_stripe_event(
    session: Session, settings: Settings, body: bytes, signature: str | None, *, now: datetime
) -> dict[str, Any]:
    """A Stripe event, acted on only when its signature is Stripe's, fresh, and its id new."""
    hooks = hooks_of(STRIPE)
    assert hooks is not None  # the Stripe plugin has hooks
    try:
        event = hooks.verified_event(provider_account(settings), body, signature, now=now)
    except PaymentEventRefused as error:
        raise Invalid(f"Stripe event refused: {error}") from None
    if not repository.first_time_seen(session, STRIPE, event.id, now=now):
        return {"received": True, "duplicate": True}
    if not (event.paid or event.authorized):
        return {"received": True}
    payment = repository.payment_by_uid(session, event.payment_uid or "")
    if payment is None or payment.app_slug != STRIPE:
        return {"received": True, "unknown": True}
    if not event.paid and payment.payment_option != PaymentOption.HOLD.value:
        return {"received": True}  # completed without the money (an async method): wait
    settle(session, payment.id, now=now, payment_intent=event.payment_intent)
    return {"received": True}


def mark_paid_on_site(session: Session, caller: User, payment_id: int, *, now: datetime) -> Payment:
    """The host says the attendee paid them (on-site payments only)."""
    payment = payment_of(session, caller, payment_id)
    if payment.app_slug != "manual":
        raise Invalid(
            f"Payment with id={payment_id} is paid through {payment.app_slug}, not on site"
        )
    if payment.success:
        raise Invalid(f"Payment with id={payment_id} is already paid")
    return settle(session, payment.id, now=now)


def payment_of_booking_for_host(session: ReadSession, caller: User, booking_uid: str) -> Payment:
    booking = bookings.by_uid(session, booking_uid) if len(booking_uid) <= 64 else None
    payment = repository.payment_of_booking(session, booking.id) if booking else None
    if booking is None or payment is None or payment.user_id != caller.id:
        raise NotFound(f"No payment for a booking with uid={booking_uid}")
    return payment


def settle(
    session: Session, payment_id: int, *, now: datetime, payment_intent: str | None = None
) -> Payment:
    """The money arrived: the payment succeeds, the booking is paid, the invoice issued. A
    booking that ended meanwhile keeps its end, and the money goes back."""
    payment = repository.payment_for_update(session, payment_id)
    if payment is None:  # pragma: no cover - read just before
        raise NotFound(f"Payment with id={payment_id} not found")
    if payment.success:
        return payment
    payment.success = True
    payment.paid_at = now
    payment.updated_at = now
    if payment_intent:
        payment.external_id = payment_intent
        payment.data = {**payment.data, "paymentIntent": payment_intent}
    booking_uid = str(payment.data.get("bookingUid"))
    booking = payment_state.mark_paid(session, booking_uid, now=now)
    issue_invoice(session, payment, booking, now=now)
    if not booking.paid:  # ended before the money came: give it back
        enqueue_refund(session, payment, now=now)
    session.flush()
    return payment


def issue_invoice(
    session: Session, payment: Payment, booking: Booking, *, now: datetime
) -> Invoice:
    existing = repository.invoice_of_payment(session, payment.id)
    if existing is not None:
        return existing
    rate = int(payment.data.get("taxRateBasisPoints") or 0)
    tax = tax_included(payment.amount, rate)
    description = str(payment.data.get("description") or booking.title)
    invoice = Invoice(
        uid=new_uid(),
        seller_id=payment.user_id,
        number=repository.next_invoice_number(session, payment.user_id),
        payment_id=payment.id,
        booking_uid=booking.uid,
        status=InvoiceStatus.PAID.value,
        currency=payment.currency,
        tax_rate_basis_points=rate,
        subtotal=payment.amount - tax,
        tax=tax,
        total=payment.amount,
        seller=dict(payment.data.get("seller") or {}),
        buyer=dict(payment.data.get("buyer") or {}),
        line_items=[
            {
                "description": description,
                "quantity": 1,
                "unitAmount": payment.amount - tax,
                "amount": payment.amount - tax,
            }
        ],  # fmt: skip
        issued_at=now,
    )
    repository.add(session, invoice)
    return invoice


def tax_included(total: int, basis_points: int) -> int:
    """The tax inside a tax-inclusive total (prices are what the attendee pays), rounded
    half up to the minor unit."""
    if basis_points <= 0:
        return 0
    return (total * basis_points * 2 + (10_000 + basis_points)) // (2 * (10_000 + basis_points))


# --- refunds ---------------------------------------------------------------------------


def refund_due(payment: Payment, *, by_host: bool, now: datetime) -> bool:
    """The host's cancellation (or declining) always refunds; the attendee's, as the event
    type's refund policy says (``days``: within that many days of paying)."""
    if not payment.success or payment.refunded:
        return False
    if by_host:
        return True
    policy = payment.data.get("refundPolicy") or "never"
    if policy == "always":
        return True
    days = payment.data.get("refundDays")
    if policy == "days" and isinstance(days, int) and payment.paid_at is not None:
        return now - payment.paid_at <= timedelta(days=days)
    return False


def enqueue_refund(session: Session, payment: Payment, *, now: datetime) -> None:
    if payment.app_slug == "manual":  # money taken on site goes back on site
        return
    outbox.enqueue(
        session, REFUND_KIND, {"paymentId": payment.id}, now=now, booking_id=payment.booking_id,
        ordering_key=f"payment:{payment.uid}",
    )  # fmt: skip


def record_refund(session: Session, payment_id: int, refund_id: str, *, now: datetime) -> None:
    payment = repository.payment_for_update(session, payment_id)
    if payment is None or payment.refunded:
        return
    payment.refunded = True
    payment.updated_at = now
    payment.data = {**payment.data, "refundId": refund_id}
    invoice = repository.invoice_of_payment(session, payment.id)
    if invoice is not None:
        invoice.status = InvoiceStatus.REFUNDED.value
        invoice.refunded_at = now
    session.flush()


def release_hold(session: Session, payment_id: int, *, now: datetime) -> bool:
    """The hold ran out: an unpaid booking is released. True when it was."""
    payment = repository.payment_for_update(session, payment_id)
    if payment is None or payment.success:
        return False
    return payment_state.release_unpaid(session, str(payment.data.get("bookingUid")), now=now)
