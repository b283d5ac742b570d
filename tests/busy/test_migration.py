"""The busy-times migration on a database that already holds bookings: every row is filled
in from its booking and attendees, the engine reads the same bookings as before, the models
match (alembic check), it goes down and up again, and PostgreSQL still refuses an overlap."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import Boolean, Engine, Integer, String, column, insert, inspect, select, table
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from slotwise.busy import service as busy
from slotwise.busy.models import BusyTime
from slotwise.core.busy import ExistingBooking
from slotwise.core.intervals import Interval
from slotwise.db import JSONDocument, UTCDateTime, make_engine
from slotwise.migrations.runner import alembic_config, current_revision
from tests.conftest import backends, create_postgres_database, drop_postgres_database

BUSY_REVISION = "bf2c4b8446d5"
BEFORE = "f3b8d1e6a2c4"  # webhooks: the revision this one follows
NINE = datetime(2030, 3, 26, 9, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)
MINUTE = timedelta(minutes=1)
CREATED = datetime(2030, 3, 1, tzinfo=UTC)
NEW_COLUMNS = {
    "meeting_starts_at",
    "meeting_ends_at",
    "event_type_id",
    "booking_uid",
    "seats_taken",
    "confirmed",
}

# The tables as the revision before this one has them (only the columns written here).
users = table(
    "users",
    *(column(name, String) for name in ("email", "username", "name", "time_zone")),
    *(column(name, String) for name in ("week_start", "role")),
    column("time_format", Integer),
    column("hide_branding", Boolean),
    column("allow_dynamic_booking", Boolean),
    column("metadata", JSONDocument),
    column("created_at", UTCDateTime),
    column("updated_at", UTCDateTime),
)
event_types = table(
    "event_types",
    *(column(name, Integer) for name in ("owner_id", "length_in_minutes", "position")),
    *(column(name, Integer) for name in ("minimum_booking_notice", "seats_per_slot")),
    *(column(name, Integer) for name in ("before_event_buffer", "after_event_buffer")),
    column("title", String),
    column("slug", String),
    column("hidden", Boolean),
    *(column(name, JSONDocument) for name in ("locations", "booking_fields", "metadata")),
    column("created_at", UTCDateTime),
)
bookings = table(
    "bookings",
    *(column(name, Integer) for name in ("id", "user_id", "event_type_id", "ics_sequence")),
    *(column(name, String) for name in ("uid", "title", "status", "language", "ics_uid")),
    column("start_time", UTCDateTime),
    column("end_time", UTCDateTime),
    column("responses", JSONDocument),
    column("metadata", JSONDocument),
    column("rescheduled", Boolean),
    column("absent_host", Boolean),
    column("created_at", UTCDateTime),
)
attendees = table(
    "attendees",
    column("booking_id", Integer),
    *(column(name, String) for name in ("name", "email", "time_zone", "locale")),
    column("no_show", Boolean),
    column("created_at", UTCDateTime),
)
old_busy_times = table(
    "busy_times",
    column("booking_id", Integer),
    column("user_id", Integer),
    column("starts_at", UTCDateTime),
    column("ends_at", UTCDateTime),
)


@pytest.fixture(params=backends())
def empty_database_url(
    request: pytest.FixtureRequest, tmp_path: Path, worker_id_suffix: str
) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'busy_migration.db'}"
        return
    server_url: str = request.getfixturevalue("postgres_server_url")
    name = f"slotwise_test_{worker_id_suffix}_busymig"
    url = create_postgres_database(server_url, name)
    yield url
    drop_postgres_database(server_url, name)


@pytest.fixture
def engine(empty_database_url: str) -> Iterator[Engine]:
    engine = make_engine(empty_database_url)
    yield engine
    engine.dispose()


def add_booking(
    connection: Any,
    booking_id: int,
    start: datetime,
    status: str,
    people: list[str],
    *,
    busy_span: tuple[datetime, datetime] | None,
) -> None:
    """A 30-minute booking of event type 1 by user 1, its attendees, and (for a blocking
    one) the busy span the bookings domain wrote before this migration: buffers included."""
    connection.execute(
        insert(bookings).values(
            id=booking_id,
            user_id=1,
            event_type_id=1,
            ics_sequence=0,
            uid=f"uid{booking_id}",
            title="Class",
            status=status,
            language="en",
            ics_uid=f"uid{booking_id}@slotwise",
            start_time=start,
            end_time=start + 30 * MINUTE,
            responses={},
            metadata={},
            rescheduled=False,
            absent_host=False,
            created_at=CREATED,
        )  # fmt: skip
    )
    for name in people:
        connection.execute(
            insert(attendees).values(
                booking_id=booking_id,
                name=name,
                email=f"{name}@example.com",
                time_zone="UTC",
                locale="en",
                no_show=False,
                created_at=CREATED,
            )  # fmt: skip
        )
    if busy_span is not None:
        connection.execute(
            insert(old_busy_times).values(
                booking_id=booking_id, user_id=1, starts_at=busy_span[0], ends_at=busy_span[1]
            )
        )


def seed_bookings(engine: Engine) -> None:
    """Alice's seated class (10 minutes before, 5 after): an accepted booking with two seats,
    a pending one with one, and a cancelled one, which blocks nothing."""
    with engine.begin() as connection:
        connection.execute(
            insert(users).values(
                email="alice@example.com",
                username="alice",
                name="Alice",
                time_zone="UTC",
                week_start="Monday",
                role="USER",
                time_format=24,
                hide_branding=False,
                allow_dynamic_booking=True,
                metadata={},
                created_at=CREATED,
                updated_at=CREATED,
            )  # fmt: skip
        )
        connection.execute(
            insert(event_types).values(
                owner_id=1,
                length_in_minutes=30,
                position=0,
                minimum_booking_notice=0,
                seats_per_slot=3,
                before_event_buffer=10,
                after_event_buffer=5,
                title="Class",
                slug="class",
                hidden=False,
                locations=[],
                booking_fields=[],
                metadata={},
                created_at=CREATED,
            )  # fmt: skip
        )
        buffered = (-10 * MINUTE, 35 * MINUTE)
        for booking_id, start, status, people in (
            (1, NINE, "ACCEPTED", ["ann", "bob"]),
            (2, NINE + 2 * HOUR, "PENDING", ["cy"]),
            (3, NINE + 4 * HOUR, "CANCELLED", ["di"]),
        ):
            span = (start + buffered[0], start + buffered[1]) if status != "CANCELLED" else None
            add_booking(connection, booking_id, start, status, people, busy_span=span)


def busy_columns(engine: Engine) -> set[str]:
    with engine.connect() as connection:
        return {c["name"] for c in inspect(connection).get_columns("busy_times")}


def engine_view(engine: Engine) -> list[ExistingBooking]:
    with Session(engine) as session:
        window = Interval(NINE - 24 * HOUR, NINE + 24 * HOUR)
        return busy.blocking_bookings(session, [1], window, margin=timedelta())[1]


def assert_an_overlap_is_refused(engine: Engine) -> None:
    """PostgreSQL's exclusion constraint outlived the table's changes: a span overlapping
    booking 1's is refused by the database itself."""
    with Session(engine) as session:
        session.add(
            BusyTime(
                booking_id=3, user_id=1, starts_at=NINE + 20 * MINUTE, ends_at=NINE + HOUR,
                meeting_starts_at=NINE + 20 * MINUTE, meeting_ends_at=NINE + HOUR,
                event_type_id=1, booking_uid="uid3", seats_taken=1, confirmed=True,
            )
        )  # fmt: skip
        with pytest.raises(IntegrityError) as refused:
            session.commit()
    assert getattr(refused.value.orig, "sqlstate", None) == "23P01"


