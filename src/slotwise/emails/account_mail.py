"""Account emails (a password-reset link): the subscriber that writes the outbox row when
accounts announce a reset, and the handler that sends it (SMTP or an .eml file, exactly as
booking emails go)."""

from __future__ import annotations

from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime
from typing import Any

from sqlalchemy.orm import Session

from slotwise.accounts.events import PasswordResetRequested
from slotwise.emails.compose import message_id
from slotwise.emails.delivery import EmailHandler
from slotwise.emails.headers import check_header_lines, header_text, mailbox
from slotwise.events import EventBus
from slotwise.outbox.handlers import DeliveryRefused
from slotwise.outbox.service import Claimed, enqueue

ACCOUNT_EMAIL_KIND = "account_email"

RESET_TEXT = """Hello {name},

Someone (we hope you) asked to reset the password of your slotwise account.
Open this link to choose a new password. It works once, until {expires} (UTC):

{link}

If you did not ask for this, ignore this email: your password stays as it is.
"""

__all__ = ["ACCOUNT_EMAIL_KIND", "AccountEmailHandler", "subscribe"]


def subscribe(bus: EventBus) -> None:
    bus.subscribe(PasswordResetRequested, on_password_reset_requested)


def on_password_reset_requested(session: Session, event: PasswordResetRequested) -> None:
    enqueue(
        session,
        ACCOUNT_EMAIL_KIND,
        {
            "template": "password_reset",
            "to": {"email": event.email, "name": event.name},
            "link": event.link,
            "expiresAt": event.expires_at.isoformat(),
        },
        now=event.at,
    )


def compose_account_email(
    payload: dict[str, Any], *, row_id: int, sender: str, base_url: str, now: datetime
) -> EmailMessage:
    if payload.get("template") != "password_reset":
        raise ValueError(f"unknown account email {payload.get('template')!r}")
    to = payload["to"]
    email = EmailMessage()
    email["Subject"] = "Reset your slotwise password"
    email["From"] = sender
    email["To"] = mailbox(to.get("name"), to["email"])
    email["Message-ID"] = message_id(row_id, base_url)
    email["Date"] = format_datetime(now)
    email.set_content(
        RESET_TEXT.format(
            name=header_text(to.get("name") or ""),
            link=payload["link"],
            expires=payload["expiresAt"][:16].replace("T", " "),
        )
    )
    check_header_lines(email)
    return email


class AccountEmailHandler(EmailHandler):
    """Booking emails' delivery (one SMTP connection per batch, or .eml files) for another
    kind of message."""

    def deliver(self, message: Claimed) -> dict[str, Any] | None:
        try:
            email = compose_account_email(
                message.payload,
                row_id=message.id,
                sender=self._settings.smtp_from,
                base_url=self._settings.base_url,
                now=self._clock.now(),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise DeliveryRefused(f"malformed email row: {type(exc).__name__}: {exc}") from exc
        recipient = message.payload["to"]["email"]
        if self._settings.smtp_host:
            self._send(email, recipient)
            return {"via": "smtp", "to": recipient}
        self._write_file(message.id, email)
        return {"via": "file", "to": recipient}
