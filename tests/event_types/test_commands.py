"""The event types service's commands: what each face's body turns into (no database)."""

from __future__ import annotations

from dataclasses import fields

import pytest

from slotwise.commands import UNSET
from slotwise.event_types.commands import EventTypeChanges, NewEventType
from slotwise.event_types.schemas.v2024_04_15.bodies import (
    FIELD_NAMES_LEGACY,
    UpdateEventTypeInputLegacy,
)
from slotwise.event_types.schemas.v2024_06_14.bodies import (
    FIELD_NAMES,
    CreateEventTypeInput_2024_06_14,
    UpdateEventTypeInput_2024_06_14,
)

ATTRIBUTES = {field.name for field in fields(EventTypeChanges)}


class TestChanges:
    def test_a_change_carries_only_what_the_client_sent(self) -> None:
        body = UpdateEventTypeInput_2024_06_14.model_validate({"description": None, "hidden": True})
        changes = body.to_command()
        assert changes.given() == {"description": None, "hidden": True}
        assert changes.title is UNSET  # left out, not cleared

    def test_a_nested_setting_sets_every_column_it_is_stored_in(self) -> None:
        body = UpdateEventTypeInput_2024_06_14.model_validate(
            {"bookingWindow": {"type": "calendarDays", "value": 30, "rolling": True}}
        )
        assert body.to_command().given() == {
            "period_type": "ROLLING_WINDOW",
            "period_days": 30,
            "period_count_calendar_days": True,
            "period_start_date": None,
            "period_end_date": None,
        }

    def test_switching_a_setting_off_clears_its_columns(self) -> None:
        body = UpdateEventTypeInput_2024_06_14.model_validate({"seats": {"disabled": True}})
        assert body.to_command().given() == {
            "seats_per_slot": None,
            "seats_show_attendees": False,
            "seats_show_availability_count": True,
        }

    def test_an_empty_body_changes_nothing(self) -> None:
        assert UpdateEventTypeInput_2024_06_14.model_validate({}).to_command().given() == {}
        assert UpdateEventTypeInputLegacy.model_validate({}).to_command().given() == {}

    def test_legacy_names_reach_the_same_attributes(self) -> None:
        body = UpdateEventTypeInputLegacy.model_validate({"length": 45, "seatsPerTimeSlot": 3})
        assert body.to_command() == EventTypeChanges(length_in_minutes=45, seats_per_slot=3)


class TestNewEventType:
    def test_a_create_body_becomes_a_new_event_type(self) -> None:
        body = CreateEventTypeInput_2024_06_14.model_validate(
            {"title": "Intro", "slug": "intro", "lengthInMinutes": 30, "slotInterval": 15}
        )
        assert body.to_command() == NewEventType(
            title="Intro", slug="intro", length_in_minutes=30, slot_interval=15
        )


@pytest.mark.parametrize(
    ("names", "face"), [(FIELD_NAMES, "2024-06-14"), (FIELD_NAMES_LEGACY, "legacy")]
)
def test_every_attribute_has_a_name_in_each_face(names: dict[str, str], face: str) -> None:
    """An error naming an attribute always reaches the client under the face's field name."""
    assert set(names) == ATTRIBUTES, face
