"""PostgreSQL itself refuses a double booking: the busy-time exclusion constraint.

These tests write ``busy_times`` rows directly, past every check of the service, so what
they show is the database's own guarantee (spec/scheduling.md §14). Generated for the
PostgreSQL backend only (CI always runs it); SQLite's guarantee is the serialized
transaction, which the race tests show."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from fastapi import FastAPI
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from slotwise.bookings.models import Booking
from slotwise.busy.models import BusyTime
from slotwise.db import transaction
from tests.conftest import Account, Accounts

pytestmark = pytest.mark.postgres_only

T0 = datetime(2030, 3, 26, 9, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)


def add_busy(app: FastAPI, user_id: int, start: datetime, end: datetime) -> None:
    with transaction(app.state.write_session_factory) as session:
        booking = Booking(
            uid=uuid.uuid4().hex, user_id=user_id, title="T", start_time=start, end_time=end,
            status="ACCEPTED", responses={}, booking_metadata={}, language="en",
            rescheduled=False, absent_host=False, ics_uid="x", ics_sequence=0, created_at=T0,
        )  # fmt: skip
        session.add(booking)
        session.flush()
        session.add(
            BusyTime(
                booking_id=booking.id, user_id=user_id, starts_at=start, ends_at=end,
                meeting_starts_at=start, meeting_ends_at=end, booking_uid=booking.uid,
                seats_taken=1, confirmed=True,
            )
        )  # fmt: skip


def busy_count(app: FastAPI) -> int:
    with transaction(app.state.session_factory) as session:
        return int(session.scalar(select(func.count()).select_from(BusyTime)) or 0)


def test_an_overlapping_span_of_one_host_is_refused_by_the_database(
    app: FastAPI, alice: Account
) -> None:
    add_busy(app, alice.id, T0, T0 + HOUR)
    with pytest.raises(IntegrityError) as refused:
        add_busy(app, alice.id, T0 + HOUR / 2, T0 + 2 * HOUR)
    assert getattr(refused.value.orig, "sqlstate", None) == "23P01"
    assert busy_count(app) == 1


def test_back_to_back_spans_and_other_hosts_are_accepted(
    app: FastAPI, alice: Account, accounts: Accounts
) -> None:
    bob = accounts.create(username="bob")
    add_busy(app, alice.id, T0, T0 + HOUR)
    add_busy(app, alice.id, T0 + HOUR, T0 + 2 * HOUR)  # [) ranges: touching is no overlap
    add_busy(app, bob.id, T0, T0 + HOUR)  # another host
    assert busy_count(app) == 3
