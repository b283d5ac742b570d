"""A real HTTP receiver on loopback for webhook tests: keeps every request (headers, exact
body bytes) and answers with the status the test chooses (a queue, then a default). A test
can stall each answer (``delays``) or hold every answer until it releases them (``hold``)."""

from __future__ import annotations

import threading
import time
from collections import deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

HOLD_CEILING = 120  # seconds; a hang guard for a held answer, never reached by a passing test


@dataclass(frozen=True)
class Delivery:
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        import json

        return json.loads(self.body)


class Receiver:
    def __init__(self) -> None:
        self.deliveries: list[Delivery] = []
        self.statuses: deque[int] = deque()
        self.default_status = 200
        self.delays: deque[float] = deque()  # seconds to stall before answering, per request
        self._answering = threading.Event()  # cleared by hold(): answers wait for release()
        self._answering.set()
        self._lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's hook name)
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length)
                with receiver._lock:
                    stall = receiver.delays.popleft() if receiver.delays else 0.0
                with receiver._lock:
                    receiver.deliveries.append(
                        Delivery(self.path, {k.lower(): v for k, v in self.headers.items()}, body)
                    )
                    status = (
                        receiver.statuses.popleft()
                        if receiver.statuses
                        else receiver.default_status
                    )
                time.sleep(stall)
                receiver._answering.wait(timeout=HOLD_CEILING)
                try:
                    self.send_response(status)
                except OSError:  # the sender died while we stalled
                    return
                self.send_header("Content-Type", "text/plain")
                self.end_headers()
                try:
                    self.wfile.write(b"ok" if status < 300 else b"not now")
                except OSError:
                    return

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hook"

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self.release()
        self._server.shutdown()
        self._server.server_close()

    def hold(self) -> None:
        """Requests are still recorded on arrival, but none is answered until release()."""
        self._answering.clear()

    def release(self) -> None:
        self._answering.set()

    def received(self) -> list[Delivery]:
        with self._lock:
            return list(self.deliveries)
