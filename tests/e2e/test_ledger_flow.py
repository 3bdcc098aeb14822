"""The manager keeps the ledger in the browser: a row, its risks, approvals, a change, an incident from it."""

from __future__ import annotations

import subprocess
import sys

import pytest

from mamori.accounts.models import Role
from mamori.incidents.models import Incident
from mamori.ledger.models import LedgerEntry
from mamori.testing import factories

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHASES = ["acquire", "transfer", "use", "store", "dispose"]


def log_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", factories.PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")


def log_out(page) -> None:
    page.click("header form button")
    page.wait_for_url("**/accounts/login/")


def add_risk(page, base: str, entry: LedgerEntry, phase: str) -> None:
    page.goto(f"{base}/ledger/{entry.pk}/risks/new/")
    page.select_option("select[name=phase]", phase)
    page.select_option("select[name=media]", "electronic")
    page.select_option("select[name=kind]", "beyond_purpose" if phase == "use" else "leak")
    page.fill(
        "input[name=threat]", {"transfer": "メールの誤送信", "store": "不正アクセス"}.get(phase, "覗き見")
    )
    page.fill("input[name=vulnerability]", "手順が文書化されていない")
    page.select_option("select[name=likelihood]", "2")
    page.select_option("select[name=impact]", "3")
    page.check("input[name=controls][value='10-6-1']")
    page.check("input[name=controls][value='10-4']")
    if phase == "store":
        page.check("input[name=residual]")
        page.fill("input[name=residual_owner]", "人事部長")
    page.click("main form button.primary")
    page.wait_for_url(f"{base}/ledger/{entry.pk}/")


def scan_result(tmp_path):
    """Run the real ``mamori scan`` over a small share and return the path of its JSON Lines result."""
    folder = tmp_path / "share" / "人事部" / "応募書類"
    folder.mkdir(parents=True)
    (folder / "rirekisho.txt").write_text(
        "履歴書 氏名 佐藤花子 生年月日 1990年5月6日 連絡先 hanako@example.com\n", encoding="utf-8"
    )
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mamori.cli",
            "scan",
            "--format",
            "jsonl",
            "--no-cache",
            "--no-progress",
            str(tmp_path / "share"),
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    path = tmp_path / "scan.jsonl"
    path.write_bytes(result.stdout)
    return path


