"""The rules for availability schedules (/v2/schedules, every API version): a time zone plus
wall-clock rows in it (spec/scheduling.md §1), weekly rows and date overrides. The operations
take version-neutral inputs (the schemas of each version build them), check them whole,
normalize and store them. Each concern has its module: ``inputs`` (what the schemas build),
``validation`` (the checks of weekly ranges and overrides), ``normal_form`` (how rows are
merged and ordered), ``operations`` (create, update, delete) and ``views`` (the reads); this
module re-exports them. The decisions are in ARCHITECTURE.md ("Versioned resources")."""

from __future__ import annotations

from slotwise.schedules.inputs import (
    MONDAY_TO_FRIDAY,
    WEEKDAY_NAMES,
    NewSchedule,
    Override,
    OverrideHours,
    OverrideSpan,
    ScheduleChanges,
    WeeklyRange,
)
from slotwise.schedules.normal_form import (
    END_OF_DAY,
    MIDNIGHT,
    monday_first,
    normalized_overrides,
    normalized_weekly,
)
from slotwise.schedules.operations import (
    create_schedule,
    create_weekly_schedule,
    delete_schedule,
    update_schedule,
)
from slotwise.schedules.validation import (
    FIRST_OVERRIDE_DATE,
    LAST_OVERRIDE_DATE,
    NAME_MAX_LENGTH,
)
from slotwise.schedules.views import (
    ScheduleUpdate,
    ScheduleView,
    booking_rules,
    default_booking_rules,
    get_default_schedule,
    get_schedule,
    list_schedules,
    schedule_rules,
)

__all__ = [
    "END_OF_DAY",
    "FIRST_OVERRIDE_DATE",
    "LAST_OVERRIDE_DATE",
    "MIDNIGHT",
    "MONDAY_TO_FRIDAY",
    "NAME_MAX_LENGTH",
    "NewSchedule",
    "Override",
    "OverrideHours",
    "OverrideSpan",
    "ScheduleChanges",
    "ScheduleUpdate",
    "ScheduleView",
    "WEEKDAY_NAMES",
    "WeeklyRange",
    "booking_rules",
    "default_booking_rules",
    "create_schedule",
    "create_weekly_schedule",
    "delete_schedule",
    "get_default_schedule",
    "get_schedule",
    "list_schedules",
    "monday_first",
    "normalized_overrides",
    "normalized_weekly",
    "schedule_rules",
    "update_schedule",
]
