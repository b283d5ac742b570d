"""Slot holds (spec/scheduling.md §12): a booker's few-minute claim on an offered slot, by
reservation uid (2024-09-04: ``/v2/slots/reservations``) or by the booker's ``uid`` cookie
(legacy: ``/v2/slots/reserve`` and ``/selected-slot``). Every write first drops expired
holds; a hold is taken only for a slot offered right now, checked under the hosts' lock."""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from slotwise.db import ReadSession
from slotwise.errors import Conflict, Forbidden, Invalid, NotFound, Unauthorized
from slotwise.event_types.models import EventType
from slotwise.slots import repository
from slotwise.slots.lookup import (
    allowed_length,
    allowed_lengths,
    event_type_by_id,
    minutes_list,
)
from slotwise.slots.models import UID_MAX_LENGTH, SlotReservation
from slotwise.slots.offer import offered_slot
from slotwise.users.models import User

MINUTES_TO_BOOK = 5  # Cal.com's NEXT_PUBLIC_MINUTES_TO_BOOK default
MAX_RESERVATION_MINUTES = 24 * 60  # an owner's custom hold: up to a day
_HOLDER = re.compile(rf"[A-Za-z0-9_-]{{1,{UID_MAX_LENGTH}}}")


@dataclass(frozen=True, slots=True)
class HoldRequest:
    """POST/PATCH /v2/slots/reservations: a slot of an event type, held for some minutes."""

    event_type_id: int
    slot_start: datetime
    slot_duration: int | None = None  # None: the event type's length
    reservation_minutes: int | None = None  # None: MINUTES_TO_BOOK; else owner only


@dataclass(frozen=True, slots=True)
class LegacyHoldRequest:
    """POST /v2/slots/reserve: a slot given by its two instants."""

    event_type_id: int
    slot_start: datetime
    slot_end: datetime
    holder: str | None  # the booker's uid cookie, if any
    booking_uid: str | None = None  # accepted; seated bookings arrive with bookings


