"""Create an upload token for ``mamori scan --upload`` (printed once; only its hash is kept)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mamori.core.models import Organisation
from mamori.scans.services import create_token


class Command(BaseCommand):
    help = "Create a token that lets scanning machines upload results for an organisation."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisation", required=True, help="organisation short name (slug)")
        parser.add_argument("--name", default="scanners", help="what the token is for")

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = Organisation.objects.filter(slug=options["organisation"]).first()
        if organisation is None:
            raise CommandError(f"unknown organisation: {options['organisation']}")
        self.stdout.write(create_token(organisation, options["name"]))