class TestBusyTimesMigration:
    def test_rows_of_existing_bookings_are_filled_in(
        self, empty_database_url: str, engine: Engine
    ) -> None:
        config = alembic_config(empty_database_url)
        command.upgrade(config, BEFORE)
        seed_bookings(engine)
        old_columns = busy_columns(engine)

        command.upgrade(config, BUSY_REVISION)
        assert current_revision(empty_database_url) == BUSY_REVISION
        command.upgrade(config, "head")
        command.check(config)  # the models and the migrations describe one schema
        assert busy_columns(engine) == old_columns | NEW_COLUMNS
        expected = [
            ExistingBooking(
                interval=Interval(NINE, NINE + 30 * MINUTE), before_buffer=10 * MINUTE,
                after_buffer=5 * MINUTE, event_type_id=1, uid="uid1", attendees=2,
            ),
            ExistingBooking(
                interval=Interval(NINE + 2 * HOUR, NINE + 2 * HOUR + 30 * MINUTE),
                before_buffer=10 * MINUTE, after_buffer=5 * MINUTE, event_type_id=1,
                uid="uid2", attendees=1,
            ),
        ]  # fmt: skip
        assert engine_view(engine) == expected
        with Session(engine) as session:
            confirmed = session.execute(select(BusyTime.booking_id, BusyTime.confirmed))
            assert sorted(tuple(row) for row in confirmed) == [(1, True), (2, False)]

        command.downgrade(config, BEFORE)
        assert busy_columns(engine) == old_columns
        with engine.connect() as connection:  # the spans survive the way down
            spans = connection.execute(
                select(old_busy_times.c.booking_id, old_busy_times.c.ends_at)
            )
            assert sorted(tuple(row) for row in spans) == [
                (1, NINE + 35 * MINUTE),
                (2, NINE + 155 * MINUTE),
            ]

        command.upgrade(config, "head")
        command.check(config)
        assert engine_view(engine) == expected
        if engine.dialect.name == "postgresql":
            assert_an_overlap_is_refused(engine)


