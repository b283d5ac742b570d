"""`slotwise serve`'s demo data gives booking pages with real slots on a fresh start."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient

from slotwise.clock import FrozenClock
from slotwise.db import transaction
from slotwise.demo.seed import seed_demo_data
from slotwise.users.passwords import password_hasher
from tests.web.helpers import day_buttons, slot_buttons


def test_demo_pages_show_real_slots(app: FastAPI, client: TestClient, clock: FrozenClock) -> None:
    with transaction(app.state.write_session_factory) as session:
        issued = seed_demo_data(
            session,
            now=clock.now(),
            hasher=password_hasher(app.state.settings),
            time_zone="Europe/London",
        )
    assert issued is not None
    profile = client.get("/demo").text
    assert 'href="/demo/15min"' in profile
    assert 'href="/demo/30min"' in profile
    days = day_buttons(client.get("/demo/30min?tz=Europe/London").text)
    free = [day for day, ok in days.items() if ok]
    assert free
    shown = slot_buttons(client.get(f"/demo/30min?tz=Europe/London&date={free[0]}").text)
    assert shown[0][1] == "09:00"
    assert len(shown) == 16
