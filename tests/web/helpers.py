"""What the page tests share: a host with hours and an event type, and reading the HTML."""

from __future__ import annotations

import re
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import select

from slotwise.db import transaction
from slotwise.users.models import User
from tests.conftest import Account
from tests.slots.helpers import make_event_type, make_schedule

# Tuesday 26 March 2030, 09:00 in London (UTC+0 until the 31st): the first slot of that day.
SLOT = "2030-03-26T09:00:00Z"
DAY = "2030-03-26"


def host(client: TestClient, account: Account, slug: str = "intro", **fields: Any) -> int:
    """London Mon-Fri 09:00-17:00 hours and a 30-minute event type."""
    make_schedule(client, account, "Europe/London")
    return make_event_type(client, account, slug, **fields)


def set_user(app: FastAPI, username: str, **columns: Any) -> None:
    with transaction(app.state.write_session_factory) as session:
        user = session.scalars(select(User).where(User.username == username)).one()
        for name, value in columns.items():
            setattr(user, name, value)


def slot_buttons(html: str) -> list[tuple[str, str]]:
    """(UTC start, label) of each slot button, in order."""
    return [
        (value, re.sub(r"<[^>]+>.*", "", label).strip())
        for value, label in re.findall(r'name="slot" value="([^"]+)"[^>]*>(.*?)</button>', html)
    ]


def day_buttons(html: str) -> dict[str, bool]:
    """Each day of the calendar: whether it can be picked (not disabled)."""
    return {
        value: "disabled" not in attrs
        for value, attrs in re.findall(
            r'<button type="submit" name="date" value="([^"]+)"([^>]*)>', html
        )
    }


def field_error(html: str, name: str) -> str | None:
    """The message shown next to an input, or None when it shows none."""
    match = re.search(
        rf'<p class="field-error" id="err-{re.escape(name)}"( hidden)?>([^<]*)</p>', html
    )
    if match is None or match.group(1):
        return None
    return match.group(2)


def bookings_of(client: TestClient, account: Account, **params: Any) -> list[dict[str, Any]]:
    response = client.get(
        "/v2/bookings", params=params, headers={**account.headers, "cal-api-version": "2024-08-13"}
    )
    assert response.status_code == 200, response.text
    found: list[dict[str, Any]] = response.json()["data"]
    return found


def book_form(
    client: TestClient,
    path: str,
    slot: str = SLOT,
    *,
    follow_redirects: bool = False,
    **fields: str,
) -> Response:
    body = {"slot": slot, "tz": "Europe/Rome", "name": "Ann", "email": "ann@example.com", **fields}
    return client.post(path, data=body, follow_redirects=follow_redirects)
