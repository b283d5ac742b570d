"""Slots around out-of-office days: a personal event type offers nothing on its owner's
away days, in the owner's own zone (an entry runs from the start of its first day to the end
of its last day there). 2024-09-04 leaves those days out (as Cal.com's output filters its
``away`` slots); the legacy answer lists them flagged ``away`` with the redirect; a booking
there is refused."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import Account, Accounts
from tests.slots.helpers import ALL_DAY, data, error, instants, make_event_type, make_schedule

BOOKINGS = {"cal-api-version": "2024-08-13"}


def away_host(
    client: TestClient, account: Account, zone: str, *days: tuple[str, str], **entry: Any
) -> int:
    """``account`` with all-day hours in ``zone``, a 60-minute event type and OOO ``days``
    (whose days are in the account's own zone)."""
    make_schedule(client, account, zone, ALL_DAY)
    event_type_id = make_event_type(client, account, lengthInMinutes=60, minimumBookingNotice=0)
    for start, end in days:
        created = client.post(
            "/v2/me/ooo", headers=account.headers, json={"start": start, "end": end, **entry}
        )
        data(created, 201)
    return event_type_id


def utc_slots(client: TestClient, event_type_id: int, start: str, end: str) -> list[datetime]:
    response = client.get(
        "/v2/slots",
        params={"eventTypeId": event_type_id, "start": start, "end": end},
        headers={"cal-api-version": "2024-09-04"},
    )
    return instants(data(response))


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.mark.parametrize(
    ("zone", "first_away", "back"),
    [
        # London is on GMT until 31 March: the 27th is 00:00-24:00 UTC.
        ("Europe/London", "2030-03-27T00:00", "2030-03-28T00:00"),
        # New York is on EDT (UTC-4): the 27th there is 04:00 UTC on the 27th to 04:00 on the 28th.
        ("America/New_York", "2030-03-27T04:00", "2030-03-28T04:00"),
        # Tokyo (UTC+9): its 27th begins at 15:00 UTC on the 26th.
        ("Asia/Tokyo", "2030-03-26T15:00", "2030-03-27T15:00"),
    ],
)
def test_an_away_day_offers_nothing_in_the_owners_zone(
    client: TestClient, accounts: Accounts, zone: str, first_away: str, back: str
) -> None:
    owner = accounts.create(username="owner", time_zone=zone)
    event_type_id = away_host(client, owner, zone, ("2030-03-27", "2030-03-27"))
    starts = utc_slots(client, event_type_id, "2030-03-26T00:00:00Z", "2030-03-29T00:00:00Z")
    away_from, away_to = at(first_away), at(back)
    assert starts, "the days around the entry still have slots"
    assert [s for s in starts if away_from <= s < away_to] == []
    hour_before = away_from - timedelta(hours=1)
    assert hour_before in starts  # the day before ends as usual
    assert away_to in starts  # the entry ends at the end of its last day, no later


def test_a_dst_change_inside_an_entry_is_exact(client: TestClient, accounts: Accounts) -> None:
    """Europe/Berlin moves to CEST on 31 March 2030: an entry over the change ends at local
    midnight after it (22:00 UTC), while it began at 23:00 UTC."""
    owner = accounts.create(username="owner", time_zone="Europe/Berlin")
    event_type_id = away_host(client, owner, "Europe/Berlin", ("2030-03-30", "2030-03-31"))
    starts = utc_slots(client, event_type_id, "2030-03-29T00:00:00Z", "2030-04-02T00:00:00Z")
    assert at("2030-03-29T23:00") not in starts  # Berlin's 30th begins (CET, UTC+1)
    assert at("2030-03-29T22:00") in starts
    assert at("2030-03-31T21:00") not in starts
    assert at("2030-03-31T22:00") in starts  # Berlin's 1 April (CEST, UTC+2)


def test_legacy_slots_flag_away_days_with_the_redirect(
    client: TestClient, alice: Account, accounts: Accounts
) -> None:
    bob = accounts.create(username="bob")
    event_type_id = away_host(
        client, alice, "Europe/London", ("2030-03-27", "2030-03-27"),
        reason="vacation", toUserId=bob.id,
    )  # fmt: skip
    found = data(
        client.get(
            "/v2/slots/available",
            params={
                "eventTypeId": event_type_id,
                "startTime": "2030-03-26",
                "endTime": "2030-03-28",
            },
        )
    )["slots"]
    assert list(found) == ["2030-03-26", "2030-03-27", "2030-03-28"]
    assert all("away" not in slot for slot in found["2030-03-26"] + found["2030-03-28"])
    away = found["2030-03-27"]
    assert len(away) == 24
    assert away[0] == {
        "time": "2030-03-27T00:00:00.000Z",
        "away": True,
        "fromUser": {"id": alice.id, "displayName": "Alice"},
        "toUser": {"id": bob.id, "username": "bob", "displayName": "Bob"},
        "reason": "vacation",
        "emoji": "🏝️",
    }


def test_booking_an_away_slot_is_refused(client: TestClient, alice: Account) -> None:
    event_type_id = away_host(client, alice, "Europe/London", ("2030-03-27", "2030-03-27"))
    body = {
        "eventTypeId": event_type_id,
        "attendee": {"name": "Ann", "email": "ann@example.com", "timeZone": "UTC"},
    }
    refused = client.post(
        "/v2/bookings", headers=BOOKINGS, json={**body, "start": "2030-03-27T10:00:00Z"}
    )
    error(refused, 400)
    data(
        client.post(
            "/v2/bookings", headers=BOOKINGS, json={**body, "start": "2030-03-28T10:00:00Z"}
        ),
        201,
    )


def test_deleting_the_entry_brings_the_day_back(client: TestClient, alice: Account) -> None:
    event_type_id = away_host(client, alice, "Europe/London", ("2030-03-27", "2030-03-27"))
    window = ("2030-03-27T00:00:00Z", "2030-03-28T00:00:00Z")
    assert utc_slots(client, event_type_id, *window) == []
    (entry,) = data(client.get("/v2/me/ooo", headers=alice.headers))
    data(client.delete(f"/v2/me/ooo/{entry['id']}", headers=alice.headers))
    assert len(utc_slots(client, event_type_id, *window)) == 24
