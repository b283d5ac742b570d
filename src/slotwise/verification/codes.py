"""Making, storing and checking six-digit codes; nothing here keeps a code or an address in
clear. Pure functions over the instance's key, no database."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

from cryptography.fernet import Fernet

from slotwise.config import Settings
from slotwise.errors import Invalid

CODE_DIGITS = 6
E164 = re.compile(r"\+[1-9][0-9]{6,14}")
EMAIL = re.compile(r"[^@\s]{1,64}@[^@\s]{1,253}\.[^@\s]{1,63}")


def new_code() -> str:
    return f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"


def email_address(value: str, field: str = "email") -> str:
    address = value.strip().lower()
    if len(address) > 254 or not EMAIL.fullmatch(address):
        raise Invalid.field(field, "must be an email address")
    return address


def phone_number(value: str, field: str = "phone") -> str:
    number = value.strip()
    if not E164.fullmatch(number):
        raise Invalid.field(field, "must be an E.164 phone number, e.g. +442071234567")
    return number


def target_hash(kind: str, target: str) -> str:
    """Who a code was sent to, for equality only (rate limits, lookups)."""
    return hashlib.sha256(f"{kind}:{target}".encode()).hexdigest()


def code_hash(settings: Settings, target: str, code: str) -> str:
    """Keyed, so the stored hash of a six-digit code cannot be reversed by trying them all
    without the instance's key; bound to the target, so one code fits one address."""
    key = settings.load_or_create_encryption_key().encode()
    return hmac.new(key, f"{target}:{code}".encode(), hashlib.sha256).hexdigest()


def verified_hash(row_id: int, target: str, code: str) -> str:
    """A verified booker code, as the booking that uses it checks it (no key needed)."""
    return hashlib.sha256(f"{row_id}:{target}:{code.strip()}".encode()).hexdigest()


def same(stored: str, given: str) -> bool:
    return hmac.compare_digest(stored.encode(), given.encode())


def sealed(settings: Settings, code: str) -> str:
    """The code as the outbox row carries it to the worker: encrypted at rest."""
    return Fernet(settings.load_or_create_encryption_key().encode()).encrypt(code.encode()).decode()


def unsealed(settings: Settings, token: str) -> str:
    key = settings.load_or_create_encryption_key().encode()
    return Fernet(key).decrypt(token.encode()).decode()
