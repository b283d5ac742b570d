"""A team's booking pages through the app (TestClient), on every database backend: the
team's page lists its public event types and members, its event page offers the team's
slots, a posted form books a round-robin or collective slot, the confirmation names every
host, and the team's (or its organization's) branding colours the pages."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from slotwise.clock import FrozenClock
from slotwise.db import transaction
from slotwise.teams.models import Team
from tests.conftest import Account, Accounts
from tests.team_scheduling.conftest import Teams
from tests.team_scheduling.helpers import BOOKINGS_VERSION, hours, team_event_type
from tests.web.helpers import DAY, SLOT, book_form, set_user, slot_buttons

HTML = {"accept": "text/html"}


@pytest.fixture
def people(app: FastAPI, client: TestClient, accounts: Accounts) -> dict[str, Account]:
    found = {name: accounts.create(username=name) for name in ("olga", "mia", "max")}
    for name in found:
        set_user(app, name, name=name.title())
    hours(client, found["olga"], "09:00", "11:00")
    hours(client, found["mia"], "09:00", "17:00")
    hours(client, found["max"], "13:00", "17:00")
    return found


@pytest.fixture
def teams(app: FastAPI, clock: FrozenClock) -> Teams:
    return Teams(app, clock)


@pytest.fixture
def team(teams: Teams, people: dict[str, Account]) -> int:
    return teams.make(people["olga"], members=[people["mia"], people["max"]])


def set_team(app: FastAPI, team_id: int, **columns: Any) -> None:
    with transaction(app.state.write_session_factory) as session:
        row = session.get(Team, team_id)
        assert row is not None
        for name, value in columns.items():
            setattr(row, name, value)


def hosts_of(people: dict[str, Account], *names: str) -> list[dict[str, Any]]:
    return [{"userId": people[name].id, "mandatory": False} for name in names]


def brand_of(html: str) -> str:
    match = re.search(r"--brand:(#[0-9a-f]{6})", html)
    assert match is not None
    return match.group(1)


class TestTeamPage:
    def test_lists_public_event_types_and_members(
        self, app: FastAPI, client: TestClient, people: dict[str, Account], team: int
    ) -> None:
        set_team(app, team, name="Sales Team", bio="We sell *pots*.")
        olga = people["olga"]
        team_event_type(client, olga, team, "ROUND_ROBIN", assignAllTeamMembers=True)
        team_event_type(client, olga, team, "COLLECTIVE", slug="panel", title="Panel",
                        hosts=hosts_of(people, "mia", "max"))  # fmt: skip
        team_event_type(client, olga, team, "ROUND_ROBIN", slug="quiet", title="Quiet",
                        hidden=True, assignAllTeamMembers=True)  # fmt: skip
        response = client.get("/team/sales", headers=HTML)
        assert response.status_code == 200
        html = response.text
        assert "<h1>Sales Team</h1>" in html
        assert "<em>pots</em>" in html
        assert 'href="/team/sales/demo"' in html
        assert 'href="/team/sales/panel"' in html
        assert "/team/sales/quiet" not in html  # hidden: bookable by link, not listed
        members = re.search(r'<ul class="hosts[^"]*" aria-label="Members">(.*?)</ul>', html, re.S)
        assert members is not None
        assert [n for n in ("Olga", "Mia", "Max") if f'title="{n}"' in members.group(1)] == [
            "Olga", "Mia", "Max",
        ]  # fmt: skip

    def test_a_private_team_shows_no_members(
        self, app: FastAPI, client: TestClient, team: int
    ) -> None:
        set_team(app, team, is_private=True)
        html = client.get("/team/sales", headers=HTML).text
        assert 'aria-label="Members"' not in html

    def test_an_unknown_team_is_a_404(self, client: TestClient, team: int) -> None:
        assert client.get("/team/nobody", headers=HTML).status_code == 404
        assert client.get("/team/sales/nothing", headers=HTML).status_code == 404
        assert client.get("/team/nobody").json()["status"] == "error"  # the API's envelope

    def test_a_managed_parent_has_no_page(
        self, client: TestClient, people: dict[str, Account], team: int
    ) -> None:
        team_event_type(client, people["olga"], team, "MANAGED", slug="onboard",
                        hosts=hosts_of(people, "mia"))  # fmt: skip
        assert "/team/sales/onboard" not in client.get("/team/sales", headers=HTML).text
        assert client.get("/team/sales/onboard", headers=HTML).status_code == 404


class TestTeamEventPage:
    def test_offers_the_union_of_round_robin_hosts(
        self, client: TestClient, people: dict[str, Account], team: int
    ) -> None:
        team_event_type(client, people["olga"], team, "ROUND_ROBIN",
                        hosts=hosts_of(people, "olga", "max"))  # fmt: skip
        response = client.get(f"/team/sales/demo?date={DAY}&tz=UTC", headers=HTML)
        assert response.status_code == 200
        starts = [start for start, _ in slot_buttons(response.text)]
        assert starts[0] == "2030-03-26T09:00:00Z"  # olga from 09:00
        assert "2030-03-26T11:00:00Z" not in starts  # neither host is free 11:00-13:00
        assert starts[-1] == "2030-03-26T16:30:00Z"  # max until 17:00
        assert 'action="/team/sales/demo"' in response.text
        assert 'aria-label="Hosts"' in response.text

    def test_offers_the_intersection_of_collective_hosts(
        self, client: TestClient, people: dict[str, Account], team: int
    ) -> None:
        team_event_type(client, people["olga"], team, "COLLECTIVE",
                        hosts=hosts_of(people, "mia", "max"))  # fmt: skip
        html = client.get(f"/team/sales/demo?date={DAY}&tz=UTC", headers=HTML).text
        starts = [start for start, _ in slot_buttons(html)]
        assert starts[0] == "2030-03-26T13:00:00Z"
        assert starts[-1] == "2030-03-26T16:30:00Z"


class TestBookingOnTheTeamPage:
    def test_round_robin_books_one_host_and_names_them(
        self, client: TestClient, people: dict[str, Account], team: int
    ) -> None:
        created = team_event_type(client, people["olga"], team, "ROUND_ROBIN",
                                  hosts=hosts_of(people, "olga", "max"))  # fmt: skip
        response = book_form(client, "/team/sales/demo", "2030-03-26T14:00:00Z")
        assert response.status_code == 303, response.text
        uid = response.headers["location"].split("/booking/")[1].split("?")[0]
        booking = client.get(f"/v2/bookings/{uid}", headers=BOOKINGS_VERSION).json()["data"]
        assert booking["eventTypeId"] == created["id"]
        assert [h["id"] for h in booking["hosts"]] == [people["max"].id]  # olga is not free
        confirmation = client.get(response.headers["location"], headers=HTML).text
        assert re.findall(r'<li class="host">(\w+) ', confirmation) == ["Max"]

    def test_collective_booking_names_every_host(
        self, client: TestClient, people: dict[str, Account], team: int
    ) -> None:
        team_event_type(client, people["olga"], team, "COLLECTIVE",
                        hosts=hosts_of(people, "mia", "max"))  # fmt: skip
        response = book_form(client, "/team/sales/demo", "2030-03-26T13:00:00Z")
        assert response.status_code == 303, response.text
        confirmation = client.get(response.headers["location"], headers=HTML).text
        assert sorted(re.findall(r'<li class="host">(\w+) ', confirmation)) == ["Max", "Mia"]

    def test_a_slot_no_host_can_take_is_refused_on_the_team_page(
        self, client: TestClient, people: dict[str, Account], team: int
    ) -> None:
        team_event_type(client, people["olga"], team, "ROUND_ROBIN",
                        hosts=hosts_of(people, "olga", "max"))  # fmt: skip
        response = book_form(client, "/team/sales/demo", "2030-03-26T12:00:00Z")
        assert response.status_code == 400
        assert "no longer available" in response.text
        assert 'action="/team/sales/demo"' in response.text  # the team's page again
        assert client.get("/v2/bookings", headers={**people["max"].headers,
                          **BOOKINGS_VERSION}).json()["data"] == []  # fmt: skip

    def test_a_taken_slot_is_a_409_with_fresh_times(
        self, client: TestClient, people: dict[str, Account], team: int
    ) -> None:
        team_event_type(client, people["olga"], team, "COLLECTIVE",
                        hosts=hosts_of(people, "mia", "max"))  # fmt: skip
        assert book_form(client, "/team/sales/demo", "2030-03-26T13:00:00Z").status_code == 303
        again = book_form(client, "/team/sales/demo", "2030-03-26T13:00:00Z", email="b@x.org")
        assert again.status_code == 409
        assert "2030-03-26T13:00:00Z" not in [s for s, _ in slot_buttons(again.text)]


class TestBranding:
    def test_the_team_colours_its_pages_and_confirmation(
        self, app: FastAPI, client: TestClient, people: dict[str, Account], team: int
    ) -> None:
        set_team(app, team, brand_color="#0055AA", theme="dark")
        team_event_type(client, people["olga"], team, "ROUND_ROBIN", assignAllTeamMembers=True)
        for path in ("/team/sales", "/team/sales/demo"):
            html = client.get(path, headers=HTML).text
            assert brand_of(html) == "#0055aa"
            assert 'data-theme="dark"' in html
        booked = book_form(client, "/team/sales/demo", SLOT)
        assert booked.status_code == 303, booked.text
        assert brand_of(client.get(booked.headers["location"], headers=HTML).text) == "#0055aa"

    def test_an_organization_team_wears_the_organization_colours(
        self, app: FastAPI, client: TestClient, teams: Teams, people: dict[str, Account]
    ) -> None:
        org = teams.make(people["olga"], slug="acme", is_organization=True)
        set_team(app, org, brand_color="#aa0000")
        team = teams.make(people["olga"], slug="sales", parent_id=org, members=[people["mia"]])
        team_event_type(client, people["olga"], team, "ROUND_ROBIN", assignAllTeamMembers=True)
        assert client.get("/team/sales", headers=HTML).status_code == 404  # not top level
        html = client.get("/org/acme/team/sales", headers=HTML).text
        assert brand_of(html) == "#aa0000"
        assert 'href="/org/acme/team/sales/demo"' in html
        page = client.get(f"/org/acme/team/sales/demo?date={DAY}", headers=HTML)
        assert page.status_code == 200
        assert slot_buttons(page.text)
        booked = book_form(client, "/org/acme/team/sales/demo", SLOT)
        assert booked.status_code == 303, booked.text
