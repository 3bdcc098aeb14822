"""Upload tokens on the スキャン結果 pages: the manager creates (shown once) and revokes; no one else."""

from __future__ import annotations

import re

import pytest

from mamori.accounts.models import Role
from mamori.core.models import AuditLogEntry
from mamori.scans import services
from mamori.scans.models import ScanToken
from mamori.testing import factories

pytestmark = pytest.mark.django_db


def _login(client, org, role):
    user = factories.make_user(org, role)
    client.force_login(user)
    return user


def test_the_manager_creates_a_token_shown_once_and_revokes_it(client):
    org = factories.make_organisation("みほん工業")
    _login(client, org, Role.MANAGER)
    page = client.post("/scans/tokens/", {"name": "ファイルサーバー"}).content.decode()
    token = re.search(r'<code class="token-value">([^<]+)</code>', page).group(1)
    assert services.organisation_for(token) == org  # the shown token uploads for this organisation
    row = ScanToken.objects.get(organisation=org)
    assert row.name == "ファイルサーバー" and token not in row.digest
    again = client.get("/scans/tokens/").content.decode()
    assert "ファイルサーバー" in again and token not in again  # shown once, never again
    assert client.post(f"/scans/tokens/{row.pk}/revoke/").status_code == 302
    assert services.organisation_for(token) is None
    actions = set(AuditLogEntry.objects.values_list("action", flat=True))
    assert {"scans.token.created", "scans.token.revoked"} <= actions


def test_a_token_needs_a_name(client):
    org = factories.make_organisation("みほん工業")
    _login(client, org, Role.MANAGER)
    page = client.post("/scans/tokens/", {"name": "  "}).content.decode()
    assert "token-value" not in page and not ScanToken.objects.exists()


@pytest.mark.parametrize("role", [Role.AUDITOR, Role.EMPLOYEE, Role.DEPARTMENT_MANAGER, Role.EXECUTIVE])
def test_only_the_manager_sees_or_changes_tokens(client, role):
    org = factories.make_organisation("みほん工業")
    services.create_token(org, "scanners")
    row = ScanToken.objects.get()
    _login(client, org, role)
    assert client.get("/scans/tokens/").status_code == 403
    assert client.post("/scans/tokens/", {"name": "x"}).status_code == 403
    assert client.post(f"/scans/tokens/{row.pk}/revoke/").status_code == 403
    row.refresh_from_db()
    assert row.revoked_at is None and ScanToken.objects.count() == 1


def test_a_manager_cannot_revoke_another_organisations_token(client):
    org, other = factories.make_organisation("みほん工業"), factories.make_organisation("よその会社")
    token = services.create_token(other, "theirs")
    _login(client, org, Role.MANAGER)
    client.post(f"/scans/tokens/{ScanToken.objects.get().pk}/revoke/")
    assert services.organisation_for(token) == other
