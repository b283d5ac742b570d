"""Where the domains are wired together: who hears of which change, who delivers which kind.

The one module (with ``app`` and ``cli``) that knows every side-effect domain. A new one
(workflows, calendars, payments ...) subscribes to the events it needs and registers its
outbox kinds here; the publishing domain does not change.
"""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from slotwise.config import Settings
from slotwise.db import make_session_factory
from slotwise.emails import invitations as invitation_emails
from slotwise.emails import planner as email_planner
from slotwise.emails.delivery import EMAIL_KIND, EmailHandler
from slotwise.events import EventBus, attach_bus
from slotwise.outbox.handlers import HandlerRegistry
from slotwise.webhooks import planner as webhook_planner
from slotwise.webhooks.delivery import WEBHOOK_KIND, WebhookHandler

# Webhooks get a lane of their own: a receiver that answers slowly (up to its timeout) never
# delays an email, and the other way round.
WEBHOOK_LANE = "webhooks"


def event_bus() -> EventBus:
    bus = EventBus()
    email_planner.subscribe(bus)
    invitation_emails.subscribe(bus)
    webhook_planner.subscribe(bus)
    return bus


def outbox_handlers(settings: Settings, engine: Engine) -> HandlerRegistry:
    registry = HandlerRegistry()
    registry.register(EMAIL_KIND, lambda: EmailHandler(settings))
    registry.register(WEBHOOK_KIND, lambda: WebhookHandler(settings, engine), lane=WEBHOOK_LANE)
    return registry


def session_factory(
    engine: Engine, *, write_lock: bool = False, bus: EventBus | None = None
) -> sessionmaker[Session]:
    """Sessions whose changes reach the composed subscribers."""
    factory = make_session_factory(engine, write_lock=write_lock)
    attach_bus(factory, bus or event_bus())
    return factory
