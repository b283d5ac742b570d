"""Domain errors name domain fields; each face renames them to its own."""

from __future__ import annotations

import pytest

from slotwise.errors import Invalid, NotFound, fields_named

V2_NAMES = {"length_in_minutes": "lengthInMinutes", "period_type": "bookingWindow",
            "period_days": "bookingWindow", "booking_fields": "bookingFields"}  # fmt: skip


def test_a_face_reads_its_own_field_names_and_paths_keep_their_tail() -> None:
    error = Invalid.fields(
        [
            {"field": "length_in_minutes", "message": "is required"},
            {"field": "booking_fields[2].label", "message": "must not be empty"},
            {"field": "unmapped", "message": "stays"},
        ]
    )
    renamed = error.renamed(V2_NAMES)
    assert [p["field"] for p in renamed.details] == [
        "lengthInMinutes",
        "bookingFields[2].label",
        "unmapped",
    ]
    assert renamed.message == (
        "Invalid request: lengthInMinutes: is required; bookingFields[2].label: must not be "
        "empty; unmapped: stays"
    )


def test_two_attributes_of_one_field_with_one_message_are_said_once() -> None:
    error = Invalid.fields(
        [
            {"field": "period_type", "message": "bad window"},
            {"field": "period_days", "message": "bad window"},
            {"field": "period_days", "message": "must be positive"},
        ]
    )
    assert error.renamed(V2_NAMES).details == [
        {"field": "bookingWindow", "message": "bad window"},
        {"field": "bookingWindow", "message": "must be positive"},
    ]


def test_fields_named_renames_invalid_and_lets_other_errors_through() -> None:
    with pytest.raises(Invalid) as caught, fields_named(V2_NAMES):
        raise Invalid.field("length_in_minutes", "must be positive")
    assert caught.value.details == [{"field": "lengthInMinutes", "message": "must be positive"}]
    with pytest.raises(NotFound), fields_named(V2_NAMES):
        raise NotFound("Event type with id 3 not found")
    plain = Invalid("no problems listed")
    assert plain.renamed(V2_NAMES) is plain
