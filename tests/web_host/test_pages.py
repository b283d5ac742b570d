"""The host's pages through the app: each one renders for its owner, changes go through the
services (checked with the API), and another user's ids are 404."""

from __future__ import annotations

import re

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.conftest import Account, Accounts
from tests.slots.helpers import make_event_type, make_schedule
from tests.web.helpers import SLOT, book_form
from tests.web_host.helpers import csrf_of, post_form, sign_in

V2_EVENT_TYPES = {"cal-api-version": "2024-06-14"}
V2_SCHEDULES = {"cal-api-version": "2024-06-11"}
V2_BOOKINGS = {"cal-api-version": "2024-08-13"}
MAIN_PAGES = (
    "/event-types", "/event-types/new", "/availability", "/bookings/upcoming",
    "/bookings/unconfirmed", "/bookings/recurring", "/bookings/past", "/bookings/cancelled",
    "/settings/my-account/profile", "/settings/my-account/appearance",
    "/settings/developer/api-keys", "/settings/developer/webhooks",
)  # fmt: skip


@pytest.fixture
def signed_in(client: TestClient, app: FastAPI, alice: Account) -> Account:
    sign_in(client, app, alice.email)
    return alice


def event_types_of(client: TestClient, account: Account) -> list[dict]:  # type: ignore[type-arg]
    answer = client.get("/v2/event-types", headers={**account.headers, **V2_EVENT_TYPES})
    return answer.json()["data"]  # type: ignore[no-any-return]


def test_every_main_page_renders_for_its_owner(client: TestClient, signed_in: Account) -> None:
    for path in MAIN_PAGES:
        answer = client.get(path)
        assert answer.status_code == 200, (path, answer.text[:500])
        assert "<main" in answer.text
        assert answer.headers["cache-control"] == "no-store"


class TestEventTypes:
    def test_create_edit_duplicate_delete(self, client: TestClient, signed_in: Account) -> None:
        created = post_form(
            client, "/event-types/new", "/event-types/new", title="Coffee chat",
            slug="coffee", length_in_minutes="45", before_event_buffer="10",
            after_event_buffer="5", minimum_booking_notice="60", location_type="address",
            location_detail="1 Main St", requires_confirmation="on", limit_PER_DAY="3",
            period_type="ROLLING", period_days="14",
        )  # fmt: skip
        assert created.status_code == 303, created.text
        path = created.headers["location"].split("?")[0]
        [stored] = event_types_of(client, signed_in)
        assert stored["title"] == "Coffee chat"
        assert stored["lengthInMinutes"] == 45
        assert stored["beforeEventBuffer"] == 10
        assert stored["afterEventBuffer"] == 5
        assert stored["minimumBookingNotice"] == 60
        assert stored["locations"] == [{"type": "address", "address": "1 Main St", "public": True}]
        assert stored["confirmationPolicy"] != {"disabled": True}
        assert stored["bookingLimitsCount"]["day"] == 3
        assert stored["bookingWindow"]["value"] == 14

        page = client.get(path).text
        assert 'value="Coffee chat"' in page
        edited = post_form(
            client, path, path, title="Coffee", slug="coffee", length_in_minutes="30",
            hidden="on", location_type="attendeePhone",
        )  # fmt: skip
        assert edited.status_code == 303
        [stored] = event_types_of(client, signed_in)
        assert (stored["title"], stored["lengthInMinutes"], stored["hidden"]) == (
            "Coffee",
            30,
            True,
        )
        assert stored["locations"] == [{"type": "attendeePhone"}]

        assert post_form(client, "/event-types", f"{path}/duplicate").status_code == 303
        slugs = sorted(e["slug"] for e in event_types_of(client, signed_in))
        assert slugs == ["coffee", "coffee-copy"]
        assert post_form(client, "/event-types", f"{path}/delete").status_code == 303
        assert [e["slug"] for e in event_types_of(client, signed_in)] == ["coffee-copy"]

    def test_bad_input_is_shown_next_to_its_field_and_changes_nothing(
        self, client: TestClient, signed_in: Account
    ) -> None:
        answer = post_form(
            client, "/event-types/new", "/event-types/new", title="X", slug="x",
            length_in_minutes="ten",
        )  # fmt: skip
        assert answer.status_code == 400
        assert 'id="e-length_in_minutes"' in answer.text
        answer = post_form(
            client, "/event-types/new", "/event-types/new", title="", slug="x",
            length_in_minutes="30",
        )  # fmt: skip
        assert answer.status_code == 400
        assert 'id="e-title"' in answer.text
        assert event_types_of(client, signed_in) == []

    def test_the_list_offers_copy_link_and_preview(
        self, client: TestClient, signed_in: Account
    ) -> None:
        make_event_type(client, signed_in, "intro")
        html = client.get("/event-types").text
        assert 'data-copy="http://localhost:8000/alice/intro"' in html
        assert 'href="/alice/intro"' in html


