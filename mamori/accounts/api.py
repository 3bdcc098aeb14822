"""DRF adapter of accounts: authentication by a hashed API token (``Authorization: Token <key>``)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from mamori.accounts import tokens


class ApiTokenAuthentication(authentication.TokenAuthentication):
    """DRF's ``Token <key>`` header, checked against the digests of :class:`~mamori.accounts.models.ApiToken`."""

    def authenticate_credentials(self, key: str) -> tuple[Any, None]:
        user = tokens.api_token_user(key)
        if user is None:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        return user, None
