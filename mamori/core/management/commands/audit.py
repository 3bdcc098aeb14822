"""``mamori audit verify-log``: prove from the daily seals that no audit entry was removed or changed."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mamori.core import seal


class Command(BaseCommand):
    help = "Audit-trail checks. verify-log: recompute the daily hash chain of the audit log."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="check", required=True)
        sub.add_parser("verify-log", help="recompute the daily seals of the audit log (exit 1 on a mismatch)")

    def handle(self, *args: Any, **options: Any) -> None:
        result = seal.verify()
        for note in result.notes:
            self.stdout.write(f"note: {note}")
        for problem in result.problems:
            self.stdout.write(f"MISMATCH: {problem}")
        last = result.last_day.isoformat() if result.last_day else "-"
        self.stdout.write(
            f"{result.days} days sealed (up to {last}), {result.entries} entries; "
            f"head digest {result.head}; {result.unsealed} entries not sealed yet"
        )
        if result.problems:
            raise CommandError(f"the audit log does not match its seals ({len(result.problems)} problems)")
