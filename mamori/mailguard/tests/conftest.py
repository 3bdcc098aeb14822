"""A real SMTP sink standing for the internet, and the guard itself running in this process."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

import pytest
from aiosmtpd.controller import Controller

from mamori.mailguard import services, smtp
from mamori.mailguard.smtp import GuardService
from mamori.mailguard.tests.guardproc import free_port

TEST_MEMORY_MB = 300


@dataclass
class Sink:
    """Collect every mail the 'internet' receives."""

    port: int = 0
    received: list[tuple[str, list[str], bytes]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        with self.lock:
            self.received.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content))
        return "250 2.0.0 Ok: queued"

    def clear(self) -> None:
        with self.lock:
            self.received.clear()

    def wait_for(self, count: int, timeout: float = 15) -> list[tuple[str, list[str], bytes]]:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            with self.lock:
                if len(self.received) >= count:
                    return list(self.received)
            time.sleep(0.05)
        return list(self.received)


@pytest.fixture(scope="session")
def sink_server():
    sink = Sink(port=free_port())
    controller = Controller(sink, hostname="127.0.0.1", port=sink.port)
    controller.start()
    yield sink
    controller.stop()


@pytest.fixture
def sink(sink_server, settings, tmp_path):
    sink_server.clear()
    settings.MAILGUARD_UPSTREAM = f"127.0.0.1:{sink_server.port}"
    settings.MAILGUARD_SPOOL_DIR = str(tmp_path / "spool")
    settings.SITE_URL = "http://mamori.example.invalid"
    return sink_server


@pytest.fixture(scope="session")
def guard_service():
    # A small memory limit: every test mail stays far below it (a docx bomb's XML is streamed).
    service = GuardService("127.0.0.1", free_port(), workers=1, release_interval=0, memory_mb=TEST_MEMORY_MB)
    service.start()
    yield service
    service.stop()


@pytest.fixture
def guard(guard_service, sink):
    """Return the running guard (release worker off: tests call release_due themselves)."""
    smtp.clear_caches()
    return guard_service


def wait_until(condition, timeout: float = 20) -> bool:
    """Return whether *condition* became true within *timeout* seconds (polled every 0.1 s)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.1)
    return False


def user_with_mail(user, domain: str = "example.co.jp"):
    """Give a test user an address in the organisation's internal domain."""
    user.email = f"{user.username}@{domain}"
    user.save(update_fields=["email"])
    return user


@pytest.fixture
def mail_policy(org, manager):
    return services.mail_policy_save(
        organisation=org,
        actor=manager,
        internal_domains=["example.co.jp"],
        delay_minutes=5,
        many_recipients=20,
    )
