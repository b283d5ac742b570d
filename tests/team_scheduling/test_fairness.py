"""Round-robin fairness, simulated through the bookings service's host choice (not over
HTTP, for speed): 10,000 bookings of a slot all five hosts are free for, each choice read
back from the database the way a real booking's is (this month's bookings per host, the
latest booking), each winner's booking written before the next choice."""

from __future__ import annotations

import secrets
from collections import Counter
from datetime import timedelta

import pytest
from fastapi import FastAPI

from slotwise.bookings import team_hosts
from slotwise.bookings.models import Booking, BookingStatus
from slotwise.clock import FrozenClock
from slotwise.core.availability import Slot
from slotwise.db import transaction
from slotwise.event_types import team_service
from slotwise.event_types.commands import NewEventType
from slotwise.event_types.team_commands import HostSpec, TeamSetup
from slotwise.users.models import User
from tests.conftest import Account, Accounts
from tests.team_scheduling.conftest import Teams

BOOKINGS = 10_000
# The choice is the same on both databases; one is enough for a test this long.
pytestmark = [pytest.mark.sqlite_only, pytest.mark.slow]


def _simulate(
    app: FastAPI, clock: FrozenClock, owner: Account, team_id: int, hosts: list[Account],
    weights: list[int], *, weights_enabled: bool,
) -> Counter[int]:  # fmt: skip
    now = clock.now()
    with transaction(app.state.write_session_factory) as session:
        creator = session.get(User, owner.id)
        assert creator is not None
        event_type = team_service.create_team_event_type(
            session, creator, team_id,
            NewEventType(title="Demo", slug="demo", length_in_minutes=30),
            TeamSetup(
                scheduling_type="ROUND_ROBIN",
                hosts=tuple(HostSpec(h.id, weight=w) for h, w in zip(hosts, weights, strict=True)),
                is_rr_weights_enabled=weights_enabled,
            ),
            now=now,
        )  # fmt: skip
        start = now + timedelta(days=1)
        slot = Slot(start, start + timedelta(minutes=30), tuple(h.id for h in hosts))
        taken: Counter[int] = Counter()
        hosts_of = team_service.hosts_of(session, [event_type])[event_type.id]
        for _ in range(BOOKINGS):
            organizer = team_hosts.assign(
                session, event_type, slot, now=now, hosts=hosts_of
            ).organizer
            taken[organizer.id] += 1
            uid = secrets.token_hex(16)
            session.add(
                Booking(
                    uid=uid, user_id=organizer.id, event_type_id=event_type.id, title="Demo",
                    start_time=slot.start, end_time=slot.end,
                    status=BookingStatus.ACCEPTED.value, responses={}, booking_metadata={},
                    language="en", ics_uid=uid, ics_sequence=0, rescheduled=False,
                    absent_host=False, created_at=now, updated_at=now,
                )
            )  # fmt: skip
        session.rollback()  # the simulation's bookings are not kept
    return taken


@pytest.fixture
def five(accounts: Accounts) -> list[Account]:
    return [accounts.create(username=f"host{i}") for i in range(5)]


def test_weighted_shares_within_three_points(
    app: FastAPI, clock: FrozenClock, teams: Teams, alice: Account, five: list[Account]
) -> None:
    team_id = teams.make(alice, members=five)
    weights = [1, 1, 2, 2, 4]
    taken = _simulate(app, clock, alice, team_id, five, weights, weights_enabled=True)
    assert sum(taken.values()) == BOOKINGS
    for host, weight in zip(five, weights, strict=True):
        share = taken[host.id] / BOOKINGS
        assert abs(share - weight / sum(weights)) <= 0.03, (host.username, share)


def test_equal_weights_within_two_percent(
    app: FastAPI, clock: FrozenClock, teams: Teams, alice: Account, five: list[Account]
) -> None:
    team_id = teams.make(alice, members=five)
    taken = _simulate(app, clock, alice, team_id, five, [100] * 5, weights_enabled=False)
    counts = [taken[host.id] for host in five]
    assert sum(counts) == BOOKINGS
    assert (max(counts) - min(counts)) / max(counts) < 0.02, counts
