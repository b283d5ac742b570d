"""GET (list and one), PATCH and DELETE /v2/event-types in the 2024-06-14 shapes: who sees
what, partial changes, and nothing changed by a bad one."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from slotwise.clock import FrozenClock
from tests.conftest import Account, Accounts
from tests.event_types.helpers import (
    DELETED_KEYS,
    assert_bad_request,
    create,
    data,
    get,
    headers,
    make_schedule,
    own_list,
    patch,
)
from tests.event_types.test_create import BAD_INPUTS, bad_input_id

ABSENT = "(left out)"  # a key Cal.com leaves out when unset (helpers.LEFT_OUT_WHEN_UNSET)


@pytest.fixture
def bob(accounts: Accounts) -> Account:
    return accounts.create(username="bob")


class TestListOwn:
    def test_lists_the_callers_own_event_types(
        self, client: TestClient, alice: Account, bob: Account
    ) -> None:
        first = create(client, alice, slug="one")
        second = create(client, alice, slug="two", hidden=True)
        create(client, bob, slug="bobs")
        listed = own_list(client, alice)
        assert [e["id"] for e in listed] == [first["id"], second["id"]]
        assert listed[1]["hidden"] is True  # the owner sees hidden ones too
        assert listed[0] == get(client, alice, first["id"])

    def test_an_empty_list(self, client: TestClient, alice: Account) -> None:
        assert own_list(client, alice) == []

    def test_event_slug_narrows_the_own_list(self, client: TestClient, alice: Account) -> None:
        create(client, alice, slug="one")
        create(client, alice, slug="two")
        response = client.get(
            "/v2/event-types", headers=headers(alice), params={"eventSlug": "two"}
        )
        assert [e["slug"] for e in data(response)] == ["two"]

    @pytest.mark.parametrize(("order", "expected"), [("asc", [0, 1, 2]), ("desc", [2, 1, 0])])
    def test_sort_by_creation(
        self,
        client: TestClient,
        clock: FrozenClock,
        alice: Account,
        order: str,
        expected: list[int],
    ) -> None:
        ids = []
        for slug in ("a", "b", "c"):
            ids.append(create(client, alice, slug=slug)["id"])
            clock.advance(minutes=1)
        response = client.get(
            "/v2/event-types", headers=headers(alice), params={"sortCreatedAt": order}
        )
        assert [e["id"] for e in data(response)] == [ids[i] for i in expected]

    def test_a_bad_sort_is_a_400(self, client: TestClient, alice: Account) -> None:
        response = client.get(
            "/v2/event-types", headers=headers(alice), params={"sortCreatedAt": "sideways"}
        )
        assert_bad_request(response, "sortCreatedAt")

    def test_without_a_key_or_a_username_is_a_401(self, client: TestClient) -> None:
        assert client.get("/v2/event-types", headers=headers(None)).status_code == 401

    def test_an_organization_filter_matches_nothing_yet(
        self, client: TestClient, alice: Account
    ) -> None:
        create(client, alice)
        for params in ({"orgSlug": "acme"}, {"orgId": "1"}):
            response = client.get("/v2/event-types", headers=headers(alice), params=params)
            assert data(response) == []


class TestListPublic:
    def test_username_lists_what_is_not_hidden_without_a_key(
        self, client: TestClient, alice: Account
    ) -> None:
        shown = create(client, alice, slug="shown")
        create(client, alice, slug="secret", hidden=True)
        response = client.get(
            "/v2/event-types", headers=headers(None), params={"username": "alice"}
        )
        listed = data(response)
        assert [e["id"] for e in listed] == [shown["id"]]
        assert listed[0]["users"][0]["username"] == "alice"

    def test_username_with_event_slug_finds_a_hidden_one(
        self, client: TestClient, alice: Account
    ) -> None:
        """A hidden event type is off the profile but still bookable through its link."""
        secret = create(client, alice, slug="secret", hidden=True)
        response = client.get(
            "/v2/event-types",
            headers=headers(None),
            params={"username": "alice", "eventSlug": "secret"},
        )
        assert [e["id"] for e in data(response)] == [secret["id"]]

    def test_an_unknown_event_slug_is_an_empty_list(
        self, client: TestClient, alice: Account
    ) -> None:
        response = client.get(
            "/v2/event-types",
            headers=headers(None),
            params={"username": "alice", "eventSlug": "nope"},
        )
        assert data(response) == []

    def test_hidden_booking_fields_are_left_out_for_the_public(
        self, client: TestClient, alice: Account
    ) -> None:
        create(
            client,
            alice,
            bookingFields=[
                {
                    "type": "text",
                    "slug": "internal",
                    "label": "I",
                    "required": False,
                    "hidden": True,
                },
            ],  # fmt: skip
        )
        public = data(
            client.get("/v2/event-types", headers=headers(None), params={"username": "alice"})
        )[0]
        slugs = [f["slug"] for f in public["bookingFields"]]
        assert "internal" not in slugs
        assert "title" not in slugs  # hidden by default
        assert slugs[:2] == ["name", "email"]
        own = own_list(client, alice)[0]
        assert "internal" in [f["slug"] for f in own["bookingFields"]]

    def test_usernames_list_several_people(
        self, client: TestClient, alice: Account, bob: Account
    ) -> None:
        create(client, alice, slug="a")
        create(client, bob, slug="b")
        response = client.get(
            "/v2/event-types", headers=headers(None), params={"usernames": "alice, bob"}
        )
        listed = data(response)
        assert sorted((e["ownerId"], e["slug"]) for e in listed) == [
            (alice.id, "a"), (bob.id, "b"),
        ]  # fmt: skip
        by_owner = {e["ownerId"]: e["users"][0]["username"] for e in listed}
        assert by_owner == {alice.id: "alice", bob.id: "bob"}

    def test_the_owners_metadata_stays_private(self, client: TestClient, alice: Account) -> None:
        client.patch("/v2/me", headers=alice.headers, json={"metadata": {"internal": "note"}})
        create(client, alice)
        public = data(
            client.get("/v2/event-types", headers=headers(None), params={"username": "alice"})
        )
        assert public[0]["users"][0]["metadata"] == {}
        assert own_list(client, alice)[0]["users"][0]["metadata"] == {"internal": "note"}

    def test_too_many_usernames_is_a_400(self, client: TestClient) -> None:
        names = ",".join(f"user{i}" for i in range(51))
        response = client.get("/v2/event-types", headers=headers(None), params={"usernames": names})
        assert_bad_request(response, "usernames")

    def test_an_unknown_username_is_a_404(self, client: TestClient) -> None:
        response = client.get(
            "/v2/event-types", headers=headers(None), params={"username": "nobody"}
        )
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "NotFoundException"

    def test_usernames_are_case_insensitive(self, client: TestClient, alice: Account) -> None:
        create(client, alice)
        response = client.get(
            "/v2/event-types", headers=headers(None), params={"username": "ALICE"}
        )
        assert len(data(response)) == 1


class TestGet:
    def test_someone_elses_event_type_is_a_404(
        self, client: TestClient, alice: Account, bob: Account
    ) -> None:
        event_type_id = create(client, bob)["id"]
        response = client.get(f"/v2/event-types/{event_type_id}", headers=headers(alice))
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "NotFoundException"

    def test_an_admin_does_not_read_someone_elses_either(
        self, client: TestClient, admin: Account, bob: Account
    ) -> None:
        event_type_id = create(client, bob)["id"]
        response = client.get(f"/v2/event-types/{event_type_id}", headers=headers(admin))
        assert response.status_code == 404

    def test_an_unknown_id_is_a_404(self, client: TestClient, alice: Account) -> None:
        response = client.get("/v2/event-types/424242", headers=headers(alice))
        assert response.status_code == 404

    @pytest.mark.parametrize("bad", ["abc", "0", "-1", "2147483648"])
    def test_an_id_that_is_not_a_positive_int_is_a_400(
        self, client: TestClient, alice: Account, bad: str
    ) -> None:
        response = client.get(f"/v2/event-types/{bad}", headers=headers(alice))
        assert_bad_request(response, "eventTypeId")

    def test_without_a_key_is_a_401(self, client: TestClient, alice: Account) -> None:
        event_type_id = create(client, alice)["id"]
        response = client.get(f"/v2/event-types/{event_type_id}", headers=headers(None))
        assert response.status_code == 401


class TestPatch:
    def test_a_partial_change_leaves_the_rest(self, client: TestClient, alice: Account) -> None:
        created = create(client, alice, description="Before", beforeEventBuffer=5)
        changed = patch(client, alice, created["id"], title="Renamed", afterEventBuffer=10)
        assert changed == {**created, "title": "Renamed", "afterEventBuffer": 10}
        assert get(client, alice, created["id"]) == changed

    def test_every_field_can_be_changed(self, client: TestClient, alice: Account) -> None:
        from tests.event_types.test_create import FULL_BODY

        created = create(client, alice)
        changed = patch(client, alice, created["id"], **FULL_BODY)
        again = create(client, alice, **{**FULL_BODY, "slug": "again"})
        ignored = {"id", "slug", "bookingUrl"}
        assert {k: v for k, v in changed.items() if k not in ignored} == {
            k: v for k, v in again.items() if k not in ignored
        }

    @pytest.mark.parametrize(
        ("field", "value", "answered"),
        [
            ("description", None, ""),
            ("slotInterval", None, None),
            ("customName", None, ABSENT),
            ("successRedirectUrl", None, None),
            ("color", None, ABSENT),
            ("bookerLayouts", None, ABSENT),
            ("lengthInMinutesOptions", None, ABSENT),
            ("interfaceLanguage", None, None),
        ],
    )
    def test_nullable_fields_can_be_cleared(
        self, client: TestClient, alice: Account, field: str, value: Any, answered: Any
    ) -> None:
        from tests.event_types.test_create import FULL_BODY

        created = create(client, alice, **{k: v for k, v in FULL_BODY.items() if k != "slug"})
        assert created[field] not in (None, "", [])
        assert patch(client, alice, created["id"], **{field: value}).get(field, ABSENT) == answered

    @pytest.mark.parametrize("cleared", [None, {"disabled": True}])
    def test_recurrence_can_be_cleared(
        self, client: TestClient, alice: Account, cleared: dict[str, Any] | None
    ) -> None:
        weekly = {"interval": 1, "occurrences": 4, "frequency": "weekly"}
        created = create(client, alice, recurrence=weekly)
        assert created["recurrence"] == weekly
        assert patch(client, alice, created["id"], recurrence=cleared)["recurrence"] is None

    def test_schedule_can_be_set_and_cleared(
        self, client: TestClient, app: FastAPI, alice: Account
    ) -> None:
        created = create(client, alice)
        schedule_id = make_schedule(app, alice)
        assert patch(client, alice, created["id"], scheduleId=schedule_id)["scheduleId"] == (
            schedule_id
        )
        assert patch(client, alice, created["id"], scheduleId=None)["scheduleId"] is None

    def test_booking_fields_replace_the_custom_fields(
        self, client: TestClient, alice: Account
    ) -> None:
        created = create(
            client,
            alice,
            bookingFields=[{"type": "text", "slug": "a", "label": "A", "required": True}],
        )
        changed = patch(
            client,
            alice,
            created["id"],
            bookingFields=[{"type": "number", "slug": "b", "label": "B", "required": False}],
        )
        slugs = [f["slug"] for f in changed["bookingFields"]]
        assert "a" not in slugs
        assert slugs[-1] == "b"
        assert slugs[:2] == ["name", "email"]

    def test_a_slug_taken_by_another_of_yours_is_a_409(
        self, client: TestClient, alice: Account
    ) -> None:
        create(client, alice, slug="taken")
        other = create(client, alice, slug="free")
        response = client.patch(
            f"/v2/event-types/{other['id']}", headers=headers(alice), json={"slug": "taken"}
        )
        assert response.status_code == 409
        assert get(client, alice, other["id"]) == other

    def test_keeping_the_own_slug_is_fine(self, client: TestClient, alice: Account) -> None:
        created = create(client, alice, slug="same")
        assert patch(client, alice, created["id"], slug="same", title="T2")["title"] == "T2"

    def test_someone_elses_event_type_is_a_404_and_unchanged(
        self, client: TestClient, alice: Account, bob: Account
    ) -> None:
        bobs = create(client, bob)
        response = client.patch(
            f"/v2/event-types/{bobs['id']}", headers=headers(alice), json={"title": "Mine"}
        )
        assert response.status_code == 404
        assert get(client, bob, bobs["id"]) == bobs

    def test_a_schedule_of_someone_else_is_a_404(
        self, client: TestClient, app: FastAPI, alice: Account, bob: Account
    ) -> None:
        created = create(client, alice)
        response = client.patch(
            f"/v2/event-types/{created['id']}",
            headers=headers(alice),
            json={"scheduleId": make_schedule(app, bob)},
        )
        assert response.status_code == 404
        assert get(client, alice, created["id"]) == created

    @pytest.mark.parametrize(
        ("change", "field"),
        [case for case in BAD_INPUTS if "locations" not in case[0] or case[0]["locations"]],
        ids=[
            bad_input_id(case)
            for case in BAD_INPUTS
            if "locations" not in case[0] or case[0]["locations"]
        ],
    )
    def test_bad_input_is_a_400_naming_the_field_and_changes_nothing(
        self, client: TestClient, alice: Account, change: dict[str, Any], field: str
    ) -> None:
        created = create(client, alice)
        response = client.patch(
            f"/v2/event-types/{created['id']}", headers=headers(alice), json=change
        )
        assert_bad_request(response, field)
        assert get(client, alice, created["id"]) == created

    def test_one_bad_field_among_good_ones_writes_none_of_them(
        self, client: TestClient, alice: Account
    ) -> None:
        created = create(client, alice)
        response = client.patch(
            f"/v2/event-types/{created['id']}",
            headers=headers(alice),
            json={"title": "Changed", "hidden": True, "bookingLimitsCount": {"day": 5, "week": 1}},
        )
        assert_bad_request(response, "bookingLimitsCount")
        assert get(client, alice, created["id"]) == created

    def test_an_empty_body_changes_nothing(self, client: TestClient, alice: Account) -> None:
        created = create(client, alice)
        assert patch(client, alice, created["id"]) == created


class TestDelete:
    def test_deletes_and_answers_what_was_deleted(self, client: TestClient, alice: Account) -> None:
        created = create(client, alice, lengthInMinutes=45)
        response = client.delete(f"/v2/event-types/{created['id']}", headers=headers(alice))
        deleted = data(response)
        assert set(deleted) == DELETED_KEYS
        assert deleted == {
            "id": created["id"], "lengthInMinutes": 45, "title": "Intro call",
            "slug": "intro-call",
        }  # fmt: skip
        gone = client.get(f"/v2/event-types/{created['id']}", headers=headers(alice))
        assert gone.status_code == 404
        assert own_list(client, alice) == []

    def test_the_slug_is_free_again(self, client: TestClient, alice: Account) -> None:
        created = create(client, alice)
        client.delete(f"/v2/event-types/{created['id']}", headers=headers(alice))
        assert create(client, alice)["id"] > created["id"]  # ids are never reused

    def test_someone_elses_event_type_is_a_404_and_kept(
        self, client: TestClient, alice: Account, bob: Account
    ) -> None:
        bobs = create(client, bob)
        response = client.delete(f"/v2/event-types/{bobs['id']}", headers=headers(alice))
        assert response.status_code == 404
        assert get(client, bob, bobs["id"]) == bobs

    def test_a_deleted_users_event_types_go_with_them(
        self, client: TestClient, admin: Account, bob: Account
    ) -> None:
        create(client, bob)
        assert client.delete(f"/v1/users/{bob.id}", params=admin.v1).status_code == 200
        response = client.get("/v2/event-types", headers=headers(None), params={"username": "bob"})
        assert response.status_code == 404
