"""The register's filters swap the results in place (htmx) and keep the URL shareable."""

from __future__ import annotations

import pytest

from mamori.accounts.models import Role
from mamori.testing import factories
from tests.e2e.test_incident_flow import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_choosing_a_filter_updates_the_list_without_reloading(live_server, page, shot):
    org = factories.make_organisation("みほん商事")
    employee = factories.make_user(org, Role.EMPLOYEE, factories.make_department(org, "営業部"))
    factories.make_user(org, Role.MANAGER, username="hogo")
    factories.make_incident(employee, title="見積書の誤送信")
    factories.make_incident(employee, title="宛先を打ち間違えかけた", is_near_miss=True)
    base = live_server.url
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    log_in(page, base, "hogo")
    page.goto(f"{base}/incidents/")
    page.evaluate("window.stayed = true")  # lost if the page reloads
    page.select_option("select[name=kind]", "near_miss")
    page.wait_for_url("**/incidents/?*kind=near_miss*")
    page.wait_for_function(
        "!document.querySelector('#incident-results').innerText.includes('見積書の誤送信')"
    )
    results = page.inner_text("#incident-results")
    assert "宛先を打ち間違えかけた" in results and "見積書の誤送信" not in results
    assert page.evaluate("window.stayed") is True
    assert not [m for m in console if "Content Security Policy" in m]  # htmx runs under our CSP
    shot(page, "incidents-filter-htmx")
    page.reload()  # the pushed URL gives the same filtered page
    assert "見積書の誤送信" not in page.inner_text("#incident-results")
