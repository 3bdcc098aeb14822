"""Create, list or revoke a user's API tokens; a new key is printed once (only its hash is kept)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mamori.accounts import tokens
from mamori.accounts.models import ApiToken, User


class Command(BaseCommand):
    help = "Create an API token for a user and print its key once (--list shows, --revoke PREFIX removes)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="what the token is for")
        parser.add_argument("--list", action="store_true", help="list the user's tokens (prefix, dates)")
        parser.add_argument("--revoke", metavar="PREFIX", help="revoke the token with this prefix")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"unknown user: {options['username']}")
        if options["list"]:
            for token in ApiToken.objects.filter(user=user):
                last = token.last_used_at.isoformat(timespec="seconds") if token.last_used_at else "-"
                created = token.created_at.isoformat(timespec="seconds")
                self.stdout.write(f"{token.prefix}\t{created}\t{last}\t{token.name}")
            return
        if options["revoke"]:
            found = ApiToken.objects.filter(user=user, prefix=options["revoke"]).first()
            if found is None:
                raise CommandError(f"no token with prefix {options['revoke']} for {user.username}")
            tokens.api_token_revoke(token=found)
            return
        _token, key = tokens.api_token_create(user=user, name=options["name"])
        self.stdout.write(key)
