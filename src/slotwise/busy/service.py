"""What other domains ask of busy times: the availability engine's view of a host's
bookings (for slots), and a booking's busy span written, kept up to date and freed (for
bookings)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.orm import Session

from slotwise.busy import repository
from slotwise.busy.models import BusyTime
from slotwise.core.booking_window import CountedBooking
from slotwise.core.busy import ExistingBooking
from slotwise.core.intervals import Interval
from slotwise.db import ReadSession

# Booking and duration limits count per day, week, month or year: a year either side of a
# window covers the longest period that reaches into it.
_LIMIT_REACH = timedelta(days=370)


@dataclass(frozen=True, slots=True)
class BookedMeeting:
    """A blocking booking of one host, as the busy row records it."""

    booking_id: int
    booking_uid: str
    user_id: int
    event_type_id: int | None
    meeting: Interval
    before_buffer: timedelta
    after_buffer: timedelta
    seats_taken: int
    confirmed: bool


# --- reads (the availability engine's inputs) ------------------------------------------------


def blocking_bookings(
    session: ReadSession, user_ids: Sequence[int], window: Interval, *, margin: timedelta
) -> dict[int, list[ExistingBooking]]:
    """Every booking that blocks these hosts around ``window``, by host, with its event
    type's buffers as they are now, its event type, uid and seats taken. ``margin`` widens
    the search by the new event's buffers, which reach that far around a slot."""
    found: dict[int, list[ExistingBooking]] = {user_id: [] for user_id in user_ids}
    if not user_ids:
        return found
    rows = repository.overlapping(session, user_ids, window.start - margin, window.end + margin)
    for row in rows:
        found[row.user_id].append(
            ExistingBooking(
                interval=Interval(row.meeting_starts_at, row.meeting_ends_at),
                before_buffer=row.meeting_starts_at - row.starts_at,
                after_buffer=row.ends_at - row.meeting_ends_at,
                event_type_id=row.event_type_id,
                uid=row.booking_uid,
                attendees=row.seats_taken,
            )
        )
    return found


def counted_bookings(
    session: ReadSession, event_type_id: int, user_ids: Sequence[int], window: Interval
) -> dict[int, list[CountedBooking]]:
    """This event type's confirmed (accepted) bookings of each host around ``window``, for
    its booking and duration limits."""
    found: dict[int, list[CountedBooking]] = {user_id: [] for user_id in user_ids}
    if not user_ids:
        return found
    rows = repository.confirmed_meetings_of_event_type(
        session, user_ids, event_type_id, window.start - _LIMIT_REACH, window.end + _LIMIT_REACH
    )
    for row in rows:
        found[row.user_id].append(
            CountedBooking(
                start=row.meeting_starts_at, duration=row.meeting_ends_at - row.meeting_starts_at
            )
        )
    return found


# --- writes (by the bookings domain) ------------------------------------------------------------


def block(session: Session, meeting: BookedMeeting) -> None:
    """The host's busy span for a blocking booking, buffers included (written with the next
    flush). PostgreSQL's exclusion constraint refuses a meeting overlapping another of the
    host: the error mapping answers that 409 (``http/errors.py``); the caller already
    checked under the host's lock."""
    repository.add(
        session,
        BusyTime(
            booking_id=meeting.booking_id,
            user_id=meeting.user_id,
            starts_at=meeting.meeting.start - meeting.before_buffer,
            ends_at=meeting.meeting.end + meeting.after_buffer,
            meeting_starts_at=meeting.meeting.start,
            meeting_ends_at=meeting.meeting.end,
            event_type_id=meeting.event_type_id,
            booking_uid=meeting.booking_uid,
            seats_taken=meeting.seats_taken,
            confirmed=meeting.confirmed,
        ),
    )


def booking_changed(
    session: Session, booking_id: int, *, seats_taken: int, confirmed: bool
) -> None:
    """A booking's seats taken or confirmation changed: its spans say so from now on."""
    repository.update_booking_rows(
        session, booking_id, seats_taken=seats_taken, confirmed=confirmed
    )


def follow_buffers(
    session: Session, event_type_id: int, *, before: timedelta, after: timedelta
) -> None:
    """An event type's buffers changed (or it is gone: no buffers): its bookings block
    ``[start - before, end + after)`` from now on, as in Cal.com, where a booking blocks with
    the buffers its event type has now. Spans may then overlap; the meetings never do (the
    exclusion constraint guards them). The caller holds the hosts' locks, so no booking of
    the event type is checked against the old buffers meanwhile."""
    repository.respan(
        session,
        [
            {"id": row_id, "starts_at": start - before, "ends_at": end + after}
            for row_id, start, end in repository.meetings_of_event_type(session, event_type_id)
        ],
    )


def free(session: Session, booking_id: int) -> None:
    """The booking no longer blocks its hosts (cancelled, rejected, moved)."""
    repository.delete_booking_rows(session, booking_id)
