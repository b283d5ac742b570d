"""The SSRF guard and the one POST a delivery makes: a checked address is the one connected
to (DNS rebinding), and a receiver can neither stall the worker nor fill its memory."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from slotwise.webhooks.delivery import RESPONSE_EXCERPT, post
from slotwise.webhooks.network import Target, UnsafeUrl, check_subscriber_url, pin


class TestPinning:
    def test_a_name_is_replaced_by_the_checked_address_and_kept_for_host_and_sni(self) -> None:
        target = pin(urlsplit("https://hooks.example.com:8443/in?x=1"), "93.184.215.14")
        assert target == Target(
            url="https://93.184.215.14:8443/in?x=1",
            host_header="hooks.example.com:8443",
            sni_hostname="hooks.example.com",
        )

    def test_ipv6_addresses_are_bracketed_and_plain_http_has_no_sni(self) -> None:
        target = pin(
            urlsplit("http://hooks.example.com/in"), "2606:2800:21f:cb07:6820:80da:af6b:8b2c"
        )
        assert target.url == "http://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/in"
        assert target.host_header == "hooks.example.com"
        assert target.sni_hostname is None

    def test_a_public_literal_is_used_as_it_is(self) -> None:
        assert check_subscriber_url("https://93.184.215.14/h", allow_private=False) == Target(
            "https://93.184.215.14/h"
        )

    @pytest.mark.parametrize(
        "url",
        [
            "http://localhost/h",
            "http://[::ffff:127.0.0.1]/h",
            "http://[::1",
            "http://h:99999/",
            "http://[64:ff9b::7f00:1]/h",  # NAT64 (RFC 6052)
            "http://[64:ff9b::a9fe:a9fe]/h",
            "http://[64:ff9b:1::7f00:1]/h",  # NAT64 local use (RFC 8215)
            "http://[2002:7f00:1::1]/h",  # 6to4
            "http://[2002:a9fe:a9fe::]/h",
            "http://[::127.0.0.1]/h",  # IPv4-compatible
            "http://[::ffff:0:7f00:1]/h",  # IPv4-translated
            "http://[2001:0:7f00:1::1]/h",  # Teredo
        ],
    )
    def test_refused(self, url: str) -> None:
        with pytest.raises(UnsafeUrl):
            check_subscriber_url(url, allow_private=False)

    @pytest.mark.parametrize(
        "url",
        ["http://[64:ff9b::5db8:d70e]/h", "http://[2002:5db8:d70e::1]/h"],
    )
    def test_an_ipv6_form_of_a_public_ipv4_address_is_accepted(self, url: str) -> None:
        assert check_subscriber_url(url, allow_private=False) == Target(url)


DRIP_BYTES = 10  # per drip: the excerpt cap (RESPONSE_EXCERPT) is 10 s of dripping away
DRIPS = 200  # 40 s of body in all


@dataclass
class Dripping:
    url: str
    finished: threading.Event  # set once the whole body has been sent


@pytest.fixture
def dripping() -> Iterator[Dripping]:
    """Answers 200 at once, then drips a long body, 10 bytes every 0.2 s."""
    finished = threading.Event()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            self.rfile.read(int(self.headers.get("Content-Length", "0")))
            self.send_response(200)
            self.end_headers()
            try:
                for _ in range(DRIPS):
                    self.wfile.write(b"x" * DRIP_BYTES)
                    self.wfile.flush()
                    time.sleep(0.2)
            except OSError:
                return
            finished.set()

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Dripping(f"http://127.0.0.1:{server.server_address[1]}/hook", finished)
    server.shutdown()
    server.server_close()


def test_a_dripping_receiver_is_cut_off_at_the_deadline(dripping: Dripping) -> None:
    """The deadline, not the excerpt cap nor the end of the body, ends the read. How long
    the cut-off takes is measured by bench/webhooks.py."""
    with httpx.Client(timeout=5) as client:
        response, result = post(
            client,
            Target(dripping.url),
            b"{}",
            "application/json",
            secret=None,
            event_id="msg_x",
            attempt=1,
            deadline_seconds=0.5,
        )
    assert not dripping.finished.is_set()  # the receiver was still dripping
    assert response is not None
    assert result["responseCode"] == 200
    assert 0 < len(result["responseBody"]) < RESPONSE_EXCERPT  # the cap was not what stopped it
