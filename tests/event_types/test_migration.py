"""The event-type fields migration: rows written before it migrate with Cal.com's defaults,
it goes down and up again cleanly, the models match it (alembic check), and SQLite's copy of
the table keeps AUTOINCREMENT."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from slotwise.db import make_engine
from slotwise.migrations.runner import alembic_config, current_revision
from tests.conftest import backends, create_postgres_database, drop_postgres_database

FIELDS_REVISION = "5c0e7a4b9d21"


@pytest.fixture(params=backends())
def empty_database_url(
    request: pytest.FixtureRequest, tmp_path: Path, worker_id_suffix: str
) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'event_types_migration.db'}"
        return
    server_url: str = request.getfixturevalue("postgres_server_url")
    name = f"slotwise_test_{worker_id_suffix}_etmig"
    url = create_postgres_database(server_url, name)
    yield url
    drop_postgres_database(server_url, name)


def previous_revision(url: str) -> str:
    script = ScriptDirectory.from_config(alembic_config(url))
    revision = script.get_revision(FIELDS_REVISION)
    assert revision is not None
    down = revision.down_revision
    assert isinstance(down, str)
    return down


def execute(url: str, statement: str, **params: Any) -> None:
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(text(statement), params)
    finally:
        engine.dispose()


def one_row(url: str) -> dict[str, Any]:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return dict(connection.execute(text("SELECT * FROM event_types")).mappings().one())
    finally:
        engine.dispose()


def columns(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return {c["name"] for c in inspect(connection).get_columns("event_types")}
    finally:
        engine.dispose()


def table_sql(url: str) -> str:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return str(
                connection.execute(
                    text("SELECT sql FROM sqlite_master WHERE name = 'event_types'")
                ).scalar()
            )
    finally:
        engine.dispose()


def seed_old_row(url: str) -> None:
    """A user and an event type as the first revision stored them (the demo's)."""
    now = datetime(2026, 1, 1, tzinfo=UTC).replace(tzinfo=None)
    execute(
        url,
        "INSERT INTO users (email, username, name, time_zone, week_start, time_format, "
        "hide_branding, allow_dynamic_booking, role, metadata, created_at, updated_at) VALUES "
        "('d@example.com', 'demo', 'Demo', 'UTC', 'Monday', 24, false, true, 'USER', '{}', "
        ":now, :now)",
        now=now,
    )
    execute(
        url,
        "INSERT INTO event_types (owner_id, title, slug, length_in_minutes, hidden, position, "
        "minimum_booking_notice, before_event_buffer, after_event_buffer, locations, "
        "booking_fields, metadata, created_at) VALUES (1, '15 min', '15min', 15, false, 0, "
        '120, 0, 0, \'[{"type": "integration", "integration": "cal-video"}]\', \'[]\', '
        "'{}', :now)",
        now=now,
    )


class TestEventTypeFieldsMigration:
    def test_existing_rows_migrate_down_and_up(self, empty_database_url: str) -> None:
        url = empty_database_url
        config = alembic_config(url)
        before = previous_revision(url)
        command.upgrade(config, before)
        seed_old_row(url)
        old_columns = columns(url)

        command.upgrade(config, FIELDS_REVISION)
        assert current_revision(url) == FIELDS_REVISION
        command.upgrade(config, "head")  # later migrations build on this one
        command.check(config)  # the models and the migrations describe one schema
        row = one_row(url)
        assert row["slug"] == "15min"
        assert row["period_type"] == "UNLIMITED"
        assert row["offset_start"] == 0
        assert bool(row["seats_show_availability_count"]) is True
        assert bool(row["requires_confirmation"]) is False
        assert bool(row["forward_params_success_redirect"]) is True
        assert row["seats_per_slot"] is None
        assert row["booking_limits_count"] in ({}, "{}")
        assert {"period_type", "booking_limits_count", "seats_per_slot", "recurrence"} <= columns(
            url
        )

        command.downgrade(config, before)
        assert columns(url) == old_columns
        assert one_row(url)["slug"] == "15min"  # data survives the way down

        command.upgrade(config, "head")
        command.check(config)
        assert one_row(url)["period_type"] == "UNLIMITED"

    def test_sqlite_keeps_autoincrement_through_the_table_copies(self, tmp_path: Path) -> None:
        url = f"sqlite:///{tmp_path / 'autoincrement.db'}"
        config = alembic_config(url)
        command.upgrade(config, "head")
        assert "AUTOINCREMENT" in table_sql(url)
        assert "ck_event_types_period_type" in table_sql(url)
        command.downgrade(config, previous_revision(url))
        assert "AUTOINCREMENT" in table_sql(url)
        command.upgrade(config, "head")
        assert "AUTOINCREMENT" in table_sql(url)

    def test_the_database_refuses_an_unknown_period_type(self, empty_database_url: str) -> None:
        url = empty_database_url
        command.upgrade(alembic_config(url), "head")
        seed_old_row(url)
        with pytest.raises(Exception, match="period_type"):
            execute(url, "UPDATE event_types SET period_type = 'FOREVER'")
