"""API tokens are stored as digests, shown once, listed by prefix, revocable, and old DRF keys still work."""

from __future__ import annotations

import hashlib
import importlib
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from rest_framework.test import APIClient

from mamori.accounts.models import ApiToken
from mamori.accounts.tokens import api_token_create

pytestmark = pytest.mark.django_db


def api(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def stored_text() -> str:
    return repr(list(ApiToken.objects.values()))


def test_a_token_is_stored_as_a_digest_and_authenticates(employee):
    token, key = api_token_create(user=employee, name="script")
    assert key.startswith(f"mamori_{token.prefix}_")
    secret = key.removeprefix(f"mamori_{token.prefix}_")  # token_urlsafe may itself hold "_"
    assert len(secret) == 43 and key not in stored_text() and secret not in stored_text()
    assert token.digest == hashlib.sha256(key.encode()).hexdigest()
    assert api(key).get("/api/incidents/").status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_a_wrong_or_revoked_key_is_refused(employee, client):
    token, key = api_token_create(user=employee)
    assert api(key + "x").get("/api/incidents/").status_code in (401, 403)
    client.force_login(employee)
    assert client.post(f"/accounts/tokens/{token.pk}/revoke/").status_code == 302
    assert api(key).get("/api/incidents/").status_code in (401, 403)


def test_the_key_is_shown_once_and_the_list_shows_the_prefix_only(employee, client):
    client.force_login(employee)
    response = client.post("/accounts/tokens/", {"name": "export script"})
    key = response.context["new_key"]
    assert key in response.content.decode()
    assert api(key).get("/api/incidents/").status_code == 200
    page = client.get("/accounts/tokens/").content.decode()
    token = ApiToken.objects.get(user=employee)
    assert key not in page and f"mamori_{token.prefix}_" in page and "export script" in page


def test_one_cannot_list_or_revoke_anothers_token(employee, outsider, client):
    token, key = api_token_create(user=employee)
    client.force_login(outsider)
    assert token.prefix not in client.get("/accounts/tokens/").content.decode()
    assert client.post(f"/accounts/tokens/{token.pk}/revoke/").status_code == 404
    assert api(key).get("/api/incidents/").status_code == 200


def test_a_deactivated_users_token_is_refused(employee):
    _token, key = api_token_create(user=employee)
    employee.is_active = False
    employee.save()
    assert api(key).get("/api/incidents/").status_code in (401, 403)


def test_the_command_prints_the_key_once_and_lists_prefixes(employee):
    out = StringIO()
    call_command("apitoken", "employee", "--name", "cron", stdout=out)
    key = out.getvalue().strip()
    assert api(key).get("/api/incidents/").status_code == 200
    listing = StringIO()
    call_command("apitoken", "employee", "--list", stdout=listing)
    token = ApiToken.objects.get(user=employee)
    assert token.prefix in listing.getvalue() and key not in listing.getvalue()
    call_command("apitoken", "employee", "--revoke", token.prefix)
    assert api(key).get("/api/incidents/").status_code in (401, 403)


@pytest.mark.django_db(transaction=True)  # SQLite's schema editor cannot run inside a transaction
def test_the_migration_hashes_the_clear_drf_keys_so_they_keep_working(employee):
    """Keys made by rest_framework.authtoken (clear text in authtoken_token) move over as digests."""
    migration = importlib.import_module("mamori.accounts.migrations.0004_api_token")
    old_key = "0123456789abcdef0123456789abcdef01234567"
    with connection.schema_editor() as editor:
        editor.execute(
            "CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY, created timestamp NOT NULL, "
            "user_id integer NOT NULL)"
        )
        editor.execute(
            "INSERT INTO authtoken_token VALUES (%s, %s, %s)", [old_key, "2026-01-05 09:00:00", employee.pk]
        )
        migration.hash_drf_tokens(apps, editor)
    assert "authtoken_token" not in connection.introspection.table_names()
    assert old_key not in stored_text()
    assert ApiToken.objects.get(user=employee).prefix == old_key[:8]
    assert api(old_key).get("/api/incidents/").status_code == 200
