"""tests/spec.py reads the spec's shapes: its grammar on fixed snippets, and a floor for each
shape it reads from ../shared/spec, so a reworded spec makes this fail instead of leaving the
conformance tests checking an empty list."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests import spec


class TestFieldLists:
    def test_names_optional_nullable_and_alternatives(self) -> None:
        shape = spec.parse_fields(
            "id, name?, slotInterval|null, userId|teamId, users[] (personal) / hosts[], "
            "organization {isPlatform, id} (optional), timeFormat (12|24)"
        )
        assert shape.required == {"id", "slotInterval", "timeFormat"}
        assert shape.optional == {"name", "userId", "teamId", "users", "hosts", "organization"}
        assert shape.nested["organization"].required == {"isPlatform", "id"}

    def test_nested_arrays_typed_fields_and_ellipses(self) -> None:
        shape = spec.parse_fields(
            "{eventTypeId:int, attendees[{email, noShow:bool}], user{timeZone,…}, team{id}? , ...}"
        )
        assert shape.required == {"eventTypeId", "attendees", "user"}
        assert shape.optional == {"team"}
        assert shape.nested["attendees"].required == {"email", "noShow"}
        assert shape.nested["user"].required == {"timeZone"}

    def test_a_list_ends_at_its_sentence(self) -> None:
        text = "`a, b (x. y), c (`{d}`)`. Next sentence, e."
        assert spec.parse_fields(spec._list_text(text)).required == {"a", "b", "c"}


class TestDocumentedShapes:
    @pytest.mark.parametrize(
        ("read", "floor"),
        [
            (spec.me, {"id", "username", "email", "timeZone", "weekStart", "organizationId"}),
            (spec.event_type, {"id", "lengthInMinutes", "slug", "bookingFields", "users"}),
            (spec.schedule, {"id", "ownerId", "availability", "overrides", "isDefault"}),
            (spec.slot, {"start"}),
            (spec.slot_range, {"start", "end"}),
            (spec.seated_slot, {"seatsBooked", "seatsRemaining", "seatsTotal"}),
            (spec.reservation, {"reservationUid", "slotStart", "slotEnd", "reservationUntil"}),
            (spec.booking, {"uid", "start", "end", "status", "hosts", "attendees", "icsUid"}),
            (spec.pagination, {"totalItems", "hasNextPage", "hasPreviousPage"}),
            (spec.v1_attendee, {"id", "bookingId", "name", "email", "timeZone"}),
            (spec.webhook, {"id", "subscriberUrl", "triggers", "active", "payloadTemplate"}),
            (spec.webhook_booking_payload, {"uid", "startTime", "organizer", "attendees"}),
            (spec.legacy_event_type, {"id", "length", "periodType", "secondaryEmailId"}),
            (spec.legacy_event_type_list, {"eventTypeGroups", "profiles"}),
            (spec.legacy_schedule, {"workingHours", "dateOverrides", "isLastSchedule"}),
            (spec.legacy_booking_created, {"id", "uid", "startTime", "responses"}),
            (spec.legacy_booking, {"uid", "startTime", "endTime", "rejectionReason"}),
            (spec.legacy_booking_item, {"uid", "startTime", "paid", "seatsReferences"}),
        ],
    )
    def test_each_shape_is_found(self, read: Callable[[], spec.Shape], floor: set[str]) -> None:
        assert floor <= read().keys

    def test_the_booking_table_reads_notes(self) -> None:
        booking = spec.booking()
        assert {"cancellationReason", "recurringBookingUid", "seatUid"} <= booking.optional
        assert booking.nested["hosts"].required == {"id", "name", "email", "username", "timeZone"}
        assert booking.nested["eventType"].required == {"id", "slug"}
        attendee = booking.nested["attendees"]
        assert {"name", "email", "timeZone", "language", "absent"} == attendee.required
        assert {"seatUid", "bookingFieldsResponses", "metadata"} <= attendee.optional

    def test_the_spec_is_found_beside_the_repository(self) -> None:
        assert spec.SPEC_DIR.parts[-2:] == ("shared", "spec")
        assert (spec.SPEC_DIR / spec.API).is_file()
