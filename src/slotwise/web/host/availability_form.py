"""The weekly editor's and the date overrides' inputs, read into the schedules service's
inputs (``WeeklyRange``, ``OverrideHours``), and a schedule's rows laid out per day for it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, time

from slotwise.schedules.inputs import OverrideHours, WeeklyRange
from slotwise.schedules.views import ScheduleView

Posted = Mapping[str, Sequence[str]]
# Monday first, as the editor lists them; the numbers are the stored ones (0 = Sunday).
WEEK = ((1, "Monday"), (2, "Tuesday"), (3, "Wednesday"), (4, "Thursday"), (5, "Friday"),
        (6, "Saturday"), (0, "Sunday"))  # fmt: skip
Span = tuple[str, str]  # "HH:MM" wall-clock times as the form shows them


def _clock(raw: str, where: str, problems: list[str]) -> time | None:
    try:
        return time.fromisoformat(raw)
    except ValueError:
        problems.append(f"{where}: '{raw}' is not a time (HH:MM)")
        return None


def _pairs(posted: Posted, starts: str, ends: str) -> list[tuple[int, str, str]]:
    """(position, start, end) of each filled row; rows left empty are no rows."""
    return [
        (index, start.strip(), end.strip())
        for index, (start, end) in enumerate(
            zip(posted.get(starts, ()), posted.get(ends, ()), strict=False)
        )
        if start.strip() or end.strip()
    ]


def read_weekly(posted: Posted, problems: list[str]) -> list[WeeklyRange]:
    ranges: list[WeeklyRange] = []
    for day, name in WEEK:
        for index, raw_start, raw_end in _pairs(posted, f"start_{day}", f"end_{day}"):
            where = f"{name} range {index + 1}"
            start, end = _clock(raw_start, where, problems), _clock(raw_end, where, problems)
            if start is not None and end is not None:
                ranges.append(WeeklyRange(frozenset({day}), start, end, where=where))
    return ranges


def read_overrides(posted: Posted, problems: list[str]) -> list[OverrideHours]:
    """Each override row: a date with hours, or a date with none (a day off)."""
    overrides: list[OverrideHours] = []
    dates = [raw.strip() for raw in posted.get("override_date", ())]
    starts = list(posted.get("override_start", ()))
    ends = list(posted.get("override_end", ()))
    for index, raw_date in enumerate(dates):
        if not raw_date:
            continue
        where = f"Date override {raw_date}"
        try:
            day = date.fromisoformat(raw_date)
        except ValueError:
            problems.append(f"{where}: not a date (YYYY-MM-DD)")
            continue
        raw_start = starts[index].strip() if index < len(starts) else ""
        raw_end = ends[index].strip() if index < len(ends) else ""
        if not raw_start and not raw_end:  # unavailable all day
            overrides.append(OverrideHours(day, time(0), time(0), where=where))
            continue
        start, end = _clock(raw_start, where, problems), _clock(raw_end, where, problems)
        if start is not None and end is not None:
            overrides.append(OverrideHours(day, start, end, where=where))
    return overrides


def week_of(view: ScheduleView) -> list[tuple[int, str, list[Span]]]:
    """Each weekday, Monday first, with its ranges in order."""
    days = []
    for day, name in WEEK:
        spans = sorted(
            (row.start_time.strftime("%H:%M"), row.end_time.strftime("%H:%M"))
            for row in view.weekly
            if day in row.days
        )
        days.append((day, name, spans))
    return days


def overrides_of(view: ScheduleView) -> list[tuple[str, str, str]]:
    """(date, start, end) of each override row; a day off shows no times."""
    rows = []
    for row in view.overrides:
        day_off = row.start_time == row.end_time == time(0)
        start = "" if day_off else row.start_time.strftime("%H:%M")
        end = "" if day_off else row.end_time.strftime("%H:%M")
        rows.append((row.date.isoformat() if row.date else "", start, end))
    return rows
