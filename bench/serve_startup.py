"""Benchmark: how fast `slotwise serve` starts, how much memory it holds idle, and how fast
it answers GET /v2/me. Run from the repo root:

    .venv/bin/python bench/serve_startup.py [--runs 5]

Cold start = a fresh data dir (migrations + demo seed); warm start = the same dir again.
Start-up is measured from process spawn to the first 200 from /health, as wall time and as
the server process's CPU time (user + system, from /proc: the stable figure on a shared
machine).
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

# Rate limits: all the load comes from one address (and a few keys), far below this.
ONE_ADDRESS = {
    "SLOTWISE_RATE_LIMIT_PER_ADDRESS": "100000000",
    "SLOTWISE_RATE_LIMIT_PER_API_KEY": "100000000",
}


STARTUP_CPU: list[float] = []  # CPU seconds of each start, at its first /health 200


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def cpu_seconds(pid: int) -> float:
    """A process's user + system CPU time so far (all its threads), from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def start(data_dir: Path) -> tuple[subprocess.Popen[str], int, float]:
    port = free_port()
    env = {**os.environ, "SLOTWISE_DATA_DIR": str(data_dir), **ONE_ADDRESS}
    began = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "slotwise", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}/health"
    while True:
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                STARTUP_CPU.append(cpu_seconds(process.pid))
                return process, port, time.perf_counter() - began
        except httpx.TransportError:
            pass
        if process.poll() is not None:
            raise RuntimeError(process.stdout.read() if process.stdout else "server died")
        time.sleep(0.01)


def stop(process: subprocess.Popen[str]) -> str:
    process.send_signal(signal.SIGTERM)
    output, _ = process.communicate(timeout=10)
    return output


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--requests", type=int, default=500)
    args = parser.parse_args()

    cold, warm, idle_rss = [], [], []
    latencies: list[float] = []
    for run in range(args.runs):
        data_dir = Path(tempfile.mkdtemp(prefix="slotwise-bench-"))
        process, port, seconds = start(data_dir)
        cold.append(seconds)
        output = stop(process)
        key = re.search(r"cal_[0-9a-f]{32}", output)
        assert key, output

        process, port, seconds = start(data_dir)
        warm.append(seconds)
        time.sleep(2)
        idle_rss.append(rss_mib(process.pid))
        if run == 0:
            headers = {"Authorization": f"Bearer {key.group(0)}"}
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", headers=headers) as client:
                for _ in range(args.requests):
                    began = time.perf_counter()
                    assert client.get("/v2/me").status_code == 200
                    latencies.append((time.perf_counter() - began) * 1000)
        stop(process)

    def summary(values: list[float]) -> str:
        return (
            f"median {statistics.median(values):.2f}, min {min(values):.2f}, max {max(values):.2f}"
        )

    latencies.sort()
    print(f"runs: {args.runs}")
    print(f"cold start to first /health 200 (s): {summary(cold)}")
    print(f"warm start to first /health 200 (s): {summary(warm)}")
    print(f"warm start CPU to first /health 200 (s): {summary(STARTUP_CPU[1::2])}")
    print(f"idle RSS after 2 s (MiB): {summary(idle_rss)}")
    print(
        f"GET /v2/me sequential over {len(latencies)} requests (ms): "
        f"p50 {latencies[len(latencies) // 2]:.2f}, p99 {latencies[int(len(latencies) * 0.99)]:.2f}"
    )


if __name__ == "__main__":
    main()
