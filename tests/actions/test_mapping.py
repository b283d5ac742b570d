"""From action input to request: path, query, body and the version header, checked without
a server (the team actions run end to end once slotwise serves the teams API)."""

from __future__ import annotations

import pytest

from slotwise.actions.catalog import load_catalog
from slotwise.actions.mapping import InputError, build_request, checked_input, validate_input


def request_for(action_id: str, payload: dict[str, object]) -> tuple[object, ...]:
    action = load_catalog().find(action_id)
    assert action is not None
    validate_input(action, payload)
    request = build_request(action, payload)
    return request.method, request.path, request.query, request.headers, request.json_body


@pytest.mark.parametrize(
    ("action_id", "payload", "expected"),
    [
        ("list-teams", {}, ("GET", "/v2/teams", {}, {}, None)),
        ("get-team", {"teamId": 7}, ("GET", "/v2/teams/7", {}, {}, None)),
        ("create-team", {"name": "Sales"}, ("POST", "/v2/teams", {}, {}, {"name": "Sales"})),
        ("update-team", {"teamId": 7, "name": "Ops"},
         ("PATCH", "/v2/teams/7", {}, {}, {"name": "Ops"})),
        ("delete-team", {"teamId": 7}, ("DELETE", "/v2/teams/7", {}, {}, None)),
        ("list-team-memberships", {"teamId": 7, "take": 5},
         ("GET", "/v2/teams/7/memberships", {"take": 5}, {}, None)),
        ("create-team-membership", {"teamId": 7, "userId": 3, "role": "ADMIN"},
         ("POST", "/v2/teams/7/memberships", {}, {}, {"userId": 3, "role": "ADMIN"})),
        ("list-team-event-types", {"teamId": 7},
         ("GET", "/v2/teams/7/event-types", {}, {"cal-api-version": "2024-06-14"}, None)),
    ],
)  # fmt: skip
def test_team_actions_map_to_calcoms_teams_api(
    action_id: str, payload: dict[str, object], expected: tuple[object, ...]
) -> None:
    assert request_for(action_id, payload) == expected


def test_each_resource_gets_its_newest_version() -> None:
    versions = {
        "list-bookings": "2024-08-13",
        "cancel-booking": "2024-08-13",
        "reschedule-booking": "2024-08-13",
        "list-event-types": "2024-06-14",
        "list-schedules": "2024-06-11",
        "get-available-slots": "2024-09-04",
    }
    for action_id, version in versions.items():
        action = load_catalog().find(action_id)
        assert action is not None
        assert action.api_version == version, action_id
    # v1 where only v1 has the resource; version-neutral ones send no header.
    assert request_for("list-attendees", {})[1] == "/v1/attendees"
    assert request_for("get-current-user", {})[3] == {}


def test_path_query_and_body_split() -> None:
    method, path, query, headers, body = request_for(
        "cancel-booking", {"bookingUid": "a/b", "cancellationReason": "ill"}
    )
    assert (method, path, query, body) == (
        "POST",
        "/v2/bookings/a%2Fb/cancel",  # a path value cannot escape its segment
        {},
        {"cancellationReason": "ill"},
    )
    _, _, query, _, body = request_for(
        "list-bookings", {"status": "upcoming,past", "take": 10, "afterStart": "2030-01-01"}
    )
    assert query == {"status": "upcoming,past", "take": 10, "afterStart": "2030-01-01"}
    assert body is None
    # A POST with nothing to say still sends a JSON object.
    assert request_for("confirm-booking", {"bookingUid": "x"})[4] == {}


def test_update_booking_changes_in_place_and_reschedule_booking_moves() -> None:
    """The connector's ``update-booking`` is the in-place change Cal.com's v2 allows (the
    location); a new time is ``reschedule-booking`` (a new uid)."""
    action = load_catalog().find("update-booking")
    assert action is not None
    assert action.id == "update-booking-location"
    assert (action.method, action.path) == ("PATCH", "/v2/bookings/{bookingUid}/location")
    moving = load_catalog().find("reschedule-booking")
    assert moving is not None
    assert (moving.method, moving.path) == ("POST", "/v2/bookings/{bookingUid}/reschedule")


@pytest.mark.parametrize(
    ("action_id", "camel", "snake", "path"),
    [
        ("get-user", "userId", "user_id", "/v1/users/7"),
        ("get-attendee", "attendeeId", "attendee_id", "/v1/attendees/7"),
        ("delete-webhook-legacy", "webhookId", "webhook_id", "/v1/webhooks/7"),
    ],
)
def test_v1_ids_are_camel_case_with_the_old_spelling_kept(
    action_id: str, camel: str, snake: str, path: str
) -> None:
    action = load_catalog().find(action_id)
    assert action is not None
    assert action.input_schema["required"] == [camel]
    for spelling in (camel, snake):
        assert build_request(action, checked_input(action, {spelling: 7})).path == path
    with pytest.raises(InputError, match="disagree"):
        checked_input(action, {camel: 7, snake: 8})
    assert checked_input(action, {camel: 7, snake: 7}) == {camel: 7}


@pytest.mark.parametrize(
    ("action_id", "payload", "mentions"),
    [
        ("get-booking", {}, "'bookingUid' is required"),
        ("get-event-type", {"eventTypeId": "seven"}, "'eventTypeId'"),
        ("create-schedule", {"name": "x", "timeZone": "UTC", "isDefault": "yes"}, "'isDefault'"),
        ("create-booking", {"start": "2030-01-01T09:00:00Z", "eventTypeId": 1,
                            "attendee": {"name": "A", "email": "a@b.c", "timeZone": 5}},
         "'attendee.timeZone'"),
        ("list-bookings", {"sttus": "x"}, "'sttus' is not an input"),
    ],
)  # fmt: skip
def test_a_schema_violation_names_the_field(
    action_id: str, payload: dict[str, object], mentions: str
) -> None:
    action = load_catalog().find(action_id)
    assert action is not None
    with pytest.raises(InputError, match=mentions.replace("(", r"\(")):
        validate_input(action, payload)