def test_manager_keeps_a_row_with_risks_and_approvals_and_starts_an_incident_from_it(
    live_server, page, shot, tmp_path
):
    org = factories.make_organisation("みほん商事")
    hr = factories.make_department(org, "人事部")
    factories.make_user(org, Role.MANAGER, username="hogo")
    factories.make_user(org, Role.EXECUTIVE, username="daihyo")
    base = live_server.url

    log_in(page, base, "hogo")
    page.click("nav.mainnav a[href='/ledger/']")
    page.click("a[href='/ledger/new/']")
    page.select_option("select[name=department]", str(hr.pk))
    page.fill("input[name=process]", "給与計算")
    page.fill("input[name=name]", "従業員名簿")
    page.fill("input[name=subjects]", "従業者")
    page.fill("input[name=items]", "氏名、住所、マイナンバー、健康診断結果")
    page.select_option("select[name=special_care]", "true")
    page.select_option("select[name=special_care_consent]", "true")
    page.select_option("select[name=my_number]", "true")
    page.fill("input[name=count]", "180")
    page.select_option("select[name=media]", "electronic")
    page.fill("textarea[name=purpose]", "給与の計算及び支払並びに社会保険の手続のため")
    page.fill("textarea[name=storage]", "給与システム")
    page.select_option("select[name=encrypted]", "true")
    page.select_option("select[name=retained]", "false")
    shot(page, "ledger-01-new-row")
    page.click("main form button.primary")
    page.wait_for_selector("#findings")
    entry = LedgerEntry.objects.get()
    assert page.locator("#findings li[data-code=PHASE_WITHOUT_RISK]").count() == 1
    assert "リスク未評価の段階" in page.inner_text("#findings") and "acquire" not in page.inner_text(
        "#findings"
    )
    shot(page, "ledger-02-row-draft")

    for phase in PHASES:
        add_risk(page, base, entry, phase)
    assert page.locator("#findings li[data-code=PHASE_WITHOUT_RISK]").count() == 0
    assert page.locator("#findings li[data-code=RESIDUAL_NOT_APPROVED]").count() >= 1
    assert "残留リスク未承認" in page.inner_text("#findings") and "（store）" not in page.inner_text(
        "#findings"
    )
    page.click("form[action$='/approve/'] button")
    page.wait_for_selector(".flash")
    shot(page, "ledger-03-risks-and-approved-row")

    log_out(page)
    log_in(page, base, "daihyo")
    page.goto(f"{base}/ledger/{entry.pk}/")
    page.click("form[action$='/risks/approve/'] button")
    page.wait_for_selector("#risk-approval.not_reportable")
    assert page.locator("#findings li[data-code=RESIDUAL_NOT_APPROVED]").count() == 0
    shot(page, "ledger-04-risks-approved-by-top-management")

    log_out(page)
    log_in(page, base, "hogo")
    page.goto(f"{base}/ledger/{entry.pk}/edit/")
    page.fill("textarea[name=storage]", "給与システム（クラウドへ移行）")
    page.click("main form button.primary")
    page.wait_for_selector("#risk-approval.needs_review")
    assert page.locator("#findings li[data-code=RESIDUAL_NOT_APPROVED]").count() >= 1
    versions = page.inner_text("#versions")
    assert "v2" in versions and "クラウドへ移行" in versions
    entry.refresh_from_db()
    assert (entry.special_care, entry.special_care_consent, entry.my_number, entry.encrypted) == (True,) * 4
    assert entry.retained is False  # the edit form kept every recorded value; only the storage changed
    assert [v.version for v in entry.versions.all()] == [2, 1]
    shot(page, "ledger-05-changed-row-approval-invalidated")

    page.goto(f"{base}/ledger/risks/")
    shot(page, "ledger-06-risk-matrix")

    # A scan of the HR share finds a folder nobody declared: register it from the scan result.
    page.goto(f"{base}/ledger/scan/")
    page.fill("input[name=machine]", "FS01")
    page.set_input_files("input[name=file]", str(scan_result(tmp_path)))
    page.click("main form button.primary")
    page.wait_for_selector("#scan-results")
    shot(page, "ledger-06b-scan-results-unregistered")
    page.click("#scan-results tr.unregistered a.register")
    assert "生年月日" in page.input_value("input[name=items]")
    assert page.input_value("select[name=department]") == str(hr.pk)
    page.fill("input[name=process]", "採用")
    page.fill("input[name=name]", "応募者の履歴書（共有フォルダ）")
    shot(page, "ledger-06c-register-from-scan")
    page.click("main form button.primary")
    page.wait_for_selector("#findings")
    assert LedgerEntry.objects.filter(name="応募者の履歴書（共有フォルダ）", department=hr).exists()

    page.goto(f"{base}/ledger/{entry.pk}/")
    page.click(f"a[href='/incidents/report/?ledger={entry.pk}']")
    assert page.is_checked("input[name=data_categories][value=my_number]")
    assert page.is_checked("input[name=data_categories][value=health]")
    assert page.input_value("input[name=persons]") == "180"
    assert page.is_checked(f"input[name=ledger_entries][value='{entry.pk}']")
    page.select_option("select[name=event_class]", "loss")
    page.fill("input[name=title]", "従業員名簿のUSBメモリを紛失")
    page.fill("textarea[name=description]", "社外の打合せ後にUSBメモリが見当たらない。")
    page.select_option("select[name=discovered_by]", "self")
    shot(page, "ledger-07-incident-pre-filled")
    page.click("main form button[type=submit]")
    page.wait_for_selector("#ledger-rows")
    incident = Incident.objects.get()
    assert list(incident.ledger_entries.all()) == [entry]
    page.goto(f"{base}/incidents/{incident.pk}/triage/")
    assert page.input_value("select[name=my_number]") == "true"
    assert page.input_value("select[name=special_care]") == "true"
    shot(page, "ledger-08-triage-pre-filled")
