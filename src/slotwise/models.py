"""Imports every domain's tables so that Base.metadata is complete (Alembic, tests)."""

from slotwise.accounts.models import PasswordReset, WebSession
from slotwise.api_keys.models import ApiKey
from slotwise.apps.models import Credential
from slotwise.attributes.models import Attribute, AttributeAssignment, AttributeOption
from slotwise.booking_references.models import BookingReference
from slotwise.bookings.models import Attendee, Booking, BookingChange, BookingHost
from slotwise.busy.models import BusyTime
from slotwise.calendars.models import (
    CalendarBusyCache,
    CalendarEventRef,
    DestinationCalendar,
    SelectedCalendar,
)
from slotwise.event_types.models import EventType, EventTypeHost
from slotwise.idempotency.models import IdempotentRequest
from slotwise.messaging.models import SmsReceipt
from slotwise.out_of_office.models import OutOfOfficeEntry
from slotwise.outbox.models import OutboxMessage
from slotwise.payments.models import (
    Invoice,
    InvoiceCounter,
    Payment,
    ProcessedProviderEvent,
)
from slotwise.private_links.models import PrivateLink
from slotwise.ratelimit.models import RateLimitCounter
from slotwise.recordings.models import BookingRecording
from slotwise.reviews.models import BookingReview
from slotwise.routing_forms.models import RoutingForm, RoutingFormResponse
from slotwise.schedules.models import Availability, Schedule
from slotwise.slots.models import SlotReservation
from slotwise.teams.models import Membership, MembershipRole, Team
from slotwise.users.models import User, UserRole
from slotwise.verification.models import VerificationCode, VerifiedEmail, VerifiedPhone
from slotwise.webhooks.models import Webhook
from slotwise.workflows.models import Workflow, WorkflowActivation, WorkflowStep

__all__ = [
    "ApiKey",
    "Attribute",
    "AttributeAssignment",
    "AttributeOption",
    "Attendee",
    "Booking",
    "BookingChange",
    "BookingReference",
    "BookingRecording",
    "BookingReview",
    "BookingHost",
    "BusyTime",
    "CalendarBusyCache",
    "CalendarEventRef",
    "Credential",
    "DestinationCalendar",
    "SelectedCalendar",
    "Availability",
    "EventType",
    "EventTypeHost",
    "IdempotentRequest",
    "Invoice",
    "InvoiceCounter",
    "Membership",
    "MembershipRole",
    "OutOfOfficeEntry",
    "OutboxMessage",
    "PrivateLink",
    "PasswordReset",
    "Payment",
    "ProcessedProviderEvent",
    "RateLimitCounter",
    "RoutingForm",
    "RoutingFormResponse",
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
    "WebSession",
    "Workflow",
    "WorkflowActivation",
    "WorkflowStep",
]
