"""Integral numbers sent as floats (issue: clients generated from the OpenAPI, or written in
Python, send ``30.0`` for an integer; Cal.com, in JavaScript, reads it as 30).

Generated from the app's OpenAPI: every integer field of every JSON request body is sent as
``k.0`` (it must not be refused as a non-integer) and as ``k.5`` (it must be refused, naming
that field, in at least one ``cal-api-version`` the route serves: this proves the request
really reached the field's check).
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from cryptography.fernet import Fernet
from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx import Response

from slotwise.app import create_app
from slotwise.clock import FrozenClock
from slotwise.config import Settings
from tests.bookings.helpers import book
from tests.conftest import Account
from tests.slots.helpers import make_event_type, make_schedule
from tests.teams.helpers import make_organization

# The versions each family of routes serves (the version-neutral ones: none), so a fractional
# number can reach its field's check in the shape that has the field.
VERSIONS = {
    "/v2/event-types": (None, "2024-06-14"),
    "/v2/bookings": (None, "2024-08-13"),
    "/v2/slots": (None, "2024-09-04"),
    "/v2/schedules": (None, "2024-06-11"),
}
# Fields inside a union whose shape is picked by a sibling key: the sibling that picks the
# shape holding the integer.
SHAPE_KEYS = {("bookingWindow",): {"type": "businessDays"}}


def _resolve(schema: dict[str, Any], components: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _integer_fields(
    schema: dict[str, Any], components: dict[str, Any], path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], dict[str, Any]]]:
    """(path, schema) of every integer in ``schema``; "[]" in a path is an array's item."""
    schema = _resolve(schema, components)
    for key in ("anyOf", "oneOf", "allOf"):
        for member in schema.get(key, []):
            yield from _integer_fields(member, components, path)
    if schema.get("type") == "integer":
        yield path, schema
    if schema.get("type") == "array" and "items" in schema:
        yield from _integer_fields(schema["items"], components, (*path, "[]"))
    for name, member in schema.get("properties", {}).items():
        yield from _integer_fields(member, components, (*path, name))


def _documented_integer_fields() -> dict[tuple[str, str], list[Field]]:
    """Every integer field of every JSON request body in the app's OpenAPI, by operation."""
    with tempfile.TemporaryDirectory() as directory:
        app = create_app(
            Settings(data_dir=Path(directory), encryption_key=Fernet.generate_key().decode())
        )
        document = app.openapi()
        app.state.engine.dispose()
    components = document.get("components", {}).get("schemas", {})
    found: dict[tuple[str, str], list[Field]] = {}
    for route, item in document["paths"].items():
        for method, operation in item.items():
            content = operation.get("requestBody", {}).get("content", {})
            schema = content.get("application/json", {}).get("schema")
            if schema is None:
                continue
            fields: dict[tuple[str, ...], Field] = {}
            for path, field_schema in _integer_fields(schema, components):
                fields.setdefault(path, Field(path, _valid_integer(field_schema)))
            if fields:
                found[(method.upper(), route)] = list(fields.values())
    return dict(sorted(found.items()))


@dataclass(frozen=True)
class Field:
    path: tuple[str, ...]  # "[]" stands for an array's item
    example: int  # a valid value by the schema alone (ids are replaced by real ones)

    @property
    def name(self) -> str:
        return ".".join(part for part in self.path if part != "[]")


def _valid_integer(schema: dict[str, Any]) -> int:
    if schema.get("enum"):
        return int(schema["enum"][0])
    low = schema.get("minimum", schema.get("exclusiveMinimum", 0) + 1)
    return int(min(max(low, 1), schema.get("maximum", max(low, 1))))


def _body(path: tuple[str, ...], value: Any, walked: tuple[str, ...] = ()) -> Any:
    """The smallest JSON holding ``value`` at ``path`` (with any sibling that picks a shape)."""
    if not path:
        return value
    head, rest = path[0], path[1:]
    if head == "[]":
        return [_body(rest, value, walked)]
    inner = _body(rest, value, (*walked, head))
    if isinstance(inner, dict):
        inner = {**SHAPE_KEYS.get((*walked, head), {}), **inner}
    return {head: inner}


def _problems(answer: Response) -> list[tuple[str, str]]:
    """(field, message) of a 400: v2's details, or v1's "Invalid request: a: ...; b: ..."."""
    if answer.status_code != 400:
        return []
    body = answer.json()
    if "error" in body:
        details = body["error"].get("details")
        pairs = [
            (str(d.get("field", "")), str(d.get("message", "")))
            for d in (details if isinstance(details, list) else [])
        ]
    else:
        text = str(body.get("message", "")).removeprefix("Invalid request: ")
        pairs = [tuple(part.split(": ", 1)) for part in text.split("; ") if ": " in part]  # type: ignore[misc]
    return [(".".join(p for p in f.split(".") if not p.isdigit()), m) for f, m in pairs]


