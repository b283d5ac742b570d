"""The outbox handler for ``calendar_write`` rows: write or delete a booking's event in a
calendar through its plugin.

A calendar that cannot be reached (or answers an error) raises ``DeliveryFailed``: the row
is retried with the outbox's backoff, so the write is late, never lost. Refused credentials
mark the credential invalid (its owner is emailed once) and are retried too: the owner may
reconnect before the outbox gives up. A credential removed meanwhile leaves nothing to do.
After a write the calendar's cached busy times are read again next time.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine

from slotwise.apps import service as apps
from slotwise.calendars import repository
from slotwise.calendars.network import reach_of
from slotwise.calendars.planner import CALENDAR_WRITE_KIND
from slotwise.clock import Clock, SystemClock
from slotwise.config import Settings
from slotwise.db import make_session_factory, transaction
from slotwise.outbox.handlers import DeliveryFailed, DeliveryRefused
from slotwise.outbox.service import Claimed
from slotwise.plugins import CalendarEvent, CalendarUnavailable, CredentialRefused, find_plugin

__all__ = ["CALENDAR_WRITE_KIND", "CalendarWriteHandler"]


class CalendarWriteHandler:
    def __init__(self, settings: Settings, engine: Engine, clock: Clock | None = None) -> None:
        self._settings = settings
        self._clock = clock or SystemClock()
        self._readers = make_session_factory(engine)
        self._writers = make_session_factory(engine, write_lock=True)

    def deliver(self, message: Claimed) -> dict[str, Any] | None:
        payload = message.payload
        try:
            credential_id, external_id = int(payload["credentialId"]), str(payload["externalId"])
            action = payload["action"]
        except (KeyError, TypeError, ValueError) as exc:
            raise DeliveryRefused(f"malformed calendar row: {exc}") from exc
        with transaction(self._readers) as session:
            credential = apps.credential_for_delivery(session, credential_id)
            if credential is None:
                return {"skipped": "the calendar was disconnected"}
            plugin = find_plugin(credential.app_slug)
            key = apps.key_of(self._settings, credential)
        if plugin is None:
            raise DeliveryFailed(f"app {credential.app_slug} is not installed")
        hooks = plugin.calendar()
        reach = reach_of(self._settings)
        try:
            if action == "write":
                href = hooks.write_event(key, external_id, _event(payload), reach=reach)
                result: dict[str, Any] = {"written": href}
            elif action == "delete":
                hooks.delete_event(key, external_id, str(payload["uid"]), reach=reach)
                result = {"deleted": payload["uid"]}
            else:
                raise DeliveryRefused(f"unknown calendar action {action!r}")
        except CredentialRefused as exc:
            self._refused(credential_id, str(exc))
            raise DeliveryFailed(str(exc), {"error": "credential refused"}) from exc
        except CalendarUnavailable as exc:
            raise DeliveryFailed(str(exc), {"error": str(exc)[:500]}) from exc
        with transaction(self._writers) as session:
            repository.invalidate_cache(session, credential_id, external_id)
        return result

    def close(self) -> None:
        return None

    def _refused(self, credential_id: int, reason: str) -> None:
        with transaction(self._writers) as session:
            apps.mark_invalid(session, credential_id, now=self._clock.now(), reason=reason)


def _event(payload: dict[str, Any]) -> CalendarEvent:
    try:
        event = payload["event"]
        return CalendarEvent(
            uid=str(event["uid"]),
            sequence=int(event["sequence"]),
            title=str(event["title"]),
            start=datetime.fromisoformat(event["start"]).astimezone(UTC),
            end=datetime.fromisoformat(event["end"]).astimezone(UTC),
            description=event.get("description"),
            location=event.get("location"),
            organizer_email=event.get("organizerEmail"),
            attendee_emails=tuple(event.get("attendeeEmails") or ()),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise DeliveryRefused(f"malformed calendar event: {exc}") from exc
