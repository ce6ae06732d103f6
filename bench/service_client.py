"""The service benchmark's clients and its server: HTTP on 127.0.0.1 only, every loop bounded.

A phase is some clients (threads, each with one keep-alive ``http.client`` connection, so each
stays with the gunicorn worker that accepted it) sending one kind of request until a count or a
time limit is reached, whichever comes first; a request in flight at the limit is waited for.
"""

from __future__ import annotations

import http.client
import json
import math
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HOST = "127.0.0.1"  # the only address the benchmark talks to
REQUEST_TIMEOUT = 300.0  # seconds: a cold worker replays the whole log before it answers


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    body: Any = None
    expect: int = 200


@dataclass
class Phase:
    clients: int
    seconds: float = 0.0  # wall time, from the first request sent to the last answered
    latencies: list[float] = field(default_factory=list)  # seconds, of answers with the expected status
    errors: int = 0
    first_error: str = ""

    @property
    def rps(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds > 0 else 0.0

    def pct(self, q: float) -> float:
        """The q-th percentile latency in seconds (nearest rank); NaN when nothing was answered."""
        if not self.latencies:
            return math.nan
        ordered = sorted(self.latencies)
        return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


class Client:
    """One keep-alive connection with the benchmark's bearer token."""

    def __init__(self, port: int, token: str) -> None:
        self.port, self.token = port, token
        self.conn = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)

    def send(self, req: Request) -> tuple[int, bytes, float]:
        body = None if req.body is None else json.dumps(req.body).encode()
        headers = {"Authorization": f"Bearer {self.token}", "Accept": "application/json"}
        if body is not None:
            headers["Content-Type"] = "application/json"
        t0 = time.perf_counter()
        try:
            self.conn.request(req.method, req.path, body=body, headers=headers)
            resp = self.conn.getresponse()
        except (http.client.RemoteDisconnected, ConnectionError):
            # the server closed an idle keep-alive connection before reading this request: send it again once
            self.conn.close()
            self.conn = http.client.HTTPConnection(HOST, self.port, timeout=REQUEST_TIMEOUT)
            t0 = time.perf_counter()
            self.conn.request(req.method, req.path, body=body, headers=headers)
            resp = self.conn.getresponse()
        data = resp.read()
        return resp.status, data, time.perf_counter() - t0

    def close(self) -> None:
        self.conn.close()


def run_phase(
    port: int, token: str, make: Callable[[], Request], clients: int, max_requests: int, max_seconds: float
) -> Phase:
    """``clients`` threads send ``make()`` until ``max_requests`` were sent or ``max_seconds`` passed."""
    phase = Phase(clients)
    lock = threading.Lock()
    sent = [0]
    start = threading.Barrier(clients + 1)
    deadline = [0.0]

    def work() -> None:
        client = Client(port, token)
        start.wait()
        try:
            while True:
                with lock:
                    if sent[0] >= max_requests or time.perf_counter() >= deadline[0]:
                        return
                    sent[0] += 1
                    req = make()
                try:
                    status, data, seconds = client.send(req)
                except OSError as exc:
                    status, data, seconds = 0, str(exc).encode(), 0.0
                with lock:
                    if status == req.expect:
                        phase.latencies.append(seconds)
                    else:
                        phase.errors += 1
                        phase.first_error = phase.first_error or f"{status} {data[:200].decode(errors='replace')}"
        finally:
            client.close()

    threads = [threading.Thread(target=work, daemon=True) for _ in range(clients)]
    for t in threads:
        t.start()
    t0 = time.perf_counter()
    deadline[0] = t0 + max_seconds
    start.wait()
    for t in threads:
        t.join(max_seconds + REQUEST_TIMEOUT + 10)
    phase.seconds = time.perf_counter() - t0
    return phase


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


class Server:
    """``guishu serve`` (gunicorn, its default workers and threads) on 127.0.0.1 and a free port."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.env, self.log = env, log
        self.port = free_port()
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 120.0) -> float:
        """Start and wait until the server answers; returns the seconds that took."""
        guishu = str(Path(sys.executable).parent / "guishu")
        t0 = time.perf_counter()
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(
                [guishu, "serve", "--host", HOST, "--port", str(self.port)],
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: stopped as one, by its id
            )
        while time.perf_counter() - t0 < timeout:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the server exited ({self.proc.returncode}); see {self.log}")
            try:
                conn = http.client.HTTPConnection(HOST, self.port, timeout=2)
                conn.request("GET", "/")
                ok = conn.getresponse().status == 200
                conn.close()
                if ok:
                    return time.perf_counter() - t0
            except OSError:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"the server did not answer within {timeout:.0f} s; see {self.log}")

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)  # gunicorn's graceful stop of its workers
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)

    def rss_bytes(self) -> int:
        """The resident memory of the gunicorn master and its workers, from /proc."""
        if self.proc is None:
            return 0
        pids = [self.proc.pid, *_children(self.proc.pid)]
        total = 0
        for pid in pids:
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
            except OSError:
                continue
        return total


def _children(parent: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # the command may hold spaces and parentheses: the fields after the last ")" are plain
        if int(stat.rsplit(")", 1)[1].split()[1]) == parent:
            out.append(int(entry.name))
    return out
