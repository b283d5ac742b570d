"""200 bookers race for one team slot against real ``slotwise serve`` processes over real
HTTP (the harness of tests/bookings/test_race.py: a SQLite file with one server, or a fresh
PostgreSQL database with two). A collective slot of three hosts is booked exactly once,
holding all three; a round-robin slot of three hosts exactly three times, once per host.
Never two bookings of one host, never a 5xx."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from slotwise.db import make_engine
from slotwise.teams.models import Membership, Team
from tests.bookings.test_race import RACERS, SERVERS, race, race_slot, run_in_own_loop, stored
from tests.cli.helpers import Server, cli_env, invoke, json_output, start_server, subprocess_env
from tests.conftest import create_postgres_database, drop_postgres_database

pytestmark = pytest.mark.slow

HOSTS = 3


@dataclass
class TeamSite:
    servers: list[Server]
    database_url: str
    keys: list[str]
    host_ids: list[int]
    team_id: int


def _create_team(database_url: str, host_ids: list[int]) -> int:
    """The team, straight into the database (the teams API is another branch's)."""
    now = datetime.now(UTC)
    engine = make_engine(database_url)
    try:
        with Session(engine) as session, session.begin():
            team = Team(name="Sales", slug="sales", created_at=now, updated_at=now)
            session.add(team)
            session.flush()
            for index, user_id in enumerate(host_ids):
                session.add(
                    Membership(
                        team_id=team.id, user_id=user_id,
                        role="OWNER" if index == 0 else "MEMBER", accepted=True,
                        created_at=now, updated_at=now,
                    )
                )  # fmt: skip
            return team.id
    finally:
        engine.dispose()


@pytest.fixture
def site(
    backend: str, request: pytest.FixtureRequest, tmp_path: Path, worker_id_suffix: str
) -> Iterator[TeamSite]:
    data_dir = tmp_path / "data"
    server_url: str | None = None
    name = f"slotwise_team_race_{worker_id_suffix}"
    if backend == "postgres":
        server_url = request.getfixturevalue("postgres_server_url")
        database_url = create_postgres_database(server_url, name)
    else:
        database_url = f"sqlite:///{data_dir / 'race.db'}"
    servers: list[Server] = []
    try:
        made = [
            json_output(
                invoke(
                    [
                        "admin", "create-user", f"--email=host{i}@example.com",
                        f"--username=host{i}", f"--name=Host {i}", "--time-zone=UTC", "--json",
                    ],
                    cli_env(data_dir, database_url),
                )
            )
            for i in range(HOSTS)
        ]  # fmt: skip
        host_ids = [int(user["id"]) for user in made]
        team_id = _create_team(database_url, host_ids)
        env = subprocess_env(data_dir, database_url)
        for index in range(SERVERS[backend]):
            servers.append(start_server(tmp_path, env, "--no-demo", name=f"serve{index}"))
        keys = [str(user["apiKey"]) for user in made]
        yield TeamSite(servers, database_url, keys, host_ids, team_id)
    finally:
        for server in servers:
            server.stop()
        if server_url is not None:
            drop_postgres_database(server_url, name)


def _team_event_type(site: TeamSite, scheduling: str) -> int:
    """Every host works weekdays 09-17 UTC; a 30-minute team event type without notice."""
    with site.servers[0].client() as client:
        for key in site.keys:
            schedule = client.post(
                "/v2/schedules",
                headers={"Authorization": f"Bearer {key}", "cal-api-version": "2024-06-11"},
                json={
                    "name": "Weekdays", "timeZone": "UTC", "isDefault": True,
                    "availability": [{
                        "days": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
                        "startTime": "09:00", "endTime": "17:00",
                    }],
                },
            )  # fmt: skip
            assert schedule.status_code == 201, schedule.text
        created = client.post(
            f"/v2/teams/{site.team_id}/event-types",
            headers={"Authorization": f"Bearer {site.keys[0]}", "cal-api-version": "2024-06-14"},
            json={
                "title": "Race", "slug": "race", "lengthInMinutes": 30,
                "minimumBookingNotice": 0, "schedulingType": scheduling,
                "hosts": [{"userId": user_id} for user_id in site.host_ids],
            },
        )  # fmt: skip
        assert created.status_code == 201, created.text
        event_type_id: int = created.json()["data"]["id"]
    return event_type_id


@pytest.mark.parametrize(
    ("scheduling", "winners"),
    [("collective", 1), ("roundRobin", HOSTS)],
    ids=["collective", "round-robin"],
)
def test_concurrent_bookings_of_one_team_slot(
    site: TeamSite, scheduling: str, winners: int
) -> None:
    event_type_id = _team_event_type(site, scheduling)
    start = race_slot()

    responses = run_in_own_loop(race(site.servers, event_type_id, start))

    statuses = Counter(response.status_code for response in responses)
    errors = [r.text for r in responses if r.status_code >= 500][:3]
    assert statuses == {201: winners, 409: RACERS - winners}, (
        statuses,
        errors,
        [server.stderr[-3000:] for server in site.servers],
    )  # and so no 5xx
    for response in responses:
        if response.status_code == 409:
            assert response.json()["error"]["code"] == "ConflictException"
    bookings, _, busy = stored(site.database_url)
    assert len(bookings) == winners
    assert all(b.start_time == start and b.status == "ACCEPTED" for b in bookings)
    # Every host's time is held exactly once: one busy row per host, never two.
    assert sorted(row.user_id for row in busy) == sorted(site.host_ids)
    if scheduling == "collective":
        assert {row.booking_id for row in busy} == {bookings[0].id}
    else:  # one booking per host, each organized by a different host
        assert sorted(b.user_id for b in bookings) == sorted(site.host_ids)
        assert {(row.booking_id, row.user_id) for row in busy} == {
            (b.id, b.user_id) for b in bookings
        }
    for server in site.servers:
        assert "Traceback" not in server.stderr, server.stderr
