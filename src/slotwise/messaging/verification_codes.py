"""Outbox handlers for verification codes: an email (SMTP or .eml files, like every email)
or a text message (the SMS provider). The code is decrypted only here, to be sent."""

from __future__ import annotations

from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime
from typing import Any

from cryptography.fernet import InvalidToken

from slotwise.clock import Clock
from slotwise.config import Settings
from slotwise.emails.compose import message_id
from slotwise.emails.delivery import EmailHandler
from slotwise.emails.headers import check_header_lines, mailbox
from slotwise.messaging.providers import (
    SmsFailed,
    SmsProvider,
    SmsRefused,
    TextMessage,
    sms_provider,
)
from slotwise.outbox.handlers import DeliveryFailed, DeliveryRefused
from slotwise.outbox.service import Claimed
from slotwise.verification import codes
from slotwise.verification.service import (
    CODE_LIFETIME,
    VERIFICATION_EMAIL_KIND,
    VERIFICATION_SMS_KIND,
)

__all__ = [
    "VERIFICATION_EMAIL_KIND",
    "VERIFICATION_SMS_KIND",
    "VerificationEmailHandler",
    "VerificationSmsHandler",
]
MINUTES = int(CODE_LIFETIME.total_seconds() // 60)


def sentence(code: str) -> str:
    return f"Your verification code is {code}. It is valid for {MINUTES} minutes."


def compose(
    payload: dict[str, Any], code: str, *, row_id: int, sender: str, base_url: str, now: datetime
) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = "Your verification code"
    message["From"] = sender
    message["To"] = mailbox(None, payload["to"])
    message["Date"] = format_datetime(now)
    message["Message-ID"] = message_id(row_id, base_url)
    message.set_content(sentence(code) + "\nIf you did not ask for it, ignore this email.\n")
    check_header_lines(message)
    return message


def _code(settings: Settings, payload: dict[str, Any]) -> str:
    try:
        return codes.unsealed(settings, str(payload["code"]))
    except (KeyError, InvalidToken) as exc:
        raise DeliveryRefused("verification row without a readable code") from exc


class VerificationEmailHandler(EmailHandler):
    def __init__(self, settings: Settings, clock: Clock | None = None) -> None:
        super().__init__(settings, clock)

    def deliver(self, message: Claimed) -> dict[str, Any] | None:
        code = _code(self._settings, message.payload)
        email = compose(
            message.payload, code, row_id=message.id, sender=self._settings.smtp_from,
            base_url=self._settings.base_url, now=self._clock.now(),
        )  # fmt: skip
        to = str(message.payload["to"])
        if self._settings.smtp_host:
            self._send(email, to)
            return {"via": "smtp"}
        self._write_file(message.id, email)
        return {"via": "file"}


class VerificationSmsHandler:
    def __init__(self, settings: Settings, provider: SmsProvider | None = None) -> None:
        self._settings = settings
        self._provider = provider

    def deliver(self, message: Claimed) -> dict[str, Any] | None:
        code = _code(self._settings, message.payload)
        text = TextMessage(str(message.payload["to"]), sentence(code), message.id)
        if self._provider is None:
            self._provider = sms_provider(self._settings)
        try:
            return self._provider.send(text)
        except SmsRefused as exc:
            raise DeliveryRefused(str(exc), exc.result) from exc
        except SmsFailed as exc:
            raise DeliveryFailed(str(exc), exc.result) from exc

    def close(self) -> None:
        provider, self._provider = self._provider, None
        if provider is not None:
            provider.close()
