"""`slotwise serve`'s demo data gives booking pages with real slots on a fresh start."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient

from slotwise.clock import FrozenClock
from slotwise.db import transaction
from slotwise.demo.seed import seed_demo_data
from slotwise.users.passwords import password_hasher
from tests.conftest import Account
from tests.web.helpers import day_buttons, set_user, slot_buttons


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


def test_demo_meets_where_it_says_and_its_bio_is_text(
    app: FastAPI, client: TestClient, clock: FrozenClock
) -> None:
    with transaction(app.state.write_session_factory) as session:
        seed_demo_data(session, now=clock.now(), hasher=password_hasher(app.state.settings))
    event_page = client.get("/demo/30min?tz=Europe/London").text
    assert "Cal Video" not in event_page  # no video app exists: no meeting link either
    assert "Phone call, to your number" in event_page
    profile = client.get("/demo").text
    assert "`" not in profile
    assert "<code>slotwise serve</code>" in profile


def test_a_bio_renders_simple_markdown_and_never_html(
    app: FastAPI, client: TestClient, alice: Account
) -> None:
    bio = "**Hi** <script>alert(1)</script> [site](https://example.com) [x](javascript:alert(1))"
    set_user(app, alice.username, bio=bio)
    profile = client.get(f"/{alice.username}").text
    assert "<strong>Hi</strong>" in profile
    assert "<script>alert(1)" not in profile
    assert "&lt;script&gt;" in profile
    assert 'href="https://example.com"' in profile
    assert 'href="javascript:' not in profile
