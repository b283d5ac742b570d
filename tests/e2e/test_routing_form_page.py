"""A routing form's public page in a real Chromium: the form's own errors, then each kind of
route: to the booking page (name and email filled in; the booking made there is linked to
the response), to an external URL with the answers, and a message."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import LiveServer
from tests.e2e.test_booking_pages import bookable_host, bookings, pick_first_day_and_time

pytestmark = pytest.mark.e2e


def _form(server: LiveServer, headers: dict[str, str], event_type_id: int) -> dict[str, Any]:
    body = {
        "name": "Talk to sales",
        "fields": [
            {"id": "name", "label": "Your name", "identifier": "name", "type": "text",
             "required": True},
            {"id": "email", "label": "Work email", "identifier": "email", "type": "email",
             "required": True},
            {"id": "size", "label": "Company size", "identifier": "size", "type": "number"},
            {"id": "country", "label": "Country", "identifier": "country", "type": "select",
             "options": [{"id": "de", "label": "Germany"}, {"id": "fr", "label": "France"}]},
        ],
        "routes": [
            {"queryValue": {"field": "size", "operator": "greater_than", "value": 50},
             "action": {"type": "eventTypeRedirectUrl", "eventTypeId": event_type_id}},
            {"queryValue": {"field": "country", "operator": "equals", "value": "de"},
             "action": {"type": "externalRedirectUrl",
                        "value": f"{server.url}/static/favicon.svg"}},
            {"isFallback": True,
             "action": {"type": "customPageMessage", "value": "Thanks, we will write to you."}},
        ],
    }  # fmt: skip
    response = server.api.post("/v2/routing-forms", headers=headers, json=body)
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()["data"]
    return created


def _fill(page: Page, server: LiveServer, form_id: str, **answers: str) -> None:
    page.goto(f"{server.url}/forms/{form_id}")
    page.get_by_label("Your name").fill("Ann Lead")
    page.get_by_label("Work email").fill("ann@lead.example")
    if "size" in answers:
        page.get_by_label("Company size").fill(answers["size"])
    if "country" in answers:
        page.get_by_label("Country").select_option(label=answers["country"])
    page.get_by_role("button", name="Submit").click()


def test_routing_form_page_end_to_end(live_server: LiveServer, page: Page) -> None:
    host = bookable_host(live_server, minimumBookingNotice=0)
    event_types = live_server.api.get(
        "/v2/event-types", headers={**host.headers, "cal-api-version": "2024-06-14"}
    ).json()["data"]
    form = _form(live_server, host.headers, event_types[0]["id"])

    # the form's own validation: required answers, an email that is none
    page.goto(f"{live_server.url}/forms/{form['id']}")
    expect(page.get_by_role("heading", name="Talk to sales")).to_be_visible()
    page.get_by_label("Work email").fill("not-an-email")
    page.get_by_role("button", name="Submit").click()
    expect(page.locator("#err-name")).to_contain_text("is required")
    expect(page.locator("#err-email")).to_contain_text("must be an email address")

    # nothing matches: the fallback's message
    _fill(page, live_server, form["id"], size="10", country="France")
    expect(page.locator("#routing-message")).to_have_text("Thanks, we will write to you.")

    # German: the external URL, with the answers as its query
    _fill(page, live_server, form["id"], country="Germany")
    page.wait_for_url(re.compile(r"/static/favicon\.svg\?.*country=Germany"))

    # a big company: the booking page, name and email filled in; the booking is linked
    _fill(page, live_server, form["id"], size="80")
    page.wait_for_url(re.compile(rf"/{host.username}/meet\?.*routingFormResponseId="))
    pick_first_day_and_time(page)
    expect(page.get_by_label("Your name")).to_have_value("Ann Lead")
    expect(page.get_by_label("Email address")).to_have_value("ann@lead.example")
    page.get_by_role("button", name="Confirm booking").click()
    page.wait_for_url(re.compile(r"/booking/"))
    (uid,) = bookings(live_server, host)
    responses = live_server.api.get(
        f"/v2/routing-forms/{form['id']}/responses",
        headers=host.headers, params={"sortCreatedAt": "asc"},
    ).json()["data"]  # fmt: skip
    assert [r["routedToBookingUid"] for r in responses] == [None, None, uid]
