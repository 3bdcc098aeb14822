"""A dashboard that leads: figures for the manager and (read-only) for top management, new and uncoded
incidents first, the next deadline named; on a phone a menu button, labelled table cells and a chart
that fits. Runs on the demo data, as a newcomer would see it."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from mamori.incidents.models import Incident
from mamori.portal.demo_data import DEMO_PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


def log_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")


def figure(page, key: str) -> int:
    return int(page.inner_text(f"#figure-{key} .value"))


def test_the_manager_and_top_management_see_the_figures_first(live_server, page, shot):
    call_command("demo")
    base = live_server.url
    log_in(page, base, "manager")
    shot(page, "dashboard-01-manager")
    open_count = Incident.objects.exclude(status="closed").count()
    assert figure(page, "open") == open_count
    assert (
        figure(page, "reportable")
        == Incident.objects.exclude(status="closed").filter(appi_status="reportable").count()
    )
    for key in ("due_this_week", "overdue", "unacknowledged", "held_mail", "training_overdue"):
        assert figure(page, key) >= 0
    # The first section after the figures lists the incidents nobody coded yet, marked so.
    untriaged = Incident.objects.exclude(status="closed").filter(triaged_at__isnull=True).count()
    if untriaged:
        assert page.locator("#untriaged tbody tr").count() == untriaged
        assert "未分類" in page.inner_text("#untriaged")
    # The next deadline says which one it is.
    deadlines = page.locator("#open-incidents .deadline-name").all_inner_texts()
    assert deadlines and all(any(w in d for w in ("速報", "確報", "委託元")) for d in deadlines)

    page.click("header form button")
    log_in(page, base, "executive")
    assert "閲覧専用" in page.inner_text("#figures")
    assert figure(page, "open") == open_count
    assert page.locator("main form").count() == 0  # nothing to press: top management reads
    shot(page, "dashboard-02-executive")


def no_word_breaks(page) -> list[str]:
    """Return the short labels and numbers that wrap onto two lines."""
    return page.evaluate(
        """() => [...document.querySelectorAll('.tag, .nowrap, .figure .value')]
            .filter(e => e.offsetParent && e.getClientRects().length > 1).map(e => e.textContent)"""
    )


def test_on_a_phone_a_menu_button_labelled_cells_and_a_chart_that_fits(live_server, browser, shot):
    call_command("demo")
    base = live_server.url
    context = browser.new_context(locale="ja-JP", timezone_id="Asia/Tokyo", viewport=PHONE)
    phone = context.new_page()
    try:
        log_in(phone, base, "manager")
        assert phone.is_visible("#nav-button") and not phone.is_visible("nav.mainnav")
        assert no_word_breaks(phone) == []
        shot(phone, "dashboard-03-phone")
        phone.click("#nav-button")
        assert phone.is_visible("nav.mainnav a[href='/incidents/']")
        shot(phone, "dashboard-04-phone-menu")
        phone.click("#nav-button")
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"the dashboard is {width}px wide"
        labels = phone.evaluate(
            """() => [...document.querySelectorAll('#open-incidents tbody td')].slice(0, 6)
                .map(td => getComputedStyle(td, '::before').content)"""
        )
        assert all(label not in ("none", "normal", "") for label in labels), labels

        phone.goto(f"{base}/stats/")
        phone.wait_for_selector(".chart svg")
        widths = phone.evaluate(
            "[...document.querySelectorAll('.chart svg')].map(s => s.getBoundingClientRect().right)"
        )
        assert widths and max(widths) <= PHONE["width"]
        assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        shot(phone, "dashboard-05-phone-statistics")
    finally:
        context.close()
