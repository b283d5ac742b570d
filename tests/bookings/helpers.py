"""What the bookings tests share: version headers, the spec's booking keys and a short
booking call."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from httpx import Response

from tests import spec
from tests.conftest import Account

CURRENT = "2024-08-13"
# spec/api.md §6.4 (read from the spec, not from slotwise's output model): the keys of a plain
# booking, the optional ones (a series' recurringBookingUid, a seat's seatUid, the reasons and
# links of a cancellation or reschedule) being left out until they apply, as Cal.com does.
BOOKING = spec.booking()
OUTPUT_KEYS = BOOKING.required
# A Tuesday 09:00 London (UTC+0 before 31 March): inside a Mon-Fri 09-17 schedule.
FIRST_SLOT = "2030-03-26T09:00:00Z"


def v2(account: Account | None = None, version: str | None = CURRENT) -> dict[str, str]:
    headers = dict(account.headers) if account else {}
    if version is not None:
        headers["cal-api-version"] = version
    return headers


def attendee(name: str = "Ann", time_zone: str = "Europe/Rome") -> dict[str, str]:
    return {"name": name, "email": f"{name.lower()}@example.com", "timeZone": time_zone}


def book(
    client: TestClient,
    event_type_id: int,
    start: str = FIRST_SLOT,
    *,
    account: Account | None = None,
    name: str = "Ann",
    **fields: Any,
) -> Response:
    body = {"start": start, "eventTypeId": event_type_id, "attendee": attendee(name), **fields}
    return client.post("/v2/bookings", headers=v2(account), json=body)
