"""What a plugin is, and the hooks each kind of plugin provides (a typed Protocol per kind)."""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol


class PluginKind(enum.StrEnum):
    CALENDAR = "calendar"
    CONFERENCING = "conferencing"
    PAYMENT = "payment"
    MESSAGING = "messaging"
    OTHER = "other"


class CredentialRefused(Exception):
    """The provider refused the credential (a wrong password, a revoked token): retrying
    will not help until its owner gives a new one."""


class CalendarUnavailable(Exception):
    """The provider could not be reached or answered an error: worth trying again later."""


@dataclass(frozen=True, slots=True)
class Reach:
    """How far a plugin may go for one call: its time bound, and whether loopback and
    private-network addresses may be called (an operator's choice; off by default, so a
    user cannot make the server call its own network)."""

    timeout: float
    private_networks: bool = False
    # When not empty, the only hosts a plugin may call (names or addresses, as written in the
    # URL): an operator's egress allow-list; the tests' "loopback only".
    allowed_hosts: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ExternalCalendar:
    """One calendar of a connected account, as the provider names it."""

    external_id: str  # the provider's id (CalDAV: the calendar's URL)
    name: str
    primary: bool = False
    read_only: bool = False


@dataclass(frozen=True, slots=True)
class BusyBlock:
    start: datetime  # aware UTC
    end: datetime


@dataclass(frozen=True, slots=True)
class CalendarEvent:
    """A booking as written to a destination calendar. ``uid`` is the booking's ICS UID,
    which a reschedule keeps, so writing it again updates the same event."""

    uid: str
    sequence: int
    title: str
    start: datetime
    end: datetime
    description: str | None = None
    location: str | None = None
    organizer_email: str | None = None
    attendee_emails: tuple[str, ...] = ()


class CalendarHooks(Protocol):
    """What a calendar plugin does with a user's decrypted credential (``key``). Each call
    raises ``CredentialRefused`` or ``CalendarUnavailable`` and nothing else of its own."""

    def calendars(self, key: Mapping[str, Any], *, reach: Reach) -> list[ExternalCalendar]: ...

    def busy_times(
        self,
        key: Mapping[str, Any],
        external_id: str,
        start: datetime,
        end: datetime,
        *,
        reach: Reach,
    ) -> list[BusyBlock]: ...

    def write_event(
        self, key: Mapping[str, Any], external_id: str, event: CalendarEvent, *, reach: Reach
    ) -> str:
        """Create or replace the event (idempotent: a retry writes the same event); returns
        the provider's id of the event."""
        ...

    def delete_event(
        self, key: Mapping[str, Any], external_id: str, uid: str, *, reach: Reach
    ) -> None:
        """Remove the event; one already gone is not an error."""
        ...


class ConferencingHooks(Protocol):
    def meeting_url(self, key: Mapping[str, Any], booking_uid: str) -> str: ...


@dataclass(frozen=True, slots=True)
class Plugin:
    """A provider slotwise can install for a user. ``credential_schema``: the JSON schema a
    credential (what the user gives when installing) must match; ``type`` is Cal.com's
    credential type (``apple_calendar``, ``google_calendar`` ...)."""

    kind: PluginKind
    slug: str
    name: str
    type: str
    credential_schema: Mapping[str, Any]
    hooks: Any = None
    description: str = ""
    secret_fields: Sequence[str] = field(default=())

    def calendar(self) -> CalendarHooks:
        if self.kind is not PluginKind.CALENDAR or self.hooks is None:
            raise TypeError(f"plugin {self.slug!r} is not a calendar")
        hooks: CalendarHooks = self.hooks
        return hooks

    def conferencing(self) -> ConferencingHooks:
        if self.kind is not PluginKind.CONFERENCING or self.hooks is None:
            raise TypeError(f"plugin {self.slug!r} is not a conferencing app")
        hooks: ConferencingHooks = self.hooks
        return hooks
