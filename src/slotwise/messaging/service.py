"""Twilio's status callbacks: checked by their signature, then recorded per message SID."""

from __future__ import annotations

import hmac
from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from slotwise.config import Settings
from slotwise.errors import Forbidden, Invalid
from slotwise.messaging.models import SmsReceipt
from slotwise.messaging.providers import STATUS_CALLBACK_PATH, twilio_signature


def record_status(
    session: Session, settings: Settings, form: Mapping[str, str], signature: str, *, now: datetime
) -> SmsReceipt:
    token = settings.twilio_auth_token
    expected = (
        twilio_signature(token.get_secret_value(), settings.base_url + STATUS_CALLBACK_PATH, form)
        if token is not None
        else None
    )
    if expected is None or not _same(expected, signature):
        raise Forbidden("The status callback's X-Twilio-Signature does not match")
    sid, status = form.get("MessageSid"), form.get("MessageStatus")
    if not sid or not status:
        raise Invalid("MessageSid and MessageStatus are required")
    receipt = session.scalars(select(SmsReceipt).where(SmsReceipt.message_sid == sid)).first()
    if receipt is None:
        receipt = SmsReceipt(message_sid=sid[:64], status="", updated_at=now)
        session.add(receipt)
    receipt.status = status[:32]
    receipt.error_code = (form.get("ErrorCode") or None) and str(form["ErrorCode"])[:16]
    receipt.updated_at = now
    session.flush()
    return receipt


def receipt_of(session: Session, sid: str) -> SmsReceipt | None:
    return session.scalars(select(SmsReceipt).where(SmsReceipt.message_sid == sid)).first()


def _same(expected: str, given: str) -> bool:
    return hmac.compare_digest(expected.encode(), given.encode())
