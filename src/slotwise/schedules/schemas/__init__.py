"""Request and response shapes of /v2/schedules, one module per API version.

Every version's module offers the same five functions (``ScheduleSchemas``): parse a create
or update body into the service's version-neutral input, shape a schedule or an update, and
say what a DELETE of a missing schedule answers. The router picks the module by version.
"""

from __future__ import annotations

from typing import Any, Protocol

from slotwise.errors import NotFound, SlotwiseError
from slotwise.http.openapi import inline_json_schema
from slotwise.schedules.schemas import v2024_04_15, v2024_06_11
from slotwise.schedules.service import NewSchedule, ScheduleChanges, ScheduleUpdate, ScheduleView

ScheduleOutput = v2024_06_11.ScheduleOutput_2024_06_11 | v2024_04_15.ScheduleOutput_2024_04_15
UpdateScheduleOutput = (
    v2024_06_11.ScheduleOutput_2024_06_11 | v2024_04_15.UpdateScheduleOutput_2024_04_15
)


class ScheduleSchemas(Protocol):
    def parse_create(self, body: dict[str, Any]) -> NewSchedule:
        """Raises pydantic's ValidationError for a body of the wrong shape."""
        ...

    def parse_update(self, body: dict[str, Any]) -> ScheduleChanges: ...

    def schedule_output(self, view: ScheduleView) -> ScheduleOutput: ...

    def update_output(self, update: ScheduleUpdate) -> UpdateScheduleOutput: ...

    def missing_on_delete(self, error: NotFound) -> SlotwiseError: ...


# What the OpenAPI says a body may be: either version's shape (the header picks which).
CREATE_BODY_SCHEMA: dict[str, Any] = {
    "anyOf": [
        inline_json_schema(v2024_06_11.CreateScheduleInput_2024_06_11),
        inline_json_schema(v2024_04_15.CreateScheduleInput_2024_04_15),
    ]
}
UPDATE_BODY_SCHEMA: dict[str, Any] = {
    "anyOf": [
        inline_json_schema(v2024_06_11.UpdateScheduleInput_2024_06_11),
        inline_json_schema(v2024_04_15.UpdateScheduleInput_2024_04_15),
    ]
}

__all__ = [
    "CREATE_BODY_SCHEMA",
    "UPDATE_BODY_SCHEMA",
    "ScheduleOutput",
    "ScheduleSchemas",
    "UpdateScheduleOutput",
    "v2024_04_15",
    "v2024_06_11",
]
