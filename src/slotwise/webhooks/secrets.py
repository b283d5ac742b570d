"""Webhook secrets at rest: encrypted with the instance's Fernet key (SLOTWISE_ENCRYPTION_KEY
or the generated key file), decrypted only by the worker to sign a delivery."""

from __future__ import annotations

from cryptography.fernet import Fernet

from slotwise.config import Settings


def encrypt(settings: Settings, secret: str) -> str:
    return _fernet(settings).encrypt(secret.encode()).decode()


def decrypt(settings: Settings, token: str) -> str:
    return _fernet(settings).decrypt(token.encode()).decode()


def _fernet(settings: Settings) -> Fernet:
    return Fernet(settings.load_or_create_encryption_key().encode())
