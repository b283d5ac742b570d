"""Benchmark: how a server refuses an oversized request body. Run from the repo root:

    .venv/bin/python bench/request_bodies.py [--megabytes 100]

A fresh ``slotwise serve`` (SQLite under a new data dir) is sent one ``POST /v2/bookings``
of ``--megabytes`` MB of JSON over a raw socket, twice: with a ``Content-Length`` header,
then chunked (no length announced). While each is in flight another thread asks
``GET /health`` every 50 ms. Figures per body:

- **refusal**: seconds from the first byte sent until the status line arrives, and the status;
- **health**: the slowest ``/health`` answer meanwhile;
- **memory**: the server's resident set before, and its peak (VmHWM) after.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

CHUNK = 64 * 1024


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(env: dict[str, str], port: int) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "slotwise", "serve", "--port", str(port)],
        env={**env, "SLOTWISE_LOG_LEVEL": "WARNING"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return process
        except httpx.TransportError:
            pass
        time.sleep(0.05)
    process.kill()
    raise RuntimeError("server did not start in 30 s")


def memory_kib(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"no {field} for {pid}")


class HealthProbe(threading.Thread):
    """Asks /health every 50 ms and keeps the slowest answer."""

    def __init__(self, base: str) -> None:
        super().__init__(daemon=True)
        self.base = base
        self.slowest = 0.0
        self.stop = threading.Event()

    def run(self) -> None:
        with httpx.Client(base_url=self.base, timeout=120) as client:
            while not self.stop.is_set():
                began = time.perf_counter()
                client.get("/health")
                self.slowest = max(self.slowest, time.perf_counter() - began)
                time.sleep(0.05)


def send_body(port: int, size: int, *, chunked: bool) -> tuple[float, str]:
    """Sends a JSON body of ``size`` bytes; the seconds until the status line, and it."""
    head = "POST /v2/bookings HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
    head += "Transfer-Encoding: chunked\r\n\r\n" if chunked else f"Content-Length: {size}\r\n\r\n"
    sock = socket.create_connection(("127.0.0.1", port))
    sock.settimeout(300)
    answered = threading.Event()
    filler = b'{"title": "' + b"x" * (size - 13) + b'"}'

    def write() -> None:
        try:
            sock.sendall(head.encode())
            for offset in range(0, size, CHUNK):
                if answered.is_set():
                    return
                piece = filler[offset : offset + CHUNK]
                sock.sendall(b"%x\r\n%s\r\n" % (len(piece), piece) if chunked else piece)
            if chunked:
                sock.sendall(b"0\r\n\r\n")
        except OSError:
            pass  # the server answered and closed: the rest is not wanted

    began = time.perf_counter()
    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    status = sock.makefile("rb").readline().decode().strip()
    elapsed = time.perf_counter() - began
    answered.set()
    sock.close()
    writer.join()
    return elapsed, status


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--megabytes", type=int, default=100)
    args = parser.parse_args()
    size = args.megabytes * 1024 * 1024

    data_dir = Path(tempfile.mkdtemp(prefix="slotwise-bench-bodies-"))
    env = {**os.environ, "SLOTWISE_DATA_DIR": str(data_dir)}
    env.pop("SLOTWISE_DATABASE_URL", None)
    port = free_port()
    process = start_server(env, port)
    try:
        print(f"server RSS at start: {memory_kib(process.pid, 'VmRSS') / 1024:.0f} MB")
        for chunked in (False, True):
            probe = HealthProbe(f"http://127.0.0.1:{port}")
            probe.start()
            elapsed, status = send_body(port, size, chunked=chunked)
            time.sleep(0.3)
            probe.stop.set()
            probe.join()
            print(
                f"{args.megabytes} MB {'chunked' if chunked else 'with Content-Length'}: "
                f"'{status}' after {elapsed:.2f} s; slowest /health {probe.slowest * 1000:.0f} ms;"
                f" server RSS now {memory_kib(process.pid, 'VmRSS') / 1024:.0f} MB,"
                f" peak {memory_kib(process.pid, 'VmHWM') / 1024:.0f} MB"
            )
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


if __name__ == "__main__":
    main()