@dataclass(frozen=True, slots=True)
class HeldSlot:
    uid: str
    event_type_id: int
    slot_start: datetime
    slot_end: datetime
    reservation_minutes: int
    reserved_until: datetime

    @property
    def slot_minutes(self) -> int:
        return int((self.slot_end - self.slot_start) // timedelta(minutes=1))


@dataclass(frozen=True, slots=True)
class _NewHold:
    """Who holds a slot, for how long, and which rows the new hold replaces."""

    uid: str
    holder: str
    minutes: int
    created_at: datetime
    start_field: str
    replacing: Sequence[SlotReservation] = ()


# --- 2024-09-04 ------------------------------------------------------------------------------


def reserve(
    session: Session, request: HoldRequest, *, now: datetime, caller: User | None
) -> HeldSlot:
    """A new hold on an offered slot (409 when it is not offered: taken, held, off hours)."""
    repository.delete_expired(session, now=now)
    uid = str(uuid.uuid4())
    event_type, owner = event_type_by_id(session, request.event_type_id)
    minutes = _reservation_minutes(request.reservation_minutes, event_type, caller)
    length = allowed_length(event_type, request.slot_duration, "slotDuration")
    hold = _NewHold(uid, uid, minutes, now, "slotStart")
    return _held(_hold(session, event_type, owner, request.slot_start, length, hold, now=now))


def get_reservation(session: ReadSession, uid: str, *, now: datetime) -> HeldSlot:
    return _held(_live_rows(session, uid, now=now))


def update_reservation(
    session: Session, uid: str, request: HoldRequest, *, now: datetime, caller: User | None
) -> HeldSlot:
    """Moves or renews a hold: the new slot must be offered, the hold's own rows aside; the
    hold lasts ``reservationDuration`` (default 5) minutes from now."""
    repository.delete_expired(session, now=now)
    current = _live_rows(session, uid, now=now)
    event_type, owner = event_type_by_id(session, request.event_type_id)
    minutes = _reservation_minutes(request.reservation_minutes, event_type, caller)
    length = allowed_length(event_type, request.slot_duration, "slotDuration")
    first = current[0]
    hold = _NewHold(uid, first.holder, minutes, first.created_at, "slotStart", current)
    return _held(_hold(session, event_type, owner, request.slot_start, length, hold, now=now))


def delete_reservation(session: Session, uid: str, *, now: datetime) -> None:
    repository.delete_expired(session, now=now)
    _live_rows(session, uid, now=now)
    repository.delete_reservation(session, uid)


def release_reservation(session: Session, uid: str) -> None:
    """A booking made with a held slot ends the hold."""
    if "\x00" not in uid and len(uid) <= UID_MAX_LENGTH:
        repository.delete_reservation(session, uid)


# --- legacy ----------------------------------------------------------------------------------


def legacy_holder(cookie: str | None) -> str:
    """The booker's hold identity: their ``uid`` cookie when it is a plausible token, else a
    new one (which the router sets as their cookie)."""
    if cookie is not None and _HOLDER.fullmatch(cookie):
        return cookie
    return str(uuid.uuid4())


def reserve_legacy(session: Session, request: LegacyHoldRequest, *, now: datetime) -> str:
    """Holds a slot for the booker and answers their holder uid; the same booker holding the
    same slot again renews the hold."""
    repository.delete_expired(session, now=now)
    holder = legacy_holder(request.holder)
    event_type, owner = event_type_by_id(session, request.event_type_id)
    if request.slot_end <= request.slot_start:
        raise Invalid.field("slotUtcEndDate", "must be after slotUtcStartDate")
    length = request.slot_end - request.slot_start
    allowed = allowed_lengths(event_type)
    if length % timedelta(minutes=1) or length // timedelta(minutes=1) not in allowed:
        raise Invalid.field(
            "slotUtcEndDate",
            "must be slotUtcStartDate plus one of the event type's durations "
            f"({minutes_list(allowed)} minutes)",
        )
    earlier = repository.holds_of(
        session, holder, event_type.id, request.slot_start, request.slot_end
    )
    hold = _NewHold(str(uuid.uuid4()), holder, MINUTES_TO_BOOK, now, "slotUtcStartDate", earlier)
    _hold(session, event_type, owner, request.slot_start, length, hold, now=now)
    return holder


def release_legacy(session: Session, holder: str | None, *, now: datetime) -> None:
    """Drops every hold of a booker (``DELETE /v2/slots/selected-slot``); nothing to drop is
    not an error, as in Cal.com."""
    repository.delete_expired(session, now=now)
    if holder and _HOLDER.fullmatch(holder):
        repository.delete_held_by(session, holder)


# --- shared ----------------------------------------------------------------------------------


def _hold(
    session: Session,
    event_type: EventType,
    owner: User,
    start: datetime,
    length: timedelta,
    hold: _NewHold,
    *,
    now: datetime,
) -> list[SlotReservation]:
    """Checks under the hosts' lock that the slot is offered (the holder's own holds aside),
    then replaces ``hold.replacing`` with the new hold's rows."""
    if start < now:
        raise Invalid.field(hold.start_field, "is in the past")
    repository.lock_hosts(session, [owner.id])
    slot = offered_slot(session, event_type, owner, start, length, now=now, holder=hold.holder)
    if slot is None:
        raise Conflict(
            f"The slot at {start.isoformat()} of event type {event_type.id} "
            "is not available: it is taken, held by someone else, or not offered"
        )
    repository.delete_rows(session, hold.replacing)
    rows = [
        SlotReservation(
            uid=hold.uid,
            event_type_id=event_type.id,
            user_id=host_id,
            slot_start=slot.start,
            slot_end=slot.end,
            reserved_until=now + timedelta(minutes=hold.minutes),
            reservation_minutes=hold.minutes,
            holder=hold.holder,
            is_seat=event_type.seats_per_slot is not None,
            created_at=hold.created_at,
        )
        for host_id in slot.hosts
    ]
    repository.add_reservations(session, rows)
    return rows


def _reservation_minutes(requested: int | None, event_type: EventType, caller: User | None) -> int:
    """``reservationDuration`` is for the event type's owner, with their API key."""
    if requested is None:
        return MINUTES_TO_BOOK
    if caller is None:
        raise Unauthorized("reservationDuration can only be set with an API key")
    if caller.id != event_type.owner_id:
        raise Forbidden("Only the event type's owner may set reservationDuration")
    return requested


def _live_rows(session: ReadSession, uid: str, *, now: datetime) -> list[SlotReservation]:
    rows = (
        repository.reservation_rows(session, uid, now=now)
        if "\x00" not in uid and len(uid) <= UID_MAX_LENGTH
        else []
    )
    if not rows:
        raise NotFound(f"Reservation with uid {uid} not found")
    return rows


def _held(rows: Sequence[SlotReservation]) -> HeldSlot:
    first = rows[0]
    return HeldSlot(
        uid=first.uid,
        event_type_id=first.event_type_id,
        slot_start=first.slot_start,
        slot_end=first.slot_end,
        reservation_minutes=first.reservation_minutes,
        reserved_until=first.reserved_until,
    )
