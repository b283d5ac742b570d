"""Which addresses calendar plugins may call: public ones, unless the operator allows
loopback and private networks (``SLOTWISE_CALENDAR_ALLOW_PRIVATE_NETWORKS``, for a CalDAV
server or ICS feed on the same network; the tests' local servers). The same check as
webhooks' (``webhooks.network``: every address a name resolves to, NAT64 and the like)."""

from __future__ import annotations

from urllib.parse import urlsplit

from slotwise.config import Settings
from slotwise.plugins import CalendarUnavailable, Reach
from slotwise.webhooks.network import Target, UnsafeUrl, check_subscriber_url


def reach_of(settings: Settings) -> Reach:
    return Reach(
        timeout=settings.calendar_timeout_seconds,
        private_networks=settings.calendar_allow_private_networks,
        allowed_hosts=tuple(host.lower() for host in settings.calendar_allowed_hosts),
    )


def checked_url(url: str, reach: Reach) -> Target:
    """Where to connect for ``url`` (its host pinned to the checked address); an address
    we may not call is a ``CalendarUnavailable`` saying why. A host off the allow-list is
    refused before any name is looked up."""
    host = (urlsplit(url).hostname or "").lower()
    if reach.allowed_hosts and host not in reach.allowed_hosts:
        raise CalendarUnavailable(f"{url} is not on this server's list of calendar hosts")
    try:
        return check_subscriber_url(url, allow_private=reach.private_networks)
    except UnsafeUrl as exc:
        raise CalendarUnavailable(f"{url} {str(exc).split(';')[0]}") from exc
