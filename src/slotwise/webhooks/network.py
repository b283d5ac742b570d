"""SSRF guard: a subscriber URL must be http(s) and resolve only to public addresses.

Checked when a webhook is saved and again before every delivery (DNS can change between the
two). Loopback, private, link-local (cloud metadata at 169.254.169.254 included), shared,
multicast, reserved and unspecified addresses are refused unless the operator allows private
networks (SLOTWISE_WEBHOOK_ALLOW_PRIVATE_NETWORKS=true, for receivers on the same network).

A delivery connects to the very address that was checked (``Target``): the URL's host is
replaced by that IP, the Host header and TLS SNI keep the name (so certificates still
verify). Otherwise the HTTP client would resolve the name again, and a name that answers
a public address to the check and 127.0.0.1 to the connection (DNS rebinding) would reach
an internal service. Lookups are bounded (DNS_TIMEOUT_SECONDS): a save runs one inside its
transaction.
"""

from __future__ import annotations

import ipaddress
import socket
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as LookupTimeout
from dataclasses import dataclass
from urllib.parse import SplitResult, urlsplit, urlunsplit

DNS_TIMEOUT_SECONDS = 2.0
_lookups = ThreadPoolExecutor(max_workers=4, thread_name_prefix="slotwise-dns")


class UnsafeUrl(ValueError):
    """The URL is not one we may call; the message says why."""


@dataclass(frozen=True)
class Target:
    """Where a delivery connects: ``url`` (its host pinned to a checked IP), and the
    ``host_header`` / ``sni_hostname`` that keep the original name (None: unchanged)."""

    url: str
    host_header: str | None = None
    sni_hostname: str | None = None


def check_subscriber_url(url: str, *, allow_private: bool) -> Target:
    parts = _parts(url)
    host = parts.hostname
    assert host is not None  # _parts refuses a URL without one
    port = parts.port or (443 if parts.scheme == "https" else 80)
    if allow_private:
        return Target(url)
    literal = _literal(host)
    addresses = [literal] if literal is not None else _addresses(host, port)
    for address in addresses:
        if not _is_public(address):
            raise UnsafeUrl(
                "resolves to a private, loopback or link-local address; "
                "webhooks go to public addresses only"
            )
    if literal is not None:
        return Target(url)
    return pin(parts, addresses[0])


def pin(parts: SplitResult, address: str) -> Target:
    """The URL with its host replaced by ``address``; Host and SNI keep the name."""
    port = f":{parts.port}" if parts.port else ""
    ip_host = f"[{address}]" if ":" in address else address
    pinned = urlunsplit((parts.scheme, f"{ip_host}{port}", parts.path, parts.query, parts.fragment))
    host = parts.hostname or ""
    return Target(
        url=pinned,
        host_header=f"{host}{port}",
        sni_hostname=host if parts.scheme == "https" else None,
    )


def _parts(url: str) -> SplitResult:
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 (raises on a malformed port)
    except ValueError as exc:
        raise UnsafeUrl("is not a valid URL") from exc
    if parts.scheme not in ("http", "https"):
        raise UnsafeUrl("must be an http:// or https:// URL")
    if not host:
        raise UnsafeUrl("must name a host")
    if parts.username or parts.password:
        raise UnsafeUrl("must not carry a user name or password")
    return parts


def _literal(host: str) -> str | None:
    try:
        return str(ipaddress.ip_address(host.strip("[]")))
    except ValueError:
        return None


def _addresses(host: str, port: int) -> list[str]:
    lookup = _lookups.submit(socket.getaddrinfo, host, port, type=socket.SOCK_STREAM)
    try:
        infos = lookup.result(timeout=DNS_TIMEOUT_SECONDS)
    except LookupTimeout as exc:
        raise UnsafeUrl(f"host {host!r} did not resolve within {DNS_TIMEOUT_SECONDS:g} s") from exc
    except (socket.gaierror, UnicodeError) as exc:
        raise UnsafeUrl(f"host {host!r} does not resolve") from exc
    addresses = sorted({str(info[4][0]) for info in infos})
    if not addresses:
        raise UnsafeUrl(f"host {host!r} does not resolve")
    return addresses


# IPv6 forms that carry an IPv4 address in their last 32 bits, and reach it: NAT64's
# well-known prefix (RFC 6052), IPv4-compatible (::a.b.c.d), IPv4-mapped (::ffff:a.b.c.d)
# and IPv4-translated (::ffff:0:a.b.c.d, RFC 2765). The stdlib calls most of them global.
_LAST_32_BITS_IPV4 = [
    ipaddress.IPv6Network(prefix)
    for prefix in ("64:ff9b::/96", "::/96", "::ffff:0:0/96", "::ffff:0:0:0/96")
]
# NAT64 local-use prefixes (RFC 8215) put the IPv4 address where the operator chose.
_NAT64_LOCAL_USE = ipaddress.IPv6Network("64:ff9b:1::/48")


def _is_public(address: str) -> bool:
    """Public, and so is every IPv4 address the IPv6 form embeds: ``64:ff9b::7f00:1`` or
    ``2002:7f00:1::`` reach 127.0.0.1 through a NAT64 or 6to4 gateway."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address):
        if ip in _NAT64_LOCAL_USE:
            return False
        embedded = _embedded_ipv4(ip)
        if embedded is not None and not _is_public(str(embedded)):
            return False
        if ip.teredo is not None:  # (server, client): the client's NAT can be anywhere
            return all(_is_public(str(v4)) for v4 in ip.teredo)
    return ip.is_global and not ip.is_multicast


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if ip.sixtofour is not None:
        return ip.sixtofour
    if any(ip in network for network in _LAST_32_BITS_IPV4):
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None
