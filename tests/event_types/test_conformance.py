"""Response shapes against spec/api.md §3.4 and spec/legacy.md §1, for every route and both
shape families, and the published OpenAPI."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.conftest import Account
from tests.event_types.helpers import (
    CURRENT,
    DELETED_KEYS,
    LEFT_OUT_WHEN_UNSET,
    LEGACY,
    LEGACY_DELETED_KEYS,
    LEGACY_KEYS,
    OUTPUT_KEYS,
    SPEC_OUTPUT_KEYS,
    USER_KEYS,
    create,
    data,
    headers,
)
from tests.event_types.test_create import FULL_BODY

DEFAULT_FIELD_KEYS = {
    "name": {"isDefault", "type", "slug", "required", "disableOnPrefill"},
    "email": {"isDefault", "type", "slug", "required", "hidden", "disableOnPrefill"},
    "location": {"isDefault", "type", "slug", "required", "hidden"},
}
OTHER_DEFAULT_FIELD_KEYS = {"isDefault", "type", "slug", "required", "hidden", "disableOnPrefill"}
CUSTOM_FIELD_KEYS = {"isDefault", "type", "slug", "label", "required", "hidden", "disableOnPrefill"}
LEGACY_FIELD_KEYS = {"name", "type", "editable", "required", "hidden"}


def every_answer(client: TestClient, account: Account, version: str) -> list[dict[str, Any]]:
    """The event type as create, get, list, patch and the public list answer it."""
    created = create(client, account, **FULL_BODY) if version == CURRENT else None
    if created is None:
        created = create(client, account, version, length=30, title="T", slug="legacy")
    event_type_id = created["id"]
    one = data(client.get(f"/v2/event-types/{event_type_id}", headers=headers(account, version)))
    changed = data(
        client.patch(
            f"/v2/event-types/{event_type_id}",
            headers=headers(account, version),
            json={"title": "Changed"},
        )
    )
    listed = data(client.get("/v2/event-types", headers=headers(account, version)))
    if version == CURRENT:
        return [created, one, changed, *listed]
    return [created, one["eventType"], changed, *listed["eventTypeGroups"][0]["eventTypes"]]


class Test2024_06_14:
    def test_every_answer_has_the_output_keys(self, client: TestClient, alice: Account) -> None:
        for answer in every_answer(client, alice, CURRENT):
            assert set(answer) == OUTPUT_KEYS
            assert set(answer) >= SPEC_OUTPUT_KEYS
            assert [set(user) for user in answer["users"]] == [USER_KEYS]

    def test_a_minimal_event_type_has_the_same_keys(
        self, client: TestClient, alice: Account
    ) -> None:
        assert set(create(client, alice)) == OUTPUT_KEYS - LEFT_OUT_WHEN_UNSET

    def test_public_answers_have_the_output_keys(self, client: TestClient, alice: Account) -> None:
        create(client, alice)
        listed = data(
            client.get("/v2/event-types", headers=headers(None), params={"username": "alice"})
        )
        assert [set(e) for e in listed] == [OUTPUT_KEYS - LEFT_OUT_WHEN_UNSET]

    def test_booking_field_shapes(self, client: TestClient, alice: Account) -> None:
        fields = create(client, alice, **FULL_BODY)["bookingFields"]
        for field in fields:
            if field["isDefault"]:
                expected = DEFAULT_FIELD_KEYS.get(field["slug"], OTHER_DEFAULT_FIELD_KEYS)
                assert expected <= set(field) <= expected | {"label", "placeholder"}, field
            else:
                assert set(field) >= CUSTOM_FIELD_KEYS, field
                assert set(field) <= CUSTOM_FIELD_KEYS | {"placeholder", "options"}

    def test_delete_keys(self, client: TestClient, alice: Account) -> None:
        created = create(client, alice)
        deleted = data(client.delete(f"/v2/event-types/{created['id']}", headers=headers(alice)))
        assert set(deleted) == DELETED_KEYS

    def test_nested_settings_shapes(self, client: TestClient, alice: Account) -> None:
        full = create(client, alice, **FULL_BODY)
        assert set(full["bookingWindow"]) == {"type", "value", "rolling"}
        assert set(full["bookerLayouts"]) == {"defaultLayout", "enabledLayouts"}
        assert set(full["color"]) == {"lightThemeHex", "darkThemeHex"}
        assert set(full["bookerActiveBookingsLimit"]) == {
            "maximumActiveBookings",
            "offerReschedule",
        }
        assert set(full["disableRescheduling"]) == {"disabled", "minutesBefore"}
        assert set(full["destinationCalendar"]) == {"integration", "externalId"}


class TestLegacy:
    def test_every_answer_has_the_legacy_keys(self, client: TestClient, alice: Account) -> None:
        answers = every_answer(client, alice, LEGACY)
        for answer in answers[:3]:
            assert set(answer) == LEGACY_KEYS
        for answer in answers[3:]:
            assert set(answer) == LEGACY_KEYS | {"userIds"}
        for field in answers[0]["bookingFields"]:
            assert set(field) >= LEGACY_FIELD_KEYS

    def test_delete_keys(self, client: TestClient, alice: Account) -> None:
        created = create(client, alice)
        deleted = data(
            client.delete(f"/v2/event-types/{created['id']}", headers=headers(alice, LEGACY))
        )
        assert set(deleted) == LEGACY_DELETED_KEYS


class TestOpenApi:
    @pytest.fixture
    def spec(self, app: FastAPI) -> dict[str, Any]:
        return app.openapi()

    def test_every_route_is_published(self, spec: dict[str, Any]) -> None:
        paths = spec["paths"]
        assert set(paths["/v2/event-types"]) == {"get", "post"}
        assert set(paths["/v2/event-types/{eventTypeId}"]) == {"get", "patch", "delete"}
        assert set(paths["/v2/event-types/{username}/public"]) == {"get"}
        assert set(paths["/v2/event-types/{username}/{eventSlug}/public"]) == {"get"}

    @pytest.mark.parametrize(
        ("path", "method"),
        [("/v2/event-types", "post"), ("/v2/event-types/{eventTypeId}", "patch")],
    )
    def test_bodies_publish_both_shapes(self, spec: dict[str, Any], path: str, method: str) -> None:
        schema = spec["paths"][path][method]["requestBody"]["content"]["application/json"]
        current, legacy = schema["schema"]["anyOf"]
        assert "bookingWindow" in current["properties"]
        assert "length" in legacy["properties"]
        assert "lengthInMinutes" not in legacy["properties"]
        assert "$ref" not in str(schema)  # self-contained

    def test_error_statuses_are_declared(self, spec: dict[str, Any]) -> None:
        for path, item in spec["paths"].items():
            if path.startswith("/v2/event-types"):
                for operation in item.values():
                    assert {"400", "401", "404", "409"} <= set(operation["responses"])
