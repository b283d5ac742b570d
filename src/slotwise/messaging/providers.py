"""What an SMS provider is, how it reports failure, and the built-in ones by name.

A provider sends one message and answers what the receiver said (kept on the outbox row), or
raises ``SmsFailed`` (worth retrying: a network error, a timeout, 429, 5xx) or ``SmsRefused``
(never: a malformed number, a blocked recipient, bad credentials). Providers never read the
database; each worker thread makes its own, so a kept HTTP connection has one user.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from slotwise.config import Settings

if TYPE_CHECKING:
    from httpx import Response


STATUS_CALLBACK_PATH = "/v2/workflows/sms/status"


class SmsFailed(Exception):
    def __init__(self, message: str, result: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.result = result


class SmsRefused(SmsFailed):
    """The provider refused for good: sending again would be refused again."""


@dataclass(frozen=True)
class TextMessage:
    to: str  # E.164
    body: str
    reference: int  # the outbox row: the same on every retry
    channel: str = "sms"  # or "whatsapp"


class SmsProvider(Protocol):
    def send(self, message: TextMessage) -> dict[str, Any]: ...

    def close(self) -> None: ...


class FileProvider:
    """Development: ``<data dir>/outbox-sms/<row id>.txt`` (owner-only, like .eml files), so a
    retry rewrites the same file instead of adding one."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder

    def send(self, message: TextMessage) -> dict[str, Any]:
        self._folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        target = self._folder / f"{message.reference:010d}.txt"
        partial = Path(f"{target}.partial")
        text = f"To: {message.to}\nChannel: {message.channel}\n\n{message.body}\n"
        with os.fdopen(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as f:
            f.write(text)
        os.replace(partial, target)
        return {"via": "file", "file": target.name}

    def close(self) -> None:
        return None


class TwilioProvider:
    """Twilio's Messages API: ``POST {base}/2010-04-01/Accounts/{sid}/Messages.json``, form
    encoded, HTTP basic auth (account SID, auth token), with a ``StatusCallback`` URL to which
    Twilio reports the message's later states (queued, sent, delivered, undelivered ...)."""

    def __init__(
        self,
        *,
        account_sid: str,
        auth_token: str,
        sms_from: str | None,
        whatsapp_from: str | None,
        base_url: str,
        status_callback: str | None,
        timeout: float,
    ) -> None:
        self._account_sid = account_sid
        self._senders = {"sms": sms_from, "whatsapp": whatsapp_from}
        self._url = f"{base_url.rstrip('/')}/2010-04-01/Accounts/{account_sid}/Messages.json"
        self._status_callback = status_callback
        import httpx  # loaded by the first SMS sent, not at start-up

        self._client = httpx.Client(auth=(account_sid, auth_token), timeout=timeout)

    def send(self, message: TextMessage) -> dict[str, Any]:
        sender = self._senders.get(message.channel)
        if not sender:
            raise SmsRefused(f"no Twilio sender number configured for {message.channel}")
        prefix = "whatsapp:" if message.channel == "whatsapp" else ""
        form = {"To": prefix + message.to, "From": prefix + sender, "Body": message.body}
        if self._status_callback:
            form["StatusCallback"] = self._status_callback
        import httpx

        try:
            response = self._client.post(self._url, data=form)
        except httpx.HTTPError as exc:
            raise SmsFailed(f"Twilio unreachable: {type(exc).__name__}") from exc
        return _answer(response)

    def close(self) -> None:
        self._client.close()


def _answer(response: Response) -> dict[str, Any]:
    try:
        body: Mapping[str, Any] = response.json()
    except ValueError:
        body = {}
    result = {
        "responseCode": response.status_code,
        "sid": body.get("sid"),
        "status": body.get("status"),
    }
    if response.is_success:
        return result
    detail = f"Twilio answered {response.status_code}: {body.get('code')} {body.get('message')}"
    result["errorCode"] = body.get("code")
    if response.status_code == 429 or response.status_code >= 500:
        raise SmsFailed(detail, result)
    raise SmsRefused(detail, result)


def twilio_signature(auth_token: str, url: str, form: Mapping[str, str]) -> str:
    """Twilio's ``X-Twilio-Signature``: base64 of HMAC-SHA1, keyed by the auth token, over
    the URL followed by every form field's name and value, sorted by name."""
    text = url + "".join(f"{name}{form[name]}" for name in sorted(form))
    digest = hmac.new(auth_token.encode(), text.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


def _twilio(settings: Settings) -> SmsProvider:
    if not settings.twilio_account_sid or settings.twilio_auth_token is None:
        raise ValueError("SLOTWISE_SMS_PROVIDER=twilio needs TWILIO_ACCOUNT_SID and _AUTH_TOKEN")
    return TwilioProvider(
        account_sid=settings.twilio_account_sid,
        auth_token=settings.twilio_auth_token.get_secret_value(),
        sms_from=settings.twilio_phone_number,
        whatsapp_from=settings.twilio_whatsapp_number,
        base_url=settings.twilio_base_url,
        status_callback=settings.base_url + STATUS_CALLBACK_PATH,
        timeout=settings.sms_timeout_seconds,
    )


# Built-in providers by the name SLOTWISE_SMS_PROVIDER gives.
PROVIDERS: dict[str, Callable[[Settings], SmsProvider]] = {
    "file": lambda settings: FileProvider(settings.sms_dir),
    "twilio": _twilio,
}


def sms_provider(settings: Settings) -> SmsProvider:
    return PROVIDERS[settings.sms_provider](settings)
