"""Every host page passes the Python accessibility check (labels, landmarks, unique ids,
named buttons, one h1), signed in or not, with errors shown; and the colours the host pages
use (booking.css's palette, light and dark) have enough contrast."""

from __future__ import annotations

import re

from fastapi import FastAPI
from fastapi.testclient import TestClient

from slotwise.web.rendering import STATIC_DIR
from tests.conftest import Account
from tests.slots.helpers import make_event_type, make_schedule
from tests.web_host.accessibility import contrast, problems
from tests.web_host.helpers import post_form, sign_in
from tests.web_host.test_pages import MAIN_PAGES

SIGNED_OUT_PAGES = ("/auth/login", "/auth/forgot-password", "/auth/forgot-password/unknown")


def test_the_checker_finds_what_it_looks_for() -> None:
    """The check can fail: a page with every mistake it knows."""
    bad = (
        '<html><head></head><body><div id="a"></div><div id="a"></div>'
        '<input name="q"><button></button><p aria-describedby="nope"></p></body></html>'
    )
    found = problems(bad)
    for expected in ("duplicate id 'a'", "control without a label: q", "<button> without text",
                     "missing id 'nope'", "no <main> landmark", "<html> has no lang",
                     "no <title>", "0 <h1> elements"):  # fmt: skip
        assert any(expected in problem for problem in found), (expected, found)


def test_signed_out_pages_pass(client: TestClient) -> None:
    for path in SIGNED_OUT_PAGES:
        assert problems(client.get(path).text) == [], path


def test_every_main_page_passes(client: TestClient, app: FastAPI, alice: Account) -> None:
    schedule_id = make_schedule(client, alice, "Europe/London")
    event_type_id = make_event_type(client, alice, "intro")
    sign_in(client, app, alice.email)
    pages = (*MAIN_PAGES, f"/event-types/{event_type_id}", f"/availability/{schedule_id}")
    for path in pages:
        assert problems(client.get(path).text) == [], path


def test_pages_with_errors_pass(client: TestClient, app: FastAPI, alice: Account) -> None:
    sign_in(client, app, alice.email)
    shown = post_form(
        client, "/event-types/new", "/event-types/new", title="", slug="", length_in_minutes="x"
    )
    assert shown.status_code == 400
    assert problems(shown.text) == []
    wrong = post_form(client, "/auth/login", "/auth/login", email="a@b.c", password="x")
    assert problems(wrong.text) == []


def test_the_palette_has_enough_contrast() -> None:
    """Text (--fg, --muted, --error) on its backgrounds (--bg, --card), light and dark:
    at least 4.5:1 (WCAG AA for body text)."""
    css = (STATIC_DIR / "booking.css").read_text()
    palettes = re.findall(r":root(?:\[data-theme=\"dark\"\])? \{([^}]*)\}", css)
    assert len(palettes) == 2
    for palette in palettes:
        colors = dict(re.findall(r"--([a-z-]+): (#[0-9a-f]{6})", palette))
        for text in ("fg", "muted", "error"):
            for background in ("bg", "card"):
                ratio = contrast(colors[text], colors[background])
                assert ratio >= 4.5, (text, background, round(ratio, 2))
        assert contrast(colors["error"], colors["error-bg"]) >= 4.5


def test_the_admin_area_passes(client: TestClient, app: FastAPI, admin: Account) -> None:
    sign_in(client, app, admin.email)
    page = client.get("/settings/admin/users")
    assert page.status_code == 200
    assert problems(page.text) == []
