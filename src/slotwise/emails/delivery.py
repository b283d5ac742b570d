"""The outbox handler for email rows: SMTP when configured, else .eml files in the data dir.

SMTP answers decide what happens next: a 5xx refusal of the recipient or the message is
permanent (the row fails at once, kept with the server's answer); anything else (refused
connection, timeout, 4xx "try later", a dropped connection) raises and is retried with
backoff. One connection serves a whole batch and is closed when the worker goes idle.

Without SMTP the email is written to ``<data dir>/outbox-emails/<row id>.eml``: named by the
row, so a retry rewrites the same file instead of adding a second one.
"""

from __future__ import annotations

import os
import smtplib
import ssl
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from slotwise.clock import Clock, SystemClock
from slotwise.config import Settings
from slotwise.emails.compose import compose
from slotwise.emails.invitations import compose_invitation, is_invitation
from slotwise.emails.planner import EMAIL_KIND
from slotwise.outbox.handlers import DeliveryRefused
from slotwise.outbox.service import Claimed

__all__ = ["EMAIL_KIND", "EmailHandler"]


class EmailHandler:
    def __init__(self, settings: Settings, clock: Clock | None = None) -> None:
        self._settings = settings
        self._clock = clock or SystemClock()
        self._smtp: smtplib.SMTP | None = None

    def deliver(self, message: Claimed) -> dict[str, Any] | None:
        try:
            # A team invitation is an email row too; everything else tells of a booking.
            composer = compose_invitation if is_invitation(message.payload) else compose
            email = composer(
                message.payload,
                row_id=message.id,
                sender=self._settings.smtp_from,
                base_url=self._settings.base_url,
                now=self._clock.now(),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise DeliveryRefused(f"malformed email row: {type(exc).__name__}: {exc}") from exc
        if self._settings.smtp_host:
            self._send(email, message.payload["to"]["email"])
            return {"via": "smtp", "to": message.payload["to"]["email"]}
        self._write_file(message.id, email)
        return {"via": "file", "to": message.payload["to"]["email"]}

    def close(self) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is not None:
            try:
                smtp.quit()
            except (smtplib.SMTPException, OSError):
                smtp.close()

    def _send(self, email: EmailMessage, recipient: str) -> None:
        smtp = self._connection()
        try:
            # The envelope names the row's recipient, never what the headers parse to.
            smtp.send_message(email, to_addrs=[recipient])
        except smtplib.SMTPRecipientsRefused as exc:
            self.close()
            codes = [code for code, _text in exc.recipients.values()]
            if all(code >= 500 for code in codes):
                raise DeliveryRefused(f"SMTP refused the recipient: {exc.recipients}") from exc
            raise
        except (smtplib.SMTPDataError, smtplib.SMTPSenderRefused) as exc:
            self.close()
            if exc.smtp_code >= 500:
                raise DeliveryRefused(f"SMTP refused the message: {exc.smtp_code}") from exc
            raise
        except (smtplib.SMTPException, OSError):
            self.close()  # a broken connection is not reused; the next attempt dials again
            raise

    def _connection(self) -> smtplib.SMTP:
        if self._smtp is not None:
            return self._smtp
        settings = self._settings
        assert settings.smtp_host is not None
        smtp = smtplib.SMTP(
            settings.smtp_host, settings.smtp_port, timeout=settings.smtp_timeout_seconds
        )
        try:
            if settings.smtp_starttls:
                smtp.starttls(context=ssl.create_default_context())
            if settings.smtp_user and settings.smtp_password is not None:
                smtp.login(settings.smtp_user, settings.smtp_password.get_secret_value())
        except BaseException:
            smtp.close()
            raise
        self._smtp = smtp
        return smtp

    def _write_file(self, row_id: int, email: EmailMessage) -> None:
        folder = self._settings.email_dir
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        target = folder / f"{row_id:010d}.eml"
        partial = Path(f"{target}.partial")
        # Owner-only, as everything in the data dir: an email carries booking links.
        with os.fdopen(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as f:
            f.write(email.as_bytes())
        os.replace(partial, target)  # whole or absent: a crash never leaves half an email
