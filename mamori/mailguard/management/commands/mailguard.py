"""Run the mail guard: ``mamori mailguard [--listen HOST:PORT] [--upstream HOST:PORT]``."""

from __future__ import annotations

import signal
import threading
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from mamori.mailguard import queries
from mamori.mailguard.smtp import GuardService, listen_address


class Command(BaseCommand):
    help = "Run the outbound mail guard (SMTP service and release worker) until SIGTERM or Ctrl-C."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--listen", help="HOST:PORT to listen on (default MAMORI_MAILGUARD_LISTEN)")
        parser.add_argument("--upstream", help="HOST:PORT to relay to (default MAMORI_MAILGUARD_UPSTREAM)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["upstream"]:
            settings.MAILGUARD_UPSTREAM = options["upstream"]
        try:
            host, port = listen_address(options["listen"])
        except ValueError:
            raise CommandError(
                f"bad listen address {options['listen'] or settings.MAILGUARD_LISTEN!r}"
            ) from None
        refused = queries.unaccepted_senders()
        if refused:  # mamori's own notices would pass the guard and bounce, with their text and links
            raise CommandError("mail guard will not start: " + "; ".join(refused))
        service = GuardService(host, port)
        stop = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop.set())
        try:
            service.start()
        except (OSError, RuntimeError) as exc:
            service.stop()
            raise CommandError(f"mail guard could not start: {exc}") from exc
        self.stdout.write(
            f"mamori mail guard listening on {host}:{port}, relaying to {settings.MAILGUARD_UPSTREAM}"
        )
        self.stdout.flush()
        stop.wait()
        self.stdout.write("mamori mail guard stopping")
        service.stop()
