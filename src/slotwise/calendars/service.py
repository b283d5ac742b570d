"""Calendars: connecting a CalDAV account, listing its calendars, choosing the ones whose
busy times block slots and the one bookings are written to, reading busy times, checking
and disconnecting. Never commits.

Provider calls made while a request waits are bounded (``calendar_timeout_seconds``).
Connecting checks the login first (a wrong password is a 400 and stores nothing).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from slotwise.apps import service as apps
from slotwise.apps.models import Credential
from slotwise.calendars import repository
from slotwise.calendars.models import DestinationCalendar, SelectedCalendar
from slotwise.calendars.network import reach_of
from slotwise.config import Settings
from slotwise.core.intervals import Interval
from slotwise.db import ReadSession
from slotwise.errors import Invalid, NotFound, Unavailable
from slotwise.plugins import (
    CalendarUnavailable,
    CredentialRefused,
    ExternalCalendar,
    Plugin,
    PluginKind,
)

# Cal.com's path names for calendar apps -> our plugins' slugs.
CALENDAR_APPS = {"apple": "apple-calendar", "caldav": "caldav-calendar", "ics-feed": "ics-feed"}
# The apps connected with a username and password (/v2/calendars/{name}/credentials).
PASSWORD_APPS = ("apple", "caldav")


@dataclass(frozen=True, slots=True)
class ConnectedAccount:
    credential: Credential
    plugin: Plugin
    calendars: list[ExternalCalendar]
    error: str | None  # the account could not be read just now


def calendar_app(name: str) -> Plugin:
    slug = CALENDAR_APPS.get(name)
    if slug is None:
        raise Invalid.field("calendar", f"must be one of {', '.join(sorted(CALENDAR_APPS))}")
    return apps.app_plugin(slug, PluginKind.CALENDAR)


def connect(
    session: Session,
    settings: Settings,
    user_id: int,
    name: str,
    key: Mapping[str, Any],
    *,
    now: datetime,
) -> Credential:
    """Save the account's credential once the server has accepted it (Apple: iCloud's
    CalDAV URL added to the username and password)."""
    plugin = calendar_app(name)
    apps.check_key(plugin, key)
    full = {**key, "url": settings.apple_caldav_url} if name == "apple" else dict(key)
    _calendars_or_400(plugin, full, settings)
    return apps.install(session, settings, user_id, plugin.slug, full, now=now)


def _calendars_or_400(
    plugin: Plugin, key: Mapping[str, Any], settings: Settings
) -> list[ExternalCalendar]:
    try:
        return plugin.calendar().calendars(key, reach=reach_of(settings))
    except CredentialRefused as exc:
        raise Invalid(f"Invalid credentials for {plugin.name}: {exc}") from exc
    except CalendarUnavailable as exc:
        raise Invalid(f"Could not connect to {plugin.name}: {exc}") from exc


def connected(session: ReadSession, settings: Settings, user_id: int) -> list[ConnectedAccount]:
    """Every calendar account of the user with its calendars, read from the provider."""
    accounts = []
    for credential in apps.installed(session, user_id, PluginKind.CALENDAR):
        plugin = apps.app_plugin(credential.app_slug)
        try:
            key = apps.key_of(settings, credential)
            found = plugin.calendar().calendars(key, reach=reach_of(settings))
            accounts.append(ConnectedAccount(credential, plugin, found, None))
        except (CredentialRefused, CalendarUnavailable) as exc:
            accounts.append(ConnectedAccount(credential, plugin, [], str(exc)))
    return accounts


def selected(session: ReadSession, user_id: int) -> list[SelectedCalendar]:
    return repository.every_selected(session, repository.selected_of_user(user_id))


def destination(session: ReadSession, user_id: int) -> DestinationCalendar | None:
    return repository.destination_of_user(session, user_id)


def _account_calendar(
    session: ReadSession,
    settings: Settings,
    user_id: int,
    integration: str,
    external_id: str,
    credential_id: int | None,
    *,
    writable: bool = False,
) -> Credential:
    """The user's calendar credential of ``integration`` that has the calendar
    ``external_id`` (asked of the provider); 404 when none has it, 400 when ``writable``
    is asked of a read-only calendar (an ICS feed)."""
    credentials = [
        c
        for c in apps.installed(session, user_id, PluginKind.CALENDAR)
        if c.type == integration and (credential_id is None or c.id == credential_id)
    ]
    for credential in credentials:
        plugin = apps.app_plugin(credential.app_slug)
        try:
            found = plugin.calendar().calendars(
                apps.key_of(settings, credential), reach=reach_of(settings)
            )
        except CredentialRefused as exc:
            raise Invalid(f"The credentials of {plugin.name} are no longer valid") from exc
        except CalendarUnavailable as exc:
            raise Unavailable(f"{plugin.name} could not be reached: {exc}") from exc
        calendar = next((c for c in found if c.external_id == external_id), None)
        if calendar is not None and writable and calendar.read_only:
            raise Invalid.field(
                "externalId", "is a read-only calendar: bookings cannot be written to it"
            )
        if calendar is not None:
            return credential
    raise NotFound(f"Calendar with externalId={external_id} not found")


def select_calendar(
    session: Session,
    settings: Settings,
    user_id: int,
    *,
    integration: str,
    external_id: str,
    credential_id: int,
    now: datetime,
) -> SelectedCalendar:
    credential = _account_calendar(
        session, settings, user_id, integration, external_id, credential_id
    )
    existing = repository.find_selected(session, user_id, credential.id, external_id)
    if existing is not None:
        return existing
    row = SelectedCalendar(
        user_id=user_id,
        credential_id=credential.id,
        integration=integration,
        external_id=external_id,
        created_at=now,
    )
    repository.add(session, row)
    return row


def deselect_calendar(
    session: Session, user_id: int, *, integration: str, external_id: str, credential_id: int
) -> SelectedCalendar:
    row = repository.find_selected(session, user_id, credential_id, external_id)
    if row is None or row.integration != integration:
        raise NotFound(f"Selected calendar with externalId={external_id} not found")
    repository.remove(session, row)
    return row


def set_destination(
    session: Session,
    settings: Settings,
    user_id: int,
    *,
    integration: str,
    external_id: str,
    now: datetime,
) -> DestinationCalendar:
    credential = _account_calendar(
        session, settings, user_id, integration, external_id, None, writable=True
    )
    row = repository.destination_of_user(session, user_id)
    if row is None:
        row = DestinationCalendar(user_id=user_id)
        session.add(row)
    row.credential_id = credential.id
    row.integration = integration
    row.external_id = external_id
    row.updated_at = now
    session.flush()
    return row


def check(session: ReadSession, settings: Settings, user_id: int, name: str) -> Credential:
    """The user's account of this calendar app, read just now (400 when none is connected
    or the provider refuses it)."""
    plugin = calendar_app(name)
    credentials = [c for c in apps.installed(session, user_id) if c.app_slug == plugin.slug]
    if not credentials:
        raise Invalid(f"Credentials for {name} calendar not found.")
    credential = credentials[0]
    _calendars_or_400(plugin, apps.key_of(settings, credential), settings)
    return credential


def disconnect(session: Session, user_id: int, name: str, credential_id: int) -> Credential:
    plugin = calendar_app(name)
    credential = apps.credential_of(session, user_id, credential_id)
    if credential.app_slug != plugin.slug:
        raise NotFound(f"Credential with id={credential_id} not found")
    return apps.uninstall(session, user_id, credential_id)


def busy_times(
    session: ReadSession,
    settings: Settings,
    user_id: int,
    window: Interval,
    calendars: Sequence[tuple[int, str]],
) -> list[tuple[Interval, str]]:
    """Busy intervals in ``window`` of the named calendars of the user's accounts
    (``(credentialId, externalId)``; none named: the selected ones), read from the
    provider now, each with the calendar it came from. A credential that is not the
    user's is a 404; a provider that cannot be read a 503."""
    wanted = list(calendars) or [
        (s.credential_id, s.external_id) for s in selected(session, user_id)
    ]
    found: list[tuple[Interval, str]] = []
    for credential_id, external_id in wanted:
        credential = apps.credential_of(session, user_id, credential_id)
        plugin = apps.app_plugin(credential.app_slug, PluginKind.CALENDAR)
        try:
            blocks = plugin.calendar().busy_times(
                apps.key_of(settings, credential),
                external_id,
                window.start,
                window.end,
                reach=reach_of(settings),
            )
        except CredentialRefused as exc:
            raise Invalid(f"The credentials of {plugin.name} are no longer valid") from exc
        except CalendarUnavailable as exc:
            raise Unavailable(f"{plugin.name} could not be read: {exc}") from exc
        found += [(Interval(b.start, b.end), external_id) for b in blocks]
    return sorted(found, key=lambda pair: pair[0].start)


def save_ics_feeds(
    session: Session, settings: Settings, user_id: int, urls: list[str], *, now: datetime
) -> Credential:
    """Subscribe to ICS feeds (each read first: one that cannot be read is a 400); their
    busy times block the user's slots from now on (each feed is selected)."""
    plugin = calendar_app("ics-feed")
    key = {"urls": list(dict.fromkeys(urls))}
    apps.check_key(plugin, key)
    feeds = _calendars_or_400(plugin, key, settings)
    credential = apps.install(session, settings, user_id, plugin.slug, key, now=now)
    for feed in feeds:
        if repository.find_selected(session, user_id, credential.id, feed.external_id) is None:
            repository.add(
                session,
                SelectedCalendar(
                    user_id=user_id,
                    credential_id=credential.id,
                    integration=credential.type,
                    external_id=feed.external_id,
                    created_at=now,
                ),
            )
    return credential