def test_sqlite_keeps_autoincrement_and_checks_through_the_table_copies(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'autoincrement.db'}"
    config = alembic_config(url)
    command.upgrade(config, "head")
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            sql = str(
                connection.exec_driver_sql(
                    "SELECT sql FROM sqlite_master WHERE name = 'busy_times'"
                ).scalar()
            )
    finally:
        engine.dispose()
    assert "AUTOINCREMENT" in sql
    for name in ("ck_busy_times_span", "ck_busy_times_meeting_inside_span", "uq_busy_times"):
        assert name in sql


FOLLOW_BUFFERS_REVISION = "f5a7c9e1b3d5"  # buffers follow the event type
TEAM_EVENT_TYPES = "d4e6f8a0b2c3"  # the revision it follows


def test_spans_take_their_event_types_current_buffers(
    empty_database_url: str, engine: Engine
) -> None:
    """Spans written with buffers frozen at booking time (10 before, 5 after) take the event
    type's buffers now (0 before, 20 after); PostgreSQL then refuses overlapping meetings,
    not overlapping spans."""
    config = alembic_config(empty_database_url)
    command.upgrade(config, BEFORE)
    seed_bookings(engine)
    command.upgrade(config, TEAM_EVENT_TYPES)
    with engine.begin() as connection:
        connection.execute(
            event_types.update().values(before_event_buffer=0, after_event_buffer=20)
        )

    command.upgrade(config, FOLLOW_BUFFERS_REVISION)  # (models match at head: checked below)
    with engine.connect() as connection:
        spans = connection.execute(
            select(
                old_busy_times.c.booking_id, old_busy_times.c.starts_at, old_busy_times.c.ends_at
            )
        )
        assert sorted(tuple(row) for row in spans) == [
            (1, NINE, NINE + 50 * MINUTE),
            (2, NINE + 2 * HOUR, NINE + 2 * HOUR + 50 * MINUTE),
        ]
    if engine.dialect.name == "postgresql":
        with Session(engine) as session:  # a meeting right after booking 1's: spans overlap
            session.add(
                BusyTime(
                    booking_id=3, user_id=1, starts_at=NINE + 30 * MINUTE, ends_at=NINE + HOUR,
                    meeting_starts_at=NINE + 30 * MINUTE, meeting_ends_at=NINE + HOUR,
                    event_type_id=None, booking_uid="uid3", seats_taken=1, confirmed=True,
                )
            )  # fmt: skip
            session.commit()
            session.execute(BusyTime.__table__.delete().where(BusyTime.booking_id == 3))
            session.commit()
        assert_an_overlap_is_refused(engine)

    command.downgrade(config, TEAM_EVENT_TYPES)
    command.upgrade(config, "head")
    command.check(config)
