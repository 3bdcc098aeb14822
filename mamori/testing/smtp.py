"""A real SMTP server for tests (aiosmtpd) that can be down and then up on the same port."""

from __future__ import annotations

import contextlib
import email
import socket
from collections.abc import Iterator
from email.message import EmailMessage
from email.policy import default as default_policy
from typing import Any

from aiosmtpd.controller import Controller


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def refusing_port() -> Iterator[int]:
    """Hold a loopback port that refuses every connection (bound, never listening) while the block runs.

    A port that is merely free now may be taken by another test process before it is dialled, and a
    listener that never greets turns "refused at once" into a long timeout.
    """
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield int(sock.getsockname()[1])


class Collector:
    """An aiosmtpd handler that keeps every message it receives as (recipients, message)."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], EmailMessage]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = email.message_from_bytes(envelope.content, policy=default_policy)
        self.messages.append((list(envelope.rcpt_tos), message))  # type: ignore[arg-type]
        return "250 OK"


class SMTPServer:
    """An SMTP server on a fixed port that a test can stop (connections refused) and start again."""

    def __init__(self, port: int | None = None) -> None:
        self.hostname = "127.0.0.1"
        self.port = port or free_port()
        self.handler = Collector()
        self._controller: Controller | None = None

    @property
    def messages(self) -> list[tuple[list[str], EmailMessage]]:
        return self.handler.messages

    def start(self) -> None:
        if self._controller is None:
            self._controller = Controller(self.handler, hostname=self.hostname, port=self.port)
            self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def use_in(self, settings: Any) -> None:
        """Point Django's SMTP mail backend at this server (``settings`` is pytest-django's fixture)."""
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = self.hostname, self.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        settings.EMAIL_TIMEOUT = 5
