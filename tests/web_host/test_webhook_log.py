"""A webhook's page shows its delivery log and sends a delivery again."""

from __future__ import annotations

import re

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from slotwise.config import Settings
from tests.conftest import Account
from tests.slots.helpers import make_event_type, make_schedule
from tests.web.helpers import book_form
from tests.web_host.helpers import post_form, sign_in


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """Webhooks to 127.0.0.1 may be saved (no worker runs: nothing is sent)."""
    return settings.model_copy(update={"webhook_allow_private_networks": True})


def test_the_log_lists_deliveries_and_one_is_sent_again(
    client: TestClient, app: FastAPI, alice: Account
) -> None:
    sign_in(client, app, alice.email)
    path = "/settings/developer/webhooks"
    post_form(client, path, path, subscriber_url="http://127.0.0.1:9/hook",
              triggers="BOOKING_CREATED", active="on")  # fmt: skip
    [hook] = client.get("/v2/webhooks", headers=alice.headers).json()["data"]
    make_schedule(client, alice, "Europe/London")
    make_event_type(client, alice, "intro")
    assert book_form(client, "/alice/intro").status_code == 303
    page = f"{path}/{hook['id']}"
    html = client.get(page).text
    assert "Deliveries (1)" in html
    assert "<td>BOOKING_CREATED</td>" in html
    delivery = re.search(r"/deliveries/(\d+)/redeliver", html)
    assert delivery is not None
    again = post_form(client, page, f"{page}/deliveries/{delivery.group(1)}/redeliver")
    assert again.status_code == 303
    assert "Deliveries (2)" in client.get(page).text
    log = client.get(f"/v2/webhooks/{hook['id']}/deliveries", headers=alice.headers).json()
    assert len(log["data"]) == 2
