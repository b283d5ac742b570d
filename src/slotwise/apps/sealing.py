"""Credentials sealed with the instance's Fernet key (AES-128-CBC + HMAC-SHA256: tampering
is detected, not decrypted into garbage). Rotation re-seals with a new key
(``MultiFernet.rotate``), so a stolen old key stops opening anything."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from slotwise.config import Settings


class UnreadableCredential(Exception):
    """Sealed with another key, or altered: the credential cannot be opened."""


def seal(settings: Settings, key: Mapping[str, Any]) -> str:
    return _fernet(settings).encrypt(json.dumps(dict(key)).encode()).decode()


def unseal(settings: Settings, token: str) -> dict[str, Any]:
    try:
        opened = json.loads(_fernet(settings).decrypt(token.encode()))
    except (InvalidToken, ValueError) as exc:
        raise UnreadableCredential("the credential cannot be decrypted with this key") from exc
    if not isinstance(opened, dict):
        raise UnreadableCredential("the credential is not a JSON object")
    return opened


def reseal(token: str, *, old_key: str, new_key: str) -> str:
    """The same credential sealed with ``new_key``; raises if ``old_key`` cannot open it."""
    rotating = MultiFernet([Fernet(new_key.encode()), Fernet(old_key.encode())])
    try:
        return rotating.rotate(token.encode()).decode()
    except InvalidToken as exc:
        raise UnreadableCredential("a credential cannot be decrypted with the old key") from exc


def _fernet(settings: Settings) -> Fernet:
    return Fernet(settings.load_or_create_encryption_key().encode())
