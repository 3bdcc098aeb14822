"""Run the periodic jobs once (call it from cron or a systemd timer every few minutes)."""

from __future__ import annotations

import signal
from typing import Any

from django.core.management.base import BaseCommand

from mamori.core import periodic


class Command(BaseCommand):
    help = "Run every periodic job once; safe to run often and twice at the same time."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--only", action="append", default=[], help="run only the named job(s)")
        parser.add_argument("--list", action="store_true", help="list the jobs and exit")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["list"]:
            for name, job in periodic.JOBS.items():
                self.stdout.write(f"{name}: {job.__doc__.splitlines()[0] if job.__doc__ else ''}")
            return
        stop = {"flag": False}

        def on_term(signum: int, frame: Any) -> None:
            stop["flag"] = True  # finish the running job, start no other

        signal.signal(signal.SIGTERM, on_term)
        for name, job in periodic.JOBS.items():
            if options["only"] and name not in options["only"]:
                continue
            if stop["flag"]:
                self.stderr.write("runperiodic: stopped by SIGTERM")
                break
            result = job()
            self.stdout.write(f"{name}: {result}")
