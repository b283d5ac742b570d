"""/v2/event-types/{id}/private-links and booking through a link (API and page)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from fastapi.testclient import TestClient

from slotwise.clock import FrozenClock
from tests.conftest import Account, Accounts
from tests.slots.helpers import NOW, data, error, make_event_type, make_schedule

BOOKINGS = {"cal-api-version": "2024-08-13"}
LINK_KEYS = {
    "linkId", "eventTypeId", "isExpired", "bookingUrl", "expiresAt", "maxUsageCount",
    "usageCount",
}  # fmt: skip


def links_path(event_type_id: int) -> str:
    return f"/v2/event-types/{event_type_id}/private-links"


def hidden_event(client: TestClient, account: Account) -> int:
    make_schedule(client, account, "Europe/London")
    return make_event_type(client, account, "secret", hidden=True, minimumBookingNotice=0)


def create_link(
    client: TestClient, account: Account, event_type_id: int, **body: Any
) -> dict[str, Any]:
    link: dict[str, Any] = data(
        client.post(links_path(event_type_id), headers=account.headers, json=body), 201
    )
    return link


def book(
    client: TestClient, event_type_id: int, start: str, link: str | None, email: str = "a@x.io"
) -> Any:
    body: dict[str, Any] = {
        "start": start,
        "eventTypeId": event_type_id,
        "attendee": {"name": "Ann", "email": email, "timeZone": "Europe/London"},
    }
    if link is not None:
        body["hashedLink"] = link
    return client.post("/v2/bookings", headers=BOOKINGS, json=body)


def booking_count(client: TestClient, account: Account) -> int:
    listed = client.get("/v2/bookings", headers={**account.headers, **BOOKINGS})
    assert listed.status_code == 200, listed.text
    return len(listed.json()["data"])


class TestManageLinks:
    def test_create_list_update_delete(self, client: TestClient, alice: Account) -> None:
        event_type_id = hidden_event(client, alice)
        forever = create_link(client, alice, event_type_id)
        assert set(forever) == LINK_KEYS
        assert forever["eventTypeId"] == event_type_id
        assert forever["isExpired"] is False
        assert forever["expiresAt"] is None
        assert forever["maxUsageCount"] is None
        assert forever["bookingUrl"] == f"http://localhost:8000/d/{forever['linkId']}/secret"
        assert len(forever["linkId"]) == 32

        limited = create_link(
            client, alice, event_type_id, expiresAt="2030-04-01T00:00:00Z", maxUsageCount=3
        )
        assert limited["expiresAt"] == "2030-04-01T00:00:00.000Z"
        assert (limited["maxUsageCount"], limited["usageCount"]) == (3, 0)

        listed = data(client.get(links_path(event_type_id), headers=alice.headers))
        assert [x["linkId"] for x in listed] == [forever["linkId"], limited["linkId"]]

        path = f"{links_path(event_type_id)}/{limited['linkId']}"
        changed = data(client.patch(path, headers=alice.headers, json={"maxUsageCount": None}))
        assert changed["maxUsageCount"] is None
        assert changed["expiresAt"] == "2030-04-01T00:00:00.000Z"  # left as it was

        deleted = data(client.delete(path, headers=alice.headers))
        assert deleted["linkId"] == limited["linkId"]
        listed = data(client.get(links_path(event_type_id), headers=alice.headers))
        assert [x["linkId"] for x in listed] == [forever["linkId"]]
        error(client.delete(path, headers=alice.headers), 404)

    def test_bad_settings_are_400_and_change_nothing(
        self, client: TestClient, alice: Account
    ) -> None:
        event_type_id = hidden_event(client, alice)
        for body in (
            {"maxUsageCount": 0},
            {"maxUsageCount": "2"},
            {"expiresAt": "2020-01-01T00:00:00Z"},  # already past
            {"expiresAt": "tomorrow"},
        ):
            response = client.post(links_path(event_type_id), headers=alice.headers, json=body)
            assert error(response, 400)["code"] == "BadRequestException", body
        assert data(client.get(links_path(event_type_id), headers=alice.headers)) == []

    def test_another_users_event_type_is_404(
        self, client: TestClient, alice: Account, accounts: Accounts
    ) -> None:
        event_type_id = hidden_event(client, alice)
        link = create_link(client, alice, event_type_id)
        bob = accounts.create(username="bob")
        error(client.get(links_path(event_type_id), headers=bob.headers), 404)
        error(client.post(links_path(event_type_id), headers=bob.headers, json={}), 404)
        path = f"{links_path(event_type_id)}/{link['linkId']}"
        error(client.patch(path, headers=bob.headers, json={"maxUsageCount": 9}), 404)
        error(client.delete(path, headers=bob.headers), 404)
        error(client.get(links_path(event_type_id)), 401)
        assert len(data(client.get(links_path(event_type_id), headers=alice.headers))) == 1


class TestBookingThroughALink:
    def test_single_use_link_books_once(self, client: TestClient, alice: Account) -> None:
        event_type_id = hidden_event(client, alice)
        link = create_link(client, alice, event_type_id, maxUsageCount=1)["linkId"]

        first = data(book(client, event_type_id, "2030-03-26T09:00:00Z", link), 201)
        assert first["status"] == "accepted"
        second = error(book(client, event_type_id, "2030-03-26T10:00:00Z", link, "b@x.io"), 409)
        assert "used up" in second["message"]
        assert booking_count(client, alice) == 1

        shown = data(client.get(links_path(event_type_id), headers=alice.headers))[0]
        assert (shown["usageCount"], shown["isExpired"]) == (1, True)

    def test_the_legacy_booking_body_takes_the_link_too(
        self, client: TestClient, alice: Account
    ) -> None:
        event_type_id = hidden_event(client, alice)
        link = create_link(client, alice, event_type_id, maxUsageCount=1)["linkId"]
        body = {
            "eventTypeId": event_type_id, "timeZone": "Europe/London", "language": "en",
            "metadata": {}, "responses": {"name": "Ann", "email": "ann@x.io", "guests": []},
            "hashedLink": link,
        }  # fmt: skip
        first = client.post("/v2/bookings", json={**body, "start": "2030-03-26T09:00:00Z"})
        assert first.status_code == 201, first.text
        second = client.post("/v2/bookings", json={**body, "start": "2030-03-26T10:00:00Z"})
        # The legacy shape answers what lost to the current state with a 400 (as a taken
        # slot), naming the link.
        assert error(second, 400)["details"] == [
            {"field": "hashedLink", "message": "This private link has been used up"}
        ]
        assert booking_count(client, alice) == 1

    def test_a_refused_booking_gives_the_use_back(self, client: TestClient, alice: Account) -> None:
        event_type_id = hidden_event(client, alice)
        link = create_link(client, alice, event_type_id, maxUsageCount=1)["linkId"]
        error(book(client, event_type_id, "2030-03-26T03:00:00Z", link), 400)  # not offered
        data(book(client, event_type_id, "2030-03-26T09:00:00Z", link), 201)

    def test_expired_link_is_refused(
        self, client: TestClient, alice: Account, clock: FrozenClock
    ) -> None:
        event_type_id = hidden_event(client, alice)
        expires = (NOW + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
        link = create_link(client, alice, event_type_id, expiresAt=expires)["linkId"]
        clock.advance(hours=2)
        refused = error(book(client, event_type_id, "2030-03-26T09:00:00Z", link), 400)
        assert refused["details"] == [
            {"field": "hashedLink", "message": "this private link has expired"}
        ]
        assert booking_count(client, alice) == 0

    def test_unknown_or_foreign_link_is_400(
        self, client: TestClient, alice: Account, accounts: Accounts
    ) -> None:
        event_type_id = hidden_event(client, alice)
        bob = accounts.create(username="bob")
        make_schedule(client, bob, "Europe/London")
        bobs_event = make_event_type(client, bob, "bobs", minimumBookingNotice=0)
        bobs_link = create_link(client, bob, bobs_event)["linkId"]
        for link in ("0" * 32, bobs_link, "x"):
            refused = error(book(client, event_type_id, "2030-03-26T09:00:00Z", link), 400)
            assert refused["details"][0]["field"] == "hashedLink"
        assert booking_count(client, alice) == 0


class TestPrivateLinkPage:
    def test_page_books_a_hidden_event_type_once(self, client: TestClient, alice: Account) -> None:
        event_type_id = hidden_event(client, alice)
        link = create_link(client, alice, event_type_id, maxUsageCount=1)["linkId"]
        html = {"Accept": "text/html"}
        page = client.get(f"/d/{link}/secret", headers=html)
        assert page.status_code == 200, page.text
        assert f'action="/d/{link}/secret' in page.text
        form = {
            "slot": "2030-03-26T09:00:00Z", "tz": "Europe/London", "name": "Cy",
            "email": "cy@example.com",
        }  # fmt: skip
        booked = client.post(f"/d/{link}/secret", data=form, follow_redirects=False)
        assert booked.status_code == 303, booked.text
        assert booked.headers["location"].startswith("/booking/")

        again = client.post(f"/d/{link}/secret", data={**form, "slot": "2030-03-26T10:00:00Z"})
        assert again.status_code == 410
        assert "already been used" in again.text
        used_up = client.get(f"/d/{link}/secret", headers=html)
        assert used_up.status_code == 410
        assert "already been used" in used_up.text
        assert booking_count(client, alice) == 1

    def test_expired_and_unknown_pages(
        self, client: TestClient, alice: Account, clock: FrozenClock
    ) -> None:
        event_type_id = hidden_event(client, alice)
        expires = (NOW + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
        link = create_link(client, alice, event_type_id, expiresAt=expires)["linkId"]
        html = {"Accept": "text/html"}
        assert client.get(f"/d/{link}/secret", headers=html).status_code == 200
        clock.advance(hours=2)
        expired = client.get(f"/d/{link}/secret", headers=html)
        assert expired.status_code == 410
        assert "has expired" in expired.text
        assert client.get(f"/d/{link}/other-slug", headers=html).status_code == 404
        assert client.get(f"/d/{'0' * 32}/secret", headers=html).status_code == 404
