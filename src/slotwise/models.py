"""Imports every domain's tables so that Base.metadata is complete (Alembic, tests)."""

from slotwise.api_keys.models import ApiKey
from slotwise.bookings.models import Attendee, Booking, BookingChange, BookingHost
from slotwise.busy.models import BusyTime
from slotwise.event_types.models import EventType, EventTypeHost
from slotwise.idempotency.models import IdempotentRequest
from slotwise.outbox.models import OutboxMessage
from slotwise.ratelimit.models import RateLimitCounter
from slotwise.schedules.models import Availability, Schedule
from slotwise.slots.models import SlotReservation
from slotwise.teams.models import Membership, MembershipRole, Team
from slotwise.users.models import User, UserRole
from slotwise.webhooks.models import Webhook

__all__ = [
    "ApiKey",
    "Attendee",
    "Booking",
    "BookingChange",
    "BookingHost",
    "BusyTime",
    "Availability",
    "EventType",
    "EventTypeHost",
    "IdempotentRequest",
    "Membership",
    "MembershipRole",
    "OutboxMessage",
    "RateLimitCounter",
    "Schedule",
    "SlotReservation",
    "Team",
    "User",
    "UserRole",
    "Webhook",
]
