"""Away days for the slots: which of a person's slots fall on their out-of-office days.

An entry covers its days in the person's own zone: from the start of its first day to the
end of its last (the next local midnight), as UTC instants, so a DST change inside it is
exact. A slot that overlaps that span is away: a personal event type does not offer it;
a listing may still show it flagged ``away``, with the colleague bookers are sent to.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from slotwise.core.availability import Slot
from slotwise.core.intervals import Interval
from slotwise.core.timezones import is_iana_time_zone
from slotwise.db import ReadSession
from slotwise.out_of_office import repository
from slotwise.out_of_office.models import REASON_EMOJI, OooReason, OutOfOfficeEntry
from slotwise.users import repository as users
from slotwise.users.models import User

_MARGIN = timedelta(days=1)  # a local day reaches at most 14 h either side of its UTC date


@dataclass(frozen=True, slots=True)
class Colleague:
    id: int
    name: str
    username: str


@dataclass(frozen=True, slots=True)
class AwaySpan:
    """One entry's days as a UTC interval, with what a booker is told."""

    interval: Interval
    entry_id: int
    reason: str
    emoji: str
    notes: str | None
    from_user: Colleague
    to_user: Colleague | None


def away_spans(session: ReadSession, person: User, window: Interval) -> list[AwaySpan]:
    """The person's out-of-office spans that touch ``window``, in order."""
    zone = ZoneInfo(person.time_zone if is_iana_time_zone(person.time_zone) else "UTC")
    first = (window.start - _MARGIN).date()
    last = (window.end + _MARGIN).date()
    entries = repository.of_users_between(session, [person.id], first, last)
    if not entries:
        return []
    redirects = _colleagues(session, [e.to_user_id for e in entries if e.to_user_id])
    me = Colleague(person.id, person.name, person.username)
    return [
        _span(entry, zone, me, redirects.get(entry.to_user_id) if entry.to_user_id else None)
        for entry in entries
    ]


def without_away_days(session: ReadSession, owner: User, slots: list[Slot]) -> list[Slot]:
    """The slots that do not fall on the owner's out-of-office days."""
    if not slots:
        return slots
    spans = away_spans(session, owner, Interval(slots[0].start, slots[-1].end))
    if not spans:
        return slots
    return [slot for slot in slots if _away_in(slot, spans) is None]


def away_slots(session: ReadSession, owner: User, slots: list[Slot]) -> dict[datetime, AwaySpan]:
    """The slots (by start) on the owner's out-of-office days, with the entry they fall in."""
    if not slots:
        return {}
    spans = away_spans(session, owner, Interval(slots[0].start, max(s.end for s in slots)))
    found: dict[datetime, AwaySpan] = {}
    for slot in slots:
        span = _away_in(slot, spans) if spans else None
        if span is not None:
            found[slot.start] = span
    return found


def _away_in(slot: Slot, spans: Sequence[AwaySpan]) -> AwaySpan | None:
    for span in spans:
        if slot.start < span.interval.end and span.interval.start < slot.end:
            return span
    return None


def _span(
    entry: OutOfOfficeEntry, zone: ZoneInfo, me: Colleague, to_user: Colleague | None
) -> AwaySpan:
    start = datetime.combine(entry.start_date, time(), tzinfo=zone)
    end = datetime.combine(entry.end_date + timedelta(days=1), time(), tzinfo=zone)
    reason = OooReason(entry.reason)
    return AwaySpan(
        interval=Interval(start.astimezone(ZoneInfo("UTC")), end.astimezone(ZoneInfo("UTC"))),
        entry_id=entry.id,
        reason=reason.value,
        emoji=REASON_EMOJI[reason],
        notes=entry.notes,
        from_user=me,
        to_user=to_user,
    )


def _colleagues(session: ReadSession, ids: Sequence[int]) -> dict[int, Colleague]:
    found = {}
    for user_id in set(ids):
        user = users.get_by_id(session, user_id)
        if user is not None:
            found[user_id] = Colleague(user.id, user.name, user.username)
    return found