class TestAvailability:
    def test_create_then_edit_hours_overrides_and_zone(
        self, client: TestClient, signed_in: Account
    ) -> None:
        created = post_form(
            client, "/availability", "/availability/new", name="Office", time_zone="Europe/Paris"
        )
        assert created.status_code == 303
        path = created.headers["location"].split("?")[0]
        schedule_id = int(path.rsplit("/", 1)[1])
        token = csrf_of(client.get(path).text)
        form = [
            ("csrf_token", token), ("name", "Office hours"), ("time_zone", "America/New_York"),
            ("start_1", "09:00"), ("end_1", "12:00"), ("start_1", "13:00"), ("end_1", "17:00"),
            ("start_1", ""), ("end_1", ""), ("start_3", "10:00"), ("end_3", "11:00"),
            ("override_date", "2030-04-02"), ("override_start", ""), ("override_end", ""),
            ("override_date", "2030-04-03"), ("override_start", "08:00"),
            ("override_end", "09:00"),
        ]  # fmt: skip
        body = "&".join(f"{k}={v}" for k, v in form).replace("/", "%2F")
        saved = client.post(
            path, content=body, follow_redirects=False,
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )  # fmt: skip
        assert saved.status_code == 303, saved.text
        stored = client.get(
            f"/v2/schedules/{schedule_id}", headers={**signed_in.headers, **V2_SCHEDULES}
        ).json()["data"]
        assert stored["name"] == "Office hours"
        assert stored["timeZone"] == "America/New_York"
        assert sorted(
            (tuple(a["days"]), a["startTime"], a["endTime"]) for a in stored["availability"]
        ) == [(("Monday",), "09:00", "12:00"), (("Monday",), "13:00", "17:00"),
              (("Wednesday",), "10:00", "11:00")]  # fmt: skip
        assert {(o["date"], o["startTime"], o["endTime"]) for o in stored["overrides"]} == {
            ("2030-04-02", "00:00", "00:00"),
            ("2030-04-03", "08:00", "09:00"),
        }
        assert stored["isDefault"] is True  # a first schedule is the default

    def test_a_range_that_ends_before_it_starts_is_refused(
        self, client: TestClient, signed_in: Account
    ) -> None:
        schedule_id = make_schedule(client, signed_in, "Europe/London")
        path = f"/availability/{schedule_id}"
        answer = post_form(
            client, path, path, name="X", time_zone="Europe/London", start_2="15:00",
            end_2="14:00",
        )  # fmt: skip
        assert answer.status_code == 400
        assert 'role="alert"' in answer.text
        stored = client.get(
            f"/v2/schedules/{schedule_id}", headers={**signed_in.headers, **V2_SCHEDULES}
        ).json()["data"]
        assert stored["name"] != "X"


class TestBookings:
    def test_confirm_a_pending_booking_and_search_by_attendee(
        self, client: TestClient, app: FastAPI, accounts: Accounts, signed_in: Account
    ) -> None:
        make_schedule(client, signed_in, "Europe/London")
        make_event_type(client, signed_in, "intro", confirmationPolicy={"type": "always"})
        assert book_form(client, "/alice/intro").status_code == 303
        html = client.get("/bookings/unconfirmed").text
        uid = re.search(r'action="/bookings/([0-9a-f]+)/confirm"', html)
        assert uid is not None
        assert "ann@example.com" in client.get("/bookings/unconfirmed?q=ann").text
        assert "No unconfirmed bookings" in client.get("/bookings/unconfirmed?q=zed").text
        done = post_form(
            client, "/bookings/unconfirmed", f"/bookings/{uid.group(1)}/confirm",
            back="/bookings/unconfirmed",
        )  # fmt: skip
        assert done.status_code == 303
        booking = client.get(f"/v2/bookings/{uid.group(1)}", headers=V2_BOOKINGS).json()["data"]
        assert booking["status"] == "accepted"
        assert SLOT.replace("Z", ".000Z") == booking["start"]

    def test_cancel_from_the_list(self, client: TestClient, signed_in: Account) -> None:
        make_schedule(client, signed_in, "Europe/London")
        make_event_type(client, signed_in, "intro")
        book_form(client, "/alice/intro")
        html = client.get("/bookings/upcoming").text
        uid = re.search(r'action="/bookings/([0-9a-f]+)/cancel"', html)
        assert uid is not None
        post_form(client, "/bookings/upcoming", f"/bookings/{uid.group(1)}/cancel")
        booking = client.get(f"/v2/bookings/{uid.group(1)}", headers=V2_BOOKINGS).json()["data"]
        assert booking["status"] == "cancelled"
        assert '<span class="badge">cancelled</span>' in client.get("/bookings/cancelled").text


