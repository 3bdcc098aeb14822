"""A full check-and-act cycle in the browser: the audit lead plans the year, top management approves,
an auditor runs the checklist on a phone and records a nonconformity, the auditee acknowledges it, the
privacy manager opens a corrective action, completes it, reviews its effectiveness and closes it, top
management approves the report, and the management review's minutes are exported and opened by
LibreOffice with their Japanese intact."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.utils import timezone
from PIL import Image
from python_calamine import CalamineWorkbook

from mamori.audits import programme as svc
from mamori.audits import review
from mamori.audits.models import Audit, AuditProgramme, CorrectiveAction, Finding, ManagementReview
from mamori.testing import factories
from mamori.testing.audits import seed_company
from tests.e2e.conftest import ARTIFACTS

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


def log_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", factories.PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")


def log_out(page) -> None:
    page.click("header form button")
    page.wait_for_url("**/accounts/login/")


def libreoffice_text(path: Path, tmp: Path) -> tuple[str, str]:
    """Convert a docx or xlsx to PDF with LibreOffice; return its text and pdfinfo's page size."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed (scripts/system-deps)")
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{tmp}/lo",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp / f"{path.stem}.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True, text=True).stdout
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, check=True, text=True).stdout
    return re.sub(r"\s", "", text), info  # table cells wrap lines inside words


def download(page, selector: str, name: str) -> Path:
    with page.expect_download() as info:
        page.click(selector)
    path = ARTIFACTS / name
    info.value.save_as(path)
    return path


