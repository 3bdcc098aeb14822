"""Pages of the drafts: who sees them, downloads, the details form and recording a filing."""

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from mamori.core.models import AuditLogEntry
from mamori.reports import queries
from mamori.reports.models import FiledReport
from mamori.reports.tests.readers import fill_letter_items

pytestmark = pytest.mark.django_db


def urls(incident):
    pk = incident.pk
    return {
        "index": reverse("reports:index", args=[pk]),
        "details": reverse("reports:details", args=[pk]),
        "draft": reverse("reports:draft", args=[pk, "ppc", "preliminary"]),
        "docx": reverse("reports:download", args=[pk, "ppc", "final", "docx"]),
        "pdf": reverse("reports:download", args=[pk, "pmark", "final", "pdf"]),
    }


def filing_data(incident, **overrides):
    report = queries.build_report(incident, "ppc", "preliminary")
    data = {
        "filed_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "channel": "web_form",
        "note": "受付番号 A-1",
        "sha256": report.sha256(),
        "prepared_on": timezone.localdate().isoformat(),
    }
    data.update(overrides)
    return data


def test_manager_sees_each_item_in_its_own_copyable_block(login, manager, incident):
    response = login(manager).get(urls(incident)["draft"])
    assert response.status_code == 200
    html = response.content.decode()
    for key in (
        "summary",
        "data_items",
        "persons",
        "cause",
        "secondary_damage",
        "individuals_response",
        "public_announcement",
        "prevention",
        "other",
    ):
        assert f'id="body-{key}"' in html
        assert f'data-copy-target="body-{key}"' in html
    assert "調査中" in html
    assert "mamori/copy.js" in html and "<script>" not in html  # no inline script under the CSP
    assert 'id="file-form"' in html


def test_incident_page_links_to_the_reports_for_the_manager_only(login, manager, employee, incident):
    detail = reverse("incidents:detail", args=[incident.pk])
    assert urls(incident)["index"] in login(manager).get(detail).content.decode()
    assert urls(incident)["index"] not in login(employee).get(detail).content.decode()


@pytest.mark.parametrize("page", ["index", "draft", "docx", "pdf"])
def test_auditor_and_executive_read_the_drafts_but_cannot_file(login, auditor, incident, org, page):
    from mamori.accounts.models import Role
    from mamori.testing.factories import make_user

    executive = make_user(org, Role.EXECUTIVE, username="ceo")
    for user in (auditor, executive):
        client = login(user)
        response = client.get(urls(incident)[page])
        assert response.status_code == 200
        if page == "draft":
            assert 'id="file-form"' not in response.content.decode()
        assert (
            client.post(
                reverse("reports:file", args=[incident.pk, "ppc", "preliminary"]), filing_data(incident)
            ).status_code
            == 403
        )
        assert client.get(urls(incident)["details"]).status_code == 403
    assert not FiledReport.objects.exists()


@pytest.mark.parametrize("page", ["index", "details", "draft", "docx", "pdf"])
def test_employee_and_department_manager_are_forbidden_and_colleagues_get_404(
    login, employee, depmgr, colleague, incident, page
):
    assert login(employee).get(urls(incident)[page]).status_code == 403
    assert login(depmgr).get(urls(incident)[page]).status_code == 403
    assert login(colleague).get(urls(incident)[page]).status_code == 404


@pytest.mark.parametrize("page", ["index", "details", "draft", "docx", "pdf"])
def test_outsider_gets_404_everywhere(login, outsider, incident, page):
    client = login(outsider)
    assert client.get(urls(incident)[page]).status_code == 404
    response = client.post(
        reverse("reports:file", args=[incident.pk, "ppc", "preliminary"]), filing_data(incident)
    )
    assert response.status_code == 404
    assert not FiledReport.objects.exists()


def test_anonymous_is_sent_to_log_in(client, incident):
    response = client.get(urls(incident)["draft"])
    assert response.status_code == 302 and "login" in response["Location"]


def test_unknown_kind_stage_or_format_is_404(login, manager, incident):
    client = login(manager)
    assert (
        client.get(reverse("reports:draft", args=[incident.pk, "notice", "preliminary"])).status_code == 404
    )
    assert client.get(reverse("reports:draft", args=[incident.pk, "letter", "final"])).status_code == 404
    assert (
        client.get(reverse("reports:download", args=[incident.pk, "ppc", "final", "odt"])).status_code == 404
    )


