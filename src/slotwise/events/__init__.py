"""Domain events: a change recorded once, as data, and handed to every subscriber.

A domain publishes an event inside its own transaction; subscribers (emails, webhooks, and
later workflows, calendars, payments) are registered when the application is composed
(``slotwise.composition``) and turn the event into outbox rows in that same transaction. The
publisher never imports a subscriber.
"""

from slotwise.events.bus import EventBus, NoEventBus, attach_bus, publish

__all__ = ["EventBus", "NoEventBus", "attach_bus", "publish"]
