"""The authorization matrix: every route that takes an id, uid or name in its path, tried by
its owner, by another user and with no key, against what the table below says each may do.

The table is checked against the route table itself (``app.routes``): a new route with a path
parameter and no entry here fails ``test_every_route_with_a_path_parameter_is_listed``, so
nobody adds one without deciding who may call it.

Each case builds a fresh world (alice owns everything; bob is another user), tries the
outsiders first and the owner last: the owner still reaching the resource proves the
outsiders' attempts (a DELETE, a cancel) did not touch it.

Extension point, teams: when teams exist, add a caller ("another team's admin") to
``CALLERS`` and a field to ``Access``; every entry then has to say what that caller gets.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from slotwise.clock import FrozenClock
from slotwise.config import Settings
from tests.conftest import Account, Accounts
from tests.slots.helpers import NOW, data, make_event_type, make_schedule, reserve
from tests.team_scheduling.conftest import Teams

REACHED = "reached"  # neither refused for who asks (401, 403, 404) nor a 5xx
Outcome = int | str


@dataclass(frozen=True, slots=True)
class Access:
    owner: Outcome
    other_user: Outcome
    no_key: Outcome


CALLERS = ("other_user", "no_key", "owner")  # outsiders first: see the module docstring
PRIVATE = Access(owner=REACHED, other_user=404, no_key=401)  # foreign ids are 404 (no leak)
PUBLIC = Access(owner=REACHED, other_user=REACHED, no_key=REACHED)  # a secret uid, a page
# A booking's host-only actions: the uid is no secret to whoever is asking (it is the
# attendee's link), so "not yours" says nothing new and is 403.
HOST_ONLY = Access(owner=REACHED, other_user=403, no_key=401)
# Cal.com's legacy DELETE answers 400 "does not exist" for a schedule it cannot find; a
# foreign id gets the same answer as an unknown one.
PRIVATE_LEGACY_DELETE = Access(owner=REACHED, other_user=400, no_key=401)

# "METHOD path" -> (who may do what, the request's JSON body or None).
MATRIX: dict[str, tuple[Access, dict[str, Any] | None]] = {
    "GET /v1/users/{user_id}": (PRIVATE, None),
    "PATCH /v1/users/{user_id}": (PRIVATE, {"name": "Renamed"}),
    "DELETE /v1/users/{user_id}": (PRIVATE, None),
    "GET /v2/schedules/{scheduleId}": (PRIVATE, None),
    "PATCH /v2/schedules/{scheduleId}": (PRIVATE, {"name": "Renamed"}),
    "DELETE /v2/schedules/{scheduleId}": (PRIVATE_LEGACY_DELETE, None),
    "GET /v2/event-types/{username}/public": (PUBLIC, None),
    "GET /v2/event-types/{username}/{eventSlug}/public": (PUBLIC, None),
    "GET /v2/event-types/{eventTypeId}": (PRIVATE, None),
    "PATCH /v2/event-types/{eventTypeId}": (PRIVATE, {"title": "Renamed"}),
    "DELETE /v2/event-types/{eventTypeId}": (PRIVATE, None),
    # A reservation's uid is the booker's secret: whoever holds it may act on it.
    "GET /v2/slots/reservations/{uid}": (PUBLIC, None),
    "PATCH /v2/slots/reservations/{uid}": (
        PUBLIC,
        {"eventTypeId": "{eventTypeId}", "slotStart": "2030-03-26T10:00:00.000Z"},
    ),
    "DELETE /v2/slots/reservations/{uid}": (PUBLIC, None),
    # A booking's uid is the attendee's secret link (as in Cal.com): read, cancel, move.
    "GET /v2/bookings/{bookingUid}": (PUBLIC, None),
    "POST /v2/bookings/{bookingUid}/cancel": (PUBLIC, {"cancellationReason": "ill"}),
    "POST /v2/bookings/{bookingUid}/reschedule": (PUBLIC, {"start": "2030-03-26T11:00:00Z"}),
    "GET /v2/bookings/{bookingUid}/calendar-links": (PUBLIC, None),
    "GET /v2/bookings/{bookingUid}/attendees": (PUBLIC, None),
    # What only the host decides.
    "POST /v2/bookings/{bookingUid}/confirm": (HOST_ONLY, None),
    "POST /v2/bookings/{bookingUid}/decline": (HOST_ONLY, {"reason": "busy"}),
    "POST /v2/bookings/{bookingUid}/mark-absent": (HOST_ONLY, {"host": True}),
    "POST /v2/bookings/{bookingUid}/mark-no-show": (HOST_ONLY, {"noShowHost": True}),
    # Its host or a team admin (alice's personal booking: reached, then refused with 400).
    "POST /v2/bookings/{bookingUid}/reassign": (HOST_ONLY, None),
    "POST /v2/bookings/{bookingUid}/reassign/{userId}": (HOST_ONLY, None),
    "GET /v2/teams/{teamId}/bookings": (PRIVATE, None),
    "GET /v1/attendees/{attendee_id}": (PRIVATE, None),
    "PATCH /v1/attendees/{attendee_id}": (PRIVATE, {"name": "Renamed"}),
    "DELETE /v1/attendees/{attendee_id}": (PRIVATE, None),
    "GET /v2/webhooks/{webhookId}": (PRIVATE, None),
    "PATCH /v2/webhooks/{webhookId}": (PRIVATE, {"active": False}),
    "DELETE /v2/webhooks/{webhookId}": (PRIVATE, None),
    "GET /v2/webhooks/{webhookId}/deliveries": (PRIVATE, None),
    "POST /v2/webhooks/{webhookId}/deliveries/{deliveryId}/redeliver": (PRIVATE, None),
    "POST /v2/webhooks/{webhookId}/ping": (PRIVATE, None),
    "POST /v2/event-types/{eventTypeId}/webhooks": (
        PRIVATE,
        {
            "subscriberUrl": "http://127.0.0.1:9/other",
            "triggers": ["BOOKING_CREATED"],
            "active": True,
        },
    ),
    "GET /v2/event-types/{eventTypeId}/webhooks": (PRIVATE, None),
    "DELETE /v2/event-types/{eventTypeId}/webhooks": (PRIVATE, None),
    "GET /v2/event-types/{eventTypeId}/webhooks/{eventTypeWebhookId}": (PRIVATE, None),
    "PATCH /v2/event-types/{eventTypeId}/webhooks/{eventTypeWebhookId}": (
        PRIVATE,
        {"active": False},
    ),
    "DELETE /v2/event-types/{eventTypeId}/webhooks/{eventTypeWebhookId}": (PRIVATE, None),
    # A team's event types: its members read, admins change; an outsider gets 404.
    "POST /v2/teams/{teamId}/event-types": (
        PRIVATE,
        {"title": "T", "slug": "t2", "lengthInMinutes": 30, "schedulingType": "collective"},
    ),
    "GET /v2/teams/{teamId}/event-types": (PRIVATE, None),
    "GET /v2/teams/{teamId}/event-types/{teamEventTypeId}": (PRIVATE, None),
    "PATCH /v2/teams/{teamId}/event-types/{teamEventTypeId}": (PRIVATE, {"title": "Renamed"}),
    "DELETE /v2/teams/{teamId}/event-types/{teamEventTypeId}": (PRIVATE, None),
    "POST /v2/organizations/{orgId}/teams/{teamId}/event-types": (
        PRIVATE,
        {"title": "T", "slug": "t2", "lengthInMinutes": 30, "schedulingType": "collective"},
    ),
    "GET /v2/organizations/{orgId}/teams/{teamId}/event-types": (PRIVATE, None),
    "GET /v2/organizations/{orgId}/teams/{teamId}/event-types/{teamEventTypeId}": (PRIVATE, None),
    "PATCH /v2/organizations/{orgId}/teams/{teamId}/event-types/{teamEventTypeId}": (
        PRIVATE,
        {"title": "Renamed"},
    ),
    "DELETE /v2/organizations/{orgId}/teams/{teamId}/event-types/{teamEventTypeId}": (
        PRIVATE,
        None,
    ),
    "GET /v1/webhooks/{webhook_id}": (PRIVATE, None),
    "PATCH /v1/webhooks/{webhook_id}": (PRIVATE, {"active": False}),
    "DELETE /v1/webhooks/{webhook_id}": (PRIVATE, None),
    # The booking pages: public by name, or by the booking's secret uid.
    "GET /booking/{uid}": (PUBLIC, None),
    "GET /booking/{uid}/ics": (PUBLIC, None),
    "POST /booking/{uid}/cancel": (PUBLIC, None),
    "GET /reschedule/{uid}": (PUBLIC, None),
    "POST /reschedule/{uid}": (PUBLIC, None),
    "GET /{username}": (PUBLIC, None),
    "GET /{username}/{slug}": (PUBLIC, None),
    "POST /{username}/{slug}": (PUBLIC, None),
}
# The route table names the event type's webhook {webhookId} like the user's; the world has
# one of each, so the matrix tells them apart.
ROUTE_PATHS = {
    "/v2/teams/{teamId}/event-types/{teamEventTypeId}": (
        "/v2/teams/{teamId}/event-types/{eventTypeId}"
    ),
    "/v2/organizations/{orgId}/teams/{teamId}/event-types/{teamEventTypeId}": (
        "/v2/organizations/{orgId}/teams/{teamId}/event-types/{eventTypeId}"
    ),
    "/v2/event-types/{eventTypeId}/webhooks/{eventTypeWebhookId}": (
        "/v2/event-types/{eventTypeId}/webhooks/{webhookId}"
    ),
}
FORMS = {  # the pages' POSTs take forms, not JSON
    "POST /booking/{uid}/cancel": {"reason": "ill"},
    "POST /reschedule/{uid}": {"slot": "2030-03-26T12:00:00Z", "tz": "Europe/London"},
    "POST /{username}/{slug}": {
        "slot": "2030-03-26T13:00:00Z", "tz": "Europe/London", "name": "Cy",
        "email": "cy@example.com",
    },
}  # fmt: skip
V1_PREFIX = "/v1/"
# The newest bookings version for its own actions (confirm, decline, mark-absent); the
# legacy mark-no-show and the uid routes both versions serve take no header.
BOOKINGS_2024_08_13 = ("/confirm", "/decline", "/mark-absent", "/reassign", "/reassign/{userId}")


def routes_with_path_parameters(app: FastAPI) -> set[str]:
    def walk(routes: list[Any]) -> Iterator[APIRoute]:
        for route in routes:
            if isinstance(route, APIRoute):
                yield route
            elif hasattr(route, "original_router"):  # FastAPI's included routers
                yield from walk(route.original_router.routes)

    return {
        f"{method} {route.path}"
        for route in walk(app.routes)
        if "{" in route.path
        for method in route.methods
    }


def test_every_route_with_a_path_parameter_is_listed(app: FastAPI) -> None:
    listed = {
        f"{key.split(' ', 1)[0]} {ROUTE_PATHS.get(key.split(' ', 1)[1], key.split(' ', 1)[1])}"
        for key in MATRIX
    }
    unlisted = routes_with_path_parameters(app) - listed
    assert not unlisted, f"add these routes to MATRIX with who may call them: {sorted(unlisted)}"
    gone = listed - routes_with_path_parameters(app)
    assert not gone, f"MATRIX lists routes that no longer exist: {sorted(gone)}"


@dataclass
class World:
    alice: Account
    bob: Account
    ids: dict[str, str]


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """Webhooks to 127.0.0.1 may be saved (no worker runs: nothing is ever sent)."""
    return settings.model_copy(update={"webhook_allow_private_networks": True})


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(NOW)  # the Monday before the booked Tuesday


@pytest.fixture
def world(app: FastAPI, client: TestClient, accounts: Accounts, clock: FrozenClock) -> World:
    alice, bob = accounts.create(username="alice"), accounts.create(username="bob")
    schedule_id = make_schedule(client, alice, "Europe/London")
    event_type_id = make_event_type(client, alice, "intro", minimumBookingNotice=0)
    hook = {
        "subscriberUrl": "http://127.0.0.1:9/hook",
        "triggers": ["BOOKING_CREATED"],
        "active": True,
    }
    webhook = data(client.post("/v2/webhooks", headers=alice.headers, json=hook), 201)
    et_path = f"/v2/event-types/{event_type_id}/webhooks"
    et_webhook = data(client.post(et_path, headers=alice.headers, json=hook), 201)
    booking = data(
        client.post(
            "/v2/bookings",
            headers={"cal-api-version": "2024-08-13"},
            json={
                "start": "2030-03-26T09:00:00Z", "eventTypeId": event_type_id,
                "attendee": {"name": "Ann", "email": "ann@example.com", "timeZone": "Europe/Rome"},
            },
        ),
        201,
    )  # fmt: skip
    reservation = data(reserve(client, event_type_id, "2030-03-26T14:00:00.000Z"), 201)
    deliveries = client.get(f"/v2/webhooks/{webhook['id']}/deliveries", headers=alice.headers)
    attendees = client.get("/v1/attendees", params=alice.v1).json()["attendees"]
    ids = {
        "user_id": alice.id,
        "scheduleId": schedule_id,
        "eventTypeId": event_type_id,
        "username": "alice",
        "eventSlug": "intro",
        "slug": "intro",
        "uid": reservation["reservationUid"],
        "bookingUid": booking["uid"],
        "attendee_id": attendees[0]["id"],
        "webhookId": webhook["id"],
        "webhook_id": webhook["id"],
        "eventTypeWebhookId": et_webhook["id"],
        "deliveryId": data(deliveries)[0]["id"],
        **_team_world(app, client, alice, clock),
    }
    return World(alice, bob, {name: str(value) for name, value in ids.items()})


def _team_world(
    app: FastAPI, client: TestClient, alice: Account, clock: FrozenClock
) -> dict[str, int]:
    """Alice owns an organization, a team in it and a team event type."""
    teams = Teams(app, clock)
    org_id = teams.make(alice, slug="acme", is_organization=True)
    team_id = teams.make(alice, slug="sales", parent_id=org_id)
    body = {"title": "Demo", "slug": "demo", "lengthInMinutes": 30, "schedulingType": "collective"}
    created = client.post(f"/v2/teams/{team_id}/event-types", headers=alice.headers, json=body)
    return {
        "orgId": org_id,
        "teamId": team_id,
        "teamEventTypeId": data(created, 201)["id"],
        "userId": alice.id,
    }


def filled(template: str, ids: dict[str, str], *, page: bool) -> str:
    if page:  # the pages' {uid} is the booking's
        ids = {**ids, "uid": ids["bookingUid"]}
    return template.format(**ids)


def call(client: TestClient, key: str, world: World, caller: str) -> Any:
    method, template = key.split(" ", 1)
    page = not template.startswith(("/v1/", "/v2/"))
    path = filled(template, world.ids, page=page)
    account = {"owner": world.alice, "other_user": world.bob}.get(caller)
    headers: dict[str, str] = {}
    params: dict[str, str] = {}
    if account is not None:
        if template.startswith(V1_PREFIX):
            params = account.v1
        else:
            headers = dict(account.headers)
    if template.endswith(BOOKINGS_2024_08_13):
        headers["cal-api-version"] = "2024-08-13"
    _, body = MATRIX[key]
    if body is not None:
        body = {k: filled(v, world.ids, page=False) if isinstance(v, str) else v
                for k, v in body.items()}  # fmt: skip
        if body.get("eventTypeId"):
            body["eventTypeId"] = int(body["eventTypeId"])
    if key in FORMS:
        return client.request(method, path, headers=headers, data=FORMS[key])
    return client.request(method, path, headers=headers, params=params, json=body)


def matches(status: int, expected: Outcome) -> bool:
    if expected == REACHED:
        return status not in (401, 403, 404) and status < 500
    return status == expected


@pytest.mark.parametrize("key", sorted(MATRIX))
def test_who_may_call_the_route(client: TestClient, world: World, key: str) -> None:
    access, _ = MATRIX[key]
    seen = {}
    for caller in CALLERS:
        response = call(client, key, world, caller)
        seen[caller] = response.status_code
    expected = {caller: getattr(access, caller) for caller in CALLERS}
    wrong = {c: s for c, s in seen.items() if not matches(s, expected[c])}
    assert not wrong, f"{key}: expected {expected}, answered {seen}"
