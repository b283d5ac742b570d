"""Plugins: the providers slotwise talks to (calendars, conferencing, payments, messaging),
found on the Python entry-point group ``slotwise.plugins``. Built-in apps are declared there
too (pyproject.toml), the same door a third-party package uses.

A plugin is a ``Plugin``: its kind, slug, name, the JSON schema of the credential a user
gives when installing it, and the hooks its kind needs (a ``CalendarHooks`` for a calendar,
a ``ConferencingHooks`` for a video app). This package imports no domain and no provider
library: a plugin's hooks import theirs when called.
"""

from slotwise.plugins.kinds import (
    BusyBlock,
    CalendarEvent,
    CalendarHooks,
    CalendarUnavailable,
    ConferencingHooks,
    CredentialRefused,
    ExternalCalendar,
    Plugin,
    PluginKind,
    Reach,
    RecordingReport,
    RecordingWebhookHooks,
    SignatureRefused,
)
from slotwise.plugins.registry import all_plugins, find_plugin, plugins_of_kind

__all__ = [
    "BusyBlock",
    "CalendarEvent",
    "CalendarHooks",
    "CalendarUnavailable",
    "ConferencingHooks",
    "CredentialRefused",
    "ExternalCalendar",
    "Plugin",
    "PluginKind",
    "Reach",
    "RecordingReport",
    "RecordingWebhookHooks",
    "SignatureRefused",
    "all_plugins",
    "find_plugin",
    "plugins_of_kind",
]
