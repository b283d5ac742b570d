"""What the slot tests share: the fixed instant, version headers, and short calls that make
schedules and event types through their own APIs."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fastapi.testclient import TestClient
from httpx import Response

from tests import spec
from tests.conftest import Account

NOW = datetime(2030, 3, 25, 6, 0, tzinfo=UTC)  # a Monday
CURRENT = "2024-09-04"
LEGACY = "2024-04-15"
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
ALL_DAYS = [*WEEKDAYS, "Saturday", "Sunday"]
NINE_TO_FIVE = [{"days": WEEKDAYS, "startTime": "09:00", "endTime": "17:00"}]
ALL_DAY = [{"days": ALL_DAYS, "startTime": "00:00", "endTime": "23:59"}]

RESERVATION_KEYS = spec.reservation().keys  # spec/api.md §5, read by tests/spec.py


def v2(account: Account | None = None, version: str | None = CURRENT) -> dict[str, str]:
    """Headers: the version (None: no header) and, given an account, its API key."""
    headers = dict(account.headers) if account else {}
    if version is not None:
        headers["cal-api-version"] = version
    return headers


def data(response: Response, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"status", "data"}
    assert body["status"] == "success"
    return body["data"]


def error(response: Response, status: int) -> dict[str, Any]:
    """Checks an error in the v2 envelope and returns its ``error``."""
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"status", "timestamp", "path", "error"}
    assert body["status"] == "error"
    return dict(body["error"])


def make_schedule(
    client: TestClient,
    account: Account,
    time_zone: str,
    availability: list[dict[str, Any]] | None = None,
    overrides: list[dict[str, Any]] | None = None,
    *,
    is_default: bool = True,
) -> int:
    body = {
        "name": f"Hours in {time_zone}",
        "timeZone": time_zone,
        "isDefault": is_default,
        "availability": NINE_TO_FIVE if availability is None else availability,
        "overrides": overrides or [],
    }
    response = client.post(
        "/v2/schedules", headers={**account.headers, "cal-api-version": "2024-06-11"}, json=body
    )
    schedule_id: int = data(response, 201)["id"]
    return schedule_id


def make_event_type(
    client: TestClient, account: Account, slug: str = "intro", **fields: Any
) -> int:
    """A 2024-06-14 event type (30 minutes, two hours' notice unless ``fields`` say)."""
    body = {"lengthInMinutes": 30, "title": slug.title(), "slug": slug, **fields}
    response = client.post(
        "/v2/event-types", headers={**account.headers, "cal-api-version": "2024-06-14"}, json=body
    )
    event_type_id: int = data(response, 201)["id"]
    return event_type_id


def get_slots(client: TestClient, version: str | None = CURRENT, **params: Any) -> Response:
    return client.get("/v2/slots", params=params, headers=v2(version=version))


def slots(client: TestClient, **params: Any) -> dict[str, list[dict[str, Any]]]:
    """GET /v2/slots (2024-09-04), 200 expected: its ``data``."""
    found: dict[str, list[dict[str, Any]]] = data(get_slots(client, **params))
    return found


def starts(found: dict[str, list[dict[str, Any]]]) -> list[str]:
    return [slot["start"] for day in found.values() for slot in day]


def instants(found: dict[str, list[dict[str, Any]]], key: str = "start") -> list[datetime]:
    """Every slot's instant, in UTC."""
    return [
        datetime.fromisoformat(slot[key]).astimezone(UTC) for day in found.values() for slot in day
    ]


def reserve(
    client: TestClient,
    event_type_id: int,
    slot_start: str,
    account: Account | None = None,
    **fields: Any,
) -> Response:
    return client.post(
        "/v2/slots/reservations",
        headers=v2(account),
        json={"eventTypeId": event_type_id, "slotStart": slot_start, **fields},
    )
