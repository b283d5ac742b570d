"""The outbox handler for workflow emails: the step's subject and body (or its template's
default) rendered for the recipient, sent like every email (SMTP, or .eml files without
SMTP; the same retries and refusals), with the booking's invitation attached when the step
asks for it."""

from __future__ import annotations

import html
import re
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime
from typing import Any

from slotwise.clock import Clock
from slotwise.config import Settings
from slotwise.emails import ics
from slotwise.emails.compose import message_id
from slotwise.emails.delivery import EmailHandler
from slotwise.emails.headers import check_header_lines, header_text, mailbox
from slotwise.messaging.providers import (
    SmsFailed,
    SmsProvider,
    SmsRefused,
    TextMessage,
    sms_provider,
)
from slotwise.outbox.handlers import DeliveryFailed, DeliveryRefused
from slotwise.outbox.service import Claimed
from slotwise.workflows import texts
from slotwise.workflows.models import Action, Template
from slotwise.workflows.planner import WORKFLOW_EMAIL_KIND, WORKFLOW_SMS_KIND

__all__ = [
    "WORKFLOW_EMAIL_KIND",
    "WORKFLOW_SMS_KIND",
    "WorkflowEmailHandler",
    "WorkflowSmsHandler",
    "compose",
    "text_of",
]

_TAG = re.compile(r"<[^>]+>")
_BREAK = re.compile(r"<br\s*/?>|</p>", re.IGNORECASE)


def plain_text(markup: str) -> str:
    """The text part of an email whose body is HTML."""
    return html.unescape(_TAG.sub("", _BREAK.sub("\n", markup))).strip() + "\n"


def compose(
    payload: dict[str, Any], *, row_id: int, sender: str, base_url: str, now: datetime
) -> EmailMessage:
    booking, recipient = payload["booking"], payload["to"]
    template = Template(payload["template"])
    subject_template = payload.get("subject") or texts.EMAIL_SUBJECTS[template]
    body_template = payload.get("body") or texts.EMAIL_BODIES[template]
    from slotwise.workflows import variables  # Babel: loaded by the first delivery

    subject = variables.render(subject_template, booking, recipient, base_url)
    body = variables.render(body_template, booking, recipient, base_url, as_html=True)
    organizer = booking["organizer"]

    message = EmailMessage()
    message["Subject"] = header_text(subject)
    message["From"] = sender
    message["To"] = mailbox(recipient.get("name"), recipient["email"])
    message["Reply-To"] = mailbox(organizer["name"], organizer["email"])
    message["Date"] = format_datetime(now)
    message["Message-ID"] = message_id(row_id, base_url)
    message["X-Slotwise-Booking-Uid"] = booking["uid"]
    message["X-Slotwise-Workflow-Id"] = str(payload["workflowId"])
    message.set_content(plain_text(body))
    message.add_alternative(f"<!doctype html><html><body>{body}</body></html>", subtype="html")
    if payload.get("includeCalendarEvent"):
        invite = ics.invitation(
            booking, method="REQUEST", stamp=now, manage_url=f"{base_url}/booking/{booking['uid']}"
        )
        message.add_attachment(
            invite, maintype="text", subtype="calendar", filename="invite.ics",
            params={"method": "REQUEST"},
        )  # fmt: skip
    check_header_lines(message)
    return message


class WorkflowEmailHandler(EmailHandler):
    """The email handler's transport (one SMTP connection per batch, .eml files without
    SMTP), composing workflow messages instead of booking notices."""

    def __init__(self, settings: Settings, clock: Clock | None = None) -> None:
        super().__init__(settings, clock)

    def deliver(self, message: Claimed) -> dict[str, Any] | None:
        try:
            email = compose(
                message.payload,
                row_id=message.id,
                sender=self._settings.smtp_from,
                base_url=self._settings.base_url,
                now=self._clock.now(),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise DeliveryRefused(f"malformed workflow row: {type(exc).__name__}: {exc}") from exc
        to = message.payload["to"]["email"]
        if self._settings.smtp_host:
            self._send(email, to)
            return {"via": "smtp", "to": to}
        self._write_file(message.id, email)
        return {"via": "file", "to": to}


def text_of(payload: dict[str, Any], *, base_url: str) -> str:
    """A text message's words: the step's body (HTML tags dropped) or its template's."""
    template = Template(payload["template"])
    body = payload.get("body") or texts.TEXTS[template]
    if "<" in body:
        body = plain_text(body).strip()
    from slotwise.workflows import variables  # Babel: loaded by the first delivery

    return variables.render(body, payload["booking"], payload["to"], base_url)


class WorkflowSmsHandler:
    """Text messages (SMS, WhatsApp) through the configured provider; a failure retries like
    an email (network errors, 429, 5xx), a refusal fails the row at once."""

    def __init__(self, settings: Settings, provider: SmsProvider | None = None) -> None:
        self._settings = settings
        self._provider = provider

    def deliver(self, message: Claimed) -> dict[str, Any] | None:
        payload = message.payload
        try:
            action = Action(payload["action"])
            text = text_of(payload, base_url=self._settings.base_url)
            to = str(payload["to"]["phone"])
        except (KeyError, TypeError, ValueError) as exc:
            raise DeliveryRefused(f"malformed workflow row: {type(exc).__name__}: {exc}") from exc
        channel = "whatsapp" if action.value.startswith("WHATSAPP_") else "sms"
        try:
            return self._sms().send(TextMessage(to, text, message.id, channel))
        except SmsRefused as exc:
            raise DeliveryRefused(str(exc), exc.result) from exc
        except SmsFailed as exc:
            raise DeliveryFailed(str(exc), exc.result) from exc

    def close(self) -> None:
        provider, self._provider = self._provider, None
        if provider is not None:
            provider.close()

    def _sms(self) -> SmsProvider:
        if self._provider is None:
            self._provider = sms_provider(self._settings)
        return self._provider
