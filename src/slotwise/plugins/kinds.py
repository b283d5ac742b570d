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


class PaymentUnavailable(Exception):
    """The payment provider could not be reached or answered an error: worth trying again."""


class PaymentEventRefused(Exception):
    """A provider event that is not proven to come from the provider (no or a wrong
    signature, a timestamp outside the tolerance): refused, never acted on."""


@dataclass(frozen=True, slots=True)
class ProviderAccount:
    """Where a payment plugin talks to its provider, with whose account: the instance's
    API key and base URL (``api_url``; a local server in tests), the webhook signing secret,
    and the seller's connected account when they connected one (Stripe Connect)."""

    api_url: str
    secret_key: str
    webhook_secret: str
    connected_account: str | None = None
    timeout: float = 10.0
    tolerance_seconds: int = 300  # how old a signed event may be


@dataclass(frozen=True, slots=True)
class CheckoutRequest:
    payment_uid: str
    amount: int  # minor units
    currency: str
    description: str
    customer_email: str | None
    success_url: str
    cancel_url: str
    capture_later: bool  # HOLD: the card is authorized now, charged later
    expires_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Checkout:
    external_id: str  # the provider's id of the checkout (Stripe: cs_...)
    url: str  # where the payer goes to pay


@dataclass(frozen=True, slots=True)
class PaymentEvent:
    """A verified provider event, as much of it as slotwise acts on."""

    id: str  # the provider's event id: one event is acted on once
    type: str
    checkout_id: str | None
    payment_uid: str | None
    payment_intent: str | None
    paid: bool  # the checkout completed and the money was taken
    authorized: bool = False  # completed with the card authorized (a HOLD, captured later)


class PaymentHooks(Protocol):
    """What a payment plugin does. Each call raises ``PaymentUnavailable`` (or, for events,
    ``PaymentEventRefused``) and nothing else of its own."""

    def checkout(self, account: ProviderAccount, request: CheckoutRequest) -> Checkout: ...

    def refund(self, account: ProviderAccount, payment_intent: str, *, captured: bool) -> str:
        """Give the money back (an uncaptured hold is released); returns the provider's id
        of the refund. Idempotent for one payment."""
        ...

    def expire_checkout(self, account: ProviderAccount, checkout_id: str) -> None:
        """Close a checkout that is no longer wanted (the hold ran out)."""
        ...

    def verified_event(
        self, account: ProviderAccount, body: bytes, signature: str | None, *, now: datetime
    ) -> PaymentEvent: ...


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

    def payment(self) -> PaymentHooks | None:
        """The provider's hooks; None for an app paid outside slotwise (on site)."""
        if self.kind is not PluginKind.PAYMENT:
            raise TypeError(f"plugin {self.slug!r} is not a payment app")
        hooks: PaymentHooks | None = self.hooks
        return hooks

    def conferencing(self) -> ConferencingHooks:
        if self.kind is not PluginKind.CONFERENCING or self.hooks is None:
            raise TypeError(f"plugin {self.slug!r} is not a conferencing app")
        hooks: ConferencingHooks = self.hooks
        return hooks
