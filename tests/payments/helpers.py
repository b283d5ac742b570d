"""What the payment tests share: a paid event type, a booking of it, reading its state."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from slotwise.db import transaction
from slotwise.outbox.models import OutboxMessage
from slotwise.payments.models import Invoice, Payment
from tests.bookings.helpers import book, v2
from tests.conftest import Account
from tests.slots.helpers import data, make_event_type, make_schedule

SLOT = "2030-03-26T09:00:00Z"  # a Tuesday 09:00 London, inside 09-17


def stripe_metadata(price: int = 2500, **more: Any) -> dict[str, Any]:
    settings = {"enabled": True, "price": price, "currency": "eur", "paymentOption": "ON_BOOKING"}
    return {"apps": {"stripe": {**settings, **more}}}


def paid_event_type(
    client: TestClient, host: Account, slug: str = "coaching", **metadata_app: Any
) -> int:
    make_schedule(client, host, "Europe/London")
    app = metadata_app.pop("app", "stripe")
    settings = {"enabled": True, "price": 2500, "currency": "eur", **metadata_app}
    return make_event_type(client, host, slug, metadata={"apps": {app: settings}})


def booked(client: TestClient, event_type_id: int, start: str = SLOT, name: str = "Ann") -> Any:
    return data(book(client, event_type_id, start, name=name), 201)


def booking(client: TestClient, uid: str) -> Any:
    return data(client.get(f"/v2/bookings/{uid}", headers=v2()))


def payment_of(app: FastAPI, booking_uid: str) -> Payment:
    with transaction(app.state.session_factory) as session:
        for payment in session.scalars(select(Payment)):
            if payment.data.get("bookingUid") == booking_uid:
                session.expunge(payment)
                return payment
    raise AssertionError(f"no payment for {booking_uid}")


def invoices(app: FastAPI) -> list[Invoice]:
    with transaction(app.state.session_factory) as session:
        found = list(session.scalars(select(Invoice).order_by(Invoice.number)))
        session.expunge_all()
        return found


def outbox_rows(app: FastAPI, kind: str) -> list[OutboxMessage]:
    with transaction(app.state.session_factory) as session:
        found = list(
            session.scalars(
                select(OutboxMessage).where(OutboxMessage.kind == kind).order_by(OutboxMessage.id)
            )
        )
        session.expunge_all()
        return found
