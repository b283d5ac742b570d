"""Plugins found on the entry-point group ``slotwise.plugins``: each entry point names a
``Plugin`` (or a function returning one). Loaded once per process, on first use.

slotwise's own apps are declared as entry points in pyproject.toml. An editable install made
before a built-in was declared does not list it yet (entry points are written at install
time), so ``BUILT_IN`` names them too; an installed entry point of the same name wins.
"""

from __future__ import annotations

import logging
from functools import cache
from importlib.metadata import EntryPoint, entry_points

from slotwise.plugins.kinds import Plugin, PluginKind

GROUP = "slotwise.plugins"
BUILT_IN = {
    "apple-calendar": "slotwise.calendars.caldav_plugin:apple_calendar",
    "caldav-calendar": "slotwise.calendars.caldav_plugin:caldav_calendar",
    "ics-feed": "slotwise.calendars.ics_feed_plugin:ics_feed",
    "daily-video": "slotwise.conferencing.daily_video:daily_video",
    "stripe": "slotwise.payments.stripe_plugin:stripe",
    "manual": "slotwise.payments.manual_plugin:manual",
}

log = logging.getLogger(__name__)


@cache
def all_plugins() -> dict[str, Plugin]:
    """Every plugin by slug."""
    found: dict[str, Plugin] = {}
    declared = {ep.name: ep for ep in entry_points(group=GROUP)}
    for name, target in BUILT_IN.items():
        declared.setdefault(name, EntryPoint(name=name, value=target, group=GROUP))
    for name, entry in sorted(declared.items()):
        plugin = _load(entry)
        if plugin is None:
            continue
        if plugin.slug in found:
            log.warning("plugin %s: slug %r already taken, ignored", name, plugin.slug)
            continue
        found[plugin.slug] = plugin
    return found


def _load(entry: EntryPoint) -> Plugin | None:
    """The entry point's plugin; a broken third-party plugin is logged, never fatal."""
    try:
        target = entry.load()
        plugin = target() if callable(target) and not isinstance(target, Plugin) else target
    except Exception:
        log.exception("plugin %s could not be loaded", entry.name)
        return None
    if not isinstance(plugin, Plugin):
        log.warning("plugin %s is not a slotwise Plugin, ignored", entry.name)
        return None
    return plugin


def find_plugin(slug: str) -> Plugin | None:
    return all_plugins().get(slug)


def plugins_of_kind(kind: PluginKind) -> list[Plugin]:
    return [p for p in all_plugins().values() if p.kind is kind]
