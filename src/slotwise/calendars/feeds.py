"""Each user's private ICS feed of their bookings (a secret URL, ``feed_<hex>``): accepted
and pending bookings from 30 days ago on, as VEVENTs with the bookings' own ICS UID and
sequence, so a subscribed calendar shows a reschedule as the same event moved and drops a
cancelled one at its next refresh."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from slotwise.bookings import reads as bookings
from slotwise.bookings.models import BookingStatus
from slotwise.bookings.repository import ListQuery
from slotwise.calendars.models import BookingsFeed
from slotwise.db import ReadSession
from slotwise.errors import NotFound
from slotwise.event_types.locations import readable_location
from slotwise.users import repository as users

TOKEN_PREFIX = "feed_"
_SHOWN = frozenset({BookingStatus.ACCEPTED.value, BookingStatus.PENDING.value})
_PAST = timedelta(days=30)
_MOST = 2000


def issue(session: Session, user_id: int, *, now: datetime) -> str:
    """A new secret token for the user's feed (the previous one stops working)."""
    token = TOKEN_PREFIX + secrets.token_hex(20)
    row = session.scalars(select(BookingsFeed).where(BookingsFeed.user_id == user_id)).one_or_none()
    if row is None:
        row = BookingsFeed(user_id=user_id)
        session.add(row)
    row.token_hash = _hash(token)
    row.created_at = now
    session.flush()
    return token


def bookings_ics(session: ReadSession, token: str, *, now: datetime) -> bytes:
    """The feed a token opens; an unknown token is a 404 like any unknown id."""
    row = session.scalars(
        select(BookingsFeed).where(BookingsFeed.token_hash == _hash(token))
    ).one_or_none()
    user = users.get_by_id(session, row.user_id) if row is not None else None
    if user is None:
        raise NotFound("Calendar feed not found")
    page = bookings.list_bookings(
        session, user, ListQuery(after_start=now - _PAST, take=_MOST), now=now
    )
    from icalendar import Calendar, Event, vCalAddress  # loaded by the first feed asked for

    calendar = Calendar()
    calendar.add("prodid", "-//slotwise//bookings feed//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{user.name} (slotwise)")
    for view in page.views:
        booking = view.booking
        if booking.status not in _SHOWN:
            continue
        event = Event()
        event.add("uid", booking.ics_uid)
        event.add("sequence", booking.ics_sequence)
        event.add("summary", booking.title)
        event.add("dtstart", booking.start_time)
        event.add("dtend", booking.end_time)
        event.add("dtstamp", now)
        if booking.status == BookingStatus.PENDING.value:
            event.add("status", "TENTATIVE")
        if booking.location:
            event.add("location", readable_location(booking.location))
        for attendee in view.attendees:
            event.add("attendee", vCalAddress(f"mailto:{attendee.email}"))
        calendar.add_component(event)
    return bytes(calendar.to_ical())


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
