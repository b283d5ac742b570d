"""The event page's HTML: the month calendar with its free days, the chosen day's slots, and
the booking (or rescheduling) form once a slot is chosen."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from fastapi.responses import HTMLResponse

from slotwise.bookings.views import BookingView
from slotwise.db import ReadSession
from slotwise.errors import NotFound
from slotwise.event_types import service as event_types
from slotwise.event_types import team_service
from slotwise.event_types.models import EventType
from slotwise.out_of_office.away import AwaySpan
from slotwise.slots import service as slots
from slotwise.slots.service import EventTypeRef, SlotSearch
from slotwise.users.models import User
from slotwise.web import calendar as cal
from slotwise.web.booker_state import HORIZON_AHEAD, BookerState, event_lengths
from slotwise.web.booking_page import booking_when
from slotwise.web.form import form_inputs, location_choices
from slotwise.web.owners import PageOwner
from slotwise.web.rendering import branding, render, time_zone_names


def find_public_event_type(
    session: ReadSession, username: str, slug: str
) -> tuple[User, EventType] | None:
    """The owner and event type an event page shows, or None when either is not public."""
    try:
        owner = event_types.public_owner(session, username)
        return owner, event_types.get_public_event_type(session, owner, slug)
    except NotFound:
        return None


@dataclass(frozen=True, slots=True)
class SlotView:
    start: str  # UTC, what the form posts
    label: str  # in the booker's zone and format
    seats_left: int | None


def render_event_page(
    session: ReadSession,
    owner: PageOwner,
    event_type: EventType,
    state: BookerState,
    *,
    now: datetime,
    rescheduling: BookingView | None = None,
    values: Mapping[str, str] | None = None,
    errors: Mapping[str, str] | None = None,
    general: Sequence[str] = (),
    message: str | None = None,
    status_code: int = 200,
    base: str | None = None,
) -> HTMLResponse:
    """The event page: the month calendar, the chosen day's slots, and the booking form
    once a slot is chosen (with ``values``, ``errors`` and ``general`` errors of a posted
    form that was refused). ``base``: the page's own path when it is not the event type's
    (a private link's ``/d/{link}/{slug}``). A team event type's page shows its hosts'
    pictures."""
    shown = _shown_month(session, event_type, state, now=now)
    if base is None:
        base = (
            f"/reschedule/{rescheduling.booking.uid}"
            if rescheduling
            else f"/{owner.username}/{event_type.slug}"
        )
    day = shown.day
    return render(
        "event.html",
        status_code=status_code,
        title=f"{event_type.title} | {owner.name or owner.username}",
        owner=owner,
        event_type=event_type,
        lengths=event_lengths(event_type),
        locations=location_choices(event_type),
        state=state,
        base=base,
        **_calendar(shown, owner, state, base),
        day_slots=_day_slots(shown, event_type, state),
        day_away=_day_away(session, shown, event_type),
        **_chosen_slot(shown, state),
        back_url=f"{base}?{state.query(date=day.isoformat() if day else None)}",
        inputs=form_inputs(event_type, rescheduling=rescheduling is not None),
        values={**dict(state.prefill), **(values or {})},
        errors=errors or {},
        general=list(general),
        message=message,
        zones=time_zone_names(),
        offset=cal.offset_label(state.zone, now),
        rescheduling=rescheduling,
        old_when=booking_when(rescheduling, state.zone, state.hour12) if rescheduling else "",
        seat=rescheduling.seat_uid if rescheduling else None,
        embed=state.embed,
        hosts=_team_hosts(session, event_type),
        **branding(owner),
    )


def _team_hosts(session: ReadSession, event_type: EventType) -> list[User]:
    """A team event type's hosts (none for a personal one)."""
    if event_type.team_id is None:
        return []
    hosts = team_service.hosts_of(session, [event_type])[event_type.id]
    return [host.user for host in hosts]


@dataclass(frozen=True, slots=True)
class ShownMonth:
    """The month the event page shows, with its free slots by date."""

    month: date  # its first day
    this_month: date  # the booker's current month (first day)
    today: date  # in the booker's zone
    free: dict[str, list[Any]]  # ISO date -> slots
    day: date | None  # the chosen day, when it is in this month
    away: dict[str, AwaySpan] = field(default_factory=dict)  # ISO date -> the host's absence


def _shown_month(
    session: ReadSession, event_type: EventType, state: BookerState, *, now: datetime
) -> ShownMonth:
    """The chosen day's (or asked) month, never before this one; with nothing asked and
    nothing free left this month, the next month when it has free slots."""
    today = now.astimezone(state.zone).date()
    this_month = today.replace(day=1)
    explicit = state.month is not None or state.day is not None
    month = state.day.replace(day=1) if state.day else (state.month or this_month)
    month = max(month, this_month)
    free, away = _month_slots(session, event_type, month, state, now=now)
    if not free and not explicit:  # nothing left this month: open on the next one
        later = cal.shift_month(month, 1)
        later_free, later_away = _month_slots(session, event_type, later, state, now=now)
        if later_free:
            month, free, away = later, later_free, later_away
    day = state.day if state.day and state.day.replace(day=1) == month else None
    if day is None and free:  # as Cal.com: the page opens on the first day with free times
        day = date.fromisoformat(min(free))
    return ShownMonth(month, this_month, today, free, day, away)


def _calendar(shown: ShownMonth, owner: PageOwner, state: BookerState, base: str) -> dict[str, Any]:
    """The month grid, its title and the links to the months before and after."""
    month = shown.month
    before, after = cal.shift_month(month, -1), cal.shift_month(month, 1)
    first_weekday = cal.python_first_weekday(event_types.week_start_number(owner.week_start))
    return {
        "month_title": cal.month_title(month),
        "month_key": cal.month_key(month),
        "prev_month": (
            None
            if month <= shown.this_month
            else f"{base}?{state.query(month=cal.month_key(before))}"
        ),
        "next_month": (
            None
            if after > shown.today + HORIZON_AHEAD
            else f"{base}?{state.query(month=cal.month_key(after))}"
        ),
        "weekdays": cal.weekday_names(first_weekday),
        "weeks": cal.month_grid(
            month,
            set(shown.free),
            first_weekday=first_weekday,
            selected=shown.day,
            today=shown.today,
            away_days=frozenset(day for day in shown.away if day not in shown.free),
        ),  # fmt: skip
        "day": shown.day,
        "day_title": cal.long_date(shown.day) if shown.day else "",
        "has_free": bool(shown.free),
    }


def _day_slots(shown: ShownMonth, event_type: EventType, state: BookerState) -> list[SlotView]:
    """The chosen day's free slots, labelled in the booker's zone and format (with the seats
    left when the event type shows them)."""
    if shown.day is None:
        return []
    show_seats = event_type.seats_per_slot is not None and event_type.seats_show_availability_count
    return [
        SlotView(
            start=slots.format_utc(slot.start),
            label=cal.time_label(slot.start, state.zone, hour12=state.hour12),
            seats_left=(event_type.seats_per_slot or 0) - (slot.seats_taken or 0)
            if show_seats
            else None,
        )
        for slot in shown.free.get(shown.day.isoformat(), [])
    ]


def _chosen_slot(shown: ShownMonth, state: BookerState) -> dict[str, Any]:
    """The slot the booker chose (on the shown day), as the form's heading says it."""
    day = shown.day
    chosen = state.slot if state.slot is not None and day is not None else None
    if chosen is None or day is None:
        return {"chosen": None, "chosen_label": "", "chosen_end": ""}
    end = chosen + timedelta(minutes=state.duration)
    return {
        "chosen": chosen,
        "chosen_label": (
            f"{cal.long_date(day)}, {cal.time_label(chosen, state.zone, hour12=state.hour12)}"
        ),
        "chosen_end": cal.time_label(end, state.zone, hour12=state.hour12),
    }


def _month_slots(
    session: ReadSession, event_type: EventType, month: date, state: BookerState, *, now: datetime
) -> tuple[dict[str, list[Any]], dict[str, AwaySpan]]:
    """The month's free slots by date, and its dates on the host's out-of-office days."""
    found = slots.find_slots(
        session,
        SlotSearch(
            event=EventTypeRef(event_type_id=event_type.id),
            start=month.isoformat(),
            end=cal.last_day(month).isoformat(),
            time_zone=state.zone.key,
            duration=state.duration,
        ),
        now=now,
    )
    free = {day: list(day_slots) for day, day_slots in found.by_date.items() if day_slots}
    away = {day: slots_away[0][1] for day, slots_away in found.away_by_date.items() if slots_away}
    return free, away


@dataclass(frozen=True, slots=True)
class DayAway:
    """What the page says on a day the host is out of office."""

    emoji: str
    to_name: str | None
    redirect_url: str | None  # the colleague's event type of the same slug, or their page


def _day_away(session: ReadSession, shown: ShownMonth, event_type: EventType) -> DayAway | None:
    if shown.day is None or shown.day.isoformat() in shown.free:
        return None
    span = shown.away.get(shown.day.isoformat())
    if span is None:
        return None
    colleague = span.to_user
    if colleague is None:
        return DayAway(span.emoji, None, None)
    found = find_public_event_type(session, colleague.username, event_type.slug)
    url = f"/{colleague.username}"
    if found is not None:
        url = f"/{colleague.username}/{event_type.slug}?date={shown.day.isoformat()}"
    return DayAway(span.emoji, colleague.name or colleague.username, url)
