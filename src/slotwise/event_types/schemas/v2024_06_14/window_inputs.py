"""How far ahead a slot may start (bookingWindow), in its 2024-06-14 shapes, and the
period_* columns it is stored in."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import Field, Tag, field_validator

from slotwise.event_types.models import EventType, PeriodType
from slotwise.event_types.schemas.shared import (
    MAX_WINDOW_DAYS,
    TAG_SEPARATOR,
    Disabled,
    IsoDate,
    may_be_left_out,
    shapes,
)
from slotwise.http.inputs import V2Input


class BusinessDaysWindow(V2Input):
    type: Literal["businessDays"]
    value: int = Field(ge=0, le=MAX_WINDOW_DAYS)
    rolling: bool = may_be_left_out()


class CalendarDaysWindow(V2Input):
    type: Literal["calendarDays"]
    value: int = Field(ge=0, le=MAX_WINDOW_DAYS)
    rolling: bool = may_be_left_out()


class RangeWindow(V2Input):
    type: Literal["range"]
    value: Annotated[list[IsoDate], Field(min_length=2, max_length=2)]

    @field_validator("value")
    @classmethod
    def _real_dates_in_order(cls, value: list[str]) -> list[str]:
        try:
            start, end = (date.fromisoformat(day) for day in value)
        except ValueError as exc:
            raise ValueError(f"must be two dates YYYY-MM-DD ({exc})") from exc
        if end < start:
            raise ValueError(f"the range ends ({end}) before it starts ({start})")
        return value


def _window_shape(value: Any) -> str | None:
    if not isinstance(value, dict):
        return None
    kind = value.get("type")
    if kind in ("businessDays", "calendarDays", "range"):
        return f"window{TAG_SEPARATOR}{kind}"
    if "type" not in value and "disabled" in value:
        return f"window{TAG_SEPARATOR}disabled"
    return None


BookingWindowInput = Annotated[
    Annotated[BusinessDaysWindow, Tag("window:businessDays")]
    | Annotated[CalendarDaysWindow, Tag("window:calendarDays")]
    | Annotated[RangeWindow, Tag("window:range")]
    | Annotated[Disabled, Tag("window:disabled")],
    shapes(
        _window_shape,
        "{type: businessDays|calendarDays, value: days, rolling?}, "
        "{type: range, value: [start, end]} or {disabled: true}",
    ),
]


def booking_window_attributes(
    window: BusinessDaysWindow | CalendarDaysWindow | RangeWindow | Disabled,
) -> dict[str, Any]:
    """bookingWindow -> the period_* columns (spec §3.1's table)."""
    cleared: dict[str, Any] = {
        "period_type": PeriodType.UNLIMITED.value,
        "period_days": None,
        "period_count_calendar_days": None,
        "period_start_date": None,
        "period_end_date": None,
    }
    if isinstance(window, BusinessDaysWindow | CalendarDaysWindow):
        rolling = bool(window.rolling)
        return cleared | {
            "period_type": (PeriodType.ROLLING_WINDOW if rolling else PeriodType.ROLLING).value,
            "period_days": window.value,
            "period_count_calendar_days": isinstance(window, CalendarDaysWindow),
        }
    if isinstance(window, RangeWindow):
        start, end = (date.fromisoformat(day) for day in window.value)
        return cleared | {
            "period_type": PeriodType.RANGE.value,
            "period_start_date": start,
            "period_end_date": end,
        }
    return cleared


def booking_window_output(event_type: EventType) -> dict[str, Any]:
    """The period_* columns -> bookingWindow (the table read backwards)."""
    period = event_type.period_type
    if period == PeriodType.RANGE and event_type.period_start_date and event_type.period_end_date:
        return {
            "type": "range",
            "value": [
                event_type.period_start_date.isoformat(),
                event_type.period_end_date.isoformat(),
            ],
        }
    if period in (PeriodType.ROLLING, PeriodType.ROLLING_WINDOW):
        calendar = event_type.period_count_calendar_days is not False
        return {
            "type": "calendarDays" if calendar else "businessDays",
            "value": event_type.period_days or 0,
            "rolling": period == PeriodType.ROLLING_WINDOW,
        }
    return {"disabled": True}
