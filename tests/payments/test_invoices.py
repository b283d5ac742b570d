"""Invoices: issued when a payment settles, numbered 1, 2, 3 ... per seller with no gap even
under concurrent payments, shown as JSON, printable HTML and a PDF, refunded with their
payment."""

from __future__ import annotations

import threading

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from slotwise.db import transaction
from slotwise.payments import repository
from slotwise.payments.models import InvoiceCounter
from slotwise.payments.service import tax_included
from tests.bookings.helpers import v2
from tests.conftest import Account, Accounts
from tests.payments.helpers import booked, paid_event_type, payment_of
from tests.slots.helpers import data, error


def test_tax_inside_the_price_rounds_half_up() -> None:
    assert tax_included(11900, 1900) == 1900
    assert tax_included(1000, 0) == 0
    assert tax_included(100, 2000) == 17  # 16.67 -> 17
    assert tax_included(1, 1900) == 0


def test_invoices_are_numbered_per_seller_and_rendered(
    client: TestClient, app: FastAPI, alice: Account, accounts: Accounts
) -> None:
    bob = accounts.create(username="bob")
    event_type_id = paid_event_type(
        client, alice, app="manual", taxRateBasisPoints=1900, price=11900
    )
    bob_event_type = paid_event_type(client, bob, "bobs", app="manual", price=500)
    for start, name in (("2030-03-26T09:00:00Z", "Ann"), ("2030-03-26T10:00:00Z", "Cy")):
        made = booked(client, event_type_id, start, name=name)
        payment = payment_of(app, made["uid"])
        data(client.post(f"/v2/payments/{payment.id}/mark-paid", headers=v2(alice)))
    made = booked(client, bob_event_type, "2030-03-26T09:00:00Z", name="Di")
    data(client.post(f"/v2/payments/{payment_of(app, made['uid']).id}/mark-paid", headers=v2(bob)))

    listed = data(client.get("/v2/invoices", headers=v2(alice)))
    assert [(i["number"], i["buyer"]["name"]) for i in listed] == [(1, "Ann"), (2, "Cy")]
    first = listed[0]
    assert (first["subtotal"], first["tax"], first["total"], first["taxRate"]) == (
        10000, 1900, 11900, 19.0,
    )  # fmt: skip
    assert first["lineItems"] == [
        {"description": first["lineItems"][0]["description"], "quantity": 1,
         "unitAmount": 10000, "amount": 10000},
    ]  # fmt: skip
    assert first["seller"] == {"name": "Alice", "email": "alice@example.com"}
    assert first["status"] == "paid"
    assert [i["number"] for i in data(client.get("/v2/invoices", headers=v2(bob)))] == [1]
    error(client.get(f"/v2/invoices/{first['id']}", headers=v2(bob)), 404)

    page = client.get(f"/v2/invoices/{first['id']}/html", headers=v2(alice))
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "Invoice 1" in page.text
    assert "119.00 EUR" in page.text
    assert "&lt;alice@example.com&gt;" in page.text  # escaped, not markup

    pdf = client.get(f"/v2/invoices/{first['id']}/pdf", headers=v2(alice))
    assert pdf.headers["content-type"] == "application/pdf"
    assert 'filename="invoice-1.pdf"' in pdf.headers["content-disposition"]
    body = pdf.content
    assert body.startswith(b"%PDF-1.4")
    assert body.rstrip().endswith(b"%%EOF")
    assert b"(Total: 119.00 EUR) Tj" in body
    # The cross-reference table points at each object.
    xref = int(body.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    assert body[xref:].startswith(b"xref\n0 6\n")
    offsets = [int(line[:10]) for line in body[xref:].split(b"\n")[3:8]]
    assert [body[o:].split(b"\n")[0] for o in offsets] == [
        f"{n} 0 obj".encode() for n in range(1, 6)
    ]


def test_fifty_concurrent_payments_get_gapless_numbers(app: FastAPI, alice: Account) -> None:
    """Fifty transactions take a number for one seller at once; ten of them roll back. The
    committed numbers are exactly 1..40: no gap, no repeat (PostgreSQL: the counter row's
    lock; SQLite: the write transaction)."""
    taken: list[int] = []
    lock = threading.Lock()
    start = threading.Barrier(50)

    def pay(index: int) -> None:
        start.wait()
        try:
            with transaction(app.state.write_session_factory) as session:
                number = repository.next_invoice_number(session, alice.id)
                if index % 5 == 0:
                    raise RuntimeError("the payment failed after its number was taken")
        except RuntimeError:
            return
        with lock:
            taken.append(number)

    threads = [threading.Thread(target=pay, args=(i,)) for i in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(taken) == list(range(1, 41))
    with transaction(app.state.session_factory) as session:
        counter = session.scalars(
            select(InvoiceCounter).where(InvoiceCounter.seller_id == alice.id)
        ).one()
        assert counter.next_number == 41