def test_plan_checklist_finding_action_report_and_review(live_server, page, shot, tmp_path):
    c = seed_company()
    base = live_server.url
    year = timezone.localdate().year
    sales = c.departments[0]

    # The audit lead creates the year's programme; a self-audit is refused; every unit gets planned.
    log_in(page, base, c.lead.username)
    page.click("nav.mainnav a[href='/audits/programmes/']")
    page.fill("#new-programme input[name=fiscal_year]", str(year))
    page.select_option("#new-programme select[name=audit_lead]", str(c.lead.pk))
    page.click("#new-programme button[type=submit]")
    page.wait_for_selector("#audits")
    programme = AuditProgramme.objects.get(organisation=c.org)
    page.select_option("#add-audit select[name=department]", str(c.departments[2].pk))
    page.fill("#add-audit input[name=planned_on]", f"{year}-06-01")
    page.select_option("#add-audit select[name=auditor]", str(c.lead.pk))
    page.click("#add-audit button[type=submit]")
    assert "自己監査" in page.inner_text("#add-audit")
    assert not Audit.objects.exists()
    shot(page, "audit-01-self-audit-refused")
    page.click("#generate")
    page.wait_for_selector("#programme-passes")
    assert page.locator("#audits tbody tr").count() == 6
    shot(page, "audit-02-programme-planned")
    log_out(page)

    # Top management approves the plan and downloads it.
    log_in(page, base, c.executive.username)
    page.goto(f"{base}/audits/programmes/{programme.pk}/")
    page.click("#approve-plan")
    page.wait_for_selector("#plan-approved")
    assert timezone.localdate().isoformat() in page.inner_text("#plan-approved")
    plan = download(page, "#plan-docx", "audit-plan.docx")
    log_out(page)

    # The auditor of the sales department works through the checklist on a phone.
    audit = Audit.objects.get(programme=programme, department=sales)
    page.set_viewport_size(PHONE)
    log_in(page, base, audit.auditor.username)
    page.goto(f"{base}/audits/audit/{audit.pk}/")
    page.click("#build-checklist")
    page.wait_for_selector("#checklist")
    items = list(audit.items.all())
    first = items[0]
    form = page.locator(f"#item-{first.pk} form")
    form.locator("input[value=yes]").check()
    form.locator("textarea[name=comment]").fill("方針を掲示板で確認した")
    evidence = tmp_path / "掲示板.png"
    Image.new("RGB", (64, 48), (200, 220, 240)).save(evidence)
    form.locator("input[type=file]").set_input_files(str(evidence))
    form.locator("button[type=submit]").click()
    page.wait_for_selector(f"#item-{first.pk} .ok")
    clean = next(i for i in items if i.requirement == "J.9.2")
    form = page.locator(f"#item-{clean.pk} form")
    form.locator("input[value=no]").check()
    form.locator("textarea[name=comment]").fill("退職者のアカウントが2件残っていた")
    form.locator("button[type=submit]").click()
    page.wait_for_selector(f"#item-{clean.pk} .ok")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"] + 1, f"the checklist scrolls sideways on a phone ({width}px)"
    shot(page, "audit-03-checklist-phone")
    first.refresh_from_db()
    assert first.answer == "yes" and first.evidence and first.comment == "方針を掲示板で確認した"
    for item in items[1:]:
        if item.pk != clean.pk:
            svc.item_answer(item=item, actor=audit.auditor, answer="yes")
    page.select_option("#new-finding select[name=grade]", "minor")
    page.select_option("#new-finding select[name=requirement]", "J.9.2")
    page.fill("#new-finding textarea[name=description]", "退職者のアカウントが削除されていない")
    page.fill("#new-finding textarea[name=evidence]", "アカウント一覧（2名）")
    page.click("#new-finding button[type=submit]")
    page.wait_for_selector("#findings .finding")
    page.click("#conduct")
    page.wait_for_selector("#conducted-on")
    assert timezone.localdate().isoformat() in page.inner_text("#conducted-on")
    shot(page, "audit-04-finding-phone")
    log_out(page)
    page.set_viewport_size({"width": 1280, "height": 900})

    # The auditee acknowledges the finding.
    finding = Finding.objects.get()
    log_in(page, base, c.department_managers[0].username)
    page.goto(f"{base}/audits/audit/{audit.pk}/")
    page.click("#findings form button")
    page.wait_for_selector("text=確認者")
    log_out(page)

    # The privacy manager opens a corrective action, completes it, reviews it and closes it.
    log_in(page, base, c.manager.username)
    page.goto(f"{base}/audits/audit/{audit.pk}/")
    page.click(f"a[href='/audits/actions/new/?finding={finding.pk}']")
    page.wait_for_selector("#from-finding")
    page.fill("textarea[name=correction]", "残っていた2件のアカウントを削除した")
    page.fill("textarea[name=cause_analysis]", "退職手続に情報システム部への連絡が含まれていない")
    page.fill("textarea[name=action]", "退職手続のチェックリストにアカウント削除を追加する")
    page.select_option("select[name=owner]", str(c.manager.pk))
    page.fill("input[name=due_on]", (timezone.localdate() + dt.timedelta(days=30)).isoformat())
    page.click("main form button[type=submit]")
    page.wait_for_selector("#corrective-action")
    ca = CorrectiveAction.objects.get()
    assert ca.finding == finding and ca.requirement == "J.9.2"
    today = timezone.localdate().isoformat()
    page.fill("input[name=completed_on]", today)
    page.click(f"form[action='/audits/actions/{ca.pk}/complete/'] button")
    page.wait_for_selector("input[name=reviewed_on]")
    assert page.locator("#close-action").count() == 0
    page.fill("input[name=reviewed_on]", today)
    page.check("input[name=effective][value=true]")
    page.fill("textarea[name=note]", "翌月の退職者2名のアカウントが当日削除された")
    page.click(f"form[action='/audits/actions/{ca.pk}/review/'] button")
    page.click("#close-action")
    page.wait_for_selector("#closed-on")
    assert today in page.inner_text("#closed-on")
    shot(page, "audit-05-corrective-action-closed")
    log_out(page)

    # The other audits are done; top management approves the report.
    for other in programme.audits.exclude(pk=audit.pk):
        svc.checklist_build(audit=other, actor=other.auditor)
        for item in other.items.all():
            svc.item_answer(item=item, actor=other.auditor, answer="yes")
        svc.audit_conduct(audit=other, actor=other.auditor, conducted_on=timezone.localdate())
    log_in(page, base, c.executive.username)
    page.goto(f"{base}/audits/programmes/{programme.pk}/")
    page.fill("#id_summary", "全6部署で監査を実施し、軽微な不適合1件は是正済み。")
    page.click("#approve-report")
    page.wait_for_selector("#report-approved")
    assert today in page.inner_text("#report-approved")
    report = download(page, "#report-docx", "audit-report.docx")
    shot(page, "audit-06-report-approved")
    log_out(page)

    # The manager generates the review pack; top management decides and approves; minutes exported.
    log_in(page, base, c.manager.username)
    page.click("nav.mainnav a[href='/audits/reviews/']")
    page.fill("#new-review input[name=period_start]", f"{year - 1}-04-01")
    page.fill("#new-review input[name=period_end]", today)
    page.click("#new-review button[type=submit]")
    page.wait_for_selector("#input-audit_results")
    assert "不適合（軽微）" in page.inner_text("#input-audit_results")
    pack = ManagementReview.objects.get()
    log_out(page)
    log_in(page, base, c.executive.username)
    page.goto(f"{base}/audits/reviews/{pack.pk}/")
    section = page.locator("#input-law_changes")
    section.locator("input[name=not_applicable]").check()
    section.locator("button[type=submit]").click()
    assert "理由" in page.inner_text("main")
    section = page.locator("#input-law_changes")
    section.locator("input[name=not_applicable]").check()
    section.locator("input[name=reason]").fill("期間中に改正なし")
    section.locator("button[type=submit]").click()
    section = page.locator("#input-audit_results")
    section.locator("textarea[name=decision]").fill("退職手続の見直しを全社に展開する")
    section.locator("summary").click()
    section.locator("input[name=action]").fill("全部署の退職手続チェックリストを改訂")
    section.locator("select[name=owner]").select_option(str(c.manager.pk))
    section.locator("input[name=due_on]").fill((timezone.localdate() + dt.timedelta(days=60)).isoformat())
    section.locator("button[type=submit]").click()
    page.wait_for_selector("#input-audit_results .decision")
    for item in pack.inputs.filter(decision="", not_applicable=False):
        review.review_decide(review_input=item, actor=c.executive, decision="現状の取組みを継続する")
    page.reload()
    page.click("#approve-review")
    page.wait_for_selector("#held-on")
    assert today in page.inner_text("#held-on")
    shot(page, "audit-07-review-approved")
    minutes = download(page, "#minutes-docx", "management-review-minutes.docx")
    sheet = download(page, "#minutes-xlsx", "management-review-minutes.xlsx")

    # LibreOffice opens every export, on A4, with the Japanese intact.
    text, info = libreoffice_text(minutes, tmp_path)
    assert "A4" in info
    for expected in (
        "マネジメントレビュー議事録",
        "退職手続の見直しを全社に展開する",
        "今回は該当なし（理由：期間中に改正なし）",
        "全部署の退職手続チェックリストを改訂",
        "事故等及びヒヤリハット",
    ):
        assert expected in text, expected
    text, info = libreoffice_text(sheet, tmp_path)
    assert "A4" in info and "マネジメントレビュー議事録" in text
    book = CalamineWorkbook.from_filelike(io.BytesIO(sheet.read_bytes()))
    rows = book.get_sheet_by_index(1).to_python()
    assert rows[1][1] == "内部監査の結果" and "不適合（軽微）：1" in rows[1][2]
    text, info = libreoffice_text(report, tmp_path)
    assert "内部監査報告書" in text and "退職者のアカウントが削除されていない" in text
    text, _info = libreoffice_text(plan, tmp_path)
    assert "内部監査計画書" in text and sales.name.replace(" ", "") in text
