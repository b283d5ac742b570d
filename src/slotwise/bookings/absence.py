"""The host marks who did not show up: themselves and any attendee, by email."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from slotwise.bookings import repository
from slotwise.bookings.access import hosted_booking
from slotwise.bookings.changes import Change, record
from slotwise.bookings.views import BookingView, views_of
from slotwise.errors import Invalid
from slotwise.users.models import User


@dataclass(frozen=True, slots=True)
class AbsenceUpdate:
    host: bool | None = None
    attendees: tuple[tuple[str, bool], ...] = ()  # (email, absent)
    attendees_field: str = "attendees"


def mark_absent(
    session: Session, uid: str, update: AbsenceUpdate, *, now: datetime, caller: User | None
) -> BookingView:
    booking = hosted_booking(session, uid, caller)
    attendees = repository.attendees_of(session, [booking.id])[booking.id]
    by_email = {a.email.lower(): a for a in attendees}
    problems = [
        {
            "field": f"{update.attendees_field}[{i}].email",
            "message": "is not an attendee of this booking",
        }
        for i, (email, _absent) in enumerate(update.attendees)
        if email.lower() not in by_email
    ]
    if problems:
        raise Invalid.fields(problems)
    if update.host is not None:
        booking.absent_host = update.host
    for email, absent in update.attendees:
        by_email[email.lower()].no_show = absent
    booking.updated_at = now
    details: dict[str, Any] = {
        "attendees": [{"email": e, "noShow": a} for e, a in update.attendees]
    }
    if update.host is not None:
        details["host"] = update.host
    record(session, booking, Change.NO_SHOW_UPDATED, now=now, details=details)
    session.flush()
    return views_of(session, [booking])[0]
