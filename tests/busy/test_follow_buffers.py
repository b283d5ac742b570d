"""Buffers follow the event type, as in Cal.com (spec/scheduling.md §4): an existing booking
blocks ``[b.start - b.eventType.beforeEventBuffer, b.end + b.eventType.afterEventBuffer)``
with the buffers its event type has *now*, not the ones it had when it was booked. The
database still refuses two overlapping meetings of one host."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.exc import IntegrityError

from slotwise.busy.models import BusyTime
from tests.bookings.helpers import FIRST_SLOT, book
from tests.busy.test_busy_times import rows
from tests.conftest import Account
from tests.slots.helpers import data, error, make_event_type, make_schedule, slots, starts

DAY = {"start": "2030-03-26", "end": "2030-03-26"}
RIGHT_AFTER = "2030-03-26T09:30:00Z"  # the slot right after the 09:00-09:30 booking
RIGHT_AFTER_OFFERED = "2030-03-26T09:30:00.000Z"
NINE = datetime(2030, 3, 26, 9, 0, tzinfo=UTC)
MINUTE = timedelta(minutes=1)


@pytest.fixture
def hours(client: TestClient, alice: Account) -> None:
    make_schedule(client, alice, "UTC")


def set_buffers(client: TestClient, account: Account, event_type_id: int, **buffers: Any) -> None:
    response = client.patch(
        f"/v2/event-types/{event_type_id}",
        headers={**account.headers, "cal-api-version": "2024-06-14"},
        json=buffers,
    )
    data(response)


def offered(client: TestClient, event_type_id: int) -> list[str]:
    return starts(slots(client, eventTypeId=event_type_id, **DAY))


class TestAnAddedBufferBlocksAroundExistingBookings:
    def test_the_slot_right_after_is_taken_until_the_buffer_is_removed(
        self, client: TestClient, alice: Account, hours: None
    ) -> None:
        intro = make_event_type(client, alice)
        other = make_event_type(client, alice, "other")  # no buffers of its own
        data(book(client, intro, FIRST_SLOT), 201)
        assert RIGHT_AFTER_OFFERED in offered(client, other)

        set_buffers(client, alice, intro, afterEventBuffer=15)
        assert RIGHT_AFTER_OFFERED not in offered(client, other)
        assert RIGHT_AFTER_OFFERED not in offered(client, intro)
        assert "2030-03-26T10:00:00.000Z" in offered(client, other)  # 09:45 on is free
        error(book(client, other, RIGHT_AFTER, name="Bo"), 409)
        error(book(client, intro, RIGHT_AFTER, name="Bo"), 409)

        set_buffers(client, alice, intro, afterEventBuffer=0)
        assert RIGHT_AFTER_OFFERED in offered(client, other)
        data(book(client, other, RIGHT_AFTER, name="Bo"), 201)

    def test_a_before_buffer_blocks_the_slot_right_before(
        self, client: TestClient, alice: Account, hours: None
    ) -> None:
        intro = make_event_type(client, alice)
        data(book(client, intro, "2030-03-26T10:00:00Z"), 201)
        set_buffers(client, alice, intro, beforeEventBuffer=15)
        assert "2030-03-26T09:30:00.000Z" not in offered(client, intro)
        error(book(client, intro, RIGHT_AFTER, name="Bo"), 409)

    def test_back_to_back_bookings_may_gain_a_buffer_and_keep_their_times(
        self, app: FastAPI, client: TestClient, alice: Account, hours: None
    ) -> None:
        """Cal.com lets a host add a buffer between bookings already back to back: both
        stay, their buffered spans overlap, their meetings do not."""
        intro = make_event_type(client, alice)
        first = data(book(client, intro, FIRST_SLOT), 201)["uid"]
        second = data(book(client, intro, RIGHT_AFTER, name="Bo"), 201)["uid"]
        set_buffers(client, alice, intro, beforeEventBuffer=5, afterEventBuffer=15)
        [one] = rows(app, first)
        [two] = rows(app, second)
        assert (one.starts_at, one.ends_at) == (NINE - 5 * MINUTE, NINE + 45 * MINUTE)
        assert (two.starts_at, two.ends_at) == (NINE + 25 * MINUTE, NINE + 75 * MINUTE)
        assert "2030-03-26T10:00:00.000Z" not in offered(client, intro)  # 10:00 < 10:15
        assert "2030-03-26T10:30:00.000Z" in offered(client, intro)

    def test_a_deleted_event_types_bookings_block_without_buffers(
        self, app: FastAPI, client: TestClient, alice: Account, hours: None
    ) -> None:
        buffered = make_event_type(client, alice, "buffered", afterEventBuffer=30)
        other = make_event_type(client, alice, "other")
        uid = data(book(client, buffered, FIRST_SLOT), 201)["uid"]
        assert RIGHT_AFTER_OFFERED not in offered(client, other)
        deleted = client.delete(
            f"/v2/event-types/{buffered}",
            headers={**alice.headers, "cal-api-version": "2024-06-14"},
        )
        data(deleted)
        [row] = rows(app, uid)
        assert (row.starts_at, row.ends_at) == (NINE, NINE + 30 * MINUTE)
        assert RIGHT_AFTER_OFFERED in offered(client, other)
        assert "2030-03-26T09:00:00.000Z" not in offered(client, other)  # the meeting blocks


@pytest.mark.postgres_only
class TestTheDatabaseGuardsTheMeetings:
    def test_overlapping_spans_are_stored_overlapping_meetings_refused(
        self, app: FastAPI, client: TestClient, alice: Account, hours: None
    ) -> None:
        intro = make_event_type(client, alice)
        first = data(book(client, intro, FIRST_SLOT), 201)["uid"]
        data(book(client, intro, RIGHT_AFTER, name="Bo"), 201)
        third = data(book(client, intro, "2030-03-26T11:00:00Z", name="Cy"), 201)["uid"]
        set_buffers(client, alice, intro, afterEventBuffer=15)  # spans overlap: stored
        with app.state.session_factory() as session:
            moved = session.get(BusyTime, rows(app, third)[0].id)
            assert moved is not None
            # The third meeting moved onto the first one's: the database refuses it.
            moved.starts_at = moved.meeting_starts_at = NINE + 20 * MINUTE
            moved.meeting_ends_at = NINE + 29 * MINUTE
            moved.ends_at = NINE + 44 * MINUTE
            with pytest.raises(IntegrityError) as refused:
                session.commit()
        assert getattr(refused.value.orig, "sqlstate", None) == "23P01"
        [one] = rows(app, first)
        assert one.ends_at == NINE + 45 * MINUTE
