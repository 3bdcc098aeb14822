"""The register's filters: a plain GET gives the page, an htmx request only the results to swap in."""

import pytest
from django.urls import reverse

from mamori.testing.factories import make_incident

pytestmark = pytest.mark.django_db


def test_htmx_filter_returns_only_the_results(login, employee, manager):
    make_incident(employee, title="誤送信の件")
    make_incident(employee, title="ヒヤリとした件", is_near_miss=True)
    client = login(manager)
    url = reverse("incidents:list") + "?kind=near_miss"
    page = client.get(url)
    partial = client.get(url, headers={"HX-Request": "true"})
    assert "<html" in page.content.decode() and 'hx-target="#incident-results"' in page.content.decode()
    body = partial.content.decode()
    assert "<html" not in body and "ヒヤリとした件" in body and "誤送信の件" not in body
    assert "HX-Request" in partial["Vary"]


def test_a_history_restore_gets_the_whole_page(login, manager):
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    page = login(manager).get(reverse("incidents:list"), headers=headers)
    assert "<html" in page.content.decode()
