"""A real SMTP server on loopback (aiosmtpd) that keeps what it receives, for tests.

It can be stopped and started again on the same port (SMTP "down for a while"). Recipients
at ``refused.example`` get a permanent 550 and at ``busy.example`` a temporary 451.
"""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller
from icalendar import Calendar


@dataclass(frozen=True)
class Received:
    recipients: tuple[str, ...]
    message: EmailMessage

    @property
    def to(self) -> str:
        return self.recipients[0]

    @property
    def subject(self) -> str:
        # A long ASCII subject may be folded right after "Subject:"; the fold's space is
        # no part of the text (RFC 5322 unfolding), though the email parser keeps it.
        return str(self.message["Subject"]).lstrip()

    @property
    def message_id(self) -> str:
        return str(self.message["Message-ID"])

    @property
    def booking_uid(self) -> str:
        return str(self.message["X-Slotwise-Booking-Uid"])

    def text(self) -> str:
        part = self.message.get_body(preferencelist=("plain",))
        assert part is not None
        return str(part.get_content())  # type: ignore[attr-defined]

    def html(self) -> str:
        part = self.message.get_body(preferencelist=("html",))
        assert part is not None
        return str(part.get_content())  # type: ignore[attr-defined]

    def calendar(self) -> Calendar | None:
        for part in self.message.iter_attachments():
            if part.get_content_type() == "text/calendar":
                content = part.get_payload(decode=True)
                assert isinstance(content, bytes)
                return Calendar.from_ical(content)
        return None

    def calendar_method_param(self) -> str | None:
        for part in self.message.iter_attachments():
            if part.get_content_type() == "text/calendar":
                value = part.get_param("method")
                return str(value) if value is not None else None
        return None


class _Handler:
    def __init__(self, sink: SmtpSink) -> None:
        self._sink = sink

    async def handle_RCPT(  # noqa: N802 (aiosmtpd's hook name)
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        domain = address.rsplit("@", 1)[-1].lower()
        if domain == "refused.example":
            return "550 5.1.1 no such user here"
        if domain == "busy.example":
            return "451 4.3.0 try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(  # noqa: N802
        self, server: Any, session: Any, envelope: Any
    ) -> str:
        parsed = message_from_bytes(envelope.original_content, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        self._sink.add(Received(tuple(envelope.rcpt_tos), parsed))
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class SmtpSink:
    def __init__(self) -> None:
        # port=0 does not work with aiosmtpd's Controller (it self-connects to port 0).
        self.port = free_port()
        self._lock = threading.Lock()
        self._received: list[Received] = []
        self._controller: Controller | None = None

    def start(self) -> None:
        self._controller = Controller(_Handler(self), hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def add(self, received: Received) -> None:
        with self._lock:
            self._received.append(received)

    @property
    def received(self) -> list[Received]:
        with self._lock:
            return list(self._received)

    def to(self, address: str) -> list[Received]:
        return [r for r in self.received if address in r.recipients]

    def wait_for(self, count: int, timeout: float = 30.0) -> list[Received]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(self.received) >= count:
                return self.received
            time.sleep(0.05)
        raise AssertionError(f"expected {count} emails, got {len(self.received)} in {timeout} s")
