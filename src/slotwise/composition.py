"""Where the domains are wired together: who hears of which change, who delivers which kind.

The one module (with ``app`` and ``cli``) that knows every side-effect domain. A new one
(workflows, calendars, payments ...) subscribes to the events it needs and registers its
outbox kinds here; the publishing domain does not change.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from slotwise.apps.notices import CREDENTIAL_NOTICE_KIND, CredentialNoticeHandler
from slotwise.busy.external import attach_calendar_busy
from slotwise.calendars import planner as calendar_planner
from slotwise.calendars.busy_reader import CalendarBusyReader
from slotwise.calendars.delivery import CALENDAR_WRITE_KIND, CalendarWriteHandler
from slotwise.clock import Clock
from slotwise.config import Settings
from slotwise.db import make_session_factory
from slotwise.emails import account_mail
from slotwise.emails import invitations as invitation_emails
from slotwise.emails import planner as email_planner
from slotwise.emails.delivery import EMAIL_KIND, EmailHandler
from slotwise.events import EventBus, attach_bus
from slotwise.messaging.verification_codes import (
    VERIFICATION_EMAIL_KIND,
    VERIFICATION_SMS_KIND,
    VerificationEmailHandler,
    VerificationSmsHandler,
)
from slotwise.outbox.handlers import HandlerRegistry
from slotwise.payments import planner as payment_planner
from slotwise.payments.delivery import (
    HOLD_KIND,
    REFUND_KIND,
    PaymentHoldHandler,
    PaymentRefundHandler,
)
from slotwise.reviews import planner as review_planner
from slotwise.reviews.delivery import ReviewRequestHandler
from slotwise.routing_forms import booking_link as routing_form_bookings
from slotwise.webhooks import form_planner as webhook_form_planner
from slotwise.webhooks import ooo_planner as webhook_ooo_planner
from slotwise.webhooks import planner as webhook_planner
from slotwise.webhooks import recording_planner as webhook_recording_planner
from slotwise.webhooks.delivery import WEBHOOK_KIND, WebhookHandler
from slotwise.workflows import planner as workflow_planner
from slotwise.workflows.delivery import (
    WORKFLOW_EMAIL_KIND,
    WORKFLOW_SMS_KIND,
    WorkflowEmailHandler,
    WorkflowSmsHandler,
)

# Webhooks get a lane of their own: a receiver that answers slowly (up to its timeout) never
# delays an email, and the other way round.
WEBHOOK_LANE = "webhooks"
# Calendar writes too: a calendar server that is slow or down delays only calendar writes.
CALENDAR_LANE = "calendars"
# Payments too: a payment provider that is slow or down delays only holds and refunds.
PAYMENT_LANE = "payments"


def event_bus(settings: Settings | None = None) -> EventBus:
    bus = EventBus()
    email_planner.subscribe(bus)
    invitation_emails.subscribe(bus)
    webhook_planner.subscribe(bus)
    calendar_planner.subscribe(bus)
    webhook_ooo_planner.subscribe(bus)
    account_mail.subscribe(bus)
    workflow_planner.subscribe(bus)
    routing_form_bookings.subscribe(bus)
    webhook_form_planner.subscribe(bus)
    review_planner.subscribe(bus)
    webhook_recording_planner.subscribe(bus)
    hold = (
        timedelta(minutes=settings.payment_hold_minutes)
        if settings is not None
        else payment_planner.DEFAULT_HOLD
    )
    payment_planner.subscribe(bus, hold=hold)
    return bus


def outbox_handlers(
    settings: Settings, engine: Engine, clock: Clock | None = None
) -> HandlerRegistry:
    registry = HandlerRegistry()
    registry.register(EMAIL_KIND, lambda: EmailHandler(settings))
    registry.register(
        account_mail.ACCOUNT_EMAIL_KIND, lambda: account_mail.AccountEmailHandler(settings)
    )
    registry.register(WEBHOOK_KIND, lambda: WebhookHandler(settings, engine), lane=WEBHOOK_LANE)
    registry.register(
        CALENDAR_WRITE_KIND, lambda: CalendarWriteHandler(settings, engine), lane=CALENDAR_LANE
    )
    registry.register(CREDENTIAL_NOTICE_KIND, lambda: CredentialNoticeHandler(settings))
    registry.register(WORKFLOW_EMAIL_KIND, lambda: WorkflowEmailHandler(settings))
    registry.register(WORKFLOW_SMS_KIND, lambda: WorkflowSmsHandler(settings))
    registry.register(VERIFICATION_EMAIL_KIND, lambda: VerificationEmailHandler(settings))
    registry.register(VERIFICATION_SMS_KIND, lambda: VerificationSmsHandler(settings))
    registry.register(
        review_planner.REVIEW_REQUEST_KIND, lambda: ReviewRequestHandler(settings, engine)
    )
    # Releasing a hold cancels a booking, which publishes: these handlers get composed
    # sessions.
    payments = session_factory(engine, write_lock=True, bus=event_bus(settings))
    registry.register(
        HOLD_KIND, lambda: PaymentHoldHandler(settings, payments, clock), lane=PAYMENT_LANE
    )
    registry.register(
        REFUND_KIND, lambda: PaymentRefundHandler(settings, payments, clock), lane=PAYMENT_LANE
    )
    return registry


def session_factory(
    engine: Engine, *, write_lock: bool = False, bus: EventBus | None = None
) -> sessionmaker[Session]:
    """Sessions whose changes reach the composed subscribers."""
    factory = make_session_factory(engine, write_lock=write_lock)
    attach_bus(factory, bus or event_bus())
    return factory


def calendar_busy_reader(
    settings: Settings, engine: Engine, factories: tuple[sessionmaker[Session], ...]
) -> CalendarBusyReader:
    """Selected calendars' busy times for the slot listings of sessions from ``factories``."""
    reader = CalendarBusyReader(settings, engine)
    for factory in factories:
        attach_calendar_busy(factory, reader)
    return reader
