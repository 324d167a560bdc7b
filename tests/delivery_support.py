"""Real services for the delivery tests and ``bench/notifications.py``.

- ``SmtpRecorder``: an aiosmtpd server on loopback that keeps every message it
  accepts and can be told to answer 451 (for a while) or 550 (for some
  addresses), as a real mail server would.
- ``Worker``: a Celery worker in its own process (and process group), so a
  test can SIGKILL it as the kernel's OOM killer or a lost machine would.
- ``RedisServer``: a redis-server of the test's own on another port, to stop
  and start without touching the shared one.
"""

import email.parser
import email.policy
import logging
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

from aiosmtpd.controller import Controller

# aiosmtpd logs every SMTP command at INFO: thousands of lines in a bench.
logging.getLogger("mail.log").setLevel(logging.WARNING)

REPO = Path(__file__).resolve().parent.parent
HEADER = "X-Medspill-Notification-Id"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(condition, *, timeout: float, interval: float = 0.05, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"gave up waiting after {timeout} s: {what}")
        time.sleep(interval)


class _Handler:
    def __init__(self, recorder: "SmtpRecorder") -> None:
        self.recorder = recorder

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        recorder = self.recorder
        with recorder.lock:
            recorder.rcpt_attempts[address] += 1
            if address in recorder.reject:
                return "550 5.1.1 No such user here"
            if time.monotonic() < recorder.temporary_until or recorder.temporary_left > 0:
                recorder.temporary_left -= 1
                recorder.deferred += 1
                return "451 4.7.1 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.recorder._record(envelope.rcpt_tos, envelope.content)
        return "250 Message accepted for delivery"


_ID_HEADER = re.compile(rb"^" + HEADER.encode() + rb": *(\d+)\r?$", re.MULTILINE | re.IGNORECASE)


class SmtpRecorder:
    """A loopback SMTP server that records what it accepts."""

    def __init__(self, *, keep_content: bool = True) -> None:
        self.lock = threading.Lock()
        self.keep_content = keep_content
        self.messages: list[dict] = []
        self.ids: Counter = Counter()
        self.rcpt_attempts: Counter = Counter()
        self.reject: set[str] = set()
        self.temporary_until = 0.0
        self.temporary_left = 0
        self.deferred = 0
        self.port = free_port()
        self.host = "127.0.0.1"
        self._parser = email.parser.BytesHeaderParser(policy=email.policy.default)
        self._controller = Controller(_Handler(self), hostname=self.host, port=self.port)

    def start(self) -> "SmtpRecorder":
        self._controller.start()
        return self

    def stop(self) -> None:
        self._controller.stop()

    def _record(self, rcpt_tos: list[str], content: bytes) -> None:
        entry = {"to": list(rcpt_tos)}
        if self.keep_content:
            headers = self._parser.parsebytes(content)
            entry.update(id=headers.get(HEADER), subject=str(headers.get("Subject", "")))
            entry["raw"] = content
        else:  # a benchmark's server: only the id, without parsing the message
            found = _ID_HEADER.search(content)
            entry["id"] = found.group(1).decode() if found else None
        with self.lock:
            self.messages.append(entry)
            self.ids[entry["id"]] += 1

    def answer_451_for(self, seconds: float) -> None:
        self.temporary_until = time.monotonic() + seconds

    def answer_451_times(self, count: int) -> None:
        self.temporary_left = count

    def received(self) -> int:
        with self.lock:
            return len(self.messages)

    def count(self, ids) -> dict:
        """Lost and duplicated among ``ids``, counted by the id header."""
        with self.lock:
            seen = dict(self.ids)
        wanted = {str(pk) for pk in ids}
        return {
            "expected": len(wanted),
            "received": sum(seen.get(pk, 0) for pk in wanted),
            "lost": sum(1 for pk in wanted if pk not in seen),
            "duplicates": sum(seen[pk] - 1 for pk in wanted if seen.get(pk, 0) > 1),
        }

    @staticmethod
    def parse(entry: dict):
        return email.message_from_bytes(entry["raw"], policy=email.policy.default)

    def environment(self) -> dict[str, str]:
        return {"SMTP_HOST": self.host, "SMTP_PORT": str(self.port), "SMTP_USE_TLS": "false"}


class Worker:
    """``celery -A portal worker`` in a process group of its own."""

    def __init__(
        self,
        env: dict[str, str],
        *,
        name: str = "delivery",
        pool: str = "solo",
        concurrency: int = 1,
    ) -> None:
        self.env = env
        self.name = name
        self.pool = pool
        self.concurrency = concurrency
        self.process: subprocess.Popen | None = None
        self.log = tempfile.NamedTemporaryFile(  # noqa: SIM115 - kept for the worker's life
            prefix="medspill-worker-", suffix=".log", delete=False
        )
        self.starts = 0

    def start(self) -> "Worker":
        self.starts += 1
        environment = {**os.environ, **self.env}
        environment.pop("PYTEST_CURRENT_TEST", None)
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "portal",
                "worker",
                f"--pool={self.pool}",
                f"--concurrency={self.concurrency}",
                "--loglevel=WARNING",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                f"--hostname={self.name}-{self.starts}@%h",
            ],
            cwd=REPO,
            env=environment,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        return self

    def kill(self) -> None:
        """SIGKILL the whole worker, as a lost machine would: no goodbye, no ack."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()

    def output(self) -> str:
        return Path(self.log.name).read_text(errors="replace")


class RedisServer:
    """A redis-server of our own on a free port, with nothing kept on disk."""

    def __init__(self) -> None:
        self.port = free_port()
        self.process: subprocess.Popen | None = None
        self.directory = tempfile.mkdtemp(prefix="medspill-redis-")

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> "RedisServer":
        binary = shutil.which("redis-server") or "redis-server"
        self.process = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
            + ["--appendonly", "no", "--dir", self.directory],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until(self._answers, timeout=10, what="redis-server to answer")
        return self

    def _answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def cleanup(self) -> None:
        self.stop()
        shutil.rmtree(self.directory, ignore_errors=True)
