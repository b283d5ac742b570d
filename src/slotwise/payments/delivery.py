"""The outbox handlers of payments:

- ``payment_hold`` (due when an unpaid booking's hold runs out): releases the booking if it
  is still unpaid (a cancellation recorded like any other, so its emails and webhooks go),
  then closes its checkout at the provider so the payer cannot pay for a released slot
  (best effort: a payment that still arrives is refunded).
- ``payment_refund``: asks the provider to refund (or release an uncaptured hold), then
  records the refund and marks the invoice refunded. The provider call carries an
  idempotency key, so a retry after a lost answer never refunds twice.

The session factory is the composed one (with the event bus): releasing a booking publishes.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from slotwise.clock import Clock, SystemClock
from slotwise.config import Settings
from slotwise.db import transaction
from slotwise.errors import SlotwiseError
from slotwise.outbox.handlers import DeliveryFailed, DeliveryRefused
from slotwise.outbox.service import Claimed
from slotwise.payments import repository, service
from slotwise.payments.models import PaymentOption
from slotwise.payments.service import HOLD_KIND, REFUND_KIND
from slotwise.plugins.kinds import PaymentUnavailable

__all__ = ["HOLD_KIND", "REFUND_KIND", "PaymentHoldHandler", "PaymentRefundHandler"]


def _payment_id(message: Claimed) -> int:
    try:
        return int(message.payload["paymentId"])
    except (KeyError, TypeError, ValueError) as exc:
        raise DeliveryRefused(f"malformed payment row: {exc}") from exc


class PaymentHoldHandler:
    def __init__(
        self, settings: Settings, sessions: sessionmaker[Session], clock: Clock | None = None
    ) -> None:
        self._settings = settings
        self._sessions = sessions
        self._clock = clock or SystemClock()

    def deliver(self, message: Claimed) -> dict[str, Any] | None:
        payment_id = _payment_id(message)
        with transaction(self._sessions) as session:
            released = service.release_hold(session, payment_id, now=self._clock.now())
            payment = repository.payment(session, repository.every_payment_scope(), payment_id)
            checkout = payment.external_id if payment is not None else None
            account = payment.data.get("connectedAccount") if payment is not None else None
            app = payment.app_slug if payment is not None else None
        if not released:
            return {"skipped": "paid or ended before the hold ran out"}
        if checkout and app:
            try:
                hooks = service.hooks_of(app)
                if hooks is not None:
                    hooks.expire_checkout(
                        service.provider_account(self._settings, account), checkout
                    )
            except (PaymentUnavailable, SlotwiseError) as exc:
                return {"released": True, "checkoutStillOpen": str(exc)[:300]}
        return {"released": True}

    def close(self) -> None:
        return None


class PaymentRefundHandler:
    def __init__(
        self, settings: Settings, sessions: sessionmaker[Session], clock: Clock | None = None
    ) -> None:
        self._settings = settings
        self._sessions = sessions
        self._clock = clock or SystemClock()

    def deliver(self, message: Claimed) -> dict[str, Any] | None:
        payment_id = _payment_id(message)
        with transaction(self._sessions) as session:
            payment = repository.payment(session, repository.every_payment_scope(), payment_id)
            if payment is None or payment.refunded or not payment.success:
                return {"skipped": "nothing to refund"}
            app, intent = payment.app_slug, payment.data.get("paymentIntent")
            account = payment.data.get("connectedAccount")
            captured = payment.payment_option != PaymentOption.HOLD.value
        if not isinstance(intent, str):
            raise DeliveryRefused("the payment has no provider payment to refund")
        try:
            hooks = service.hooks_of(app)
            if hooks is None:
                raise DeliveryRefused(f"{app} payments are not refunded through slotwise")
            refund_id = hooks.refund(
                service.provider_account(self._settings, account), intent, captured=captured
            )
        except PaymentUnavailable as exc:
            raise DeliveryFailed(str(exc), {"error": str(exc)[:500]}) from exc
        except SlotwiseError as exc:
            raise DeliveryFailed(exc.message) from exc
        with transaction(self._sessions) as session:
            service.record_refund(session, payment_id, refund_id, now=self._clock.now())
        return {"refunded": refund_id}

    def close(self) -> None:
        return None
