"""Pages of the internal rules: reading, acknowledging, and the manager's view of who has not."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_rules_acknowledgement_and_who_has_not(login, employee, manager, rules_doc):
    version = rules_doc.versions.get()
    page = login(employee).get(reverse("rulebook:detail", args=[rules_doc.pk])).content.decode()
    assert "<script>x()" not in page and 'id="acknowledge"' in page and 'id="not-acknowledged"' not in page
    login(employee).post(reverse("rulebook:acknowledge", args=[rules_doc.pk, version.pk]))
    listing = login(manager).get(reverse("rulebook:list")).content.decode()
    assert '<td class="missing">1</td>' in listing  # the manager has not acknowledged yet
    page = login(manager).get(reverse("rulebook:detail", args=[rules_doc.pk])).content.decode()
    missing = page.split('id="not-acknowledged"')[1]
    assert "manager" in missing and ">employee" not in missing


def test_manager_adds_a_rules_document_and_version(login, manager):
    client = login(manager)
    response = client.post(reverse("rulebook:new"), {"code": "R-02", "title": "安全管理規程"})
    doc_url = response.url
    doc_pk = int(doc_url.rstrip("/").split("/")[-3])
    response = client.post(
        reverse("rulebook:version_new", args=[doc_pk]),
        {
            "version": "1.0",
            "body": "本文",
            "approved_by": manager.pk,
            "approved_on": "2026-04-01",
            "in_force_from": "2026-04-01",
        },
    )
    assert response.status_code == 302
    bad = client.post(
        reverse("rulebook:version_new", args=[doc_pk]),
        {
            "version": "1.1",
            "body": "本文",
            "approved_by": manager.pk,
            "approved_on": "2026-05-01",
            "in_force_from": "2026-04-01",
        },
    )
    assert bad.status_code == 200 and "in_force_from" in bad.context["form"].errors
