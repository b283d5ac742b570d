"""What the schedule tests share: version headers, the shapes' key sets, and short calls."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from httpx import Response

from tests import spec
from tests.conftest import Account

CURRENT = "2024-06-11"
LEGACY = "2024-04-15"

# Read from the spec (tests/spec.py): spec/api.md §4 with the rows spec/legacy.md §4 gives
# for 2024-06-11 (an override's createdAt/updatedAt are optional there and not answered).
SCHEDULE = spec.schedule()
SCHEDULE_KEYS = SCHEDULE.keys
AVAILABILITY_KEYS = SCHEDULE.nested["availability"].keys
OVERRIDE_KEYS = SCHEDULE.nested["overrides"].required

# spec/legacy.md §4: the legacy schedule object's example, and the legacy PATCH answer.
LEGACY_SCHEDULE = spec.legacy_schedule()
LEGACY_SCHEDULE_KEYS = LEGACY_SCHEDULE.keys
LEGACY_WORKING_HOURS_KEYS = LEGACY_SCHEDULE.nested["workingHours"].keys
LEGACY_ROW_KEYS = LEGACY_SCHEDULE.nested["schedule"].keys
# The example's availability is 7 lists of {start, end} ranges (not read by tests/spec.py).
LEGACY_RANGE_KEYS = {"start", "end"}
LEGACY_UPDATE = spec.field_list(spec.LEGACY, "4. Schedules", "Legacy PATCH `data`:")
LEGACY_UPDATE_KEYS = LEGACY_UPDATE.keys
# Both of its optional keys: slotwise always answers availability? and never eventType?
# (its schedules have no event-type rows).
LEGACY_UPDATED_SCHEDULE_KEYS = LEGACY_UPDATE.nested["schedule"].required | {"availability"}

NINE_TO_FIVE = [
    {
        "days": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
        "startTime": "09:00",
        "endTime": "17:00",
    }
]


def headers(account: Account, version: str | None = CURRENT) -> dict[str, str]:
    if version is None:
        return account.headers
    return {**account.headers, "cal-api-version": version}


def create_body(**fields: Any) -> dict[str, Any]:
    return {"name": "Working hours", "timeZone": "Europe/Rome", "isDefault": False, **fields}


def create(
    client: TestClient, account: Account, version: str | None = CURRENT, **fields: Any
) -> dict[str, Any]:
    """Creates a schedule (201 expected) and returns its ``data``."""
    response = client.post(
        "/v2/schedules", headers=headers(account, version), json=create_body(**fields)
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert set(body) == {"status", "data"}
    assert body["status"] == "success"
    return dict(body["data"])


def data(response: Response, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"status", "data"}
    assert body["status"] == "success"
    return body["data"]


def get(
    client: TestClient, account: Account, schedule_id: int, version: str | None = CURRENT
) -> dict[str, Any]:
    response = client.get(f"/v2/schedules/{schedule_id}", headers=headers(account, version))
    return dict(data(response))


def listed(client: TestClient, account: Account, version: str | None = CURRENT) -> list[Any]:
    return list(data(client.get("/v2/schedules", headers=headers(account, version))))


def default_schedule_id(client: TestClient, account: Account) -> int | None:
    response = client.get("/v2/me", headers=account.headers)
    value = data(response)["defaultScheduleId"]
    assert value is None or isinstance(value, int)
    return value


def bad_request(response: Response, path: str) -> dict[str, Any]:
    """Checks a 400 in the v2 error envelope and returns its ``error``."""
    assert response.status_code == 400, response.text
    body = response.json()
    assert set(body) == {"status", "timestamp", "path", "error"}
    assert body["status"] == "error"
    assert body["path"] == path
    assert body["error"]["code"] == "BadRequestException"
    return dict(body["error"])


def names_field(error: dict[str, Any], field: str) -> bool:
    return field in error["message"] and any(
        detail["field"] == field for detail in error.get("details") or []
    )
