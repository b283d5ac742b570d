"""A Stripe-shaped server on 127.0.0.1 for the payment tests: the subset of Stripe's REST API
slotwise uses (form-encoded requests with a Bearer secret key, JSON answers,
``Idempotency-Key`` honoured), and events signed as Stripe signs them
(``Stripe-Signature: t=<unix>,v1=HMAC-SHA256-hex(secret, "<t>.<body>")``).

- ``POST /v1/checkout/sessions`` -> a ``checkout.session`` (``url`` points back here)
- ``POST /v1/checkout/sessions/{id}/expire``
- ``POST /v1/refunds`` (``payment_intent``) and ``POST /v1/payment_intents/{id}/cancel``
- ``POST /oauth/token`` (Stripe Connect: a code becomes ``stripe_user_id``)

``complete(session_id)`` is the payer paying: the session becomes complete and paid (or only
authorized for a manual-capture HOLD) with a PaymentIntent, and the signed
``checkout.session.completed`` event is returned for the test to deliver, as Stripe would.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl

SECRET_KEY = "sk_test_slotwise"
WEBHOOK_SECRET = "whsec_slotwise_test"


def _nested(form: dict[str, str]) -> dict[str, Any]:
    """Stripe's bracket notation (``a[b][c]=v``) as nested dictionaries."""
    out: dict[str, Any] = {}
    for key, value in form.items():
        parts = key.replace("]", "").split("[")
        node: dict[str, Any] = out
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value
    return out


class FakeStripe:
    def __init__(self) -> None:
        self.sessions: dict[str, dict[str, Any]] = {}
        self.refunds: list[dict[str, Any]] = []
        self.cancelled_intents: list[str] = []
        self.requests: list[tuple[str, str, dict[str, str], dict[str, str]]] = []
        self.fail_next = 0  # answer this many requests with a 500 first
        self._ids = itertools.count(1)
        self._idempotent: dict[str, tuple[int, dict[str, Any]]] = {}
        self._lock = threading.Lock()
        stripe = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's hook name)
                length = int(self.headers.get("Content-Length", "0"))
                form = dict(parse_qsl(self.rfile.read(length).decode()))
                headers = {k.lower(): v for k, v in self.headers.items()}
                status, body = stripe._answer(self.path, form, headers)
                raw = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            def log_message(self, *args: Any) -> None:
                return None

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _answer(
        self, path: str, form: dict[str, str], headers: dict[str, str]
    ) -> tuple[int, dict[str, Any]]:
        with self._lock:
            self.requests.append(("POST", path, form, headers))
            if self.fail_next > 0:
                self.fail_next -= 1
                return 500, {"error": {"type": "api_error", "message": "try again"}}
            if headers.get("authorization") != f"Bearer {SECRET_KEY}":
                return 401, {"error": {"type": "invalid_request_error", "message": "bad key"}}
            key = headers.get("idempotency-key")
            if key and key in self._idempotent:
                return self._idempotent[key]
            answer = self._route(path, form, headers)
            if key:
                self._idempotent[key] = answer
            return answer

    def _route(
        self, path: str, form: dict[str, str], headers: dict[str, str]
    ) -> tuple[int, dict[str, Any]]:
        parts = path.strip("/").split("/")
        if path == "/v1/checkout/sessions":
            fields = _nested(form)
            item = fields["line_items"]["0"]
            capture = (fields.get("payment_intent_data") or {}).get("capture_method", "automatic")
            session_id = f"cs_test_{next(self._ids)}"
            session = {
                "id": session_id, "object": "checkout.session", "mode": fields["mode"],
                "url": f"{self.url}/checkout/{session_id}", "status": "open",
                "payment_status": "unpaid", "payment_intent": None,
                "amount_total": int(item["price_data"]["unit_amount"]),
                "currency": item["price_data"]["currency"],
                "metadata": fields.get("metadata", {}),
                "client_reference_id": fields.get("client_reference_id"),
                "customer_email": fields.get("customer_email"),
                "success_url": fields["success_url"], "cancel_url": fields["cancel_url"],
                "expires_at": int(fields["expires_at"]) if "expires_at" in fields else None,
                "capture_method": capture,
                "account": headers.get("stripe-account"),
            }  # fmt: skip
            self.sessions[session_id] = session
            return 200, session
        if len(parts) == 5 and parts[:3] == ["v1", "checkout", "sessions"] and parts[4] == "expire":
            expiring = self.sessions.get(parts[3])
            if expiring is None or expiring["status"] != "open":
                return 400, {"error": {"message": "session is not open"}}
            expiring["status"] = "expired"
            return 200, expiring
        if path == "/v1/refunds":
            refund = {
                "id": f"re_test_{next(self._ids)}", "object": "refund",
                "payment_intent": form["payment_intent"], "status": "succeeded",
            }  # fmt: skip
            self.refunds.append(refund)
            return 200, refund
        if len(parts) == 4 and parts[:2] == ["v1", "payment_intents"] and parts[3] == "cancel":
            self.cancelled_intents.append(parts[2])
            return 200, {"id": parts[2], "object": "payment_intent", "status": "canceled"}
        if path == "/oauth/token":
            if form.get("grant_type") != "authorization_code" or form.get("code") != "ac_good":
                return 400, {"error": "invalid_grant"}
            return 200, {"stripe_user_id": "acct_test_host", "token_type": "bearer"}
        return 404, {"error": {"message": f"no route {path}"}}

    def complete(
        self, session_id: str, *, timestamp: int | None = None, secret: str = WEBHOOK_SECRET
    ) -> tuple[bytes, str]:
        """The payer paid: the signed ``checkout.session.completed`` event (body, header)."""
        with self._lock:
            session = self.sessions[session_id]
            session["status"] = "complete"
            held = session["capture_method"] == "manual"
            session["payment_status"] = "unpaid" if held else "paid"
            session["payment_intent"] = f"pi_test_{next(self._ids)}"
            event = {
                "id": f"evt_test_{next(self._ids)}", "object": "event",
                "type": "checkout.session.completed", "created": int(time.time()),
                "data": {"object": dict(session)},
            }  # fmt: skip
        return self.signed(event, timestamp=timestamp, secret=secret)

    @staticmethod
    def signed(
        event: dict[str, Any], *, timestamp: int | None = None, secret: str = WEBHOOK_SECRET
    ) -> tuple[bytes, str]:
        body = json.dumps(event).encode()
        stamp = int(time.time()) if timestamp is None else timestamp
        digest = hmac.new(
            secret.encode(), str(stamp).encode() + b"." + body, hashlib.sha256
        ).hexdigest()
        return body, f"t={stamp},v1={digest}"
