"""The manager drafts the PPC 速報 from an incident, copies an item, downloads the PDF and records the filing."""

from __future__ import annotations

import pytest

from mamori.accounts.models import Role
from mamori.incidents import services as incident_services
from mamori.reports.models import FiledReport
from mamori.testing import factories

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_manager_copies_an_item_downloads_the_pdf_and_records_the_filing(live_server, page, shot, tmp_path):
    org = factories.make_organisation("みほん商事")
    employee = factories.make_user(org, Role.EMPLOYEE, factories.make_department(org), username="sakura")
    manager = factories.make_user(org, Role.MANAGER, username="hogo")
    incident = factories.make_incident(employee, persons=1500, title="メールマガジンを宛先(To)で一斉送信")
    incident_services.incident_triage(
        incident=incident,
        actor=manager,
        special_care=False,
        property_damage_risk=False,
        unauthorized_purpose=False,
        advanced_encryption=False,
        recovered_before_viewed=False,
        my_number=False,
    )
    base = live_server.url
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base)
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)

    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", "hogo")
    page.fill("input[name=password]", factories.PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")

    page.goto(f"{base}/incidents/{incident.pk}/")
    page.click("#reports-link a")
    page.wait_for_selector("#drafts")
    drafts = page.inner_text("#drafts")
    assert "・速報" in drafts and " · " not in drafts and "·" not in drafts  # draft names joined with 「・」
    shot(page, "reports-01-index")
    page.click(f"a[href='/incidents/{incident.pk}/reports/ppc/preliminary/']")
    page.wait_for_selector("#item-summary")
    shot(page, "reports-02-ppc-preliminary")

    # The copy button is shown by the vendored script (no inline JS under the CSP) and copies the item.
    button = page.locator("button[data-copy-target=body-data_items]")
    button.click()
    assert page.evaluate("navigator.clipboard.readText()") == "氏名、メールアドレス"
    assert not [e for e in errors if "Content Security Policy" in e]

    with page.expect_download() as download:
        page.click("a[href*='download.pdf']")
    path = tmp_path / "ppc.pdf"
    download.value.save_as(path)
    assert path.read_bytes().startswith(b"%PDF")

    page.select_option("select[name=channel]", "web_form")
    page.fill("textarea[name=note]", "受付番号 E2E-1")
    page.click("#file-form button[type=submit]")
    page.wait_for_selector("#filed")
    shot(page, "reports-03-filed")
    filed = FiledReport.objects.get()
    assert (filed.kind, filed.stage, filed.filed_by) == ("ppc", "preliminary", manager)
    assert filed.content_sha256[:12] in page.inner_text("#filed")