class TestSettings:
    def test_profile_and_appearance_are_saved_through_the_users_service(
        self, client: TestClient, signed_in: Account
    ) -> None:
        path = "/settings/my-account/profile"
        saved = post_form(
            client, path, path, name="Alice A", username="alice", email="alice@example.com",
            bio="Hi", time_zone="Asia/Tokyo", week_start="Sunday", time_format="12", locale="fr",
        )  # fmt: skip
        assert saved.status_code == 303
        me = client.get("/v2/me", headers=signed_in.headers).json()["data"]
        assert (me["name"], me["timeZone"], me["weekStart"], me["timeFormat"], me["locale"]) == (
            "Alice A", "Asia/Tokyo", "Sunday", 12, "fr",
        )  # fmt: skip
        bad = post_form(
            client, path, path, name="A", username="alice", email="alice@example.com",
            time_zone="Mars/Base", week_start="Sunday", time_format="12", locale="fr",
        )  # fmt: skip
        assert bad.status_code == 400
        assert 'id="e-time_zone"' in bad.text or "time_zone" in bad.text
        looks = "/settings/my-account/appearance"
        post_form(client, looks, looks, brand_color="#123456", app_theme="dark", theme="light")
        page = client.get(looks).text
        assert '<html lang="en" data-theme="dark">' in page
        assert 'value="#123456"' in page

    def test_an_api_key_is_shown_once_works_and_can_be_revoked(
        self, client: TestClient, signed_in: Account
    ) -> None:
        path = "/settings/developer/api-keys"
        created = post_form(client, path, path, name="ci", days="7")
        assert created.status_code == 200
        secret = re.search(r'<p class="secret" id="new-key">(cal_[0-9a-f]+)</p>', created.text)
        assert secret is not None
        key = secret.group(1)
        assert client.get("/v2/me", headers={"Authorization": key}).status_code == 200
        again = client.get(path).text
        assert key not in again
        assert key[:8] in again
        key_id = re.findall(r'action="/settings/developer/api-keys/(\d+)/delete"', again)
        assert len(key_id) == 2  # the test account's own key and the new one
        post_form(client, path, f"{path}/{max(map(int, key_id))}/delete")
        assert client.get("/v2/me", headers={"Authorization": key}).status_code == 401

    def test_webhooks_create_edit_delete(self, client: TestClient, signed_in: Account) -> None:
        path = "/settings/developer/webhooks"
        refused = post_form(
            client, path, path, subscriber_url="http://127.0.0.1:9/hook",
            triggers="BOOKING_CREATED", active="on",
        )  # fmt: skip
        assert refused.status_code == 400  # a private address: the service's SSRF rule
        created = post_form(
            client, path, path, subscriber_url="https://93.184.216.34/hook",
            triggers="BOOKING_CREATED", active="on",
        )  # fmt: skip
        assert created.status_code == 303
        hooks = client.get("/v2/webhooks", headers=signed_in.headers).json()["data"]
        assert [(h["subscriberUrl"], h["triggers"], h["active"]) for h in hooks] == [
            ("https://93.184.216.34/hook", ["BOOKING_CREATED"], True)
        ]
        edit = f"{path}/{hooks[0]['id']}"
        assert client.get(edit).status_code == 200
        post_form(client, edit, edit, subscriber_url="https://93.184.216.34/other",
                  triggers="BOOKING_CANCELLED")  # fmt: skip
        hook = client.get("/v2/webhooks", headers=signed_in.headers).json()["data"][0]
        assert (hook["subscriberUrl"], hook["triggers"], hook["active"]) == (
            "https://93.184.216.34/other", ["BOOKING_CANCELLED"], False,
        )  # fmt: skip
        post_form(client, edit, f"{edit}/delete")
        assert client.get("/v2/webhooks", headers=signed_in.headers).json()["data"] == []


def test_another_users_edit_pages_are_404(
    client: TestClient, app: FastAPI, accounts: Accounts, alice: Account
) -> None:
    schedule_id = make_schedule(client, alice, "Europe/London")
    event_type_id = make_event_type(client, alice, "intro")
    bob = accounts.create(username="bob")
    sign_in(client, app, bob.email)
    html = {"Accept": "text/html"}
    for path in (f"/event-types/{event_type_id}", f"/availability/{schedule_id}"):
        answer = client.get(path, headers=html)
        assert answer.status_code == 404, path
        assert "Intro" not in answer.text
    token = csrf_of(client.get("/event-types").text)
    for action in (f"/event-types/{event_type_id}/delete", f"/availability/{schedule_id}/delete"):
        answer = client.post(action, data={"csrf_token": token}, headers=html)
        assert answer.status_code == 404
    assert len(event_types_of(client, alice)) == 1
