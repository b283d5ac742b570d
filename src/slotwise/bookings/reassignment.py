"""Moving a round-robin booking to another host (``POST /v2/bookings/{uid}/reassign`` and
``/reassign/{userId}``): the same time, the same calendar event, another organizer. The
new host must be a round-robin host of the event type free at that time (checked under
the hosts' lock as a new booking is); an automatic reassignment picks one by the same
round-robin rules, never the current host."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from sqlalchemy.orm import Session

from slotwise.bookings import repository, team_hosts
from slotwise.bookings.access import booking_for_update
from slotwise.bookings.booker_details import optional_text
from slotwise.bookings.changes import Change, record
from slotwise.bookings.lifecycle import ACTIVE_STATUSES, block_booking_hosts
from slotwise.bookings.models import Booking
from slotwise.bookings.views import BookingView, views_of
from slotwise.busy import service as busy
from slotwise.errors import Conflict, Forbidden, Invalid, Unauthorized
from slotwise.event_types import team_service
from slotwise.event_types.models import EventType, SchedulingType
from slotwise.slots import service as slots
from slotwise.teams import access
from slotwise.teams.models import MembershipRole
from slotwise.users.models import User


def reassign_booking(
    session: Session,
    uid: str,
    *,
    to_user_id: int | None,
    reason: str | None,
    now: datetime,
    caller: User | None,
) -> BookingView:
    booking, event_type = _reassignable(session, uid, caller, now=now)
    reason = optional_text(reason, "reason")
    previous = booking.user_id
    busy.free(session, booking.id)  # the booking never blocks its own move
    slot = slots.bookable_slot(
        session, event_type, repository.host_of(session, booking), booking.start_time,
        booking.end_time - booking.start_time, now=now,
    )  # fmt: skip
    rotating = [h for h in team_service.hosts_of(session, [event_type])[event_type.id]
                if not h.is_fixed and h.user.id != previous]  # fmt: skip
    free = set(slot.hosts)
    if to_user_id is not None:
        if not any(h.user.id == to_user_id for h in rotating):
            raise Invalid.field("userId", "is not another round-robin host of this event type")
        if to_user_id not in free:
            raise Conflict(f"User {to_user_id} is not free at the booking's time")
        chosen = to_user_id
    else:
        candidates = [h for h in rotating if h.user.id in free]
        if not candidates:
            raise Conflict("No other round-robin host is free at the booking's time")
        only_free = replace(slot, hosts=tuple(h.user.id for h in candidates))
        chosen = team_hosts.assign(
            session, event_type, only_free, now=now, hosts=candidates
        ).organizer.id
    booking.user_id = chosen
    booking.updated_at = now
    booking.ics_sequence += 1
    block_booking_hosts(session, booking, event_type)
    details = {"fromUserId": previous, "toUserId": chosen, "reason": reason}
    record(session, booking, Change.REASSIGNED, now=now, details=details)
    session.flush()
    return views_of(session, [booking])[0]


def _reassignable(
    session: Session, uid: str, caller: User | None, *, now: datetime
) -> tuple[Booking, EventType]:
    """The booking, when the caller (its host, or an admin of its team) may move it and it
    is an active, future round-robin booking."""
    if caller is None:
        raise Unauthorized("Reassigning a booking needs the API key of its host or a team admin")
    booking = booking_for_update(session, uid)
    event_type = repository.event_type_of(session, booking)
    team_id = event_type.team_id if event_type is not None else None
    is_admin = team_id is not None and access.has_role(
        session, team_id, caller.id, MembershipRole.ADMIN
    )
    if booking.user_id != caller.id and not is_admin:
        raise Forbidden("Only the booking's host or a team admin may reassign it")
    if event_type is None or event_type.scheduling_type != SchedulingType.ROUND_ROBIN.value:
        raise Invalid("Only a round-robin team booking can be reassigned")
    if booking.status not in ACTIVE_STATUSES or booking.end_time <= now:
        raise Invalid(f"Booking with uid={uid} is not upcoming and cannot be reassigned")
    return booking, event_type
