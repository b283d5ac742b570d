"""A local server on 127.0.0.1 that speaks the shape of Twilio's Messages API, for tests:
``POST /2010-04-01/Accounts/{AccountSid}/Messages.json`` (form-encoded, HTTP basic auth)
answers 201 with a message resource (``sid``, ``status: queued`` ...), 401 with Twilio's
error body for wrong credentials, and whatever a test queued with ``fail_next``. It keeps
every message it accepted and can produce the status callback Twilio would send for it."""

from __future__ import annotations

import base64
import json
import threading
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

from slotwise.messaging.providers import twilio_signature

ACCOUNT_SID = "AC" + "0" * 32
AUTH_TOKEN = "test-auth-token"


@dataclass
class TwilioServer:
    messages: list[dict[str, str]] = field(default_factory=list)
    failures: list[tuple[int, int]] = field(default_factory=list)
    _server: ThreadingHTTPServer | None = None

    @property
    def base_url(self) -> str:
        assert self._server is not None
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def fail_next(self, status: int, code: int) -> None:
        self.failures.append((status, code))

    def start(self) -> None:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                return None

            def do_POST(self) -> None:  # noqa: N802 (http.server's hook name)
                length = int(self.headers.get("Content-Length", "0"))
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                status, body = owner.answer(self.path, self.headers.get("Authorization"), form)
                payload = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def answer(
        self, path: str, authorization: str | None, form: dict[str, str]
    ) -> tuple[int, dict[str, Any]]:
        if path != f"/2010-04-01/Accounts/{ACCOUNT_SID}/Messages.json":
            return 404, {"code": 20404, "message": "The requested resource was not found"}
        expected = "Basic " + base64.b64encode(f"{ACCOUNT_SID}:{AUTH_TOKEN}".encode()).decode()
        if authorization != expected:
            return 401, {"code": 20003, "message": "Authenticate", "status": 401}
        if self.failures:
            status, code = self.failures.pop(0)
            return status, {"code": code, "message": "refused by the test", "status": status}
        sid = "SM" + uuid.uuid4().hex
        message = {"sid": sid, **form}
        self.messages.append(message)
        return 201, {
            "sid": sid, "account_sid": ACCOUNT_SID, "to": form.get("To"),
            "from": form.get("From"), "body": form.get("Body"), "status": "queued",
        }  # fmt: skip

    def status_callback(self, sid: str, status: str) -> tuple[str, dict[str, str], str]:
        """What Twilio POSTs to the message's StatusCallback: (url, form, signature)."""
        message = next(m for m in self.messages if m["sid"] == sid)
        url = message["StatusCallback"]
        form = {"MessageSid": sid, "MessageStatus": status, "AccountSid": ACCOUNT_SID}
        return url, form, twilio_signature(AUTH_TOKEN, url, form)
