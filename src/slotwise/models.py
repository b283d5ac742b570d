"""Imports every domain's tables so that Base.metadata is complete (Alembic, tests)."""

from slotwise.api_keys.models import ApiKey
from slotwise.bookings.models import Attendee, Booking, BookingChange
from slotwise.busy.models import BusyTime
from slotwise.event_types.models import EventType
from slotwise.idempotency.models import IdempotentRequest
from slotwise.messaging.models import SmsReceipt
from slotwise.outbox.models import OutboxMessage
from slotwise.ratelimit.models import RateLimitCounter
from slotwise.schedules.models import Availability, Schedule
from slotwise.slots.models import SlotReservation
from slotwise.teams.models import Membership, MembershipRole, Team
from slotwise.users.models import User, UserRole
from slotwise.verification.models import VerificationCode, VerifiedEmail, VerifiedPhone
from slotwise.webhooks.models import Webhook
from slotwise.workflows.models import Workflow, WorkflowActivation, WorkflowStep

__all__ = [
    "ApiKey",
    "Attendee",
    "Booking",
    "BookingChange",
    "BusyTime",
    "Availability",
    "EventType",
    "IdempotentRequest",
    "Membership",
    "MembershipRole",
    "OutboxMessage",
    "RateLimitCounter",
    "Schedule",
    "SmsReceipt",
    "SlotReservation",
    "Team",
    "User",
    "UserRole",
    "VerificationCode",
    "VerifiedEmail",
    "VerifiedPhone",
    "Webhook",
    "Workflow",
    "WorkflowActivation",
    "WorkflowStep",
]