def test_downloads_are_docx_and_pdf_files(login, manager, incident):
    client = login(manager)
    docx = client.get(urls(incident)["docx"])
    assert docx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert docx.content[:2] == b"PK"
    assert f'filename="{incident.number}-ppc-final.docx"' in docx["Content-Disposition"]
    pdf = client.get(urls(incident)["pdf"])
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    notice = reverse("reports:download", args=[incident.pk, "notice", "final", "txt"])
    refused = client.get(notice)
    assert refused.status_code == 409 and "当社の対応" in refused.content.decode("utf-8")
    page = client.get(reverse("reports:draft", args=[incident.pk, "notice", "final"])).content.decode()
    assert "文書を作成できません" in page and "当社の対応" in page
    fill_letter_items(incident, manager)
    text = client.get(notice)
    assert text["Content-Type"] == "text/plain; charset=utf-8"
    assert "件名　個人情報の漏えい等に関するお詫びとお知らせ" in text.content.decode("utf-8")


def test_manager_fills_the_details_and_the_draft_shows_them(login, manager, incident):
    client = login(manager)
    data = {
        name: ""
        for name in (
            "discovery_circumstances",
            "cause_details",
            "individuals_response",
            "public_announcement",
            "prevention_notes",
            "other_notes",
            "safety_measures",
            "apology",
        )
    }
    data["secondary_damage"] = "二次被害は確認されていない。"
    data["addressee"] = "customers"
    response = client.post(urls(incident)["details"], data)
    assert response.status_code == 302
    html = client.get(urls(incident)["draft"]).content.decode()
    assert "二次被害は確認されていない。" in html
    assert AuditLogEntry.objects.filter(action="reports.details.updated").count() == 1


def test_manager_records_the_filing_and_it_is_listed(login, manager, incident):
    client = login(manager)
    response = client.post(
        reverse("reports:file", args=[incident.pk, "ppc", "preliminary"]), filing_data(incident)
    )
    assert response.status_code == 302
    filed = FiledReport.objects.get()
    assert filed.filed_by == manager and filed.channel == "web_form" and filed.version == 1
    assert AuditLogEntry.objects.filter(action="reports.report.filed", actor=manager).exists()
    index = client.get(urls(incident)["index"]).content.decode()
    assert filed.content_sha256[:12] in index
    page = client.get(reverse("reports:filed", args=[incident.pk, filed.pk])).content.decode()
    assert filed.content_sha256 in page and "受付番号 A-1" in page
    draft = client.get(urls(incident)["draft"]).content.decode()
    assert gettext("This draft is identical to a version already filed.") in draft


@pytest.mark.parametrize(
    "overrides",
    [{"sha256": "0" * 64}, {"sha256": "not-a-hash"}, {"channel": "pigeon"}, {"filed_at": "2099-01-01T00:00"}],
)
def test_bad_filing_is_refused_with_a_message_and_records_nothing(login, manager, incident, overrides):
    client = login(manager)
    url = reverse("reports:file", args=[incident.pk, "ppc", "preliminary"])
    response = client.post(url, filing_data(incident, **overrides), follow=True)
    assert response.status_code == 200
    assert list(response.context["messages"])
    assert not FiledReport.objects.exists()


def test_filed_report_of_another_incident_is_404(login, manager, incident, employee):
    from mamori.testing.factories import make_incident

    other = make_incident(employee)
    login(manager).post(
        reverse("reports:file", args=[incident.pk, "ppc", "preliminary"]), filing_data(incident)
    )
    filed = FiledReport.objects.get()
    assert login(manager).get(reverse("reports:filed", args=[other.pk, filed.pk])).status_code == 404


@pytest.mark.parametrize("on", ["9999-12-31", "0001-01-01", "1900-01-01", "2026-13-01", "yesterday"])
@pytest.mark.parametrize("which", ["draft", "docx", "pdf"])
def test_a_draft_date_outside_the_era_or_malformed_is_a_clear_400(login, manager, incident, on, which):
    response = login(manager).get(urls(incident)[which] + f"?on={on}")
    assert response.status_code == 400


def test_a_draft_dated_today_or_recently_still_works(login, manager, incident):
    day = timezone.localdate().isoformat()
    assert login(manager).get(urls(incident)["draft"] + f"?on={day}").status_code == 200
