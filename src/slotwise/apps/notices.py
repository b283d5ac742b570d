"""The email telling a user that a provider refused one of their apps' credentials (outbox
kind ``app_credential_notice``, written once per invalid credential by ``service``).

Sent the way booking emails are (SMTP, or an .eml file without SMTP): the handler is the
emails domain's, with its own message instead of a booking's.
"""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import formataddr
from typing import Any

from slotwise.apps.service import CREDENTIAL_NOTICE_KIND
from slotwise.emails.compose import message_id
from slotwise.emails.delivery import EmailHandler
from slotwise.emails.headers import header_text
from slotwise.outbox.handlers import DeliveryRefused
from slotwise.outbox.service import Claimed

__all__ = ["CREDENTIAL_NOTICE_KIND", "CredentialNoticeHandler"]


class CredentialNoticeHandler(EmailHandler):
    def deliver(self, message: Claimed) -> dict[str, Any] | None:
        try:
            email, recipient = self._compose(message)
        except (KeyError, TypeError, ValueError) as exc:
            raise DeliveryRefused(f"malformed notice row: {exc}") from exc
        if self._settings.smtp_host:
            self._send(email, recipient)
            return {"via": "smtp", "to": recipient}
        self._write_file(message.id, email)
        return {"via": "file", "to": recipient}

    def _compose(self, message: Claimed) -> tuple[EmailMessage, str]:
        payload = message.payload
        recipient = str(payload["to"]["email"])
        app = header_text(str(payload["app"]))
        email = EmailMessage()
        email["From"] = self._settings.smtp_from
        email["To"] = formataddr((header_text(str(payload["to"].get("name") or "")), recipient))
        email["Subject"] = f"Action needed: reconnect {app}"
        email["Message-ID"] = message_id(message.id, self._settings.base_url)  # same on a retry
        email.set_content(
            f"Hello,\n\n{app} refused the credentials slotwise holds for it, so your "
            "calendar cannot be read or written until you connect it again.\n\n"
            f"Reconnect it at {self._settings.base_url}.\n"
        )
        return email, recipient
