"""Who a team booking holds (spec/scheduling.md §9): a COLLECTIVE booking every host (the
first is the organizer), a ROUND_ROBIN booking one round-robin host chosen by
``core.round_robin`` plus every fixed host. Each host's busy span is written in the
booking's transaction, so the database refuses a double booking of any of them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session

from slotwise.bookings import repository
from slotwise.bookings.models import Booking, BookingStatus
from slotwise.busy import service as busy
from slotwise.busy.service import BookedMeeting
from slotwise.core.availability import Slot
from slotwise.core.intervals import Interval
from slotwise.core.round_robin import Candidate, host_for_round_robin
from slotwise.db import ReadSession
from slotwise.errors import Conflict
from slotwise.event_types import team_service
from slotwise.event_types.models import EventType, SchedulingType
from slotwise.users.models import User


@dataclass(frozen=True, slots=True)
class TeamAssignment:
    organizer: User
    others: list[User]  # every other host the booking holds


def is_team_event(event_type: EventType | None) -> bool:
    return event_type is not None and event_type.team_id is not None


def assign(
    session: ReadSession,
    event_type: EventType,
    slot: Slot,
    *,
    now: datetime,
    keep_organizer: int | None = None,
    hosts: list[team_service.TeamHost] | None = None,
) -> TeamAssignment:
    """The hosts of a new booking in ``slot`` (whose ``hosts`` are those free for it).
    ``keep_organizer``: a reschedule that keeps its round-robin host when that host is free.
    ``hosts``: the event type's hosts, when the caller has read them already."""
    if hosts is None:
        hosts = team_service.hosts_of(session, [event_type])[event_type.id]
    free = set(slot.hosts)
    fixed = [h for h in hosts if h.is_fixed]
    if any(h.user.id not in free for h in fixed):  # pragma: no cover - the engine intersects
        raise Conflict("A host of this team event is no longer free at that time")
    if event_type.scheduling_type == SchedulingType.COLLECTIVE.value or not hosts:
        return TeamAssignment(fixed[0].user, [h.user for h in fixed[1:]])
    rotating = [h for h in hosts if not h.is_fixed and h.user.id in free]
    if not rotating:  # only fixed hosts: the first of them organizes
        return TeamAssignment(fixed[0].user, [h.user for h in fixed[1:]])
    chosen = _kept(rotating, keep_organizer) or _lucky(session, event_type, rotating, now=now)
    by_id = {h.user.id: h.user for h in rotating}
    return TeamAssignment(by_id[chosen], [h.user for h in fixed])


def _kept(rotating: list[team_service.TeamHost], keep_organizer: int | None) -> int | None:
    if keep_organizer is not None and any(h.user.id == keep_organizer for h in rotating):
        return keep_organizer
    return None


def _lucky(
    session: ReadSession,
    event_type: EventType,
    rotating: list[team_service.TeamHost],
    *,
    now: datetime,
) -> int:
    """The round-robin host: priority, then weighted fairness over this month's bookings,
    then least recently booked."""
    since = now.astimezone(UTC).replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    record = repository.round_robin_record(
        session, event_type.id, [h.user.id for h in rotating], since
    )
    candidates = [
        Candidate(
            user_id=h.user.id,
            priority=h.priority,
            weight=h.weight,
            bookings_in_period=record[h.user.id][0],
            last_booked=record[h.user.id][1],
        )
        for h in rotating
    ]
    return host_for_round_robin(candidates, weights_enabled=event_type.is_rr_weights_enabled)


def hold_other_hosts(
    session: Session, booking: Booking, event_type: EventType, others: list[User]
) -> None:
    """The other hosts' rows and busy spans (the organizer's came with the booking)."""
    for user in others:
        repository.add_other_host(session, booking.id, user.id)
        busy.block(
            session,
            BookedMeeting(
                booking_id=booking.id,
                booking_uid=booking.uid,
                user_id=user.id,
                event_type_id=event_type.id,
                meeting=Interval(booking.start_time, booking.end_time),
                before_buffer=timedelta(minutes=event_type.before_event_buffer),
                after_buffer=timedelta(minutes=event_type.after_event_buffer),
                seats_taken=0,
                confirmed=booking.status == BookingStatus.ACCEPTED.value,
            ),
        )
    session.flush()


def other_hosts(session: ReadSession, bookings: list[Booking]) -> dict[int, list[User]]:
    """Each booking's hosts besides its organizer (none for a personal booking)."""
    ids = repository.other_host_ids(session, [b.id for b in bookings])
    users = repository.users_by_id(session, sorted({u for v in ids.values() for u in v}))
    return {booking_id: [users[u] for u in user_ids] for booking_id, user_ids in ids.items()}