OPERATIONS = _documented_integer_fields()


class _WithUnknownIds(dict[str, str]):
    """A path parameter with no resource of its own names one that does not exist: the body
    is validated before the route looks the resource up, so what is tried still runs."""

    def __missing__(self, key: str) -> str:
        return "999999"


def test_the_generator_found_the_integer_fields() -> None:
    """A guard on the generator itself: the fields the issue names are among those tried."""
    tried = {(m, r, f.name) for (m, r), fields in OPERATIONS.items() for f in fields}
    assert ("POST", "/v2/event-types", "lengthInMinutes") in tried
    assert ("POST", "/v2/bookings", "eventTypeId") in tried
    assert ("POST", "/v2/slots/reservations", "eventTypeId") in tried
    assert len(tried) > 50


@pytest.fixture
def resources(
    app: FastAPI, client: TestClient, alice: Account, clock: FrozenClock
) -> dict[str, str]:
    """Real ids for every path parameter and id field, all alice's."""
    schedule = make_schedule(client, alice, "Europe/London")
    event_type = make_event_type(client, alice)
    booking = book(client, event_type)
    assert booking.status_code == 201, booking.text
    held = client.post(
        "/v2/slots/reservations",
        headers={"cal-api-version": "2024-09-04"},
        json={"eventTypeId": event_type, "slotStart": "2030-03-26T10:00:00Z"},
    )
    assert held.status_code == 201, held.text
    webhook = client.post(
        "/v2/webhooks",
        headers=alice.headers,
        json={
            "subscriberUrl": "http://127.0.0.1:9/hook",
            "triggers": ["BOOKING_CREATED"],
            "active": True,
        },
    )
    assert webhook.status_code == 201, webhook.text
    attendees = client.get("/v1/attendees", params=alice.v1)
    assert attendees.status_code == 200, attendees.text
    # Organization routes look the organization and its team up before reading the body.
    org_id = make_organization(app, alice, clock.now())
    org_team = client.post(
        f"/v2/organizations/{org_id}/teams", headers=alice.headers, json={"name": "Sales"}
    )
    assert org_team.status_code == 201, org_team.text
    return {
        "orgId": str(org_id),
        "teamId": str(org_team.json()["data"]["id"]),
        "bookingUid": booking.json()["data"]["uid"],
        "bookingId": str(booking.json()["data"]["id"]),
        "eventTypeId": str(event_type),
        "scheduleId": str(schedule),
        "defaultScheduleId": str(schedule),
        "uid": held.json()["data"]["reservationUid"],
        "webhookId": str(webhook.json()["data"]["id"]),
        "webhook_id": str(webhook.json()["data"]["id"]),
        "attendee_id": str(attendees.json()["attendees"][0]["id"]),
        "user_id": str(alice.id),
    }


@pytest.mark.parametrize(
    ("method", "route"), list(OPERATIONS), ids=[" ".join(k) for k in OPERATIONS]
)
def test_an_integral_float_is_an_integer(
    client: TestClient, alice: Account, resources: dict[str, str], method: str, route: str
) -> None:
    family = next((f for f in VERSIONS if route.startswith(f)), "")
    url = route.format_map(_WithUnknownIds(resources))
    params = alice.v1 if route.startswith("/v1/") else None

    def send(body: Any, version: str | None) -> list[tuple[str, str]]:
        headers = {**alice.headers, **({"cal-api-version": version} if version else {})}
        answer = client.request(method, url, json=body, headers=headers, params=params)
        assert answer.status_code < 500, answer.text
        return _problems(answer)

    unreached, refused = [], []
    for field in OPERATIONS[(method, route)]:
        value = int(resources.get(field.path[-1], field.example))
        reached = False
        for version in VERSIONS.get(family, (None,)):
            if not any(f == field.name for f, _ in send(_body(field.path, value + 0.5), version)):
                continue
            reached = True
            refused += [
                f"{version} {field.name}={float(value)}: {message}"
                for f, message in send(_body(field.path, float(value)), version)
                if f == field.name
            ]
        if not reached:
            unreached.append(field.name)
    assert not unreached, f"no version refused a fractional number naming {unreached}"
    assert not refused, refused
