"""Who a request counts against: its API key (by hash, never the key itself), or, without
one, the address it comes from."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from starlette.requests import Request
from starlette.types import Scope

from slotwise.http.credentials import presented_key_v1, presented_key_v2

# Not counted: load balancers' health checks, and the pages' CSS and JS.
UNCOUNTED_PATHS = ("/health",)
UNCOUNTED_PREFIXES = ("/static/",)


@dataclass(frozen=True, slots=True)
class Caller:
    address: str
    key_hash: str | None  # SHA-256 hex of the presented API key

    @property
    def bucket(self) -> str:
        if self.key_hash is not None:
            return f"key:{self.key_hash}"
        return f"address:{self.address}"

    @property
    def failed_keys_bucket(self) -> str:
        return f"failed-keys:{self.address}"


def is_counted(path: str) -> bool:
    return path not in UNCOUNTED_PATHS and not path.startswith(UNCOUNTED_PREFIXES)


def identify(scope: Scope) -> Caller:
    """The request's caller. The address is the connection's peer (behind a proxy, uvicorn's
    ``--forwarded-allow-ips`` makes it the client's)."""
    request = Request(scope)
    path: str = scope.get("path", "")
    is_v1 = path == "/v1" or path.startswith("/v1/")
    key = presented_key_v1(request) if is_v1 else presented_key_v2(request)
    client = scope.get("client")
    address = str(client[0]) if client else "unknown"
    return Caller(address=address, key_hash=sha256(key) if key is not None else None)


def attendee_bucket(email: str) -> str:
    return f"attendee:{sha256(email.strip().lower())}"


def sha256(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()
