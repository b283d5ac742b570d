"""What the accounts domain announces: a password reset was asked for (the emails domain
mails the link; accounts imports no subscriber)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class PasswordResetRequested:
    email: str
    name: str
    language: str | None
    link: str  # the one-use link, carrying the token (the database keeps only its hash)
    expires_at: datetime
    at: datetime
