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


class SignatureRefused(Exception):
    """A provider's webhook whose signature or timestamp does not check out (forged,
    tampered with, or an old one replayed)."""


@dataclass(frozen=True, slots=True)
class RecordingReport:
    """What a conferencing provider tells of a meeting's recording: the meeting is its
    ``room_name`` (a booking reference's external id, or the booking's uid). A report may
    give only some fields (a transcript arriving later names the recording and its link);
    the fields it leaves None keep what an earlier report said."""

    room_name: str
    recording_id: str
    status: str | None = None  # "finished" ...
    start_ts: int | None = None  # unix seconds
    duration: int | None = None  # seconds
    max_participants: int | None = None
    share_token: str | None = None
    download_link: str | None = None
    transcript_link: str | None = None
    error: str | None = None


class RecordingWebhookHooks(Protocol):
    """A conferencing plugin whose provider posts recording events to slotwise."""

    def recording_from_webhook(
        self, secret: str, headers: Mapping[str, str], body: bytes, *, now: datetime
    ) -> RecordingReport | None:
        """The report a signed webhook carries; None for an event the plugin ignores.
        Raises ``SignatureRefused`` for a forged, tampered or stale one."""
        ...


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

    def recording_webhooks(self) -> RecordingWebhookHooks | None:
        """The hooks reading the provider's recording webhooks, if the plugin has them."""
        if self.kind is not PluginKind.CONFERENCING:
            return None
        hooks: RecordingWebhookHooks | None = (
            self.hooks if hasattr(self.hooks, "recording_from_webhook") else None
        )
        return hooks

    def conferencing(self) -> ConferencingHooks:
        if self.kind is not PluginKind.CONFERENCING or self.hooks is None:
            raise TypeError(f"plugin {self.slug!r} is not a conferencing app")
        hooks: ConferencingHooks = self.hooks
        return hooks
