"""The handler of ``review_request`` rows: at the meeting's end, makes the link's secret,
stores its hash on the review row (a new link replaces an unsent or earlier one) and emails
the link to the attendee, by SMTP or as an .eml file like every email.

Nothing is sent for a booking that was cancelled, a review already given or an attendee
marked as a no-show."""

from __future__ import annotations

from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from typing import Any

from sqlalchemy import Engine

from slotwise.config import Settings
from slotwise.db import make_session_factory, transaction
from slotwise.emails.compose import message_id
from slotwise.emails.delivery import EmailHandler
from slotwise.emails.headers import check_header_lines, header_text, mailbox
from slotwise.outbox.handlers import DeliveryRefused
from slotwise.outbox.service import Claimed
from slotwise.reviews import repository, service

REVIEW_TEXT = """Hello {name},

Thank you for attending "{title}" with {host}. How was it?
Rate it from 1 to 5 and tell {host} what you thought; the link works once:

{link}
"""


class ReviewRequestHandler(EmailHandler):
    def __init__(self, settings: Settings, engine: Engine) -> None:
        super().__init__(settings)
        self._writers = make_session_factory(engine, write_lock=True)

    def deliver(self, message: Claimed) -> dict[str, Any] | None:
        payload = message.payload
        try:
            review_id = int(payload["reviewId"])
            recipient = str(payload["to"]["email"])
        except (KeyError, TypeError, ValueError) as exc:
            raise DeliveryRefused(f"malformed review row: {exc}") from exc
        now = datetime.now(UTC)
        secret = service.new_secret()
        with transaction(self._writers) as session:
            review = repository.by_id(session, review_id)
            if review is None:
                return {"skipped": "the booking is gone"}
            refusal = service.refusal_before_sending(session, review)
            if refusal is not None:
                return {"skipped": refusal}
            repository.set_secret_hash(session, review_id, service.hash_secret(secret), now=now)
        link = f"{self._settings.base_url}/reviews/{secret}"
        email = self._compose(payload, link, row_id=message.id, now=now)
        if self._settings.smtp_host:
            self._send(email, recipient)
            return {"via": "smtp", "to": recipient}
        self._write_file(message.id, email)
        return {"via": "file", "to": recipient}

    def _compose(
        self, payload: dict[str, Any], link: str, *, row_id: int, now: datetime
    ) -> EmailMessage:
        to = payload["to"]
        email = EmailMessage()
        email["Subject"] = header_text(f"How was {payload['title']}?")
        email["From"] = self._settings.smtp_from
        email["To"] = mailbox(to.get("name"), to["email"])
        email["Message-ID"] = message_id(row_id, self._settings.base_url)
        email["Date"] = format_datetime(now)
        email.set_content(
            REVIEW_TEXT.format(
                name=header_text(to.get("name") or ""),
                title=payload["title"],
                host=payload.get("hostName") or "your host",
                link=link,
            )
        )
        check_header_lines(email)
        return email
