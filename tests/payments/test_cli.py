"""The host marks an on-site payment paid from the command line (``slotwise action run``
against a live server on loopback)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.cli.live import Cli, cli_fixture, live_server_fixture  # noqa: F401 (fixtures)
from tests.conftest import Account
from tests.payments.helpers import booked, paid_event_type


def test_the_host_marks_an_on_site_payment_paid(
    cli: Cli, client: TestClient, alice: Account
) -> None:
    made = booked(client, paid_event_type(client, alice, app="manual"))
    [payment] = cli.run("list-payments")["payments"]
    assert (payment["success"], payment["bookingId"]) == (False, made["id"])
    marked = cli.run("mark-payment-paid", {"paymentId": payment["id"]})["data"]
    assert (marked["id"], marked["success"]) == (payment["id"], True)
    [invoice] = cli.run("list-invoices")["data"]
    assert (invoice["number"], invoice["total"], invoice["paymentId"]) == (1, 2500, payment["id"])
