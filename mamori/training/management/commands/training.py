"""``mamori training install-builtin``: install the built-in courses (idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mamori.core.models import Organisation
from mamori.training.services import courses


class Command(BaseCommand):
    help = "Training tasks: install-builtin installs the built-in courses for every (or one) organisation."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        install = sub.add_parser("install-builtin", help="install the built-in courses; safe to re-run")
        install.add_argument("--organisation", help="the organisation's short name (slug); default: all")

    def handle(self, *args: Any, **options: Any) -> None:
        orgs = Organisation.objects.order_by("pk")
        if options.get("organisation"):
            orgs = orgs.filter(slug=options["organisation"])
            if not orgs.exists():
                raise CommandError(f"no organisation with the short name {options['organisation']!r}")
        for org in orgs:
            for key in courses.BUILTIN_COURSES:
                course, created = courses.course_install_builtin(organisation=org, key=key)
                state = "installed" if created else "already installed"
                self.stdout.write(f"{org.slug}: {course.title} ({state})")
