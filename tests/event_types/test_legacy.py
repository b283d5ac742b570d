"""The legacy shapes (2024-04-15, the default for a missing or unknown header, and 2024-06-11),
spec/legacy.md §1 and slotwise's rules of §6; the public booking-page reads; and versions
this path does not serve."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.conftest import Account, Accounts
from tests.event_types.helpers import (
    CURRENT,
    LEGACY,
    LEGACY_DELETED_KEYS,
    LEGACY_GROUP_KEYS,
    LEGACY_KEYS,
    LEGACY_LIST_KEYS,
    LEGACY_PROFILE_KEYS,
    PUBLIC_SUMMARY_KEYS,
    assert_bad_request,
    create,
    data,
    get,
    headers,
    make_schedule,
    own_list,
)

# Every way a client reaches the legacy shapes: no header, 2024-04-15, 2024-06-11, junk.
LEGACY_HEADERS = [None, LEGACY, "2024-06-11", "2024-6-14", "latest"]


def legacy_body(**fields: Any) -> dict[str, Any]:
    return {"length": 30, "title": "Legacy call", "slug": "legacy-call", **fields}


@pytest.fixture
def bob(accounts: Accounts) -> Account:
    return accounts.create(username="bob")


class TestLegacyCreate:
    @pytest.mark.parametrize("version", LEGACY_HEADERS)
    def test_creates_from_length_and_answers_the_bare_object(
        self, client: TestClient, alice: Account, version: str | None
    ) -> None:
        created = create(client, alice, version, **legacy_body())
        assert set(created) == LEGACY_KEYS
        assert created["length"] == 30
        assert created["userId"] == alice.id
        assert created["periodType"] == "UNLIMITED"
        assert created["minimumBookingNotice"] == 120
        assert created["locations"] == [{"type": "integrations:daily"}]
        assert created["bookingLimits"] == {}
        names = [f["name"] for f in created["bookingFields"]]
        assert names[:2] == ["name", "email"]

    def test_length_in_minutes_is_not_a_legacy_field(
        self, client: TestClient, alice: Account
    ) -> None:
        response = client.post(
            "/v2/event-types",
            headers=headers(alice, None),
            json={"lengthInMinutes": 30, "title": "T", "slug": "t"},
        )
        assert_bad_request(response, "length")
        assert own_list(client, alice) == []

    def test_every_legacy_field(self, client: TestClient, alice: Account) -> None:
        locations = [
            {"type": "inPerson", "address": "1 Main St", "displayLocationPublicly": True},
            {
                "type": "link",
                "link": "https://meet.example.com/r",
                "displayLocationPublicly": False,
            },
            {"type": "userPhone", "hostPhoneNumber": "+14155550100"},
            {"type": "integrations:daily"},
            {"type": "attendeeInPerson"},
            {"type": "phone"},
            {"type": "somewhereElse"},
        ]
        created = create(
            client,
            alice,
            None,
            **legacy_body(
                description="D",
                hidden=True,
                disableGuests=True,
                locations=locations,
                slotInterval=15,
                minimumBookingNotice=0,
                beforeEventBuffer=5,
                afterEventBuffer=10,
            ),
        )
        assert created["description"] == "D"
        assert created["hidden"] is True
        assert created["disableGuests"] is True
        assert created["slotInterval"] == 15
        assert created["minimumBookingNotice"] == 0
        assert (created["beforeEventBuffer"], created["afterEventBuffer"]) == (5, 10)
        expected = [dict(location) for location in locations]
        expected[2]["displayLocationPublicly"] = False
        assert created["locations"] == expected
        # The same locations in the 2024-06-14 shape.
        assert get(client, alice, created["id"])["locations"] == [
            {"type": "address", "address": "1 Main St", "public": True},
            {"type": "link", "link": "https://meet.example.com/r", "public": False},
            {"type": "phone", "phone": "+14155550100", "public": False},
            {"type": "integration", "integration": "cal-video"},
            {"type": "attendeeAddress"},
            {"type": "attendeePhone"},
            {"type": "attendeeDefined"},
        ]

    def test_a_duplicate_slug_is_a_409(self, client: TestClient, alice: Account) -> None:
        create(client, alice, None, **legacy_body())
        response = client.post(
            "/v2/event-types", headers=headers(alice, None), json=legacy_body(title="Again")
        )
        assert response.status_code == 409

    @pytest.mark.parametrize(
        ("change", "field"),
        [
            ({"length": 0}, "length"),
            ({"length": "30"}, "length"),
            ({"length": None}, "length"),
            ({"slug": "no spaces allowed"}, "slug"),
            ({"title": ""}, "title"),
            ({"hidden": "yes"}, "hidden"),
            ({"minimumBookingNotice": -1}, "minimumBookingNotice"),
            ({"slotInterval": -1}, "slotInterval"),
            ({"locations": [{"type": "inPerson"}]}, "locations"),
            ({"locations": [{"type": "link", "link": "not a url"}]}, "locations"),
            ({"locations": [{"type": "userPhone", "hostPhoneNumber": "555"}]}, "locations"),
            ({"locations": [{"type": "teleport"}]}, "locations"),
            ({"locations": [{"type": "integrations:zoom"}]}, "locations"),
        ],
    )
    def test_bad_input_is_a_400_naming_the_legacy_field(
        self, client: TestClient, alice: Account, change: dict[str, Any], field: str
    ) -> None:
        response = client.post(
            "/v2/event-types", headers=headers(alice, None), json=legacy_body(**change)
        )
        assert_bad_request(response, field)
        assert own_list(client, alice) == []


class TestLegacyRead:
    @pytest.mark.parametrize("version", LEGACY_HEADERS)
    def test_get_by_id_is_wrapped(
        self, client: TestClient, alice: Account, version: str | None
    ) -> None:
        created = create(client, alice)
        wrapped = get(client, alice, created["id"], version)
        assert set(wrapped) == {"eventType"}
        assert set(wrapped["eventType"]) == LEGACY_KEYS
        assert wrapped["eventType"]["id"] == created["id"]
        assert wrapped["eventType"]["length"] == created["lengthInMinutes"]

    def test_settings_made_in_2024_06_14_read_in_legacy_names(
        self, client: TestClient, alice: Account
    ) -> None:
        created = create(
            client,
            alice,
            lengthInMinutesOptions=[15, 30],
            bookingWindow={"type": "range", "value": ["2030-09-05", "2030-09-09"]},
            bookingLimitsCount={"day": 1, "week": 3},
            bookingLimitsDuration={"day": 60},
            confirmationPolicy={"type": "always"},
            recurrence={"interval": 1, "occurrences": 6, "frequency": "monthly"},
            customName="{Scheduler} x {Organiser}",
        )
        legacy = get(client, alice, created["id"], None)["eventType"]
        assert legacy["periodType"] == "RANGE"
        assert legacy["periodStartDate"] == "2030-09-05T00:00:00.000Z"
        assert legacy["periodEndDate"] == "2030-09-09T00:00:00.000Z"
        assert legacy["bookingLimits"] == {"PER_DAY": 1, "PER_WEEK": 3}
        assert legacy["durationLimits"] == {"PER_DAY": 60}
        assert legacy["requiresConfirmation"] is True
        assert legacy["recurringEvent"] == {"freq": 1, "interval": 1, "count": 6}
        assert legacy["eventName"] == "{Scheduler} x {Organiser}"
        assert legacy["metadata"] == {"multipleDuration": [15, 30]}

    @pytest.mark.parametrize("version", LEGACY_HEADERS)
    def test_the_list_is_grouped_by_profile(
        self, client: TestClient, alice: Account, bob: Account, version: str | None
    ) -> None:
        first = create(client, alice, slug="one")
        create(client, alice, slug="two", hidden=True)
        create(client, bob, slug="bobs")
        listed = data(client.get("/v2/event-types", headers=headers(alice, version)))
        assert set(listed) == LEGACY_LIST_KEYS
        assert listed["allUsersAcrossAllEventTypes"] == {}
        [group] = listed["eventTypeGroups"]
        assert set(group) == LEGACY_GROUP_KEYS
        assert group["teamId"] is None
        assert group["membershipRole"] is None
        assert group["bookerUrl"] == "http://localhost:8000"
        assert group["profile"] == {"slug": "alice", "name": "Alice", "image": ""}
        assert group["metadata"] == {"membershipCount": 1, "readOnly": False}
        assert [e["slug"] for e in group["eventTypes"]] == ["one", "two"]
        for event_type in group["eventTypes"]:
            assert set(event_type) == LEGACY_KEYS | {"userIds"}
            assert event_type["userIds"] == [alice.id]
        assert group["eventTypes"][0]["id"] == first["id"]
        [profile] = listed["profiles"]
        assert set(profile) == LEGACY_PROFILE_KEYS
        assert profile["slug"] == "alice"

    def test_the_legacy_list_ignores_the_query(
        self, client: TestClient, alice: Account, bob: Account
    ) -> None:
        """Cal.com's legacy list takes no query: ?username= still lists the caller's own,
        and needs a key."""
        create(client, bob, slug="bobs")
        create(client, alice, slug="mine")
        response = client.get(
            "/v2/event-types", headers=headers(alice, None), params={"username": "bob"}
        )
        [group] = data(response)["eventTypeGroups"]
        assert [e["slug"] for e in group["eventTypes"]] == ["mine"]
        anonymous = client.get(
            "/v2/event-types", headers=headers(None, None), params={"username": "bob"}
        )
        assert anonymous.status_code == 401

    def test_someone_elses_is_a_404(self, client: TestClient, alice: Account, bob: Account) -> None:
        bobs = create(client, bob)
        response = client.get(f"/v2/event-types/{bobs['id']}", headers=headers(alice, None))
        assert response.status_code == 404


class TestLegacyPatch:
    def test_answers_the_bare_object(self, client: TestClient, alice: Account) -> None:
        created = create(client, alice)
        response = client.patch(
            f"/v2/event-types/{created['id']}",
            headers=headers(alice, None),
            json={"length": 45, "title": "Longer"},
        )
        changed = data(response)
        assert set(changed) == LEGACY_KEYS
        assert changed["length"] == 45
        assert changed["title"] == "Longer"

    def test_without_booking_fields_keeps_them(self, client: TestClient, alice: Account) -> None:
        """Cal.com's legacy PATCH overwrites the form with one email field; slotwise keeps
        the form when the body has no bookingFields (spec/legacy.md §6)."""
        created = create(
            client,
            alice,
            bookingFields=[
                {"type": "text", "slug": "company", "label": "Company", "required": True},
                {"slug": "notes", "required": True},
            ],
        )
        response = client.patch(
            f"/v2/event-types/{created['id']}",
            headers=headers(alice, None),
            json={"title": "Renamed"},
        )
        assert response.status_code == 200, response.text
        assert get(client, alice, created["id"])["bookingFields"] == created["bookingFields"]

    def test_booking_fields_replace_the_form_keeping_name_and_email(
        self, client: TestClient, alice: Account
    ) -> None:
        created = create(client, alice)
        response = client.patch(
            f"/v2/event-types/{created['id']}",
            headers=headers(alice, None),
            json={
                "bookingFields": [
                    {"name": "notes", "type": "textarea", "required": True, "label": "Notes"},
                    {
                        "name": "size",
                        "type": "select",
                        "label": "Size",
                        "options": [{"value": "s", "label": "Small"}, {"value": "l"}],
                    },
                ]  # fmt: skip
            },
        )
        fields = data(response)["bookingFields"]
        assert [f["name"] for f in fields] == ["name", "email", "notes", "size"]
        assert fields[2]["required"] is True
        assert fields[2]["editable"] == "system-but-optional"
        assert fields[3]["options"] == [
            {"value": "s", "label": "Small"}, {"value": "l", "label": "l"},
        ]  # fmt: skip
        current = get(client, alice, created["id"])["bookingFields"]
        assert current[-1] == {
            "isDefault": False, "type": "select", "slug": "size", "label": "Size",
            "required": False, "hidden": False, "disableOnPrefill": False,
            "options": ["s", "l"],
        }  # fmt: skip

    def test_seats_per_time_slot(self, client: TestClient, alice: Account) -> None:
        created = create(client, alice)
        response = client.patch(
            f"/v2/event-types/{created['id']}",
            headers=headers(alice, None),
            json={"seatsPerTimeSlot": 8},
        )
        assert data(response)["seatsPerTimeSlot"] == 8
        assert get(client, alice, created["id"])["seats"]["seatsPerTimeSlot"] == 8
        cleared = client.patch(
            f"/v2/event-types/{created['id']}",
            headers=headers(alice, None),
            json={"seatsPerTimeSlot": None},
        )
        assert data(cleared)["seatsPerTimeSlot"] is None

    def test_seats_on_a_confirmed_event_name_the_legacy_field(
        self, client: TestClient, alice: Account
    ) -> None:
        created = create(client, alice, confirmationPolicy={"type": "always"})
        response = client.patch(
            f"/v2/event-types/{created['id']}",
            headers=headers(alice, None),
            json={"seatsPerTimeSlot": 3},
        )
        assert_bad_request(response, "seatsPerTimeSlot")
        assert get(client, alice, created["id"]) == created

    @pytest.mark.parametrize(
        ("change", "field"),
        [
            ({"seatsPerTimeSlot": 0}, "seatsPerTimeSlot"),
            ({"seatsPerTimeSlot": 1001}, "seatsPerTimeSlot"),
            ({"bookingFields": [{"type": "text"}]}, "bookingFields"),
            ({"bookingFields": [{"name": "x", "type": "hologram"}]}, "bookingFields"),
            ({"bookingFields": [{"name": "x", "type": "select"}]}, "bookingFields"),
            ({"bookingFields": [{"name": "email", "type": "email", "required": False}]},
             "bookingFields"),
            ({"bookingFields": [{"name": "a", "type": "text"}, {"name": "a", "type": "url"}]},
             "bookingFields"),
            ({"length": 0}, "length"),
        ],
    )  # fmt: skip
    def test_bad_input_is_a_400_and_changes_nothing(
        self, client: TestClient, alice: Account, change: dict[str, Any], field: str
    ) -> None:
        created = create(client, alice)
        response = client.patch(
            f"/v2/event-types/{created['id']}", headers=headers(alice, None), json=change
        )
        assert_bad_request(response, field)
        assert get(client, alice, created["id"]) == created


class TestLegacyDelete:
    @pytest.mark.parametrize("version", LEGACY_HEADERS)
    def test_answers_id_length_slug_title(
        self, client: TestClient, alice: Account, version: str | None
    ) -> None:
        created = create(client, alice)
        response = client.delete(
            f"/v2/event-types/{created['id']}", headers=headers(alice, version)
        )
        deleted = data(response)
        assert set(deleted) == LEGACY_DELETED_KEYS
        assert deleted == {
            "id": created["id"], "length": 30, "slug": "intro-call", "title": "Intro call",
        }  # fmt: skip


class TestPublicEndpoints:
    def test_a_users_public_list(self, client: TestClient, alice: Account) -> None:
        shown = create(client, alice, slug="shown", description="Hello")
        create(client, alice, slug="secret", hidden=True)
        response = client.get("/v2/event-types/alice/public")
        listed = data(response)
        assert [set(e) for e in listed] == [PUBLIC_SUMMARY_KEYS]
        assert listed == [
            {"id": shown["id"], "length": 30, "slug": "shown", "title": "Intro call",
             "description": "Hello"},
        ]  # fmt: skip

    def test_an_unknown_user_is_a_404(self, client: TestClient) -> None:
        assert client.get("/v2/event-types/nobody/public").status_code == 404
        assert client.get("/v2/event-types/nobody/intro/public").status_code == 404

    def test_one_public_event(self, client: TestClient, app: FastAPI, alice: Account) -> None:
        schedule_id = make_schedule(app, alice, time_zone="Asia/Kolkata")
        create(
            client,
            alice,
            slug="secret",
            hidden=True,
            scheduleId=schedule_id,
            locations=[
                {"type": "address", "address": "1 Hidden Rd", "public": False},
                {"type": "link", "link": "https://example.com/room", "public": True},
            ],
            bookingFields=[
                {
                    "type": "text",
                    "slug": "internal",
                    "label": "I",
                    "required": False,
                    "hidden": True,
                },
                {"type": "text", "slug": "company", "label": "C", "required": False},
            ],  # fmt: skip
        )
        event = data(client.get("/v2/event-types/alice/secret/public"))
        assert event["slug"] == "secret"
        assert event["hidden"] is True  # reachable through its link
        assert event["length"] == 30
        assert event["locations"] == [
            {"type": "inPerson", "displayLocationPublicly": False},
            {"type": "link", "link": "https://example.com/room", "displayLocationPublicly": True},
        ]
        names = [f["name"] for f in event["bookingFields"]]
        assert "internal" not in names
        assert "company" in names
        assert event["owner"]["username"] == "alice"
        assert event["users"] == [event["owner"]]
        assert event["schedule"] == {"id": schedule_id, "timeZone": "Asia/Kolkata"}
        assert event["isDynamic"] is False
        assert (event["price"], event["currency"]) == (0, "usd")

    @pytest.mark.parametrize(
        "query", [{"isTeamEvent": "true"}, {"org": "acme"}], ids=["team", "org"]
    )
    def test_team_and_organization_lookups_find_nothing_yet(
        self, client: TestClient, alice: Account, query: dict[str, str]
    ) -> None:
        create(client, alice)
        response = client.get("/v2/event-types/alice/intro-call/public", params=query)
        assert response.status_code == 404

    def test_an_unknown_slug_is_a_404(self, client: TestClient, alice: Account) -> None:
        assert client.get("/v2/event-types/alice/nope/public").status_code == 404

    def test_public_reads_are_legacy_only(self, client: TestClient, alice: Account) -> None:
        create(client, alice)
        for path in ("/v2/event-types/alice/public", "/v2/event-types/alice/intro-call/public"):
            response = client.get(path, headers={"cal-api-version": CURRENT})
            assert_bad_request(response, "cal-api-version")
            assert "2024-04-15" in response.json()["error"]["message"]


class TestUnservedVersions:
    @pytest.mark.parametrize("version", ["2024-08-13", "2024-09-04"])
    @pytest.mark.parametrize(
        ("method", "path", "payload"),
        [
            ("POST", "/v2/event-types", {"lengthInMinutes": 30, "title": "T", "slug": "t"}),
            ("GET", "/v2/event-types", None),
            ("GET", "/v2/event-types/{id}", None),
            ("PATCH", "/v2/event-types/{id}", {"title": "X"}),
            ("DELETE", "/v2/event-types/{id}", None),
            ("GET", "/v2/event-types/alice/public", None),
        ],
    )
    def test_a_known_version_this_path_does_not_serve_is_a_400(
        self,
        client: TestClient,
        alice: Account,
        version: str,
        method: str,
        path: str,
        payload: dict[str, Any] | None,
    ) -> None:
        created = create(client, alice)
        response = client.request(
            method,
            path.format(id=created["id"]),
            headers=headers(alice, version),
            json=payload,
        )
        assert_bad_request(response, "cal-api-version")
        message = response.json()["error"]["message"]
        assert version in message
        assert "2024-04-15" in message
        assert get(client, alice, created["id"]) == created
        assert len(own_list(client, alice)) == 1
