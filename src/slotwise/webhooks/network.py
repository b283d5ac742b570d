"""SSRF guard: a subscriber URL must be http(s) and resolve only to public addresses.

Checked when a webhook is saved and again before every delivery (DNS can change between the
two). Loopback, private, link-local (cloud metadata at 169.254.169.254 included), shared,
multicast, reserved and unspecified addresses are refused unless the operator allows private
networks (SLOTWISE_WEBHOOK_ALLOW_PRIVATE_NETWORKS=true, for receivers on the same network).
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit


class UnsafeUrl(ValueError):
    """The URL is not one we may call; the message says why."""


def check_subscriber_url(url: str, *, allow_private: bool) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise UnsafeUrl("must be an http:// or https:// URL")
    host = parts.hostname
    if not host:
        raise UnsafeUrl("must name a host")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise UnsafeUrl("has an invalid port") from exc
    if parts.username or parts.password:
        raise UnsafeUrl("must not carry a user name or password")
    if allow_private:
        return
    for address in _addresses(host, port):
        if not _is_public(address):
            raise UnsafeUrl(
                f"resolves to {address}, a private, loopback or link-local address; "
                "webhooks go to public addresses only"
            )


def _addresses(host: str, port: int) -> list[str]:
    try:
        literal = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        pass
    else:
        return [str(literal)]
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise UnsafeUrl(f"host {host!r} does not resolve") from exc
    return sorted({str(info[4][0]) for info in infos})


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast
